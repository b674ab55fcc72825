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

    /// The path of the deletion file of segment `segment` (a file name)
    /// written by commit `generation`.
    public func deletionsPath(segment: String, generation: Int) -> String {
        let base = segment.hasSuffix("." + SegmentLayout.fileExtension)
            ? String(segment.dropLast(SegmentLayout.fileExtension.count + 1)) : segment
        let name = String(format: "%@.%06d.%@", base, generation, DeletedDocuments.fileExtension)
        return (path as NSString).appendingPathComponent(name)
    }

    /// The path of a file named `name` in the index folder.
    public func filePath(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Publishes `manifest` atomically, then removes files it does not name.
    ///
    /// Throws when the manifest cannot be written or renamed, or when the
    /// folder cannot be fsynced after the rename: then the commit may not
    /// survive a power cut, and the caller must not report success.
    public func commit(_ manifest: Manifest) throws(IndexError) {
        let temporary = manifestPath + ".tmp"
        let sink = try FileSink(path: temporary)
        try sink.write(try manifest.encoded())
        try sink.close()
        guard rename(temporary, manifestPath) == 0 else {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw .io(file: manifestPath, message: message)
        }
        try syncDirectory(path)
        removeUnreferencedFiles(keeping: manifest.fileNames)
    }

    /// Whether `name` is a file Scour writes into an index folder (and so
    /// may delete when no manifest names it).
    static func isIndexFile(_ name: String) -> Bool {
        (name.hasPrefix("seg-") && (name.hasSuffix("." + SegmentLayout.fileExtension) || name.hasSuffix("." + DeletedDocuments.fileExtension)))
            || name.hasPrefix("catalog-") || name.hasPrefix("templates-") || name.hasSuffix(".tmp")
    }

    /// Deletes the index files `live` does not name: segments, deletion
    /// files, catalogs and templates of older commits, and whatever a failed
    /// or killed run left behind. Call it only while holding the write lock
    /// (or right after a commit, which holds it).
    public func removeUnreferencedFiles(keeping live: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where Self.isIndexFile(name) && !live.contains(name) {
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
