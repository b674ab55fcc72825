import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catalog entries written to a temporary file as a run makes them, so a
/// run over a million pages does not hold a million entries: the commit
/// reads them back one at a time into the catalog file
/// (``IndexWriter/commit(sources:catalog:spilledCatalog:templates:)``).
///
/// Each record is its length (4 bytes) and the entry encoded as in the
/// catalog file, its table strings numbered by the spill's own table.
/// What a summary needs of all entries (counts by source, the containers
/// used) is kept as they pass.
public final class DocumentCatalogSpill: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private(set) var table = DocumentCatalog.StringTable()
    /// Entries written.
    public private(set) var count = 0
    /// Documents (entries that are not aliases) by source.
    public private(set) var documentsBySource: [String: Int] = [:]
    /// Every source an entry names, aliases included.
    public private(set) var sources: Set<String> = []
    /// The JSON Lines and WARC files entries name.
    public private(set) var containersUsed: Set<String> = []
    /// The JSON Lines and WARC files' sizes and times, as the catalog records them.
    public var containers: [String: DocumentCatalog.Container] = [:]
    /// Documents written (entries that are not aliases).
    public var documentCount: Int { documentsBySource.values.reduce(0, +) }

    public init(path: String) throws(IndexError) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .io(file: path, message: String(cString: strerror(errno))) }
        buffer.reserveCapacity(1 << 20)
    }

    deinit { remove() }

    public func append(_ entry: DocumentCatalog.Entry) throws(IndexError) {
        table.add(entry)
        let start = buffer.count
        buffer.appendInteger(UInt32(0))
        entry.encode(into: &buffer, index: table.index)
        let length = UInt32(buffer.count - start - 4)
        withUnsafeBytes(of: length.littleEndian) { bytes in
            for (offset, byte) in bytes.enumerated() { buffer[start + offset] = byte }
        }
        count += 1
        sources.insert(entry.source)
        if !entry.container.isEmpty { containersUsed.insert(entry.container) }
        if !entry.isAlias { documentsBySource[entry.source, default: 0] += 1 }
        if buffer.count >= 1 << 20 { try flush() }
    }

    public func append(contentsOf entries: some Sequence<DocumentCatalog.Entry>) throws(IndexError) {
        for entry in entries { try append(entry) }
    }

    /// Calls `body` with each entry, in the order written.
    func forEach(_ body: (DocumentCatalog.Entry) throws(IndexError) -> Void) throws(IndexError) {
        let strings = table.strings
        try forEachRecord { record throws(IndexError) in
            var reader = ByteReader(record)
            guard let entry = DocumentCatalog.Entry.decode(&reader, strings: strings), reader.isAtEnd else {
                throw .corrupted(file: path, reason: "damaged catalog record")
            }
            try body(entry)
        }
    }

    /// Calls `body` with each entry's bytes, in the order written: an entry
    /// encoded as in a catalog file whose string table starts with this
    /// spill's (``table``), so that it can be copied as it is.
    func forEachRecord(_ body: (UnsafeRawBufferPointer) throws(IndexError) -> Void) throws(IndexError) {
        try flush()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var filled = 0
        var fileOffset: off_t = 0
        var seen = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, $0.count - filled, fileOffset) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw .io(file: path, message: String(cString: strerror(errno))) }
            fileOffset += off_t(n)
            filled += n
            // The whole records in the chunk.
            var consumed = 0
            var failure: IndexError?
            chunk.withUnsafeBytes { raw in
                var reader = ByteReader(UnsafeRawBufferPointer(rebasing: raw[..<filled]))
                while let length = reader.integer(UInt32.self), let record = reader.bytes(Int(length)) {
                    do throws(IndexError) { try body(record) } catch {
                        failure = error
                        return
                    }
                    seen += 1
                    consumed = reader.offset
                }
            }
            if let failure { throw failure }
            if n == 0 {
                guard consumed == filled, seen == count else {
                    throw .corrupted(file: path, reason: "ends inside a record")
                }
                return
            }
            // Keep the partial record; grow the chunk for a record longer than it.
            chunk.withUnsafeMutableBytes { raw in
                _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, filled - consumed)
            }
            filled -= consumed
            if filled == chunk.count { chunk += [UInt8](repeating: 0, count: chunk.count) }
        }
    }

    private func flush() throws(IndexError) {
        guard !buffer.isEmpty else { return }
        guard descriptor >= 0 else { throw .io(file: path, message: "the spill file was closed") }
        try writeAll(buffer, to: descriptor, path: path)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Closes and deletes the file.
    public func remove() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
            unlink(path)
        }
    }
}
