import Foundation
import ScourAnalysis
import ScourTestSupport
import Testing
@testable import ScourIndex

/// Format 6's compact dictionaries: 12-byte term entries with block bases
/// (a term's bytes and postings end where the next one's begin), and
/// spelling words that share the bytes of equal terms — read back exactly,
/// after a write and after a merge.
@Suite("Term dictionary")
struct TermDictionaryTests {
    /// Documents with many distinct words (several 64-term blocks), some
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
        let builder = Self.builder(documents: 300)
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
}
