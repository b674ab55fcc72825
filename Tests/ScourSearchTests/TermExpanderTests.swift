import Testing
import ScourTestSupport
@testable import ScourSearch

@Suite("Term expansion")
struct TermExpanderTests {
    let dictionary = ArrayVocabulary([
        ("aardvark", 2), ("univers", 3), ("universal", 7), ("universe", 9), ("university", 40),
        ("universities", 12), ("unix", 5), ("zebra", 1), ("zulu", 4),
        ("图书", 6), ("图书馆", 20), ("图片", 3), ("地图", 8), ("café", 5), ("cafe", 2),
    ])

    func terms(_ expanded: [ExpandedTerm]) -> [String] { expanded.map(\.term) }

    // MARK: Prefix

    @Test func prefixAtTheStartAndEndOfTheDictionary() {
        #expect(terms(TermExpander.prefix("aa", in: [dictionary], limit: 10)) == ["aardvark"])
        #expect(terms(TermExpander.prefix("a", in: [dictionary], limit: 10)) == ["aardvark"])
        // The last term is multi-byte ("地" sorts after every Latin letter and after "图").
        #expect(terms(TermExpander.prefix("地", in: [dictionary], limit: 10)) == ["地图"])
        #expect(terms(TermExpander.prefix("zu", in: [dictionary], limit: 10)) == ["zulu"])
    }

    @Test func prefixWithNoMatch() {
        #expect(TermExpander.prefix("0", in: [dictionary], limit: 10).isEmpty)      // before the first term
        #expect(TermExpander.prefix("zz", in: [dictionary], limit: 10).isEmpty)     // after every Latin term
        #expect(TermExpander.prefix("uo", in: [dictionary], limit: 10).isEmpty)     // in a gap
        #expect(TermExpander.prefix("universityx", in: [dictionary], limit: 10).isEmpty)
        #expect(TermExpander.prefix("\u{10FFFF}", in: [dictionary], limit: 10).isEmpty) // after the last term
        #expect(TermExpander.prefix("univ", in: [], limit: 10).isEmpty)
        #expect(TermExpander.prefix("univ", in: [ArrayVocabulary([])], limit: 10).isEmpty)
    }

    @Test func prefixEqualToAWholeTermIncludesIt() {
        let expanded = TermExpander.prefix("univers", in: [dictionary], limit: 10)
        #expect(terms(expanded) == ["university", "universities", "universe", "universal", "univers"])
        #expect(expanded.allSatisfy { $0.distance == 0 })
        #expect(terms(TermExpander.prefix("university", in: [dictionary], limit: 10)) == ["university"])
    }

    @Test func multiBytePrefix() {
        let expanded = TermExpander.prefix("图", in: [dictionary], limit: 10)
        #expect(expanded == [
            ExpandedTerm(term: "图书馆", documentFrequency: 20, distance: 0),
            ExpandedTerm(term: "图书", documentFrequency: 6, distance: 0),
            ExpandedTerm(term: "图片", documentFrequency: 3, distance: 0),
        ])
        #expect(terms(TermExpander.prefix("caf", in: [dictionary], limit: 10)) == ["café", "cafe"])
    }

    @Test func mergesVocabulariesSummingFrequencies() {
        let second = ArrayVocabulary([("universe", 1), ("universities", 30), ("unity", 6), ("zebra", 3)])
        let third = ArrayVocabulary([("universal", 2)])
        let expanded = TermExpander.prefix("uni", in: [dictionary, second, third], limit: 10)
        #expect(expanded == [
            ExpandedTerm(term: "universities", documentFrequency: 42, distance: 0),
            ExpandedTerm(term: "university", documentFrequency: 40, distance: 0),
            ExpandedTerm(term: "universe", documentFrequency: 10, distance: 0),
            ExpandedTerm(term: "universal", documentFrequency: 9, distance: 0),
            ExpandedTerm(term: "unity", documentFrequency: 6, distance: 0),
            ExpandedTerm(term: "unix", documentFrequency: 5, distance: 0),
            ExpandedTerm(term: "univers", documentFrequency: 3, distance: 0),
        ])
        #expect(TermExpander.prefix("zeb", in: [second, dictionary], limit: 10)
            == [ExpandedTerm(term: "zebra", documentFrequency: 4, distance: 0)])
    }

    @Test func limitKeepsTheMostFrequentWithTiesInTermOrder() {
        let tied = ArrayVocabulary([("pd", 5), ("pa", 5), ("pc", 9), ("pb", 5), ("pe", 1), ("q", 100)])
        #expect(terms(TermExpander.prefix("p", in: [tied], limit: 3)) == ["pc", "pa", "pb"])
        #expect(terms(TermExpander.prefix("p", in: [tied], limit: 1)) == ["pc"])
        #expect(TermExpander.prefix("p", in: [tied], limit: 0).isEmpty)
        #expect(terms(TermExpander.prefix("", in: [tied], limit: 2)) == ["q", "pc"])
    }

    @Test func arrayVocabularySortsBytewiseAndMergesDuplicates() {
        let vocabulary = ArrayVocabulary([("b", 1), ("ab", 2), ("a", 3), ("é", 1), ("z", 1), ("ab", 4)])
        let sorted = (0..<vocabulary.termCount).map { String(decoding: vocabulary.term(at: $0), as: UTF8.self) }
        #expect(sorted == ["a", "ab", "b", "z", "é"])
        #expect(vocabulary.documentFrequency(at: 1) == 6)
    }

    // MARK: Fuzzy

    @Test func transpositionIsOneEdit() {
        let vocabulary = ArrayVocabulary([("receive", 10), ("recipe", 4), ("believe", 3)])
        #expect(TermExpander.fuzzy("recieve", maxEdits: 1, in: [vocabulary], limit: 10)
            == [ExpandedTerm(term: "receive", documentFrequency: 10, distance: 1)])
    }

    @Test func insertDeleteAndSubstitute() {
        let vocabulary = ArrayVocabulary([("library", 10), ("lab", 4), ("labs", 2), ("cat", 1)])
        #expect(terms(TermExpander.fuzzy("libary", maxEdits: 1, in: [vocabulary], limit: 10)) == ["library"])     // insert
        #expect(terms(TermExpander.fuzzy("librarry", maxEdits: 1, in: [vocabulary], limit: 10)) == ["library"])   // delete
        #expect(terms(TermExpander.fuzzy("lob", maxEdits: 1, in: [vocabulary], limit: 10)) == ["lab"])            // substitute
        #expect(terms(TermExpander.fuzzy("lxbx", maxEdits: 1, in: [vocabulary], limit: 10)).isEmpty)
        #expect(terms(TermExpander.fuzzy("lxbx", maxEdits: 2, in: [vocabulary], limit: 10)) == ["lab", "labs"])
    }

    @Test func orderedByDistanceThenFrequencyThenTerm() {
        let vocabulary = ArrayVocabulary([("cat", 1), ("cut", 9), ("cot", 9), ("coat", 50), ("cast", 2), ("at", 3), ("dog", 99)])
        let expanded = TermExpander.fuzzy("cat", maxEdits: 2, in: [vocabulary], limit: 10)
        #expect(expanded.first == ExpandedTerm(term: "cat", documentFrequency: 1, distance: 0))
        #expect(terms(expanded) == ["cat", "coat", "cot", "cut", "at", "cast"])
        #expect(expanded.map(\.distance) == [0, 1, 1, 1, 1, 1])
        #expect(terms(TermExpander.fuzzy("cat", maxEdits: 2, in: [vocabulary], limit: 2)) == ["cat", "coat"])
        #expect(TermExpander.fuzzy("cat", maxEdits: 2, in: [vocabulary], limit: 0).isEmpty)
    }

    @Test func distanceTwo() {
        let vocabulary = ArrayVocabulary([("chemistry", 7), ("chemist", 3), ("geometry", 2)])
        #expect(TermExpander.fuzzy("chmstry", maxEdits: 1, in: [vocabulary], limit: 10).isEmpty)
        #expect(TermExpander.fuzzy("chmstry", maxEdits: 2, in: [vocabulary], limit: 10)
            == [ExpandedTerm(term: "chemistry", documentFrequency: 7, distance: 2)])
        // Two transpositions.
        #expect(TermExpander.fuzzy("hcemistyr", maxEdits: 2, in: [vocabulary], limit: 10).map(\.distance) == [2])
    }

    @Test func unicodeIsMeasuredInScalars() {
        let expanded = TermExpander.fuzzy("cafe", maxEdits: 1, in: [dictionary], limit: 10)
        #expect(expanded == [
            ExpandedTerm(term: "cafe", documentFrequency: 2, distance: 0),
            ExpandedTerm(term: "café", documentFrequency: 5, distance: 1),
        ])
        // Substitution (图书馆) and deletion (图书); transposition (图书) and substitution (地图).
        #expect(terms(TermExpander.fuzzy("图书官", maxEdits: 1, in: [dictionary], limit: 10)) == ["图书馆", "图书"])
        #expect(terms(TermExpander.fuzzy("书图", maxEdits: 1, in: [dictionary], limit: 10)) == ["地图", "图书"])
    }

    @Test func fuzzyMergesVocabularies() {
        let first = ArrayVocabulary([("receive", 10), ("recipe", 1)])
        let second = ArrayVocabulary([("receive", 5), ("deceive", 2)])
        #expect(TermExpander.fuzzy("recieve", maxEdits: 2, in: [first, second], limit: 10) == [
            ExpandedTerm(term: "receive", documentFrequency: 15, distance: 1),
            ExpandedTerm(term: "deceive", documentFrequency: 2, distance: 2),
            ExpandedTerm(term: "recipe", documentFrequency: 1, distance: 2),
        ])
    }

    @Test(arguments: [0, 1, 2])
    func matchesAPlainReferenceImplementation(maxEdits: Int) {
        var random = SeededGenerator(seed: 0x5C0_0A)
        // A small alphabet (with multi-byte letters) so that many words are near each other.
        let alphabet: [Character] = ["a", "b", "c", "d", "e", "é", "ß", "图", "😀"]
        func randomWord() -> String {
            String((0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
        }
        var pairs: [(String, Int)] = []
        for _ in 0..<400 { pairs.append((randomWord(), Int.random(in: 1...20, using: &random))) }
        let vocabulary = ArrayVocabulary(pairs)
        let words = (0..<vocabulary.termCount).map { String(decoding: vocabulary.term(at: $0), as: UTF8.self) }
        var queries = (0..<40).map { _ in randomWord() }
        queries += words.shuffled(using: &random).prefix(20)
        queries += ["", "a", "é", "图😀"]
        var matches = 0
        for query in queries {
            let expected = Set(words.compactMap { word -> String? in
                referenceOSA(Array(query.unicodeScalars), Array(word.unicodeScalars)) <= maxEdits ? word : nil
            })
            let found = TermExpander.fuzzy(query, maxEdits: maxEdits, in: [vocabulary], limit: Int.max)
            #expect(Set(found.map(\.term)) == expected, "query \(query)")
            matches += found.count
            for hit in found {
                #expect(hit.distance == referenceOSA(Array(query.unicodeScalars), Array(hit.term.unicodeScalars)), "\(query) → \(hit.term)")
            }
        }
        // The comparison only means something if plenty of words were in reach.
        #expect(matches > 20)
    }
}

/// The textbook full-table optimal-string-alignment distance, kept naive on
/// purpose as the yardstick for the banded, length-pruned one.
func referenceOSA(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
            }
        }
    }
    return table[a.count][b.count]
}
