import Foundation
import Testing
@testable import ScourAnalysis

/// Han unigrams (one-character queries) and traditional → simplified
/// folding through OpenCC's data.
@Suite("Han unigrams and Chinese folding")
struct HanAnalysisTests {
    struct Token: Equatable, CustomStringConvertible {
        var term: String
        var position: Int
        var text: String
        var description: String { "\(term)@\(position)[\(text)]" }
    }

    /// Terms with positions and the source text their spans cover.
    func tokens(_ text: String, _ configuration: AnalyzerConfiguration = .standard, query: Bool = false) -> [Token] {
        let analyzer = Analyzer(configuration: configuration)
        var session = query ? analyzer.makeQuerySession() : analyzer.makeSession()
        let bytes = Array(text.utf8)
        return session.tokens(in: text).map {
            Token(term: $0.term, position: $0.span.position,
                  text: String(decoding: bytes[$0.span.start..<$0.span.end], as: UTF8.self))
        }
    }

    @Test func documentsGetUnigramsAtTheirBigramsPositions() {
        #expect(tokens("学校图书馆") == [
            Token(term: "学", position: 0, text: "学"), Token(term: "学校", position: 0, text: "学校"),
            Token(term: "校", position: 1, text: "校"), Token(term: "校图", position: 1, text: "校图"),
            Token(term: "图", position: 2, text: "图"), Token(term: "图书", position: 2, text: "图书"),
            Token(term: "书", position: 3, text: "书"), Token(term: "书馆", position: 3, text: "书馆"),
            // The last character shares the last bigram's position.
            Token(term: "馆", position: 3, text: "馆"),
        ])
    }

    @Test func unigramsLeavePositionsAndLengthsAsWithoutThem() {
        let text = "西北工业大学 NPU 招生，欢迎 报考"
        let legacy = tokens(text, .legacy)
        let withUnigrams = tokens(text)
        // The bigrams (and the Latin word) keep their positions exactly.
        #expect(withUnigrams.filter { $0.term.unicodeScalars.count != 1 || $0.term == "npu" } == legacy.filter { $0.term.unicodeScalars.count != 1 || $0.term == "npu" })
        var session = Analyzer().makeSession(), legacySession = Analyzer(configuration: .legacy).makeSession()
        #expect(session.analyze(text) { _, _ in } == legacySession.analyze(text) { _, _ in })
    }

    @Test func queriesGetBigramsOnlyExceptForALoneCharacter() {
        #expect(tokens("图书馆", query: true).map(\.term) == ["图书", "书馆"])
        #expect(tokens("校", query: true) == [Token(term: "校", position: 0, text: "校")])
        #expect(tokens("第 3 章", query: true).map(\.term) == ["第", "3", "章"])
    }

    @Test func legacyConfigurationIsBigramsOnly() {
        #expect(tokens("学校", .legacy).map(\.term) == ["学校"])
        #expect(tokens("圖書館", .legacy).map(\.term) == ["圖書", "書館"])
    }

    @Test func traditionalFoldsToSimplified() {
        #expect(tokens("圖書館", query: true).map(\.term) == ["图书", "书馆"])
        #expect(tokens("圖書館", query: true).map(\.term) == tokens("图书馆", query: true).map(\.term))
        #expect(tokens("學校").map(\.term) == ["学", "学校", "校"])
        // Spans still point at the original (traditional) bytes.
        #expect(tokens("讀書").map(\.text) == ["讀", "讀書", "書"])
        // Compatibility ideographs are normalised first (U+F9B1 → 鈴 → 铃).
        #expect(tokens("\u{F9B1}", query: true).map(\.term) == ["铃"])
    }

    @Test func mixedLatinAndHan() {
        #expect(tokens("Scour搜索引擎v2") == [
            Token(term: "scour", position: 0, text: "Scour"),
            Token(term: "搜", position: 1, text: "搜"), Token(term: "搜索", position: 1, text: "搜索"),
            Token(term: "索", position: 2, text: "索"), Token(term: "索引", position: 2, text: "索引"),
            Token(term: "引", position: 3, text: "引"), Token(term: "引擎", position: 3, text: "引擎"),
            Token(term: "擎", position: 3, text: "擎"),
            Token(term: "v2", position: 4, text: "v2"),
        ])
    }

    @Test func kanaAndHangulGetNoUnigrams() {
        #expect(tokens("カタカナ").map(\.term) == ["カタ", "タカ", "カナ"])
        #expect(tokens("한국어").map(\.term) == ["한국", "국어"])
        // Japanese kanji are Han: unigrams (and folding, which leaves these alone).
        #expect(tokens("東京の大学").map(\.term) == ["东", "东京", "京", "京の", "の大", "大", "大学", "学"])
    }

    @Test func unigramsInRunsHaveNoSurfaceWord() {
        var session = Analyzer().makeSession()
        var surfaces: [String: String] = [:]
        let bytes = Array("图书馆 校".utf8)
        _ = bytes.withUnsafeBufferPointer { text in
            session.analyzeWithSurface(text) { term, surface, _ in
                surfaces[String(decoding: term, as: UTF8.self)] = String(decoding: surface, as: UTF8.self)
            }
        }
        #expect(surfaces == ["图": "", "图书": "图书", "书": "", "书馆": "书馆", "馆": "", "校": "校"])
    }

    @Test func openCCTableCoversTheCommonCharacters() throws {
        let table = try HanFoldingTable.table(for: .traditionalToSimplified).get()
        #expect(table.folded(0x5716) == 0x56FE) // 圖 → 图
        #expect(table.folded(0x56FE) == nil)    // 图 stays
        #expect(table.mapping.count > 2_000)
    }

    @Test func missingOpenCCDataIsAOneLineErrorNamingThePackage() {
        guard case .failure(let error) = HanFoldingTable.build(configuration: "no-such-scour-config.json") else {
            Issue.record("a missing OpenCC configuration loaded")
            return
        }
        #expect(error.message.contains("libopencc-data"))
        #expect(!error.message.contains("\n"))
    }

    @Test func configurationWithoutTheNewKeysDecodesToTheOldBehaviour() throws {
        let old = #"{"language":"en","stemming":true,"stopWords":false}"#
        let decoded = try JSONDecoder().decode(AnalyzerConfiguration.self, from: Data(old.utf8))
        #expect(decoded == AnalyzerConfiguration(stopWords: false, chineseFolding: nil, hanUnigrams: false))
        // New configurations record both and read back the same.
        let encoded = try JSONEncoder().encode(AnalyzerConfiguration.standard)
        #expect(String(decoding: encoded, as: UTF8.self).contains(#""chineseFolding":"t2s""#))
        #expect(try JSONDecoder().decode(AnalyzerConfiguration.self, from: encoded) == .standard)
    }
}
