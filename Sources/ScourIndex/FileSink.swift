#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered, checksummed, durable file writer.
///
/// Segment and manifest files are written through this so that every byte
/// feeds the CRC footer and ``close()`` reaches the disk (`fsync`) before
/// the manifest that names the file is published.
///
/// A file that was not completed is removed: when a write or the fsync
/// fails (a full disk: ENOSPC), and when the sink is dropped before a
/// successful ``close()`` (its writer threw). A failed run then leaves no
/// partial file behind to fill the disk for the next run.
final class FileSink {
    let path: String
    private var descriptor: Int32
    /// Whether ``close()`` succeeded: the file is complete and stays.
    private var completed = false
    private var buffer: [UInt8] = []
    private(set) var offset: UInt64 = 0
    private(set) var checksum = CRC32()

    init(path: String) throws(IndexError) {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .io(file: path, message: String(cString: strerror(errno))) }
        descriptor = fd
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if !completed { abandon() }
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    /// Closes and deletes the unfinished file (freeing its space at once).
    private func abandon() {
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
        _ = unlink(path)
    }

    func write(_ bytes: [UInt8]) throws(IndexError) {
        bytes.withUnsafeBytes { checksum.update($0) }
        offset += UInt64(bytes.count)
        if buffer.count + bytes.count > 1 << 20 { try flush() }
        if bytes.count >= 1 << 20 {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Pads with zero bytes to a multiple of 8, keeping sections aligned.
    func align() throws(IndexError) {
        let padding = Int((8 - offset % 8) % 8)
        if padding > 0 { try write([UInt8](repeating: 0, count: padding)) }
    }

    /// Writes the CRC of everything so far, flushes, fsyncs and closes.
    func finishWithChecksum() throws(IndexError) {
        var trailer: [UInt8] = []
        trailer.appendInteger(checksum.value)
        try write(trailer)
        try close()
    }

    func close() throws(IndexError) {
        try flush()
        guard fsync(descriptor) == 0 else {
            let message = String(cString: strerror(errno))
            abandon()
            throw .io(file: path, message: message)
        }
        completed = true
    }

    private func flush() throws(IndexError) {
        guard !buffer.isEmpty else { return }
        try writeAll(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: [UInt8]) throws(IndexError) {
        guard descriptor >= 0 else { throw .io(file: path, message: "written after a failed write") }
        do throws(IndexError) { try ScourIndex.writeAll(bytes, to: descriptor, path: path) } catch {
            abandon()
            throw error
        }
    }
}

/// Writes all of `bytes` to the open file `descriptor` (retrying short
/// writes and interruptions); the error names `path`.
public func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(IndexError) {
    var failure: Int32 = 0
    bytes.withUnsafeBytes { raw in
        var done = 0
        while done < raw.count {
            let n = Glibc.write(descriptor, raw.baseAddress! + done, raw.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            done += n
        }
    }
    if failure != 0 { throw .io(file: path, message: String(cString: strerror(failure))) }
}

/// Makes a completed rename durable by fsyncing its directory; a failure
/// is an error (the rename may not survive a power cut).
func syncDirectory(_ path: String) throws(IndexError) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw .io(file: path, message: "cannot open the folder to sync it: " + String(cString: strerror(errno))) }
    defer { _ = Glibc.close(fd) }
    guard fsync(fd) == 0 else {
        throw .io(file: path, message: "cannot sync the folder after committing: " + String(cString: strerror(errno)))
    }
}
