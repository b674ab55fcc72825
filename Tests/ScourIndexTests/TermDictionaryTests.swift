import Foundation
import ScourAnalysis
import ScourTestSupport
import Testing
@testable import ScourIndex

/// Format 7's packed dictionaries: blocks of 128 terms with bases and
/// bit-packed offsets and frequencies (a term's bytes and postings end
/// where the next one's begin), and spelling words that share the bytes of
/// equal terms — read back exactly, after a write and after a merge.
@Suite("Term dictionary")
struct TermDictionaryTests {
    /// Documents with many distinct words (several 128-term blocks), some
    /// stemmed (their spelling word differs from the term), some not.
    static func builder(documents: Int, offset: Int = 0) -> SegmentBuilder {
        var builder = SegmentBuilder(analyzer: Analyzer())
        for number in offset..<(offset + documents) {
            let text = "walking runners quickly zeta\(number % 97) omega\(number) shared plain \(number % 3 == 0 ? "rare" : "")"
            builder.add(StoredDocument(path: "d\(number)", title: "Title \(number % 5)", text: text))
        }
        return builder
    }

    static func words(_ segment: SegmentReader) -> [String: Int] {
        var words: [String: Int] = [:]
        for index in 0..<segment.spellingCount {
            words[String(decoding: segment.spellingWord(at: index), as: UTF8.self)] = segment.spellingFrequency(at: index)
        }
        return words
    }

    @Test func termsPostingsAndSpellingWordsReadBackAsWritten() throws {
        let directory = TemporaryDirectory()
        let builder = Self.builder(documents: 600)
        let info = try SegmentWriter.write(builder, to: directory.file("a.scour"))
        let segment = try SegmentReader(path: directory.file(info.name))
        #expect(segment.termCount > 4 * TermDictionary.blockSize)
        // Every term: its bytes as the builder held them, its postings
        // where its entry says, with the builder's document frequency.
        let order = builder.interner.sortedIDs()
        #expect(segment.termCount == order.count)
        var previousEnd = 0
        for (index, id) in order.enumerated() {
            #expect(Array(segment.term(at: index)) == Array(builder.interner.term(id)))
            let termInfo = segment.termInfo(at: index)
            #expect(!termInfo.isDamaged)
            #expect(termInfo.documentFrequency == Int(builder.documentFrequency[id]))
            #expect(termInfo.postingsOffset == previousEnd)
            previousEnd = termInfo.postingsOffset + termInfo.postingsLength
            var cursor = segment.postings(termInfo)
            var documents = 0
            while cursor.next() { documents += 1 }
            #expect(!cursor.isDamaged && documents == termInfo.documentFrequency)
            #expect(segment.index(of: segment.term(at: index)) == index)
        }
        #expect(UInt64(previousEnd) == segment.footer.postingsLength)
        // Words that are not terms: before the first, between two (inside a
        // block and between blocks), after the last.
        for index in stride(from: 0, to: segment.termCount - 1, by: 37) {
            let between = Array(segment.term(at: index)) + [0x00]
            #expect(between.withUnsafeBytes { segment.index(of: $0) } == nil)
        }
        for absent in ["", "\u{01}", "omega5x", "zzzzzz"] { #expect(segment.lookup(absent) == nil, "\(absent)") }
        // Spelling: the builder's words and counts; unstemmed words are
        // terms too, and only the others take spelling bytes.
        var expected: [String: Int] = [:]
        for id in 0..<builder.surfaces.count {
            expected[String(decoding: builder.surfaces.term(id), as: UTF8.self)] = Int(builder.surfaceFrequency[id])
        }
        #expect(Self.words(segment) == expected)
        #expect(expected["walking"] != nil && segment.lookup("walking") == nil)   // stemmed: its own bytes
        #expect(expected["plain"] != nil && segment.lookup("plain") != nil)       // shared with the term
        let spellingBytes = Int(segment.footer.spellingBytesLength)
        // Each stored word: a varint length (one byte here) and its UTF-8.
        let stemmedBytes = expected.keys.filter { segment.lookup($0) == nil }.reduce(0) { $0 + 1 + $1.utf8.count }
        #expect(spellingBytes == stemmedBytes)
    }

    @Test func mergedDictionariesAreTheUnionWithSummedCounts() throws {
        let directory = TemporaryDirectory()
        let first = try SegmentReader(path: directory.file(
            try SegmentWriter.write(Self.builder(documents: 200), to: directory.file("a.scour")).name))
        let second = try SegmentReader(path: directory.file(
            try SegmentWriter.write(Self.builder(documents: 150, offset: 1000), to: directory.file("b.scour")).name))
        let info = try SegmentMerger.merge([.init(segment: first), .init(segment: second)], to: directory.file("m.scour"))
        let merged = try SegmentReader(path: directory.file(info.name))
        var expected = Self.words(first)
        for (word, count) in Self.words(second) { expected[word, default: 0] += count }
        #expect(Self.words(merged) == expected)
        // The same terms and document frequencies as one segment built from
        // all the documents; every postings region where the entry says.
        var all = Self.builder(documents: 200)
        for number in 1000..<1150 {
            let text = "walking runners quickly zeta\(number % 97) omega\(number) shared plain \(number % 3 == 0 ? "rare" : "")"
            all.add(StoredDocument(path: "d\(number)", title: "Title \(number % 5)", text: text))
        }
        let whole = try SegmentReader(path: directory.file(try SegmentWriter.write(all, to: directory.file("w.scour")).name))
        #expect(merged.termCount == whole.termCount)
        for index in 0..<whole.termCount {
            #expect(Array(merged.term(at: index)) == Array(whole.term(at: index)))
            #expect(merged.termInfo(at: index).documentFrequency == whole.termInfo(at: index).documentFrequency)
        }
        #expect(IndexChecker.problems(in: merged, name: "m.scour").isEmpty)
    }

    /// The packed term table alone, at its edges: 1, 128 and 129 terms (a
    /// full block, one more), document frequencies from 1 to 2³² − 1 in one
    /// block, postings starts near the 32-bit limit of a block.
    @Test(arguments: [1, 128, 129, 300])
    func packedTableRoundTripsExtremeValues(count: Int) throws {
        var writer = TermDictionary.Writer()
        var frequencies: [UInt32] = [], starts: [UInt64] = []
        var start: UInt64 = 5_000_000_000
        for index in 0..<count {
            let frequency: UInt32 = index % 7 == 3 ? .max : UInt32(index % 5 + 1)
            let term = Array(String(format: "t%05d", index).utf8)
            let added = term.withUnsafeBytes { writer.add($0, documentFrequency: frequency, postingsStart: start) }
            #expect(added)
            frequencies.append(frequency)
            starts.append(start)
            start += index % TermDictionary.blockSize == 126 ? UInt64(UInt32.max) / 2 : UInt64(index % 3 * 1000)
        }
        // Past a block's 32-bit reach: refused, not wrapped.
        // A new block takes it as its base.
        var probe = writer
        let accepted = Array("zzz".utf8).withUnsafeBytes { probe.add($0, documentFrequency: 1, postingsStart: start + (1 << 33)) }
        #expect(accepted == (count % TermDictionary.blockSize == 0))
        let table = try #require(writer.table)
        #expect(table.count >= Int(TermDictionary.headersLength(count: UInt64(count))))
        try table.withUnsafeBytes { bytes in
            let index = try #require(TermDictionary.BlockIndex(bytes: bytes, offset: 0, count: count, limit: bytes.count))
            #expect(index.blocks == (count + 127) / 128)
            for block in 0..<index.blocks {
                #expect(Array(index.firstTerm(of: block)) == Array(String(format: "t%05d", block * 128).utf8))
            }
            let packed = TermDictionary.PackedTable(bytes: bytes, offset: 0, count: count, gap: index.length, limit: bytes.count)
            for index in 0..<count {
                let header = packed.header(ofRow: index)
                #expect(packed.value(index, column: 1) == frequencies[index])
                let base = packed.load(UInt64.self, at: header)
                #expect(packed.value(index, column: 2).map { base + UInt64($0) } == starts[index])
                #expect(packed.value(index, column: 0).map { Int(packed.load(UInt32.self, at: header + 8)) + Int($0) } == 6 * index)
            }
            // A limit short of the packed values: nil, never a read past it.
            let short = TermDictionary.PackedTable(bytes: bytes, offset: 0, count: count, gap: index.length, limit: bytes.count - 1)
            #expect(short.value(count - 1, column: 1) == nil)
        }
    }

    /// A format-6 segment (12-byte term entries, 8-byte spelling entries,
    /// `Tests/Fixtures/index-format-6`) reads its dictionaries, and a merge
    /// writes them packed, word for word and count for count.
    @Test func aFormatSixDictionaryMergesIntoAPackedOne() throws {
        let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/index-format-6").path
        let old = try SegmentReader(path: "\(folder)/seg-000001-000.scour")
        #expect(old.formatVersion == 6)
        let directory = TemporaryDirectory()
        let merged = try SegmentReader(path: directory.file(
            try SegmentMerger.merge([.init(segment: old)], to: directory.file("m.scour")).name))
        #expect(merged.formatVersion == SegmentLayout.formatVersion)
        #expect(merged.termCount == old.termCount && old.termCount > 2 * TermDictionary.blockSize)
        for index in 0..<old.termCount {
            #expect(Array(merged.term(at: index)) == Array(old.term(at: index)))
            #expect(merged.termInfo(at: index).documentFrequency == old.termInfo(at: index).documentFrequency)
        }
        #expect(Self.words(merged) == Self.words(old) && !Self.words(old).isEmpty)
        #expect(IndexChecker.problems(in: merged, name: "m.scour").isEmpty)
        #expect(IndexChecker.problems(in: old, name: "old.scour").isEmpty)
    }

    /// A scan decodes a block at a time and gives what one-by-one access
    /// gives, in packed (format 7) and compact (format 6) dictionaries.
    @Test func scansGiveEveryTermAndWordInOrder() throws {
        let directory = TemporaryDirectory()
        let packed = try SegmentReader(path: directory.file(try SegmentWriter.write(Self.builder(documents: 700), to: directory.file("a.scour")).name))
        let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/index-format-6").path
        let compact = try SegmentReader(path: "\(folder)/seg-000001-000.scour")
        #expect(packed.spellingCount > 2 * TermDictionary.blockSize && packed.termCount > 4 * TermDictionary.blockSize)
        for segment in [packed, compact] {
            var terms: [[UInt8]] = [], indexes: [Int] = []
            segment.forEachTerm { index, bytes in indexes.append(index); terms.append(Array(bytes)) }
            #expect(indexes == Array(0..<segment.termCount))
            #expect(terms == (0..<segment.termCount).map { Array(segment.term(at: $0)) })
            var words: [[UInt8]] = []
            segment.forEachSpellingWord { _, bytes in words.append(Array(bytes)) }
            #expect(words == (0..<segment.spellingCount).map { Array(segment.spellingWord(at: $0)) })
            #expect(!words.isEmpty && !words.contains { $0.isEmpty })
        }
    }
}
