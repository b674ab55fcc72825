import Foundation
import ScourTestSupport
import Testing
import ScourAnalysis
@testable import ScourIndex

/// Segments and manifests damaged on purpose *and then given a correct
/// checksum*, as a hostile or buggy writer would: every offset, length and
/// count read from disk must be checked before use, so these give a clear
/// error or an empty result — never a crash or a read outside the file.
@Suite("Hostile files")
struct HostileFileTests {
    /// Field offsets inside the footer (see ``SegmentLayout``).
    enum FooterField: Int, CaseIterable {
        case documentsOffset = 0, storeOffset = 8, storeLength = 16, termsOffset = 24, termBytesOffset = 32
        case termBytesLength = 40, postingsOffset = 48, postingsLength = 56, spellingOffset = 64, spellingCount = 72
        case spellingBytesOffset = 80, spellingBytesLength = 88
    }

    static let documentCountOffset = 96
    static let termCountOffset = 100

    /// A three-document segment's bytes.
    static func segmentBytes() throws -> [UInt8] {
        let directory = TemporaryDirectory()
        var builder = SegmentBuilder(analyzer: Analyzer())
        builder.add(StoredDocument(path: "a.txt", title: "Alpha", text: "alpha beta gamma", url: "https://a.example/x"))
        builder.add(StoredDocument(path: "b.txt", title: "Beta", text: "beta gamma delta delta"))
        builder.add(StoredDocument(path: "c.txt", title: "Gamma", text: "gamma epsilon alpha"))
        let path = directory.file("seg.scour")
        try SegmentWriter.write(builder, to: path)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Writes `value` little-endian at `offset` and recomputes the CRC.
    static func patch<T: FixedWidthInteger>(_ bytes: inout [UInt8], at offset: Int, _ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + $0.count), with: $0) }
        recomputeChecksum(&bytes)
    }

    static func recomputeChecksum(_ bytes: inout [UInt8]) {
        let crc = CRC32.checksum(Array(bytes[..<(bytes.count - 4)]))
        withUnsafeBytes(of: crc.littleEndian) { bytes.replaceSubrange((bytes.count - 4)..., with: $0) }
    }

    static func footerStart(_ bytes: [UInt8]) -> Int { bytes.count - SegmentLayout.footerSize }

    /// Opens `bytes` as a segment and, when it opens, reads everything in it
    /// the way searches and `scour check` do. Returns the open error, if any.
    @discardableResult
    static func openAndWalk(_ bytes: [UInt8], problems: inout [IndexProblem]) -> IndexError? {
        let segment: SegmentReader
        do { segment = try SegmentReader(bytes: bytes, path: "hostile.scour") } catch { return error }
        walk(segment)
        problems = IndexChecker.problems(in: segment, name: "hostile.scour")
        return nil
    }

    static func walk(_ segment: SegmentReader) {
        var positions: [UInt32] = []
        for index in 0..<segment.termCount {
            _ = segment.index(of: segment.term(at: index))
            var cursor = segment.postings(segment.termInfo(at: index))
            while cursor.next() {
                cursor.positions(into: &positions)
                _ = segment.lengths(of: Int(cursor.document)).fieldStarts()
            }
        }
        for id in 0..<segment.documentCount {
            _ = try? segment.document(id)
            _ = try? segment.document(id, includingText: false)
            _ = try? segment.storedURL(of: id)
        }
        for index in 0..<segment.spellingCount {
            _ = segment.spellingWord(at: index)
            _ = segment.spellingFrequency(at: index)
        }
    }

    // MARK: Footer

    @Test(arguments: FooterField.allCases)
    func hugeFooterValueIsRefusedAtOpen(_ field: FooterField) throws {
        for value: UInt64 in [UInt64.max, UInt64.max - 7, 1 << 63, UInt64(Int.max), 1 << 40] {
            var bytes = try Self.segmentBytes()
            Self.patch(&bytes, at: Self.footerStart(bytes) + field.rawValue, value)
            var problems: [IndexProblem] = []
            let error = Self.openAndWalk(bytes, problems: &problems)
            guard case .corrupted(let file, let reason)? = error else {
                Issue.record("\(field) = \(value) opened (problems: \(problems))")
                continue
            }
            #expect(file == "hostile.scour")
            #expect(reason.contains("lies outside the file") || reason.contains("impossible"), "\(reason)")
        }
    }

    @Test func offsetPlusLengthThatWrapsIsRefused() throws {
        var bytes = try Self.segmentBytes()
        let footer = Self.footerStart(bytes)
        // offset + length wraps around to a small number.
        Self.patch(&bytes, at: footer + FooterField.postingsOffset.rawValue, UInt64(64))
        Self.patch(&bytes, at: footer + FooterField.postingsLength.rawValue, UInt64.max - 32)
        #expect(throws: IndexError.corrupted(
            file: "hostile.scour", reason: "postings section (offset 64, \(UInt64.max - 32) bytes) lies outside the file")) {
            try SegmentReader(bytes: bytes, path: "hostile.scour")
        }
        Self.patch(&bytes, at: footer + FooterField.spellingCount.rawValue, UInt64(1) << 62)
        #expect(throws: IndexError.self) { try SegmentReader(bytes: bytes, path: "hostile.scour") }
    }

    @Test func countsPastTheEndAreRefused() throws {
        for offset in [Self.documentCountOffset, Self.termCountOffset] {
            for count: UInt32 in [UInt32.max, 1_000_000] {
                var bytes = try Self.segmentBytes()
                Self.patch(&bytes, at: Self.footerStart(bytes) + offset, count)
                #expect(throws: IndexError.self) { try SegmentReader(bytes: bytes, path: "hostile.scour") }
            }
        }
    }

    // MARK: Term table

    /// The byte offset of the first block's header in the term table
    /// (format 7: u64 postings base, u32 term-bytes base, u32 packed
    /// offset, u32 smallest frequency, u8 widths).
    static func firstTermBlock(_ bytes: [UInt8]) throws -> Int {
        Int(try SegmentReader(bytes: bytes, path: "hostile.scour").footer.termsOffset)
    }

    @Test func postingsOutsideThePostingsSectionGiveADamagedEmptyCursor() throws {
        // The block's postings base, then the width of its postings column.
        let patches: [(offset: Int, value: UInt64, bytes: Int)] = [(0, UInt64.max, 8), (0, UInt64(1) << 40, 8), (22, 33, 1)]
        for patch in patches {
            var bytes = try Self.segmentBytes()
            let at = try Self.firstTermBlock(bytes) + patch.offset
            if patch.bytes == 8 { Self.patch(&bytes, at: at, patch.value) } else { Self.patch(&bytes, at: at, UInt8(patch.value)) }
            let segment = try SegmentReader(bytes: bytes, path: "hostile.scour")
            let info = segment.termInfo(at: 1)
            #expect(info.isDamaged)
            var cursor = segment.postings(info)
            let advanced = cursor.next()
            #expect(!advanced)
            #expect(cursor.isDamaged)
            var problems: [IndexProblem] = []
            Self.openAndWalk(bytes, problems: &problems)
            #expect(problems.contains(IndexProblem(file: "hostile.scour", message: "term 1's postings lie outside the postings section")))
        }
    }

    @Test func termBytesOutsideTheirSectionAreEmpty() throws {
        // The block's term-bytes base past the term bytes; its packed values
        // past the file; its bytes column wider than 32 bits.
        let patches: [(offset: Int, value: UInt32, bytes: Int)] = [(8, UInt32.max, 4), (8, UInt32(1) << 20, 4), (12, UInt32.max, 4), (20, 40, 1)]
        for patch in patches {
            var bytes = try Self.segmentBytes()
            let at = try Self.firstTermBlock(bytes) + patch.offset
            if patch.bytes == 4 { Self.patch(&bytes, at: at, patch.value) } else { Self.patch(&bytes, at: at, UInt8(patch.value)) }
            let segment = try SegmentReader(bytes: bytes, path: "hostile.scour")
            #expect(segment.term(at: 2).isEmpty)
            var problems: [IndexProblem] = []
            Self.openAndWalk(bytes, problems: &problems)
            #expect(problems.contains(IndexProblem(file: "hostile.scour", message: "term 2's bytes lie outside the term bytes")))
        }
    }

    @Test func aDamagedBlockIndexIsFoundAndFindsNothingWrong() throws {
        var bytes = try Self.segmentBytes()
        let segment = try SegmentReader(bytes: bytes, path: "hostile.scour")
        let blocks = (segment.termCount + TermDictionary.blockSize - 1) / TermDictionary.blockSize
        // The first block's first term, as the index holds it: its first byte changed.
        let firstTerm = try Self.firstTermBlock(bytes) + blocks * TermDictionary.headerSize + 4 * blocks
        let term = Array(segment.term(at: 0))
        Self.patch(&bytes, at: firstTerm, UInt8(0xFF))
        let damaged = try SegmentReader(bytes: bytes, path: "hostile.scour")
        #expect(term.withUnsafeBytes { damaged.index(of: $0) } == nil)   // its block is no longer found
        var problems: [IndexProblem] = []
        Self.openAndWalk(bytes, problems: &problems)
        #expect(problems == [IndexProblem(file: "hostile.scour", message:
            "the term table's block index does not hold term 0 (\(String(decoding: term, as: UTF8.self).debugDescription)), its block's first")])
        // Its ends past the index's bytes: it opens, finds nothing, and the check says why.
        Self.patch(&bytes, at: firstTerm - 4, UInt32.max)
        let outside = try SegmentReader(bytes: bytes, path: "hostile.scour")
        #expect(term.withUnsafeBytes { outside.index(of: $0) } == nil)
        problems = []
        Self.openAndWalk(bytes, problems: &problems)
        #expect(problems.first == IndexProblem(file: "hostile.scour", message: "the term table's block index lies outside the file"))
    }

    @Test func spellingEntriesOutsideTheirBytesAreEmpty() throws {
        // Format 7: the first block's bases (a term index past the terms, an
        // offset past the spelling bytes), or its packed values past the file.
        for (offsets, value) in [([0, 4], UInt32.max), ([0, 4], UInt32(1) << 24), ([12], UInt32(0x7FFF_FFF0))] {
            var bytes = try Self.segmentBytes()
            let segment = try SegmentReader(bytes: bytes, path: "hostile.scour")
            try #require(segment.spellingCount > 0)
            for offset in offsets { Self.patch(&bytes, at: Int(segment.footer.spellingOffset) + offset, value) }
            let damaged = try SegmentReader(bytes: bytes, path: "hostile.scour")
            #expect(damaged.spellingWord(at: 0).isEmpty)
            var problems: [IndexProblem] = []
            Self.openAndWalk(bytes, problems: &problems)
            #expect(problems.first == IndexProblem(file: "hostile.scour", message: "spelling word 0 lies outside the spelling bytes"))
            #expect(problems.allSatisfy { $0.message.hasPrefix("spelling word ") || $0.message.hasPrefix("more spelling") })
        }
    }

    @Test func termIndexesOutOfRangeAreEmpty() throws {
        let segment = try SegmentReader(bytes: try Self.segmentBytes(), path: "hostile.scour")
        for index in [-1, segment.termCount, Int.max] {
            #expect(segment.term(at: index).isEmpty)
            #expect(segment.termInfo(at: index).isDamaged)
        }
        for index in [-1, segment.spellingCount, Int.max] {
            #expect(segment.spellingWord(at: index).isEmpty)
            #expect(segment.spellingFrequency(at: index) == 0)
        }
        #expect(segment.lengths(of: -1) == FieldCounts())
        #expect(segment.lengths(of: segment.documentCount) == FieldCounts())
    }

    @Test func postingsNamingDocumentsPastTheCountStopTheCursor() throws {
        var bytes = try Self.segmentBytes()
        // Claim one document: the table shrinks (still inside the file), but
        // postings name documents 1 and 2.
        Self.patch(&bytes, at: Self.footerStart(bytes) + Self.documentCountOffset, UInt32(1))
        let segment = try SegmentReader(bytes: bytes, path: "hostile.scour")
        var damaged = 0
        for index in 0..<segment.termCount {
            var cursor = segment.postings(segment.termInfo(at: index))
            while cursor.next() { #expect(cursor.document < 1) }
            if cursor.isDamaged { damaged += 1 }
        }
        #expect(damaged > 0)
        var problems: [IndexProblem] = []
        Self.openAndWalk(bytes, problems: &problems)
        #expect(problems.contains { $0.message.contains("postings do not decode") })
    }

    // MARK: Postings bytes

    @Test func truncatedAndOverflowingPostingsStopSafely() {
        func varint(_ value: UInt64) -> [UInt8] { var bytes: [UInt8] = []; bytes.appendVarint(value); return bytes }
        let cases: [[UInt8]] = [
            [0, 1, 1, 10, 1, 1],                                   // positions longer than the slice
            [0, 1, 1, 0] + varint(UInt64.max) + [1, 1, 0],         // a delta that would overflow
            varint(UInt64(UInt32.max) + 5) + [1, 1, 0],             // a first id past UInt32
            [0, 1] + varint(UInt64.max) + [0],                      // a frequency past UInt32
            [0, 0x80, 1, 0],                                        // an unknown field bit
            [0, 1, 1, 1, 0x80],                                     // a positions varint cut short
        ]
        for bytes in cases {
            bytes.withUnsafeBytes { raw in
                var cursor = PostingsCursor(interleaved: raw, documentFrequency: 1, documentLimit: 10)
                var positions: [UInt32] = []
                var documents = 0
                while cursor.next() {
                    documents += 1
                    cursor.positions(into: &positions)
                    #expect(positions.allSatisfy { $0 <= UInt32.max })
                }
                #expect(cursor.isDamaged || documents > 0, "\(bytes)")
            }
        }
        // Positions whose deltas overflow stop decoding and are reported invalid.
        let overflowing: [UInt8] = [0, 1, 1] + [UInt8(varint(UInt64(1) << 62).count * 2)] + varint(UInt64(1) << 62) + varint(UInt64(1) << 62)
        overflowing.withUnsafeBytes { raw in
            var cursor = PostingsCursor(interleaved: raw, documentFrequency: 1, documentLimit: 10)
            let advanced = cursor.next()
            #expect(advanced)
            var positions: [UInt32] = [7]
            cursor.positions(into: &positions)
            #expect(positions.isEmpty)
            let valid = cursor.positionsAreValid()
            #expect(!valid)
        }
    }

    // MARK: Documents

    @Test func bodyAddressPastTheBlocksIsAnError() throws {
        for value: UInt64 in [UInt64.max, UInt64(Int.max), 1 << 32] {
            var bytes = try Self.segmentBytes()
            let segment = try SegmentReader(bytes: bytes, path: "hostile.scour")
            // Document 1's body address: the second u64 of its entry.
            Self.patch(&bytes, at: Int(segment.footer.documentsOffset) + segment.documentEntrySize + 8, value)
            let damaged = try SegmentReader(bytes: bytes, path: "hostile.scour")
            #expect(throws: IndexError.corrupted(
                file: "hostile.scour",
                reason: "document 1's body address \(value) names block \(value >> 24), past the store's blocks (\(segment.blocksLength) bytes)")) {
                try damaged.document(1)
            }
            // Its head is intact: a result list still shows it.
            #expect(try damaged.storedURL(of: 1) == "")
            #expect(try damaged.document(1, includingText: false).path == "b.txt")
            // Document 0's body now runs to its block's end, over document 1's.
            #expect(throws: IndexError.corrupted(file: "hostile.scour", reason: "document 0's stored body is malformed")) {
                try damaged.document(0)
            }
            #expect(try damaged.document(2).text == "gamma epsilon alpha")
        }
    }

    /// Writes `bodies` as one compressed block over the start of the
    /// segment's store (it must fit in the blocks) and recomputes the CRC:
    /// a hostile writer's block that decompresses fine.
    static func replaceFirstBlock(_ bytes: inout [UInt8], bodies: [UInt8]) throws {
        let segment = try SegmentReader(bytes: bytes, path: "hostile.scour")
        var block: [UInt8] = []
        bodies.withUnsafeBytes { StoreBlocks.appendBlock($0, to: &block) }
        try #require(block.count <= Int(segment.blocksLength))
        let start = Int(segment.footer.storeOffset)
        bytes.replaceSubrange(start..<(start + block.count), with: block)
        recomputeChecksum(&bytes)
    }

    @Test func storedBodyWithHugeLengthsIsAnError() throws {
        var bytes = try Self.segmentBytes()
        var first: [UInt8] = []
        try SegmentReader(bytes: bytes, path: "hostile.scour").document(0).appendBody(to: &first)
        // Document 0's body with its text's length (1 byte: 16) made huge.
        var huge: [UInt8] = []
        huge.appendVarint(UInt64(Int.max))
        try Self.replaceFirstBlock(&bytes, bodies: huge + first.dropFirst())
        let damaged = try SegmentReader(bytes: bytes, path: "hostile.scour")
        #expect(throws: IndexError.corrupted(file: "hostile.scour", reason: "document 0's stored body is malformed")) {
            try damaged.document(0)
        }
        #expect(try damaged.storedURL(of: 0) == "https://a.example/x")
        #expect(throws: IndexError.corrupted(file: "hostile.scour", reason: "document 7 out of range")) { try damaged.document(7) }
    }

    @Test func hugeFieldLengthsDoNotTrap() throws {
        var bytes = try Self.segmentBytes()
        let segment = try SegmentReader(bytes: bytes, path: "hostile.scour")
        for field in 0..<4 {
            // The lengths are an entry's last 16 bytes.
            Self.patch(&bytes, at: Int(segment.footer.documentsOffset) + segment.documentEntrySize - 16 + 4 * field, UInt32.max)
        }
        let damaged = try SegmentReader(bytes: bytes, path: "hostile.scour")
        let lengths = damaged.lengths(of: 0)
        #expect(lengths.total == UInt32.max)
        _ = lengths.fieldStarts()
        _ = lengths.field(ofPosition: UInt32.max)
    }

    // MARK: Random damage with a recomputed checksum

    @Test func randomDamageWithARecomputedChecksumNeverCrashes() throws {
        let original = try Self.segmentBytes()
        var generator = SeededGenerator(seed: 8)
        for _ in 0..<400 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let index = Int.random(in: 0..<(bytes.count - 4), using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            Self.recomputeChecksum(&bytes)
            var problems: [IndexProblem] = []
            Self.openAndWalk(bytes, problems: &problems)
        }
    }

    // MARK: Manifest

    static func manifest(_ segment: SegmentInfo) -> Manifest {
        Manifest(generation: 1, analyzer: .standard, segments: [segment])
    }

    @Test(arguments: ["../outside.scour", "/etc/passwd", "a/b.scour", "..", ".", "", "seg\u{0}.scour", "a\\b"])
    func manifestNamingAFileOutsideTheFolderIsRefused(_ name: String) throws {
        let bytes = try Self.manifest(SegmentInfo(name: name, documents: 1, terms: 1, bytes: 100)).encoded()
        #expect(throws: IndexError.self) { try Manifest.decode(bytes, path: "MANIFEST") }
        var withDeletions = Self.manifest(SegmentInfo(name: "seg.scour", documents: 1, terms: 1, bytes: 100))
        withDeletions.segments[0].deletions = name
        withDeletions.segments[0].deleted = 1
        #expect(throws: IndexError.self) { try Manifest.decode(try withDeletions.encoded(), path: "MANIFEST") }
        var withCatalog = Self.manifest(SegmentInfo(name: "seg.scour", documents: 1, terms: 1, bytes: 100))
        withCatalog.catalog = name
        #expect(throws: IndexError.self) { try Manifest.decode(try withCatalog.encoded(), path: "MANIFEST") }
        withCatalog.catalog = nil
        withCatalog.templates = name
        #expect(throws: IndexError.self) { try Manifest.decode(try withCatalog.encoded(), path: "MANIFEST") }
    }

    @Test func manifestPathTraversalErrorNamesTheName() throws {
        let bytes = try Self.manifest(SegmentInfo(name: "../x.scour", documents: 1, terms: 1, bytes: 100)).encoded()
        #expect(throws: IndexError.corrupted(
            file: "MANIFEST", reason: "segment name \"../x.scour\" is not a file name inside the index folder")) {
            try Manifest.decode(bytes, path: "MANIFEST")
        }
    }

    @Test func manifestWithImpossibleCountsIsRefused() throws {
        let segments = [
            SegmentInfo(name: "s.scour", documents: -1, terms: 1, bytes: 100),
            SegmentInfo(name: "s.scour", documents: Int.max, terms: 1, bytes: 100),
            SegmentInfo(name: "s.scour", documents: 1, terms: -5, bytes: 100),
            SegmentInfo(name: "s.scour", documents: 1, terms: 1, bytes: -100),
            SegmentInfo(name: "s.scour", documents: 2, terms: 1, bytes: 100, deletions: "s.000002.del", deleted: 3),
            SegmentInfo(name: "s.scour", documents: 2, terms: 1, bytes: 100, deletions: "s.000002.del", deleted: -1),
        ]
        for segment in segments {
            #expect(throws: IndexError.self, "\(segment)") {
                try Manifest.decode(try Self.manifest(segment).encoded(), path: "MANIFEST")
            }
        }
        var twice = Self.manifest(SegmentInfo(name: "s.scour", documents: 1, terms: 1, bytes: 100))
        twice.segments.append(twice.segments[0])
        #expect(throws: IndexError.corrupted(file: "MANIFEST", reason: "segment s.scour is named twice")) {
            try Manifest.decode(try twice.encoded(), path: "MANIFEST")
        }
        // Sums that would overflow are impossible once each count fits a segment.
        let many = Manifest(generation: 1, analyzer: .standard, segments: (0..<3).map {
            SegmentInfo(name: "s\($0).scour", documents: Int(UInt32.max), terms: 1, bytes: 100)
        })
        #expect(try Manifest.decode(try many.encoded(), path: "MANIFEST").documentCount == 3 * Int(UInt32.max))
    }

    // MARK: Deletion files

    @Test func hostileDeletionFilesAreErrors() throws {
        let good = DeletedDocuments(documentCount: 10).encoded()
        func patched(_ offset: Int, _ value: UInt32) -> [UInt8] {
            var bytes = good
            withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + 4), with: $0) }
            Self.recomputeChecksum(&bytes)
            return bytes
        }
        let cases = [patched(12, UInt32.max), patched(16, UInt32.max), patched(16, 3), Array(good.prefix(23))]
        for bytes in cases {
            #expect(throws: IndexError.self) { try DeletedDocuments.decode(bytes, documentCount: 10, path: "x.del") }
        }
        #expect(throws: IndexError.self) { try DeletedDocuments.decode(good, documentCount: -1, path: "x.del") }
    }
}
