import Foundation

/// Why a source file (WARC, JSON Lines) could not be read at all. Damage
/// inside a file is not an error: the readers report it as an event and go on.
public struct SourceOpenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What went wrong, e.g. `No such file or directory`.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot read \(path): \(reason)" }
}

/// Damage found while streaming a file: one line naming the file and offset.
public struct SourceDamage: Sendable, Equatable, CustomStringConvertible {
    /// Byte offset in the file (for `.gz`, the compressed offset of the
    /// damaged member) — where `dd`, `warcio index` or a hex dump should look.
    public var offset: Int
    /// The whole message, starting with the file's path.
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { message }
}

/// What one read from a byte source produced.
enum ByteRead {
    /// This many bytes were written at the start of the output.
    case bytes(Int)
    /// Clean end of the input.
    case end
    /// Bytes were lost here; reading goes on after it (or ends, for truncation).
    case damaged(SourceDamage)
}

/// An open file read with `pread` at explicit offsets: no hidden position,
/// so resynchronising after damage is just choosing a new offset.
final class FileHandleInput {
    let path: String
    let descriptor: Int32
    /// Where the next plain `read` starts.
    private(set) var position = 0
    /// Bytes read so far: lets tests check that skipped bodies were not read.
    private(set) var bytesRead = 0
    /// The size when opened (a file growing while read is read to its new end,
    /// but skips are checked against this).
    let size: Int

    init(path: String) throws(SourceOpenError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw SourceOpenError(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw SourceOpenError(path: path, reason: "is a folder")
        }
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Reads at `offset`, retrying on `EINTR`; 0 at end of file, -1 on error
    /// (with `errno` set).
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = pread(descriptor, base, buffer.count, off_t(offset))
            if count > 0 { bytesRead += count }
            if count >= 0 || errno != EINTR { return count }
        }
    }

    /// Reads the next bytes in sequence.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> ByteRead {
        let count = read(at: position, into: buffer)
        if count < 0 {
            return .damaged(SourceDamage(offset: position,
                message: "\(path): read error at offset \(position): \(String(cString: strerror(errno)))"))
        }
        if count == 0 { return .end }
        position += count
        return .bytes(count)
    }

    /// Moves the sequential position forward without reading (for skipping
    /// record bodies in uncompressed files: no bytes are copied). Returns how
    /// far it moved: less than `count` when the file ends first.
    func advance(by count: Int) -> Int {
        let moved = max(0, min(count, size - position))
        position += moved
        return moved
    }
}
