import ScourTestSupport
import Testing
@testable import ScourAnalysis

/// The stem cache is invisible: every word comes out as the stemmer makes
/// it, whether it hits, misses, collides, or is too long to keep.
@Suite("Stem cache")
struct StemCacheTests {
    @Test func cachedStemsAreTheStemmersStems() {
        let stemmer = EnglishStemmer()
        var cache = StemCache()
        var random = SeededGenerator(seed: 17)
        let known = ["running", "runs", "meetings", "happiness", "universities", "generously", "caresses", "o'neil's",
                     "internationalisation", "antidisestablishmentarianisms", "abcdefghijklmnopqrstuvwxyzabcdefgh", "a", "s"]
        var words = known
        let letters = Array("abcdefghijklmnopqrstuvwxyz'".utf8)
        for _ in 0..<4000 {
            words.append(String(decoding: (0..<Int.random(in: 1...34, using: &random)).map { _ in letters.randomElement(using: &random)! },
                                as: UTF8.self))
        }
        // Several passes in shuffled orders: misses, hits, slots taken over, growth.
        for pass in 0..<4 {
            for word in (pass == 0 ? words : words.shuffled(using: &random)) {
                var expected = Array(word.utf8)
                stemmer.stem(&expected)
                var cached = Array(word.utf8)
                cache.stem(&cached, with: stemmer)
                #expect(cached == expected, "\(word)")
            }
        }
    }
}

extension StemCacheTests {
    @Test func aCachingSessionEmitsWhatAPlainOneEmits() {
        var random = SeededGenerator(seed: 23)
        let words = ["Running", "runners", "ran", "universities", "University's", "e-mail", "2026-01-10", "图书馆",
                     "meetings", "Meeting", "happily", "happiness", "généreusement", "naïve", "x"]
        let text = (0..<3000).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
        func terms(cachingStems: Bool) -> [String] {
            var session = Analyzer().makeSession(cachingStems: cachingStems)
            var terms: [String] = []
            var bytes = Array(text.utf8)
            _ = bytes.withUnsafeMutableBufferPointer { buffer in
                session.analyze(UnsafeBufferPointer(buffer)) { term, span in
                    terms.append("\(String(decoding: term, as: UTF8.self))@\(span.position)")
                }
            }
            return terms
        }
        let plain = terms(cachingStems: false)
        #expect(plain.count > 3000)
        #expect(terms(cachingStems: true) == plain)
    }
}
