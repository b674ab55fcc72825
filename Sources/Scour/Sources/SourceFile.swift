#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ScourPrimitives

/// What a file holds, judged by its name only: the content decides the rest
/// (an HTML page saved as `news.jsp` or `item.php` is still a page).
public enum SourceKind: String, Sendable, Equatable, CaseIterable {
    /// One document (HTML, text, or anything the extractor may reject).
    case page
    /// JSON Lines records (`.jsonl`, `.ndjson`), one document per line.
    case jsonLines
    /// A web archive (`.warc`, `.warc.gz`), many responses in one file.
    case warc

    /// The kind a file name suggests (case-insensitive).
    public static func of(name: [UInt8]) -> SourceKind {
        let lower = name.map(ASCIIBytes.lower)
        func ends(_ suffix: String) -> Bool { lower.count > suffix.utf8.count && lower.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
        if ends(".warc") || ends(".warc.gz") { return .warc }
        if ends(".jsonl") || ends(".ndjson") || ends(".jsonl.gz") || ends(".ndjson.gz") { return .jsonLines }
        return .page
    }
}

/// A file found to index.
public struct SourceFile: Sendable, Equatable {
    /// The path to open, as raw bytes: names that are not UTF-8 still open.
    public var path: [UInt8]
    /// The path as the user would type it (the root as given, then the path
    /// under it); bytes that are not UTF-8 appear as `\xNN`.
    public var displayPath: String
    /// The document's id: unique within one walk and the same on every walk
    /// of the same tree (see ``SourceWalker`` for how it is formed).
    public var id: String
    /// The page's web address, recovered from the mirror's folder layout
    /// (see ``MirrorURL``); nil when the layout says nothing.
    public var url: String? {
        get {
            if let storedURL { return storedURL }
            guard let layout = mirrorLayout else { return nil }
            return MirrorURL.url(rootComponents: layout.root, relative: RawPath.components(Array(path[layout.relativeStart...])))
        }
        set {
            storedURL = newValue
            mirrorLayout = nil
        }
    }
    private var storedURL: String?
    /// What ``url`` is worked out from when it is asked for: the root's
    /// real path (one array shared by every file of the root) and where
    /// the path under the root starts in ``path``. The walk records this
    /// instead of the URL, so a file an update does not read costs no URL.
    var mirrorLayout: MirrorLayout?

    struct MirrorLayout: Sendable, Equatable {
        var root: [[UInt8]]
        var relativeStart: Int
    }
    public var kind: SourceKind
    /// Size in bytes when the walk saw it.
    public var size: Int
    /// Modification time, seconds since 1970.
    public var modified: Double
    /// The root (a path given to the walk) the file was found under, as given.
    public var root: String

    public init(path: [UInt8], displayPath: String, id: String, url: String?, kind: SourceKind,
                size: Int, modified: Double, root: String) {
        self.path = path
        self.displayPath = displayPath
        self.id = id
        self.storedURL = url
        self.kind = kind
        self.size = size
        self.modified = modified
        self.root = root
    }

    /// The lower-cased extension of the file name without the dot, after
    /// any `?query` wget kept in it (`item.php?id=7` → `php`); empty when
    /// there is none. The extractor takes it as a hint only.
    public var fileExtension: String {
        var name = path.split(separator: UInt8(ascii: "/")).last.map(Array.init) ?? []
        if let query = name.firstIndex(of: UInt8(ascii: "?")) { name = Array(name[..<query]) }
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0, dot + 1 < name.count else { return "" }
        return RawPath.display(Array(name[(dot + 1)...])).lowercased()
    }

    /// The whole file, read with `open(2)` on the raw path.
    ///
    /// Costs one `open`, one `fstat` and reads of up to 1 MiB; the buffer is
    /// sized from `fstat`, so a file is not copied as it grows.
    /// - Throws: ``SourceReadError`` when the file vanished, cannot be read,
    ///   is no longer a regular file, or changed size while being read.
    public func read() throws(SourceReadError) -> [UInt8] {
        let descriptor = RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw SourceReadError(displayPath, openErrno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(displayPath, RawPath.message(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(displayPath) }
        let expected = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: expected)
        var total = 0
        while true {
            if total == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count / 2))) }
            let chunk = min(bytes.count - total, 1 << 20)
            let count = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + total, chunk) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(displayPath, RawPath.message(errno))
            }
            if count == 0 { break }
            total += count
        }
        bytes.removeSubrange(total...)
        guard total == expected else { throw .changedWhileReading(displayPath, expected: expected, read: total) }
        return bytes
    }
}

/// `read(2)`, named apart from ``SourceFile/read()``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// Why ``SourceFile/read()`` failed; the description is one line.
public enum SourceReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is gone since the walk (deleted or renamed).
    case vanished(String)
    /// The file exists but cannot be read (permissions, I/O error).
    case unreadable(String, String)
    /// The path now names something else than a regular file.
    case notRegularFile(String)
    /// The file grew or shrank while it was read: probably still being written.
    case changedWhileReading(String, expected: Int, read: Int)

    init(_ path: String, openErrno code: Int32) {
        switch code {
        case ENOENT, ENOTDIR: self = .vanished(path)
        default: self = .unreadable(path, RawPath.message(code))
        }
    }

    public var description: String {
        switch self {
        case .vanished(let path): return "\(path): vanished since the folder was walked"
        case .unreadable(let path, let reason): return "\(path): cannot read (\(reason))"
        case .notRegularFile(let path): return "\(path): no longer a regular file"
        case .changedWhileReading(let path, let expected, let read):
            return "\(path): changed size while being read (\(expected) bytes expected, \(read) read); is it still being written?"
        }
    }
}
