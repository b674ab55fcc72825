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
    /// lock is deallocated. `command` is recorded in the lock file for the
    /// message another writer gets (see ``WriteLock``).
    public func lockForWriting(command: String = WriteLock.defaultCommand) throws(IndexError) -> WriteLock {
        try WriteLock(path: (path as NSString).appendingPathComponent(WriteLock.fileName), directory: path, command: command)
    }
}

/// An exclusive, process-wide lock on an index directory.
///
/// The lock itself is `flock` on `write.lock` (released by the kernel when
/// the process dies, however it dies). While held, the file names the
/// holder — `pid 1234`, `command scour index`, `started 2026-…` — so a
/// second writer can say who is in the way. A file that still names a
/// process after `flock` succeeded was left by a run that was killed; if
/// that process no longer exists the lock is taken over and
/// ``tookOverFrom`` says from whom, for a warning.
public final class WriteLock: @unchecked Sendable {
    public static let fileName = "write.lock"
    /// The current process's name and arguments, the default `command`.
    public static var defaultCommand: String {
        ([ (CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent } ?? "scour") ]
            + CommandLine.arguments.dropFirst().prefix(1)).joined(separator: " ")
    }

    /// Who holds (or held) a lock, as recorded in `write.lock`.
    public struct Holder: Sendable, Equatable {
        public var processID: Int32
        public var command: String
        /// When the holder took the lock (ISO 8601).
        public var started: String

        public init(processID: Int32, command: String, started: String) {
            self.processID = processID
            self.command = command
            self.started = started
        }

        var encoded: String { "pid \(processID)\ncommand \(command)\nstarted \(started)\n" }

        /// Parses the file's lines; nil when it names no process (empty,
        /// released, or not yet written).
        init?(_ text: String) {
            var fields: [Substring: Substring] = [:]
            for line in text.split(separator: "\n") {
                guard let space = line.firstIndex(of: " ") else { continue }
                fields[line[..<space]] = line[line.index(after: space)...]
            }
            guard let pid = fields["pid"].flatMap({ Int32($0) }), pid > 0 else { return nil }
            processID = pid
            command = fields["command"].map(String.init) ?? "unknown command"
            started = fields["started"].map(String.init) ?? "at an unknown time"
        }
    }

    private let descriptor: Int32
    /// The process whose stale lock was taken over (it was killed without
    /// releasing it and no longer exists), for a warning; nil normally.
    public let tookOverFrom: Int32?

    init(path: String, directory: String, command: String = WriteLock.defaultCommand) throws(IndexError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(file: path, message: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Holder(Self.contents(of: fd))
            _ = close(fd)
            throw .locked(directory: directory, holder: holder)
        }
        if let previous = Holder(Self.contents(of: fd)), previous.processID != getpid(),
           kill(previous.processID, 0) != 0, errno == ESRCH {
            tookOverFrom = previous.processID
        } else {
            tookOverFrom = nil
        }
        let started = ISO8601DateFormatter().string(from: Date())
        let record = Holder(processID: getpid(), command: command.replacingOccurrences(of: "\n", with: " "), started: started)
        let bytes = Array(record.encoded.utf8)
        guard ftruncate(fd, 0) == 0, pwrite(fd, bytes, bytes.count, 0) == bytes.count else {
            let message = String(cString: strerror(errno))
            _ = close(fd)
            throw .io(file: path, message: message)
        }
        descriptor = fd
    }

    /// Up to 4 KB of the lock file, from its start.
    private static func contents(of fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = pread(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        _ = flock(descriptor, LOCK_UN)
        _ = close(descriptor)
    }
}
