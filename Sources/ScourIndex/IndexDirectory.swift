import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder an index lives in, and the commit protocol that keeps it
/// consistent.
///
/// - New segments are written under fresh names (`seg-<generation>-<n>.scour`)
///   and fsynced; they are invisible until a manifest names them.
/// - ``commit(_:)`` writes `MANIFEST.tmp`, fsyncs it, renames it over
///   `MANIFEST` (atomic on POSIX file systems), fsyncs the directory, and only
///   then deletes segment files the new manifest no longer names.
/// - A failure before the rename leaves the previous manifest, and so the
///   previous index, in force; stray files are removed by the next commit.
public struct IndexDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    var manifestPath: String { (path as NSString).appendingPathComponent(Manifest.fileName) }

    /// Creates the directory if needed.
    public func create() throws(IndexError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io(file: path, message: "cannot create the index directory (\(error.localizedDescription))")
        }
    }

    /// The committed manifest, or nil when the directory holds no index.
    public func readManifest() throws(IndexError) -> Manifest? {
        guard FileManager.default.fileExists(atPath: manifestPath) else { return nil }
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw .io(file: manifestPath, message: "cannot read the manifest")
        }
        return try Manifest.decode(Array(data), path: manifestPath)
    }

    /// The path for segment `ordinal` of commit `generation`.
    public func segmentPath(generation: Int, ordinal: Int) -> String {
        let name = String(format: "seg-%06d-%03d.%@", generation, ordinal, SegmentLayout.fileExtension)
        return (path as NSString).appendingPathComponent(name)
    }

    /// Publishes `manifest` atomically, then removes unreferenced segments.
    public func commit(_ manifest: Manifest) throws(IndexError) {
        let temporary = manifestPath + ".tmp"
        let sink = try FileSink(path: temporary)
        try sink.write(try manifest.encoded())
        try sink.close()
        guard rename(temporary, manifestPath) == 0 else {
            throw .io(file: manifestPath, message: String(cString: strerror(errno)))
        }
        syncDirectory(path)
        removeUnreferencedSegments(keeping: Set(manifest.segments.map(\.name)))
    }

    /// Deletes segment files and temporary files no manifest names.
    func removeUnreferencedSegments(keeping live: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where (name.hasPrefix("seg-") && name.hasSuffix("." + SegmentLayout.fileExtension) && !live.contains(name))
            || name == Manifest.fileName + ".tmp" {
            try? FileManager.default.removeItem(atPath: (path as NSString).appendingPathComponent(name))
        }
    }

    /// Takes the index's exclusive write lock (`write.lock`, via `flock`), so
    /// two indexers never interleave commits. Released when the returned
    /// lock is deallocated.
    public func lockForWriting() throws(IndexError) -> WriteLock {
        try WriteLock(path: (path as NSString).appendingPathComponent("write.lock"), directory: path)
    }
}

/// An exclusive, process-wide lock on an index directory.
public final class WriteLock: @unchecked Sendable {
    private let descriptor: Int32

    init(path: String, directory: String) throws(IndexError) {
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw .io(file: path, message: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            _ = close(fd)
            throw .locked(directory: directory)
        }
        descriptor = fd
    }

    deinit {
        _ = flock(descriptor, LOCK_UN)
        _ = close(descriptor)
    }
}
