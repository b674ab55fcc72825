import Foundation
import ScourTestSupport
import ScourAnalysis
import ScourIndex
import Testing
@testable import ScourSearch

/// One-character Chinese queries and queries in the other script, against
/// indexes built with and without Han unigrams and Chinese folding.
@Suite("Chinese search")
struct ChineseSearchTests {
    static let documents: [StoredDocument] = [
        StoredDocument(path: "simplified.html", title: "西陵理工学院图书馆",
                       text: "学校图书馆新馆开放，欢迎同学们前来借书。"),
        StoredDocument(path: "traditional.html", title: "香港大學圖書館",
                       text: "大學圖書館延長開放時間，方便同學溫習。"),
        StoredDocument(path: "english.txt", title: "Library news",
                       text: "The university library opens a new reading room."),
    ]

    /// An index of ``documents`` built with `configuration`.
    final class Fixture {
        let directory = TemporaryDirectory()
        let searcher: Searcher
        let reader: IndexReader

        init(_ configuration: AnalyzerConfiguration = .standard, manifestEdit: ((String) -> String)? = nil) throws {
            let index = IndexDirectory(path: directory.path)
            var builder = SegmentBuilder(analyzer: Analyzer(configuration: configuration))
            for document in ChineseSearchTests.documents { builder.add(document) }
            let info = try SegmentWriter.write(builder, to: index.segmentPath(generation: 1, ordinal: 0))
            try index.commit(Manifest(generation: 1, analyzer: configuration, segments: [info]))
            if let manifestEdit { try Self.rewriteManifest(in: directory.path, manifestEdit) }
            reader = try IndexReader(path: directory.path)
            searcher = Searcher(reader: reader)
        }

        /// Rewrites the manifest's JSON line (with a fresh checksum), as an
        /// older Scour would have written it.
        static func rewriteManifest(in path: String, _ edit: (String) -> String) throws {
            let file = (path as NSString).appendingPathComponent(Manifest.fileName)
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
            var body = Array((lines[0] + "\n" + edit(lines[1]) + "\n").utf8)
            let checksum = CRC32.checksum(body)
            body += Array(String(format: "crc32 %08x\n", checksum).utf8)
            try Data(body).write(to: URL(fileURLWithPath: file))
        }

        func hits(_ query: String) throws -> [SearchHit] {
            try searcher.search(query, options: SearchOptions(limit: 10)).hits
        }

        func paths(_ query: String) throws -> [String] { try hits(query).map(\.path) }
    }

    static func highlighted(_ hit: SearchHit) -> [String] {
        let bytes = Array(hit.snippet.text.utf8)
        return hit.snippet.highlights.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func oneCharacterFindsItInsideLongerRuns() throws {
        let fixture = try Fixture()
        // 校 occurs only inside 学校 (and 理工学院 has no 校).
        let hits = try fixture.hits("校")
        #expect(hits.map(\.path) == ["simplified.html"])
        #expect(Self.highlighted(hits[0]) == ["校"])
        // 书 is in both scripts' pages: 借书, and 圖書館 folded to 图书馆.
        #expect(Set(try fixture.paths("书")) == ["simplified.html", "traditional.html"])
        #expect(Set(try fixture.paths("書")) == ["simplified.html", "traditional.html"])
    }

    @Test func simplifiedQueryFindsTraditionalPageAndBack() throws {
        let fixture = try Fixture()
        let simplified = try fixture.hits("延长开放")
        #expect(simplified.map(\.path) == ["traditional.html"])
        #expect(Self.highlighted(simplified[0]) == ["延長開放"])
        let traditional = try fixture.hits("新館開放")
        #expect(traditional.map(\.path) == ["simplified.html"])
        #expect(Self.highlighted(traditional[0]) == ["新馆开放"])
        #expect(Set(try fixture.paths("图书馆")) == ["simplified.html", "traditional.html"])
        #expect(Set(try fixture.paths("圖書館")) == ["simplified.html", "traditional.html"])
        let phrase = try #require(try fixture.hits(#""大学图书馆""#).first)
        #expect(phrase.path == "traditional.html")
        #expect(Self.highlighted(phrase) == ["大學圖書館"])
    }

    @Test func multiCharacterQueriesStillMatchAsPhrases() throws {
        let fixture = try Fixture()
        // 书馆 and 开放 occur in both pages, but 馆开 only where they are adjacent.
        #expect(try fixture.paths("新馆开放") == ["simplified.html"])
        #expect(try fixture.paths("图书馆延长") == ["traditional.html"])
        // A lone character next to a Latin word keeps its own position.
        #expect(try fixture.paths("library 书").contains("simplified.html"))
    }

    @Test func spellingDictionaryHoldsNoUnigramsFromRuns() throws {
        let fixture = try Fixture()
        let segment = try #require(fixture.reader.segments.first)
        let words = (0..<segment.spellingCount).map { String(decoding: segment.spellingWord(at: $0), as: UTF8.self) }
        #expect(words.contains("图书"))
        #expect(!words.contains { $0.unicodeScalars.count == 1 && Analyzer.isCJKTerm($0) })
        // The term dictionary has them.
        #expect(segment.lookup("校") != nil)
    }

    @Test func manifestWithoutTheNewKeysSearchesAsBefore() throws {
        // An index built before Han unigrams and folding: its manifest has
        // neither key, and it must keep being searched with bigrams only.
        let fixture = try Fixture(.legacy) { json in
            json.replacingOccurrences(of: #""hanUnigrams":false,"#, with: "")
        }
        let manifest = try String(contentsOfFile: (fixture.directory.path as NSString).appendingPathComponent(Manifest.fileName), encoding: .utf8)
        #expect(!manifest.contains("hanUnigrams") && !manifest.contains("chineseFolding"))
        #expect(fixture.reader.manifest.analyzer == .legacy)
        #expect(try fixture.paths("学校图书馆") == ["simplified.html"])
        #expect(try fixture.paths("圖書館") == ["traditional.html"])
        #expect(try fixture.paths("校").isEmpty)
    }
}
