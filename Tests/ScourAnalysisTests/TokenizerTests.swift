import Testing
@testable import ScourAnalysis

@Suite("Tokenizer")
struct TokenizerTests {
    func terms(_ text: String, stemming: Bool = false) -> [String] {
        var session = Analyzer(configuration: AnalyzerConfiguration(stemming: stemming)).makeSession()
        return session.tokens(in: text).map(\.term)
    }

    @Test func asciiWordsAreCaseFoldedWithConsecutivePositions() {
        var session = Analyzer(configuration: AnalyzerConfiguration(stemming: false)).makeSession()
        let tokens = session.tokens(in: "Student UNION, exchange 2026!")
        #expect(tokens.map(\.term) == ["student", "union", "exchange", "2026"])
        #expect(tokens.map(\.span.position) == [0, 1, 2, 3])
        // Byte spans point back into the source for highlighting.
        #expect(tokens[1].span == TokenSpan(position: 1, start: 8, end: 13))
    }

    @Test func unicodeSpacesSeparateWords() {
        #expect(terms("Date:\u{00A0}2026\u{3000}news\u{2003}today") == ["date", "2026", "news", "today"])
    }

    @Test func compatibilityAndCaseFoldingAndDiacritics() {
        #expect(terms("Café ÉCOLE naïve") == ["cafe", "ecole", "naive"])
        #expect(terms("ＡＢＣ１２３") == ["abc123"])
        #expect(terms("ﬁnance Straße") == ["finance", "strasse"])
        #expect(terms("ΑΘΗΝΑ") == ["αθηνα"])
    }

    @Test func hanRunsBecomeOverlappingBigrams() {
        // A query session: bigrams only (documents add unigrams, see HanAnalysisTests).
        var session = Analyzer().makeQuerySession()
        let tokens = session.tokens(in: "图书馆开放")
        #expect(tokens.map(\.term) == ["图书", "书馆", "馆开", "开放"])
        #expect(tokens.map(\.span.position) == [0, 1, 2, 3])
        // Each bigram spans the bytes of both characters.
        #expect(tokens[0].span.start == 0 && tokens[0].span.end == 6)
    }

    @Test func loneCJKCharacterIsItsOwnTerm() {
        #expect(terms("第 3 章") == ["第", "3", "章"])
    }

    @Test func mixedScriptsSplitAtScriptBoundaries() {
        var session = Analyzer().makeQuerySession()
        #expect(session.tokens(in: "西北工业大学NPU2026年").map(\.term) == ["西北", "北工", "工业", "业大", "大学", "npu2026", "年"])
    }

    @Test func kanaAndHangulAreBigrammed() {
        #expect(terms("カタカナ") == ["カタ", "タカ", "カナ"])
        #expect(terms("한국어") == ["한국", "국어"])
    }

    @Test func apostrophesJoinPossessivesForTheStemmer() {
        #expect(terms("university’s students' O'Brien") == ["university's", "students", "o'brien"])
        #expect(terms("university's", stemming: true) == ["universiti"])
    }

    @Test func hyphenatedCompoundsGivePartsAndTheJoinedForm() {
        var session = Analyzer(configuration: AnalyzerConfiguration(stemming: false)).makeSession()
        let tokens = session.tokens(in: "inter-school e-mail, 2026-01-10 end")
        #expect(tokens.map(\.term) == ["inter", "school", "interschool", "e", "mail", "email",
                                        "2026", "01", "10", "20260110", "end"])
        // Joined forms share their first part's position and span the whole compound.
        #expect(tokens.map(\.span.position) == [0, 1, 0, 2, 3, 2, 4, 5, 6, 4, 7])
        #expect(tokens[2].span.start == 0 && tokens[2].span.end == 12)
        // A hyphen not between word characters is a separator.
        #expect(terms("well- known -x") == ["well", "known", "x"])
    }

    @Test func datesAndPossessivesAndDiacritics() {
        #expect(terms("Date: 2026-01-10", stemming: true) == ["date", "2026", "01", "10", "20260110"])
        #expect(terms("the university's café", stemming: true) == ["the", "universiti", "cafe"])
    }

    @Test func stemmingIsConfigurable() {
        #expect(terms("meetings organised exchanges", stemming: true) == ["meet", "organis", "exchang"])
        #expect(terms("meetings organised exchanges", stemming: false) == ["meetings", "organised", "exchanges"])
    }

    @Test func invalidUTF8IsASeparatorNotACrash() {
        var session = Analyzer().makeSession()
        let bytes: [UInt8] = [0x61, 0x62, 0xFF, 0x63, 0xE4, 0xB8]
        var out: [String] = []
        bytes.withUnsafeBufferPointer { buffer in
            session.analyze(buffer) { term, _ in out.append(String(decoding: term, as: UTF8.self)) }
        }
        #expect(out == ["ab", "c"])
    }

    @Test func firstPositionOffsetsTheWholeRun() {
        var session = Analyzer().makeSession()
        var positions: [Int] = []
        let next = session.analyze("one two three", firstPosition: 10) { _, span in positions.append(span.position) }
        #expect(positions == [10, 11, 12])
        #expect(next == 13)
    }

    @Test func stopWordsDependOnConfiguration() {
        #expect(Analyzer().isStopWord("the"))
        #expect(!Analyzer().isStopWord("union"))
        #expect(!Analyzer(configuration: AnalyzerConfiguration(stopWords: false)).isStopWord("the"))
    }
}
