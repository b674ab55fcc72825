import Foundation
import ScourPrimitives
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A term's entry in a segment's dictionary.
public struct TermInfo: Sendable, Equatable {
    /// Documents of this segment that contain the term.
    public var documentFrequency: Int
    let postingsOffset: Int
    let postingsLength: Int
}

/// Read access to one immutable segment file.
///
/// Opening validates the magic number, format version, checksum and section
/// bounds once, so that every later read can trust the structure; a
/// damaged or foreign file is rejected with an ``IndexError`` naming it.
public final class SegmentReader: Sendable {
    public let path: String
    /// The segment's format version, within ``SegmentLayout/supportedVersions``.
    public let formatVersion: UInt32
    let file: MappedFile
    let footer: SegmentFooter

    /// Whether the dictionary holds site terms (format 4 on): when not,
    /// `site:` must check each candidate's stored URL instead.
    public var hasSiteTerms: Bool { formatVersion >= SegmentLayout.identityVersion }

    /// Number of documents in the segment.
    public var documentCount: Int { Int(footer.documentCount) }
    /// Number of distinct terms in the segment.
    public var termCount: Int { Int(footer.termCount) }
    /// Sum of each field's lengths over the segment's documents, in tokens.
    public func tokens(in field: IndexField) -> UInt64 { footer.fieldTokens[field.rawValue] }
    /// Number of words in the spelling dictionary.
    public var spellingCount: Int { Int(footer.spellingCount) }
    /// Size of the file in bytes.
    public var byteCount: Int { file.bytes.count }

    /// Maps and validates the segment at `path`.
    public init(path: String) throws(IndexError) {
        self.path = path
        file = try MappedFile(path: path)
        let bytes = file.bytes
        let minimum = SegmentLayout.headerSize + SegmentLayout.footerSize
        guard bytes.count >= minimum else { throw .corrupted(file: path, reason: "file is truncated") }
        guard bytes.starts(with: SegmentLayout.magic) else {
            throw .corrupted(file: path, reason: "not a Scour segment file")
        }
        var reader = ByteReader(bytes, offset: SegmentLayout.magic.count)
        let version = reader.integer(UInt32.self) ?? 0
        guard SegmentLayout.supportedVersions.contains(version) else {
            throw .unsupportedVersion(file: path, found: version, supported: SegmentLayout.supportedVersions)
        }
        formatVersion = version
        guard reader.integer(UInt32.self) == PostingsCodec.identifier else {
            throw .corrupted(file: path, reason: "unknown postings codec")
        }
        let checksumOffset = bytes.count - 4
        var stored = ByteReader(bytes, offset: checksumOffset)
        guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<checksumOffset])) == stored.integer(UInt32.self) else {
            throw .corrupted(file: path, reason: "checksum mismatch")
        }
        var footerReader = ByteReader(bytes, offset: bytes.count - SegmentLayout.footerSize)
        guard let footer = SegmentFooter(&footerReader),
              let magic = footerReader.bytes(SegmentLayout.footerMagic.count),
              magic.elementsEqual(SegmentLayout.footerMagic)
        else { throw .corrupted(file: path, reason: "bad footer") }
        let limit = UInt64(bytes.count - SegmentLayout.footerSize)
        let documentsEnd = footer.documentsOffset + UInt64(footer.documentCount) * UInt64(SegmentLayout.documentEntrySize)
        let termsEnd = footer.termsOffset + UInt64(footer.termCount) * UInt64(SegmentLayout.termEntrySize)
        let spellingEnd = footer.spellingOffset &+ footer.spellingCount &* UInt64(SegmentLayout.spellingEntrySize)
        guard documentsEnd <= limit, footer.storeOffset + footer.storeLength <= limit, termsEnd <= limit,
              footer.termBytesOffset + footer.termBytesLength <= limit,
              footer.postingsOffset + footer.postingsLength <= limit,
              footer.spellingCount < UInt64(UInt32.max), spellingEnd <= limit,
              footer.spellingBytesOffset + footer.spellingBytesLength <= limit
        else { throw .corrupted(file: path, reason: "section out of bounds") }
        self.footer = footer
    }

    // MARK: Terms

    /// The term at dictionary index `index` (terms are sorted by bytes).
    public func term(at index: Int) -> UnsafeRawBufferPointer {
        let entry = Int(footer.termsOffset) + index * SegmentLayout.termEntrySize
        let offset = Int(load(UInt32.self, at: entry + 12))
        let length = Int(load(UInt32.self, at: entry + 16))
        let start = Int(footer.termBytesOffset) + offset
        guard offset + length <= Int(footer.termBytesLength) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: file.bytes[start..<(start + length)])
    }

    /// The dictionary entry at `index`.
    public func termInfo(at index: Int) -> TermInfo {
        let entry = Int(footer.termsOffset) + index * SegmentLayout.termEntrySize
        return TermInfo(
            documentFrequency: Int(load(UInt32.self, at: entry + 20)),
            postingsOffset: Int(load(UInt64.self, at: entry)),
            postingsLength: Int(load(UInt32.self, at: entry + 8)))
    }

    /// Looks `term` up by binary search; nil when the segment lacks it.
    public func lookup(_ term: UnsafeRawBufferPointer) -> TermInfo? {
        index(of: term).map(termInfo(at:))
    }

    /// The dictionary index of `term`, by binary search; nil when absent.
    public func index(of term: UnsafeRawBufferPointer) -> Int? {
        var low = 0, high = termCount
        while low < high {
            let middle = (low + high) / 2
            let candidate = self.term(at: middle)
            let order = ByteOrder.compare(candidate, term)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    public func lookup(_ term: String) -> TermInfo? {
        var term = term
        return term.withUTF8 { lookup(UnsafeRawBufferPointer($0)) }
    }

    /// A cursor over the postings of `info`.
    public func postings(_ info: TermInfo) -> PostingsCursor {
        let start = Int(footer.postingsOffset) + info.postingsOffset
        let end = min(start + info.postingsLength, Int(footer.postingsOffset + footer.postingsLength))
        return PostingsCursor(
            bytes: UnsafeRawBufferPointer(rebasing: file.bytes[min(start, end)..<end]),
            documentLimit: footer.documentCount)
    }

    // MARK: Documents

    /// Field lengths of document `id`, in tokens.
    @inline(__always)
    public func lengths(of id: Int) -> FieldCounts {
        let entry = Int(footer.documentsOffset) + id * SegmentLayout.documentEntrySize
        return FieldCounts(
            title: load(UInt32.self, at: entry + 8), headings: load(UInt32.self, at: entry + 12),
            body: load(UInt32.self, at: entry + 16), url: load(UInt32.self, at: entry + 20))
    }

    /// The stored fields of document `id`. A format-3 record has no
    /// aliases, location or source: they come back empty.
    public func document(_ id: Int) throws(IndexError) -> StoredDocument {
        var reader = try storeReader(for: id)
        guard let path = reader.string(), let title = reader.string(), let text = reader.string(),
              let format = reader.string(), let fingerprint = reader.integer(UInt64.self),
              let headings = reader.string(), let url = reader.string(),
              let date = reader.string(), let canonicalURL = reader.string(), let language = reader.string()
        else { throw .corrupted(file: self.path, reason: "bad document record") }
        var document = StoredDocument(
            path: path, title: title, text: text, format: format, fingerprint: fingerprint,
            headings: headings.isEmpty ? [] : headings.components(separatedBy: "\n"), url: url,
            date: date, canonicalURL: canonicalURL, language: language)
        guard formatVersion >= SegmentLayout.identityVersion else { return document }
        guard let aliasCount = reader.varint(), aliasCount <= UInt64(reader.end - reader.offset) else {
            throw .corrupted(file: self.path, reason: "bad document record")
        }
        for _ in 0..<aliasCount {
            guard let alias = reader.string() else { throw .corrupted(file: self.path, reason: "bad document record") }
            document.aliases.append(alias)
        }
        guard let location = reader.string(), let source = reader.string() else {
            throw .corrupted(file: self.path, reason: "bad document record")
        }
        document.location = location
        document.source = source
        return document
    }

    /// The stored URL of document `id`, skipping the text rather than
    /// decoding it: what `site:` checks in segments without site terms.
    /// Costs one short string per call.
    public func storedURL(of id: Int) throws(IndexError) -> String {
        var reader = try storeReader(for: id)
        for _ in 0..<4 {  // path, title, text, format
            guard let length = reader.varint(), length <= UInt64(Int.max), reader.bytes(Int(length)) != nil else {
                throw .corrupted(file: path, reason: "bad document record")
            }
        }
        guard reader.integer(UInt64.self) != nil, let length = reader.varint(), length <= UInt64(Int.max),
              reader.bytes(Int(length)) != nil, let url = reader.string()
        else { throw .corrupted(file: path, reason: "bad document record") }
        return url
    }

    /// A reader positioned at the start of document `id`'s store record.
    private func storeReader(for id: Int) throws(IndexError) -> ByteReader {
        guard id >= 0, id < documentCount else { throw .corrupted(file: path, reason: "document \(id) out of range") }
        let entry = Int(footer.documentsOffset) + id * SegmentLayout.documentEntrySize
        let offset = load(UInt64.self, at: entry)
        let store = UnsafeRawBufferPointer(rebasing: file.bytes[Int(footer.storeOffset)..<Int(footer.storeOffset + footer.storeLength)])
        guard offset < footer.storeLength else { throw .corrupted(file: path, reason: "bad document offset") }
        return ByteReader(store, offset: Int(offset))
    }

    // MARK: Spelling dictionary

    /// The surface word at `index` of the spelling dictionary (sorted by bytes).
    public func spellingWord(at index: Int) -> UnsafeRawBufferPointer {
        let entry = Int(footer.spellingOffset) + index * SegmentLayout.spellingEntrySize
        let offset = Int(load(UInt32.self, at: entry))
        let length = Int(load(UInt32.self, at: entry + 4))
        guard offset + length <= Int(footer.spellingBytesLength) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let start = Int(footer.spellingBytesOffset) + offset
        return UnsafeRawBufferPointer(rebasing: file.bytes[start..<(start + length)])
    }

    /// Documents containing the surface word at `index`.
    public func spellingFrequency(at index: Int) -> Int {
        Int(load(UInt32.self, at: Int(footer.spellingOffset) + index * SegmentLayout.spellingEntrySize + 8))
    }

    @inline(__always)
    private func load<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        T(littleEndian: file.bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
