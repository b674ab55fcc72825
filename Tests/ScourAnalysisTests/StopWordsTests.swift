import Testing

@testable import ScourAnalysis

@Suite("StopWords")
struct StopWordsTests {
    static let lucene: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
        "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
        "they", "this", "to", "was", "will", "with",
    ]

    static func check(_ word: String) -> Bool {
        Array(word.utf8).withUnsafeBufferPointer { StopWords.isEnglishStopWord($0) }
    }

    @Test("The set is the classic Lucene English list")
    func set() {
        #expect(StopWords.english == Self.lucene)
        #expect(StopWords.english.count == 33)
    }

    @Test("Byte check agrees with the set for every stop word")
    func everyStopWord() {
        #expect(StopWords.english.count == 33)
        for word in StopWords.english {
            #expect(Self.check(word), "\(word) should be a stop word")
        }
    }

    @Test(
        "Non-stop words are rejected",
        arguments: [
            "", "b", "i", "ab", "ax", "ta", "ot", "andy", "ar", "th", "thee", "thi", "tha", "theirs",
            "therein", "wil", "withe", "intro", "sucha", "search", "index", "The", "AND", "über", "a'",
        ])
    func nonStopWords(_ word: String) {
        #expect(!Self.check(word))
        #expect(!StopWords.english.contains(word))
    }

    @Test("Byte check agrees with the set on all 1–4 letter strings over a small alphabet")
    func exhaustiveSmallAlphabet() {
        // Every letter that occurs in a stop word, so near misses are covered.
        let alphabet = Array("abcdefhilnorstuwy".utf8)
        var word: [UInt8] = []
        var stopWordsSeen = 0
        func visit(_ length: Int) {
            if word.count == length {
                let string = String(decoding: word, as: UTF8.self)
                let byBytes = word.withUnsafeBufferPointer { StopWords.isEnglishStopWord($0) }
                if byBytes != StopWords.english.contains(string) {
                    Issue.record("mismatch for \(string)")
                }
                if byBytes { stopWordsSeen += 1 }
                return
            }
            for letter in alphabet {
                word.append(letter)
                visit(length)
                word.removeLast()
            }
        }
        for length in 1...4 { visit(length) }
        // The walk met every stop word of up to four letters (all but
        // "there", "these" and "their"), so the agreement above was checked
        // on stop words, not only on misses.
        let reachable = StopWords.english.filter { $0.count <= 4 && $0.utf8.allSatisfy(alphabet.contains) }
        #expect(reachable.count == 30)
        #expect(stopWordsSeen == reachable.count)
    }
}
