import Foundation

/// The documents of one segment that were deleted after it was written: a
/// bit per segment-local document id.
///
/// Segments are immutable; deleting a document (because its page changed
/// or disappeared) writes a new deletion file for its segment under a new
/// name, which the next manifest names together with the commit's other
/// files (Lucene's `.liv` files with a delete generation). Readers skip
/// deleted documents and leave them out of the statistics BM25 uses; a
/// merge drops them for good.
///
/// On disk (`<segment>.<generation>.del`), little-endian:
///
///     "SCOURDEL"  u32 format version  u32 documents  u32 deleted
///     bitset      (documents + 7) / 8 bytes, bit i of byte i/8 for document i
///     u32         CRC-32 of all preceding bytes
public struct DeletedDocuments: Sendable, Equatable {
    static let magic: [UInt8] = Array("SCOURDEL".utf8)
    static let formatVersion: UInt32 = 1
    static let headerSize = 8 + 4 + 4 + 4
    public static let fileExtension = "del"

    /// Documents in the segment the set belongs to.
    public let documentCount: Int
    /// Documents deleted.
    public private(set) var count = 0
    private var bits: [UInt8]

    /// An empty set for a segment of `documentCount` documents.
    public init(documentCount: Int) {
        self.documentCount = documentCount
        bits = [UInt8](repeating: 0, count: (documentCount + 7) / 8)
    }

    /// Whether segment-local document `id` is deleted (ids out of range are).
    @inline(__always)
    public func contains(_ id: Int) -> Bool {
        guard id >= 0, id < documentCount else { return true }
        return bits[id >> 3] & (1 << UInt8(id & 7)) != 0
    }

    /// Marks `id` deleted; returns false when it already was (or is out of range).
    @discardableResult
    public mutating func insert(_ id: Int) -> Bool {
        guard id >= 0, id < documentCount, !contains(id) else { return false }
        bits[id >> 3] |= 1 << UInt8(id & 7)
        count += 1
        return true
    }

    /// Adds every document of `other` (same segment).
    public mutating func formUnion(_ other: DeletedDocuments) {
        precondition(other.documentCount == documentCount)
        for index in bits.indices { bits[index] |= other.bits[index] }
        count = bits.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// Documents still live.
    public var liveCount: Int { documentCount - count }

    /// The deleted ids in ascending order.
    public var ids: [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        for (index, byte) in bits.enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (1 << UInt8(bit)) != 0 { result.append(index * 8 + bit) }
        }
        return result
    }

    /// The file's bytes, checksum included.
    public func encoded() -> [UInt8] {
        var bytes = Self.magic
        bytes.appendInteger(Self.formatVersion)
        bytes.appendInteger(UInt32(documentCount))
        bytes.appendInteger(UInt32(count))
        bytes.append(contentsOf: bits)
        bytes.appendInteger(CRC32.checksum(bytes))
        return bytes
    }

    /// Decodes a deletion file, checking its checksum, its size against
    /// `documentCount` (the segment's) and its stored count against its bits.
    public static func decode(_ bytes: [UInt8], documentCount: Int, path: String) throws(IndexError) -> DeletedDocuments {
        guard bytes.count >= headerSize + 4, bytes.starts(with: magic) else {
            throw .corrupted(file: path, reason: "not a Scour deletion file")
        }
        func integer(at offset: Int) -> UInt32 {
            UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
        }
        let version = integer(at: magic.count)
        guard version == formatVersion else {
            throw .unsupportedVersion(file: path, found: version, supported: formatVersion...formatVersion)
        }
        guard CRC32.checksum(Array(bytes[..<(bytes.count - 4)])) == integer(at: bytes.count - 4) else {
            throw .corrupted(file: path, reason: "checksum mismatch")
        }
        let documents = integer(at: magic.count + 4), deleted = integer(at: magic.count + 8)
        guard Int(documents) == documentCount else {
            throw .corrupted(file: path, reason: "made for \(documents) documents, the segment has \(documentCount)")
        }
        let byteCount = (documentCount + 7) / 8
        guard bytes.count == headerSize + byteCount + 4 else {
            throw .corrupted(file: path, reason: "wrong size for \(documentCount) documents")
        }
        var set = DeletedDocuments(documentCount: documentCount)
        set.bits = Array(bytes[headerSize..<(headerSize + byteCount)])
        // Bits past the last document must be clear.
        if documentCount % 8 != 0, let last = set.bits.last, last >> UInt8(documentCount % 8) != 0 {
            throw .corrupted(file: path, reason: "bits set past the last document")
        }
        set.count = set.bits.reduce(0) { $0 + $1.nonzeroBitCount }
        guard set.count == Int(deleted) else {
            throw .corrupted(file: path, reason: "says \(deleted) deleted documents, holds \(set.count)")
        }
        return set
    }

    /// Reads and decodes the deletion file at `path`.
    public static func read(path: String, documentCount: Int) throws(IndexError) -> DeletedDocuments {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
        }
        return try decode(Array(data), documentCount: documentCount, path: path)
    }

    /// Writes the set durably to `path` (see ``FileSink``).
    public func write(to path: String) throws(IndexError) {
        let sink = try FileSink(path: path)
        try sink.write(encoded())
        try sink.close()
    }
}
