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
    /// -1 marks an entry whose postings lie outside the file.
    let postingsLength: Int

    static let damaged = TermInfo(documentFrequency: 0, postingsOffset: 0, postingsLength: -1)
    /// Whether the dictionary entry pointed outside the postings section.
    public var isDamaged: Bool { postingsLength < 0 }
}

/// Read access to one immutable segment file.
///
/// Opening reads the header and the footer only: the magic numbers, format
/// version, postings codec, and that every section of the footer's table
/// lies inside the file (with overflow-checked arithmetic). It does not
/// read the rest, so opening a large index costs a few pages, not a pass
/// over every byte; ``verifyChecksum()`` (what `scour check` runs) reads
/// the whole file. Given the manifest's size and checksum, opening also
/// compares them with the file's size and stored CRC, so a segment that
/// does not belong to the manifest is still caught at once.
///
/// Values inside the sections (term entries, store offsets, postings) are
/// checked where they are used: a damaged file whose checksum was
/// recomputed yields an ``IndexError`` naming it, or, on hot paths that
/// cannot throw, an empty result (and ``PostingsCursor/isDamaged``) —
/// never a crash or a read outside the mapping.
public final class SegmentReader: Sendable {
    public let path: String
    /// The segment's format version, within ``SegmentLayout/supportedVersions``.
    public let formatVersion: UInt32
    let file: MappedFile
    let footer: SegmentFooter
    /// Bytes of an entry of the documents table (``SegmentLayout/documentEntrySize(version:)``).
    let documentEntrySize: Int
    /// The term and spelling tables from format 7 (``TermDictionary``).
    let packedTerms: TermDictionary.PackedTable
    let packedSpelling: TermDictionary.PackedTable
    /// The first term of each block of a packed dictionary, read at open:
    /// a lookup picks its block here and reads that block alone.
    private let blockIndex: TermDictionary.BlockIndex
    /// Whether the packed term table's block index lies outside the file.
    let blockIndexIsDamaged: Bool

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
    /// The CRC-32 stored in the file's last four bytes (what the manifest
    /// records); ``verifyChecksum()`` checks it against the contents.
    public var storedChecksum: UInt32 { load(UInt32.self, at: file.bytes.count - 4) }

    /// Maps the segment at `path` and validates its header and footer.
    public convenience init(path: String) throws(IndexError) {
        try self.init(file: try MappedFile(path: path), expectedBytes: nil, expectedChecksum: nil)
    }

    /// Maps the segment at `path`, validates its header and footer, and
    /// checks its size and stored CRC against what the manifest recorded
    /// (nil skips a check: manifests before version 2 have no checksum).
    public convenience init(path: String, expectedBytes: Int?, expectedChecksum: UInt32?) throws(IndexError) {
        try self.init(file: try MappedFile(path: path), expectedBytes: expectedBytes, expectedChecksum: expectedChecksum)
    }

    /// A segment held in memory (a copy of `bytes`), named `path` in errors:
    /// what the fuzzer opens.
    package convenience init(bytes: [UInt8], path: String) throws(IndexError) {
        try self.init(file: MappedFile(copying: bytes, path: path), expectedBytes: nil, expectedChecksum: nil)
    }

    private init(file: MappedFile, expectedBytes: Int?, expectedChecksum: UInt32?) throws(IndexError) {
        let path = file.path
        self.path = path
        self.file = file
        let bytes = file.bytes
        if let expectedBytes, bytes.count != expectedBytes {
            throw .corrupted(file: path, reason: "\(bytes.count) bytes, the manifest says \(expectedBytes)")
        }
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
        guard reader.integer(UInt32.self) == PostingsCodec.identifier(forFormat: version) else {
            throw .corrupted(file: path, reason: "unknown postings codec")
        }
        var footerReader = ByteReader(bytes, offset: bytes.count - SegmentLayout.footerSize)
        guard let footer = SegmentFooter(&footerReader),
              let magic = footerReader.bytes(SegmentLayout.footerMagic.count),
              magic.elementsEqual(SegmentLayout.footerMagic)
        else { throw .corrupted(file: path, reason: "bad footer") }
        if let expectedChecksum, let stored = footerReader.integer(UInt32.self), stored != expectedChecksum {
            throw .corrupted(file: path, reason: "checksum mismatch: the file's is \(Self.hex(stored)), the manifest says \(Self.hex(expectedChecksum))")
        }
        if let problem = Self.sectionProblem(footer, limit: UInt64(bytes.count - SegmentLayout.footerSize), version: version) {
            throw .corrupted(file: path, reason: problem)
        }
        self.footer = footer
        documentEntrySize = SegmentLayout.documentEntrySize(version: version)
        let limit = bytes.count - SegmentLayout.footerSize
        // A block index that lies outside the file (damage inside a
        // section) is found where it is used: no term is found, and
        // ``IndexChecker`` names it; opening reads only the header and footer.
        let index = version >= SegmentLayout.packedDictionaryVersion
            ? TermDictionary.BlockIndex(bytes: bytes, offset: footer.termsOffset, count: Int(footer.termCount), limit: limit)
            : nil
        blockIndex = index ?? TermDictionary.BlockIndex()
        blockIndexIsDamaged = version >= SegmentLayout.packedDictionaryVersion && index == nil
        packedTerms = .init(bytes: bytes, offset: footer.termsOffset, count: Int(footer.termCount), gap: blockIndex.length, limit: limit)
        packedSpelling = .init(bytes: bytes, offset: footer.spellingOffset, count: Int(footer.spellingCount), limit: limit)
    }

    /// What is wrong with the footer's section table, nil when every section
    /// lies between the header and the footer (`limit`).
    static func sectionProblem(_ footer: SegmentFooter, limit: UInt64, version: UInt32) -> String? {
        func table(_ offset: UInt64, _ count: UInt64, _ entrySize: Int) -> (UInt64, UInt64) {
            let (length, overflow) = count.multipliedReportingOverflow(by: UInt64(entrySize))
            return (offset, overflow ? UInt64.max : length)
        }
        let sections: [(name: String, range: (UInt64, UInt64))] = [
            ("document table", table(footer.documentsOffset, UInt64(footer.documentCount), SegmentLayout.documentEntrySize(version: version))),
            ("document store", (footer.storeOffset, footer.storeLength)),
            ("term table", termTable(footer, version: version)),
            ("term bytes", (footer.termBytesOffset, footer.termBytesLength)),
            ("postings", (footer.postingsOffset, footer.postingsLength)),
            ("spelling table", version >= SegmentLayout.packedDictionaryVersion
                ? (footer.spellingOffset, TermDictionary.headersLength(count: footer.spellingCount))
                : table(footer.spellingOffset, footer.spellingCount, version >= SegmentLayout.blockPostingsVersion
                                                                        ? TermDictionary.compactSpellingEntrySize : TermDictionary.wideSpellingEntrySize)),
            ("spelling bytes", (footer.spellingBytesOffset, footer.spellingBytesLength)),
        ]
        for (name, (offset, length)) in sections {
            guard offset >= UInt64(SegmentLayout.headerSize), offset <= limit, length <= limit - offset else {
                return "\(name) section (offset \(offset), \(length) bytes) lies outside the file"
            }
        }
        guard footer.spellingCount <= UInt64(UInt32.max) else { return "spelling count \(footer.spellingCount) is impossible" }
        // Each document's field length is a u32, so a total above this is
        // impossible (and would overflow sums across segments).
        let largestTotal = UInt64(footer.documentCount) * UInt64(UInt32.max)
        for (field, total) in zip(IndexField.allCases, footer.fieldTokens) where total > largestTotal {
            return "\(field) token total \(total) is impossible for \(footer.documentCount) documents"
        }
        return nil
    }

    /// Where the term table lies: from format 7 its block headers (the
    /// packed values after them are checked where they are read).
    private static func termTable(_ footer: SegmentFooter, version: UInt32) -> (UInt64, UInt64) {
        let count = UInt64(footer.termCount)
        if version >= SegmentLayout.packedDictionaryVersion { return (footer.termsOffset, TermDictionary.headersLength(count: count)) }
        if version >= SegmentLayout.blockPostingsVersion {
            let (length, overflow) = TermDictionary.compactTableLength(count: count)
            return (footer.termsOffset, overflow ? UInt64.max : length)
        }
        let (length, overflow) = count.multipliedReportingOverflow(by: UInt64(TermDictionary.wideEntrySize))
        return (footer.termsOffset, overflow ? UInt64.max : length)
    }

    /// Reads the whole file and checks its CRC-32 against the stored one.
    /// It reads in steps, letting go of each step's pages: checking a
    /// large segment does not make the whole file resident.
    public func verifyChecksum() throws(IndexError) {
        let checksumOffset = file.bytes.count - 4
        var crc = CRC32()
        var start = 0
        while start < checksumOffset {
            let end = min(checksumOffset, start + (32 << 20))
            crc.update(UnsafeRawBufferPointer(rebasing: file.bytes[start..<end]))
            file.releaseResidentPages(upTo: end)
            start = end
        }
        let computed = crc.value
        guard computed == storedChecksum else {
            throw .corrupted(file: path, reason: "checksum mismatch")
        }
    }

    private static func hex(_ value: UInt32) -> String { String(format: "%08x", value) }

    // MARK: Terms

    private static var empty: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: nil, count: 0) }

    /// The term at dictionary index `index` (terms are sorted by bytes);
    /// empty when `index` is out of range or the entry points outside the
    /// term bytes (a damaged file: ``IndexChecker`` names it).
    public func term(at index: Int) -> UnsafeRawBufferPointer {
        guard let range = termBytesRange(at: index) else { return Self.empty }
        let start = Int(footer.termBytesOffset)
        return UnsafeRawBufferPointer(rebasing: file.bytes[(start + range.lowerBound)..<(start + range.upperBound)])
    }

    /// Where term `index`'s bytes lie in the term bytes; nil when `index` is
    /// out of range or the entry is damaged.
    @inline(__always)
    private func termBytesRange(at index: Int) -> Range<Int>? {
        guard index >= 0, index < termCount else { return nil }
        let limit = Int(footer.termBytesLength)
        if packedDictionary {
            return packedTerms.block(ofRow: index).flatMap { packedTermRange(at: index, in: $0) }
        }
        if compactDictionary {
            let entry = Int(footer.termsOffset) + index * TermDictionary.compactEntrySize
            let start = Int(load(UInt32.self, at: entry))
            let end = index + 1 < termCount ? Int(load(UInt32.self, at: entry + TermDictionary.compactEntrySize)) : limit
            guard start <= end, end <= limit else { return nil }
            return start..<end
        }
        let entry = Int(footer.termsOffset) + index * TermDictionary.wideEntrySize
        let offset = Int(load(UInt32.self, at: entry + 12))
        let length = Int(load(UInt32.self, at: entry + 16))
        guard offset + length <= limit else { return nil }
        return offset..<(offset + length)
    }

    /// Whether the term dictionary is in format 6's compact layout.
    private var compactDictionary: Bool { formatVersion == SegmentLayout.blockPostingsVersion }
    /// Whether the dictionaries are packed in blocks (format 7 on).
    private var packedDictionary: Bool { formatVersion >= SegmentLayout.packedDictionaryVersion }

    /// Calls `body` with every term's index and bytes, in order; a packed
    /// dictionary is decoded a block (128 terms) at a time. A damaged entry
    /// gives empty bytes, as ``term(at:)`` does.
    public func forEachTerm(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
        guard packedDictionary else {
            for index in 0..<termCount { body(index, term(at: index)) }
            return
        }
        let cursor = TermBlockCursor()
        defer { cursor.deallocate() }
        for index in 0..<termCount { body(index, termBytes(at: index, cursor: cursor)) }
    }

    /// Calls `body` with every spelling word's index and bytes, in order
    /// (see ``forEachTerm(_:)``).
    public func forEachSpellingWord(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
        guard packedDictionary else {
            for index in 0..<spellingCount { body(index, spellingWord(at: index)) }
            return
        }
        let terms = TermBlockCursor()
        let references = UnsafeMutablePointer<UInt32>.allocate(capacity: TermDictionary.blockSize)
        defer { terms.deallocate(); references.deallocate() }
        var current: TermDictionary.PackedTable.Block?
        for index in 0..<spellingCount {
            let row = index % TermDictionary.blockSize
            if row == 0 {
                current = packedSpelling.block(ofRow: index)
                current?.unpackFirstColumn(into: references)
            }
            guard let block = current else { body(index, Self.empty); continue }
            let stored = references[row]
            let base = Int(block.base(at: stored & 1 == 1 ? 0 : 4))
            if stored & 1 == 1 {
                body(index, termBytes(at: base + Int(stored >> 1), cursor: terms))
            } else if let (start, length) = spellingWordBytes(at: base + Int(stored >> 1)) {
                body(index, UnsafeRawBufferPointer(rebasing: file.bytes[start..<(start + length)]))
            } else {
                body(index, Self.empty)
            }
        }
    }

    /// The packed term block a scan is in, its term starts decoded.
    private final class TermBlockCursor {
        var number = -1
        var base = 0
        /// Where the block's terms start, from `base`, then where the next
        /// block's first term starts (or the term bytes end), from `base`.
        var ends = 0
        let starts = UnsafeMutablePointer<UInt32>.allocate(capacity: TermDictionary.blockSize)
        var valid = false
        func deallocate() { starts.deallocate() }
    }

    /// Term `index`'s bytes, decoding its block only when the scan has moved
    /// to another block.
    @inline(__always)
    private func termBytes(at index: Int, cursor: TermBlockCursor) -> UnsafeRawBufferPointer {
        guard index >= 0, index < termCount else { return Self.empty }
        let number = index / TermDictionary.blockSize
        if number != cursor.number {
            cursor.number = number
            cursor.valid = false
            if let block = packedTerms.block(ofRow: index) {
                block.unpackFirstColumn(into: cursor.starts)
                cursor.base = Int(block.base(at: 8))
                let last = number * TermDictionary.blockSize + TermDictionary.blockSize >= termCount
                cursor.ends = last ? Int(footer.termBytesLength) : Int(block.base(at: TermDictionary.headerSize + 8))
                cursor.valid = true
            }
        }
        guard cursor.valid else { return Self.empty }
        let row = index % TermDictionary.blockSize
        let start = cursor.base + Int(cursor.starts[row])
        let end = row + 1 < TermDictionary.blockSize && index + 1 < termCount ? cursor.base + Int(cursor.starts[row + 1]) : cursor.ends
        guard start <= end, end <= Int(footer.termBytesLength) else { return Self.empty }
        let offset = Int(footer.termBytesOffset)
        return UnsafeRawBufferPointer(rebasing: file.bytes[(offset + start)..<(offset + end)])
    }

    /// Where term `index` lies in the term bytes, `block` being its packed
    /// block: it ends where the next term starts (the next block's first,
    /// or the term bytes' end); nil when the block is damaged.
    @inline(__always)
    private func packedTermRange(at index: Int, in block: TermDictionary.PackedTable.Block) -> Range<Int>? {
        let row = index % TermDictionary.blockSize, base = Int(block.base(at: 8)), limit = Int(footer.termBytesLength)
        let start = base + Int(block.value(row, column: 0) ?? 0)
        let end: Int
        if index + 1 == termCount {
            end = limit
        } else if row + 1 < TermDictionary.blockSize {
            end = base + Int(block.value(row + 1, column: 0) ?? 0)
        } else {
            end = Int(block.base(at: TermDictionary.headerSize + 8))   // the next block's first term's
        }
        guard start <= end, end <= limit else { return nil }
        return start..<end
    }

    /// Whether the block index (format 7) holds block `block`'s first term
    /// as the block itself does.
    func blockIndexAgrees(block: Int) -> Bool {
        !packedDictionary || ByteOrder.compare(blockIndex.firstTerm(of: block), term(at: block * TermDictionary.blockSize)) == 0
    }

    /// Whether the entry at `index` points inside the term bytes.
    func termBytesAreInBounds(at index: Int) -> Bool {
        termBytesRange(at: index) != nil
    }

    /// The dictionary entry at `index`. An entry whose postings lie outside
    /// the postings section (or an index out of range) gives a ``TermInfo``
    /// whose cursor is empty and damaged.
    public func termInfo(at index: Int) -> TermInfo {
        guard index >= 0, index < termCount else { return .damaged }
        let offset: UInt64, length: UInt64, frequency: Int
        if packedDictionary {
            guard let block = packedTerms.block(ofRow: index), let stored = block.value(index % TermDictionary.blockSize, column: 1)
            else { return .damaged }
            let row = index % TermDictionary.blockSize
            let base = packedTerms.load(UInt64.self, at: packedTerms.header(ofRow: index))
            frequency = Int(stored)
            offset = base &+ UInt64(block.value(row, column: 2) ?? 0)
            let end: UInt64
            if index + 1 == termCount {
                end = footer.postingsLength
            } else if row + 1 < TermDictionary.blockSize {
                end = base &+ UInt64(block.value(row + 1, column: 2) ?? 0)
            } else {
                end = packedTerms.load(UInt64.self, at: packedTerms.header(ofRow: index + 1))
            }
            guard offset >= base else { return .damaged }   // wrapped around
            length = end &- offset
            guard offset <= end, end <= footer.postingsLength else {
                return TermInfo(documentFrequency: frequency, postingsOffset: 0, postingsLength: -1)
            }
        } else if compactDictionary {
            let entry = Int(footer.termsOffset) + index * TermDictionary.compactEntrySize
            frequency = Int(load(UInt32.self, at: entry + 4))
            offset = postingsStart(of: index)
            let end = index + 1 < termCount ? postingsStart(of: index + 1) : footer.postingsLength
            length = end &- offset
            guard offset <= end, end <= footer.postingsLength else {
                return TermInfo(documentFrequency: frequency, postingsOffset: 0, postingsLength: -1)
            }
        } else {
            let entry = Int(footer.termsOffset) + index * TermDictionary.wideEntrySize
            offset = load(UInt64.self, at: entry)
            length = UInt64(load(UInt32.self, at: entry + 8))
            frequency = Int(load(UInt32.self, at: entry + 20))
            guard offset <= footer.postingsLength, length <= footer.postingsLength - offset else {
                return TermInfo(documentFrequency: frequency, postingsOffset: 0, postingsLength: -1)
            }
        }
        return TermInfo(documentFrequency: frequency, postingsOffset: Int(offset), postingsLength: Int(length))
    }

    /// Where term `index`'s postings start (format 6's dictionary): its
    /// block's base plus its own offset; `UInt64.max` when that overflows.
    @inline(__always)
    private func postingsStart(of index: Int) -> UInt64 {
        let bases = Int(footer.termsOffset) + termCount * TermDictionary.compactEntrySize
        let base = load(UInt64.self, at: bases + (index / TermDictionary.compactBlockSize) * 8)
        let relative = UInt64(load(UInt32.self, at: Int(footer.termsOffset) + index * TermDictionary.compactEntrySize + 8))
        let (start, overflow) = base.addingReportingOverflow(relative)
        return overflow ? .max : start
    }

    /// Looks `term` up by binary search; nil when the segment lacks it.
    public func lookup(_ term: UnsafeRawBufferPointer) -> TermInfo? {
        index(of: term).map(termInfo(at:))
    }

    /// The dictionary index of `term`, by binary search; nil when absent.
    /// In a packed dictionary (format 7) the search first picks the block
    /// by its first term, then searches inside it with the block's header
    /// read once.
    public func index(of term: UnsafeRawBufferPointer) -> Int? {
        if packedDictionary { return packedIndex(of: term) }
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

    private func packedIndex(of term: UnsafeRawBufferPointer) -> Int? {
        let size = TermDictionary.blockSize
        // The last block whose first term sorts at or before `term`.
        let (blocks, exact) = blockIndex.blocks(upTo: term)
        if exact { return (blocks - 1) * size }
        guard blocks > 0 else { return nil }
        let first = (blocks - 1) * size
        guard let block = packedTerms.block(ofRow: first) else { return nil }
        let base = Int(block.base(at: 8)), limit = Int(footer.termBytesLength)
        let rows = min(size, termCount - first)
        let end = first + rows == termCount ? limit : Int(block.base(at: TermDictionary.headerSize + 8))
        let termBytes = Int(footer.termBytesOffset)
        var lowRow = 1, highRow = rows
        while lowRow < highRow {
            let middle = (lowRow + highRow) / 2
            let start = base + Int(block.value(middle, column: 0) ?? 0)
            let stop = middle + 1 < rows ? base + Int(block.value(middle + 1, column: 0) ?? 0) : end
            guard start <= stop, stop <= limit else { return nil }   // damaged: ``IndexChecker`` names it
            let candidate = UnsafeRawBufferPointer(rebasing: file.bytes[(termBytes + start)..<(termBytes + stop)])
            let order = ByteOrder.compare(candidate, term)
            if order == 0 { return first + middle }
            if order < 0 { lowRow = middle + 1 } else { highRow = middle }
        }
        return nil
    }

    public func lookup(_ term: String) -> TermInfo? {
        var term = term
        return term.withUTF8 { lookup(UnsafeRawBufferPointer($0)) }
    }

    /// A cursor over the postings of `info`; empty and damaged when `info`
    /// is (see ``termInfo(at:)``).
    public func postings(_ info: TermInfo) -> PostingsCursor {
        guard let region = postingsRegion(info) else { return PostingsCursor(damaged: ()) }
        if formatVersion >= SegmentLayout.blockPostingsVersion {
            guard let streams = PostingsCodec.split(blockRegion: region, documentFrequency: info.documentFrequency) else {
                return PostingsCursor(damaged: ())
            }
            return PostingsCursor(documents: streams.documents, positions: streams.positions,
                                  documentFrequency: info.documentFrequency, documentLimit: footer.documentCount,
                                  skips: streams.entries, impacts: streams.impacts)
        }
        guard formatVersion >= SegmentLayout.skipsVersion, PostingsSkips.present(documentFrequency: info.documentFrequency) else {
            return PostingsCursor(interleaved: region, documentFrequency: info.documentFrequency, documentLimit: footer.documentCount)
        }
        guard let (postings, skips, impacts) = PostingsSkips.split(region, documentFrequency: info.documentFrequency) else {
            return PostingsCursor(damaged: ())
        }
        return PostingsCursor(interleaved: postings, documentFrequency: info.documentFrequency, documentLimit: footer.documentCount,
                              skips: skips, impacts: impacts)
    }

    /// A term's postings region as stored (what ``IndexChecker`` compares
    /// with a re-encoding); nil when it lies outside the postings section.
    func postingsRegion(_ info: TermInfo) -> UnsafeRawBufferPointer? {
        guard info.postingsLength >= 0, info.postingsOffset >= 0,
              UInt64(info.postingsOffset) <= footer.postingsLength,
              UInt64(info.postingsLength) <= footer.postingsLength - UInt64(info.postingsOffset)
        else { return nil }
        let start = Int(footer.postingsOffset) + info.postingsOffset
        return UnsafeRawBufferPointer(rebasing: file.bytes[start..<(start + info.postingsLength)])
    }

    /// Whether the skip entries stored after a term's postings are the ones
    /// `recomputed` from the postings (``IndexChecker``). Site terms are
    /// written without field lengths, so only their block ends and last
    /// documents are compared.
    func skipDataMatches(_ recomputed: PostingsSkips.Builder, of info: TermInfo, term: UnsafeRawBufferPointer) -> Bool {
        var recomputed = recomputed
        let expected = recomputed.finish(documentFrequency: info.documentFrequency)
        let start = Int(footer.postingsOffset) + info.postingsOffset
        let region = UnsafeRawBufferPointer(rebasing: file.bytes[start..<(start + info.postingsLength)])
        guard let (postings, entries, _) = PostingsSkips.split(region, documentFrequency: info.documentFrequency),
              expected.count >= entries.count else { return false }
        let stored = UnsafeRawBufferPointer(rebasing: region[postings.count...])
        guard term.first == SiteTerms.markerByte else { return stored.elementsEqual(expected) }
        return expected.withUnsafeBytes { computed in
            (0..<(entries.count / PostingsSkips.entrySize)).allSatisfy { block in
                let written = SkipEntry(entries, index: block), fresh = SkipEntry(computed, index: block)
                return (written.lastDocument, written.end) == (fresh.lastDocument, fresh.end)
            }
        }
    }

    // MARK: Documents

    /// Field lengths of document `id`, in tokens (zero for an id out of range).
    @inline(__always)
    public func lengths(of id: Int) -> FieldCounts {
        guard id >= 0, id < documentCount else { return FieldCounts() }
        // The lengths are an entry's last 16 bytes in every format.
        let entry = Int(footer.documentsOffset) + (id + 1) * documentEntrySize - 16
        return FieldCounts(
            title: load(UInt32.self, at: entry), headings: load(UInt32.self, at: entry + 4),
            body: load(UInt32.self, at: entry + 8), url: load(UInt32.self, at: entry + 12))
    }

    /// Document `id`'s publication date (``PublicationDate``; 0 for none
    /// or an id out of range). Format 7 keeps it in the documents table;
    /// before, it is read from the stored document (slower).
    public func publicationDate(of id: Int) -> UInt32 {
        guard id >= 0, id < documentCount else { return 0 }
        if formatVersion >= SegmentLayout.packedDictionaryVersion {
            return load(UInt32.self, at: Int(footer.documentsOffset) + id * documentEntrySize + 16)
        }
        return (try? document(id, includingText: false)).map { PublicationDate.number($0.date) } ?? 0
    }

    /// Document `id`'s date for a merge: the table's, or (before format
    /// 7) the stored document's; throws when that cannot be read.
    func publicationDateFromTable(of id: Int) throws(IndexError) -> UInt32 {
        if formatVersion >= SegmentLayout.packedDictionaryVersion { return publicationDate(of: id) }
        return PublicationDate.number(try document(id, includingText: false).date)
    }

    /// Whether each record is split into an uncompressed head and a body
    /// compressed in blocks (format 6 on, see ``StoreBlocks``).
    var hasCompressedStore: Bool { formatVersion >= SegmentLayout.compressedStoreVersion }

    /// The stored fields of document `id`; without its text and headings
    /// (left empty, and not decoded) when `includingText` is false. A
    /// format-3 record has no aliases, location or source: they come back
    /// empty. From format 6, without the text this reads the document's
    /// head alone and decompresses nothing (what a result list costs); with
    /// it, the body's block is decompressed up to the body's end, each call
    /// on its own (no state is shared between threads).
    public func document(_ id: Int, includingText: Bool = true) throws(IndexError) -> StoredDocument {
        guard hasCompressedStore else {
            let hasIdentity = formatVersion >= SegmentLayout.identityVersion
            return try withRecord(id) { reader in
                StoredDocument.decodeRecord(&reader, hasIdentity: hasIdentity, includingText: includingText)
            }
        }
        var document = try withHead(id) { reader in
            StoredDocument.decodeHead(&reader).flatMap { reader.isAtEnd ? $0 : nil }
        }
        guard includingText else { return document }
        let location = try bodyLocation(of: id)
        let bytes = try StoreBlocks.inflate(location.block, prefix: location.end, file: path)
        let complete = bytes.withUnsafeBytes { raw in
            var reader = ByteReader(UnsafeRawBufferPointer(rebasing: raw[..<location.end]), offset: location.start)
            return document.decodeBody(&reader) && reader.isAtEnd
        }
        guard complete else { throw .corrupted(file: path, reason: "document \(id)'s stored body is malformed") }
        return document
    }

    /// The stored URL of document `id`, skipping the fields before it
    /// rather than decoding them: what `site:` checks in segments without
    /// site terms. Costs one short string per call, and from format 6 no
    /// decompression.
    public func storedURL(of id: Int) throws(IndexError) -> String {
        guard hasCompressedStore else {
            return try withRecord(id) { reader -> String? in
                for _ in 0..<4 {  // path, title, text, format
                    guard reader.skipString() else { return nil }
                }
                guard reader.integer(UInt64.self) != nil, reader.skipString() else { return nil }  // fingerprint, headings
                return reader.string()
            }
        }
        return try withHead(id) { reader -> String? in
            guard reader.skipString(), reader.skipString(), reader.skipString(),  // path, title, format
                  reader.integer(UInt64.self) != nil else { return nil }
            return reader.string()
        }
    }

    /// `body`'s result for a reader at the start of document `id`'s record
    /// in an uncompressed store (formats 3 to 5); throws when `id` or its
    /// store offset is out of range, or `body` returns nil (a malformed record).
    private func withRecord<T>(_ id: Int, _ body: (inout ByteReader) -> T?) throws(IndexError) -> T {
        guard id >= 0, id < documentCount else { throw .corrupted(file: path, reason: "document \(id) out of range") }
        let offset = recordOffset(of: id)
        guard offset < footer.storeLength else {
            throw .corrupted(file: path, reason: "document \(id)'s store offset \(offset) lies past the store (\(footer.storeLength) bytes)")
        }
        var reader = ByteReader(storeBytes, offset: Int(offset))
        guard let result = body(&reader) else { throw .corrupted(file: path, reason: "document \(id)'s stored record is malformed") }
        return result
    }

    /// `body`'s result for a reader over document `id`'s head (format 6);
    /// throws when `id` or its head lies out of range, or `body` returns
    /// nil (a malformed head).
    private func withHead<T>(_ id: Int, _ body: (inout ByteReader) -> T?) throws(IndexError) -> T {
        var reader = ByteReader(try head(of: id))
        guard let result = body(&reader) else { throw .corrupted(file: path, reason: "document \(id)'s stored head is malformed") }
        return result
    }

    /// The store section's bytes.
    var storeBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: file.bytes[Int(footer.storeOffset)..<Int(footer.storeOffset + footer.storeLength)])
    }

    /// The u64 at `field` bytes into document `id`'s entry of the documents
    /// table. `id` must be in range.
    @inline(__always)
    private func documentEntry(_ id: Int, field: Int) -> UInt64 {
        load(UInt64.self, at: Int(footer.documentsOffset) + id * documentEntrySize + field)
    }

    /// Document `id`'s record offset in an uncompressed store (formats 3 to
    /// 5). `id` must be in range.
    func recordOffset(of id: Int) -> UInt64 { documentEntry(id, field: 0) }

    /// Document `id`'s head offset in the store (format 6). `id` must be in range.
    func headOffset(of id: Int) -> UInt64 { documentEntry(id, field: 0) }

    /// Document `id`'s body address (format 6,
    /// ``StoreBlocks/address(block:offset:)``). `id` must be in range.
    func bodyAddress(of id: Int) -> UInt64 { documentEntry(id, field: 8) }

    /// Where the compressed blocks end in the store (format 6): where
    /// document 0's head starts, the store's end when there is no document
    /// (and, for a damaged head offset, at most the store's end).
    var blocksLength: UInt64 {
        documentCount > 0 ? min(headOffset(of: 0), footer.storeLength) : footer.storeLength
    }

    /// The compressed blocks' bytes (format 6): the store up to the heads.
    var blockBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storeBytes[..<Int(blocksLength)]) }

    /// Document `id`'s head (format 6): from its offset to the next
    /// document's, or to the store's end. Throws when `id` is out of range,
    /// or the head lies outside the heads (before where document 0's head
    /// starts, past the store) or is empty.
    func head(of id: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        guard id >= 0, id < documentCount else { throw .corrupted(file: path, reason: "document \(id) out of range") }
        let start = headOffset(of: id)
        let end = id + 1 < documentCount ? headOffset(of: id + 1) : footer.storeLength
        guard start >= headOffset(of: 0), start < end, end <= footer.storeLength else {
            throw .corrupted(file: path, reason: "document \(id)'s head (store bytes \(start) to \(end)) lies outside the heads (\(blocksLength) to \(footer.storeLength))")
        }
        return UnsafeRawBufferPointer(rebasing: storeBytes[Int(start)..<Int(end)])
    }

    /// Where document `id`'s body lies (format 6): its block, and its start
    /// and end inside the uncompressed block (the next document's start
    /// when that is in the same block, else the block's end). Throws when
    /// `id` is out of range, or the address or the block header is damaged.
    func bodyLocation(of id: Int) throws(IndexError) -> (block: StoreBlocks.Block, start: Int, end: Int) {
        guard id >= 0, id < documentCount else { throw .corrupted(file: path, reason: "document \(id) out of range") }
        let address = bodyAddress(of: id)
        let (blockOffset, start) = StoreBlocks.split(address)
        let blocksLength = blocksLength
        guard blockOffset < blocksLength else {
            throw .corrupted(file: path, reason: "document \(id)'s body address \(address) names block \(blockOffset), past the store's blocks (\(blocksLength) bytes)")
        }
        let block = try StoreBlocks.block(in: blockBytes, at: blockOffset, file: path)
        var end = block.uncompressedCount
        if id + 1 < documentCount {
            let next = StoreBlocks.split(bodyAddress(of: id + 1))
            if next.block == blockOffset { end = next.offset }
        }
        guard start < end, end <= block.uncompressedCount else {
            throw .corrupted(file: path, reason: "document \(id)'s body (bytes \(start)..<\(end)) lies outside its store block at \(blockOffset) (\(block.uncompressedCount) bytes)")
        }
        return (block, start, end)
    }

    // MARK: Spelling dictionary

    /// The surface word at `index` of the spelling dictionary (sorted by
    /// bytes); empty when `index` is out of range or the entry is damaged.
    public func spellingWord(at index: Int) -> UnsafeRawBufferPointer {
        guard let (start, length) = spellingBytes(at: index) else { return Self.empty }
        return UnsafeRawBufferPointer(rebasing: file.bytes[start..<(start + length)])
    }

    /// Where the spelling word at `index` lies in the file: in the spelling
    /// bytes, or (format 6, a word that is also a term) in the term bytes;
    /// nil when out of range or damaged.
    private func spellingBytes(at index: Int) -> (start: Int, length: Int)? {
        guard index >= 0, index < spellingCount else { return nil }
        if packedDictionary {
            guard let block = packedSpelling.block(ofRow: index),
                  let stored = block.value(index % TermDictionary.blockSize, column: 0) else { return nil }
            let base = Int(block.base(at: stored & 1 == 1 ? 0 : 4))
            if stored & 1 == 1 {
                guard let range = termBytesRange(at: base + Int(stored >> 1)) else { return nil }
                return (Int(footer.termBytesOffset) + range.lowerBound, range.count)
            }
            return spellingWordBytes(at: base + Int(stored >> 1))
        }
        let entry = Int(footer.spellingOffset) + index * spellingEntrySize
        let reference = load(UInt32.self, at: entry)
        guard compactDictionary else {
            let length = Int(load(UInt32.self, at: entry + 4))
            guard Int(reference) + length <= Int(footer.spellingBytesLength) else { return nil }
            return (Int(footer.spellingBytesOffset) + Int(reference), length)
        }
        // Format 6: a term's index, or where a varint length and the word start.
        if reference & TermDictionary.inTermBytes != 0 {
            guard let range = termBytesRange(at: Int(reference & ~TermDictionary.inTermBytes)) else { return nil }
            return (Int(footer.termBytesOffset) + range.lowerBound, range.count)
        }
        return spellingWordBytes(at: Int(reference))
    }

    /// The spelling word stored at `offset` of the spelling bytes (a varint
    /// length and the word); nil when that lies outside them.
    private func spellingWordBytes(at offset: Int) -> (start: Int, length: Int)? {
        let words = UnsafeRawBufferPointer(rebasing: file.bytes[Int(footer.spellingBytesOffset)..<Int(footer.spellingBytesOffset + footer.spellingBytesLength)])
        var reader = ByteReader(words, offset: offset)
        guard offset < words.count, let length = reader.varint(), length <= UInt64(words.count - reader.offset) else { return nil }
        return (Int(footer.spellingBytesOffset) + reader.offset, Int(length))
    }

    /// A spelling entry's size before format 7: 8 bytes in format 6, 12 before.
    private var spellingEntrySize: Int { compactDictionary ? TermDictionary.compactSpellingEntrySize : TermDictionary.wideSpellingEntrySize }

    /// Whether the spelling entry at `index` points inside the spelling
    /// bytes (or, for a word shared with the terms, at a term).
    func spellingBytesAreInBounds(at index: Int) -> Bool {
        spellingBytes(at: index) != nil
    }

    /// Documents containing the surface word at `index` (0 out of range).
    public func spellingFrequency(at index: Int) -> Int {
        guard index >= 0, index < spellingCount else { return 0 }
        if packedDictionary { return packedSpelling.value(index, column: 1).map { Int($0) } ?? 0 }
        return Int(load(UInt32.self, at: Int(footer.spellingOffset) + index * spellingEntrySize + spellingEntrySize - 4))
    }

    @inline(__always)
    private func load<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        T(littleEndian: file.bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
