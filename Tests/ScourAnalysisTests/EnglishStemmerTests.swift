import Foundation
import Testing

@testable import ScourAnalysis

@Suite("EnglishStemmer")
struct EnglishStemmerTests {
    let stemmer = EnglishStemmer()

    @Test(
        "Porter2 examples",
        arguments: [
            ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"),
            ("consignment", "consign"), ("consist", "consist"), ("consisted", "consist"),
            ("consistency", "consist"), ("consistent", "consist"), ("consistently", "consist"),
            ("knack", "knack"), ("knackeries", "knackeri"), ("knaves", "knave"),
            ("generously", "generous"), ("generate", "generat"), ("communism", "communism"),
            ("running", "run"), ("hopping", "hop"), ("hoping", "hope"), ("caresses", "caress"),
            ("ponies", "poni"), ("ties", "tie"), ("cries", "cri"), ("gas", "gas"), ("gaps", "gap"),
            ("kiwis", "kiwi"), ("connection", "connect"), ("relational", "relat"),
            ("hopefully", "hope"), ("agreed", "agre"), ("feed", "feed"), ("luxuriated", "luxuri"),
            ("geologist", "geolog"), ("phonology", "phonolog"), ("fluently", "fluentli"),
            // Y handling
            ("say", "say"), ("sayings", "say"), ("cry", "cri"), ("by", "by"), ("yes", "yes"),
            ("youth", "youth"), ("enjoying", "enjoy"),
            // exceptions (list 1 and the former list 2)
            ("skies", "sky"), ("skis", "ski"), ("sky", "sky"), ("dying", "die"), ("lying", "lie"),
            ("tying", "tie"), ("vying", "vie"), ("idly", "idl"), ("gently", "gentl"),
            ("ugly", "ugli"), ("early", "earli"), ("only", "onli"), ("singly", "singl"),
            ("news", "news"), ("howe", "howe"), ("atlas", "atlas"), ("cosmos", "cosmos"),
            ("bias", "bias"), ("andes", "andes"), ("inning", "inning"), ("innings", "inning"),
            ("outing", "outing"), ("canning", "canning"), ("herring", "herring"),
            ("earring", "earring"), ("evening", "evening"), ("proceed", "proceed"),
            ("exceed", "exceed"), ("succeed", "succeed"), ("succeeded", "succeed"),
            // Snowball 3 R1 prefixes and 'past' as a short syllable
            ("university", "universiti"), ("universe", "univers"), ("emergency", "emergenc"),
            ("pasted", "paste"), ("pasting", "paste"), ("organize", "organiz"),
            ("lateral", "lateral"), ("arsenal", "arsenal"),
            // apostrophes
            ("'s", "'s"), ("'s'", "s"), ("there's", "there"), ("john's", "john"),
            ("dogs'", "dog"), ("'tis", "tis"), ("a''", "a'"),
            // 1–2 letter words and doubles kept in add/egg/odd
            ("a", "a"), ("is", "is"), ("as", "as"), ("added", "add"), ("egged", "egg"),
        ])
    func examples(_ input: String, _ expected: String) {
        #expect(stemmer.stem(input) == expected)
    }

    @Test(
        "Words with digits, non-ASCII or other bytes are left unchanged",
        arguments: ["running2", "3ies", "café", "naïvely", "ﬁshing", "co-operating", "x_y", "RUNNING", ""])
    func unchanged(_ input: String) {
        #expect(stemmer.stem(input) == input)
    }

    @Test("Stems in place without reallocating the buffer")
    func inPlace() {
        for input in ["generously", "skies", "running", "'s'", "hopefully", "pasted", "agreed", "dying"] {
            var word = Array(input.utf8)
            let before = word.withUnsafeBufferPointer { $0.baseAddress }
            let capacity = word.capacity
            stemmer.stem(&word)
            #expect(word.withUnsafeBufferPointer { $0.baseAddress } == before)
            #expect(word.capacity == capacity)
            #expect(String(decoding: word, as: UTF8.self) == stemmer.stem(input))
        }
    }

    @Test("Byte API and String API agree")
    func byteAPI() {
        var word = Array("connections".utf8)
        stemmer.stem(&word)
        #expect(word == Array("connect".utf8))
    }

    // MARK: Official vocabulary

    /// `../shared/data/snowball-english/` next to the repository (absent in a fresh clone).
    static let referenceDirectory: URL = URL(fileURLWithPath: #filePath)
        .resolvingSymlinksInPath()
        .deletingLastPathComponent()  // ScourAnalysisTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("../shared/data/snowball-english", isDirectory: true)
        .standardizedFileURL

    static var hasReferenceData: Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: referenceDirectory.appendingPathComponent("voc.txt").path)
            && fm.fileExists(atPath: referenceDirectory.appendingPathComponent("output.txt").path)
    }

    @Test(
        "Matches the official Snowball voc.txt/output.txt",
        .enabled(
            if: hasReferenceData,
            "Snowball reference data not found at ../shared/data/snowball-english (next to the repository)"))
    func conformance() throws {
        let vocabulary = try String(
            contentsOf: Self.referenceDirectory.appendingPathComponent("voc.txt"), encoding: .utf8)
        let output = try String(
            contentsOf: Self.referenceDirectory.appendingPathComponent("output.txt"), encoding: .utf8)
        let words = vocabulary.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let stems = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(words.count == stems.count, "voc.txt and output.txt differ in line count")

        var mismatches: [String] = []
        var mismatchCount = 0
        var compared = 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for (word, expected) in zip(words, stems) where !(word.isEmpty && expected.isEmpty) {
            compared += 1
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: word.utf8)
            stemmer.stem(&bytes)
            let actual = String(decoding: bytes, as: UTF8.self)
            if actual != expected {
                mismatchCount += 1
                if mismatches.count < 20 {
                    mismatches.append("\(word) -> \(actual) (expected \(expected))")
                }
            }
        }
        #expect(compared > 40_000)
        #expect(
            mismatchCount == 0,
            "\(mismatchCount) of \(compared) words differ; first \(mismatches.count):\n\(mismatches.joined(separator: "\n"))"
        )
    }
}
