import Foundation
import ScourTestSupport
import Testing
import ScourAnalysis
@testable import ScourIndex
import ScourPrimitives

@Suite("Segment format round trip")
struct SegmentRoundTripTests {
    static let documents = [
        StoredDocument(path: "news/union.html", title: "Student Union Exchange",
                       text: "The student union held an exchange meeting.\nStudents met online.",
                       format: "html", fingerprint: 42, headings: ["Students met online."],
                       url: "https://example.edu/news/union-exchange.html", date: "2026-01-10",
                       canonicalURL: "https://example.edu/news/union-exchange", language: "en",
                       aliases: ["https://www.example.edu/news/union-exchange?ref=home", "mirror/union.html"],
                       location: "/data/crawl/news/union.html", source: "/data/crawl"),
        StoredDocument(path: "news/library.txt", title: "Library Hours",
                       text: "The library opens at eight. 图书馆开放时间延长。", format: "text", fingerprint: 7),
        StoredDocument(path: "empty-title.txt", title: "", text: "union union union", format: "text", fingerprint: 0,
                       location: "/data/notes/empty-title.txt", source: "/data/notes"),
    ]

    func writeSegment(in directory: TemporaryDirectory) throws -> (String, SegmentInfo) {
        var builder = SegmentBuilder(analyzer: Analyzer(configuration: AnalyzerConfiguration(stemming: false)))
        for document in Self.documents { builder.add(document) }
        let path = directory.file("seg-000001-000.scour")
        let info = try SegmentWriter.write(builder, to: path)
        return (path, info)
    }

    @Test func documentsReadWithoutTheirTextHaveEveryOtherField() throws {
        let directory = TemporaryDirectory()
        let (path, _) = try writeSegment(in: directory)
        let reader = try SegmentReader(path: path)
        for id in 0..<reader.documentCount {
            var full = try reader.document(id)
            let light = try reader.document(id, includingText: false)
            #expect(!full.text.isEmpty)
            #expect(light.text.isEmpty)
            full.text = ""
            full.headings = []
            #expect(light == full)
        }
    }

    @Test func segmentsAreWrittenInTheCurrentFormat() throws {
        let directory = TemporaryDirectory()
        let (path, _) = try writeSegment(in: directory)
        let reader = try SegmentReader(path: path)
        #expect(reader.formatVersion == 7)
        #expect(reader.hasSiteTerms)
        #expect(try reader.document(0).aliases == ["https://www.example.edu/news/union-exchange?ref=home", "mirror/union.html"])
        #expect(try reader.document(0).location == "/data/crawl/news/union.html")
        #expect(try reader.document(2).source == "/data/notes")
        #expect(try reader.document(1).aliases.isEmpty && reader.document(1).location.isEmpty)
        #expect(try reader.storedURL(of: 0) == "https://example.edu/news/union-exchange.html")
        #expect(try reader.storedURL(of: 1) == "")
    }

    @Test func storedFieldsComeBackIdentical() throws {
        let directory = TemporaryDirectory()
        let (path, info) = try writeSegment(in: directory)
        let reader = try SegmentReader(path: path)
        #expect(info.documents == 3)
        #expect(reader.documentCount == 3)
        #expect(reader.byteCount == info.bytes)
        for (id, document) in Self.documents.enumerated() {
            #expect(try reader.document(id) == document)
        }
    }

    @Test func fieldLengthsAndTermStatistics() throws {
        let directory = TemporaryDirectory()
        let (path, _) = try writeSegment(in: directory)
        let reader = try SegmentReader(path: path)
        // url words: "example.edu/news/union-exchange" → example, edu, news, union, exchange.
        #expect(reader.lengths(of: 0) == FieldCounts(title: 3, headings: 3, body: 10, url: 5))
        // A file without a URL: its path's words ("empty", "title") stand in.
        #expect(reader.lengths(of: 2) == FieldCounts(title: 0, headings: 0, body: 3, url: 2))
        // Document 1's body: 5 English words and 8 Chinese bigrams.
        #expect(reader.tokens(in: .body) == 10 + 13 + 3)
        #expect(reader.lookup("union")?.documentFrequency == 2)
        #expect(reader.lookup("图书")?.documentFrequency == 1)
        #expect(reader.lookup("absent") == nil)
        // 14 terms in document 0 (with "unionexchange", the URL's joined
        // compound) and its 2 site terms (example.edu, edu); 5 words, 8
        // bigrams and 9 single Han characters new in document 1; in
        // document 2 its path's words "empty", "title", "emptytitle".
        #expect(reader.termCount == 14 + 2 + 5 + 8 + 9 + 3)
        #expect(reader.lookup("\u{1}example.edu")?.documentFrequency == 1)
        #expect(reader.lookup("馆")?.documentFrequency == 1)
        // Terms are stored sorted, so binary search finds every one of them.
        for index in 0..<reader.termCount {
            let term = String(decoding: reader.term(at: index), as: UTF8.self)
            #expect(reader.lookup(term) == reader.termInfo(at: index))
            if index > 0 {
                #expect(ByteOrder.compare(reader.term(at: index - 1), reader.term(at: index)) < 0)
            }
        }
    }

    @Test func postingsCarryFrequenciesAndPositions() throws {
        let directory = TemporaryDirectory()
        let (path, _) = try writeSegment(in: directory)
        let reader = try SegmentReader(path: path)
        var cursor = reader.postings(try #require(reader.lookup("union")))
        var seen: [(UInt32, FieldCounts, [UInt32])] = []
        var positions: [UInt32] = []
        while cursor.next() {
            cursor.positions(into: &positions)
            seen.append((cursor.document, cursor.frequencies, positions))
        }
        #expect(!cursor.isDamaged)
        #expect(seen.count == 2)
        // Document 0 lays out title 0–2, headings 4–6, url 8–12, body from 14:
        // "union" is title token 1, url token 3 (position 11) and body token 2 (16).
        #expect(seen[0].0 == 0)
        #expect(seen[0].1 == FieldCounts(title: 1, headings: 0, body: 1, url: 1))
        #expect(seen[0].2 == [1, 11, 16])
        // Document 2 has no title or headings and two url words (from its
        // path), so its body starts at position 5.
        #expect(seen[1].0 == 2 && seen[1].1 == FieldCounts(body: 3) && seen[1].2 == [5, 6, 7])
    }

    @Test func advanceSkipsToTheTargetDocument() throws {
        let directory = TemporaryDirectory()
        let (path, _) = try writeSegment(in: directory)
        let reader = try SegmentReader(path: path)
        var cursor = reader.postings(try #require(reader.lookup("union")))
        let found = cursor.advance(to: 1)
        #expect(found)
        #expect(cursor.document == 2)
        let beyond = cursor.advance(to: 3)
        #expect(!beyond)
    }

    @Test func emptySegmentRoundTrips() throws {
        let directory = TemporaryDirectory()
        let builder = SegmentBuilder(analyzer: Analyzer())
        let path = directory.file("empty.scour")
        try SegmentWriter.write(builder, to: path)
        let reader = try SegmentReader(path: path)
        #expect(reader.documentCount == 0)
        #expect(reader.termCount == 0)
        #expect(reader.lookup("anything") == nil)
    }
}
