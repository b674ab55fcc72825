#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory mapping of a whole file.
///
/// Segments are read through mappings: opening an index costs a checksum
/// pass and no copying, and the kernel's page cache is shared between
/// concurrent `scour search` processes.
final class MappedFile: @unchecked Sendable {
    let path: String
    let bytes: UnsafeRawBufferPointer
    /// Whether `bytes` is a mapping (unmapped at the end) or an allocation.
    private let isMapped: Bool

    init(path: String) throws(IndexError) {
        self.path = path
        isMapped = true
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(file: path, message: String(cString: strerror(errno))) }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(file: path, message: String(cString: strerror(errno))) }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw .io(file: path, message: String(cString: strerror(errno)))
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// A copy of `contents` in ordinary memory, named `path` (for the fuzzer
    /// and tests, which need no file).
    init(copying contents: [UInt8], path: String) {
        self.path = path
        isMapped = false
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(contents.count, 1), alignment: 16)
        contents.withUnsafeBytes { copy.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(copy)[0..<contents.count])
    }

    /// Drops the pages of the file this process holds resident: a merge
    /// reads each input once, front to back, and without this every page
    /// it read would stay counted in its resident size until the end. The
    /// pages stay in the page cache; a later read maps them again.
    func releaseResidentPages(upTo end: Int? = nil) {
        guard isMapped, let base = bytes.baseAddress, bytes.count > 0 else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = end.map { min($0, bytes.count) / page * page } ?? bytes.count
        guard length > 0 else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), length, MADV_DONTNEED)
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            base.deallocate()
        }
    }
}
