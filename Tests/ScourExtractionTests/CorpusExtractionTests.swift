import Foundation
import Testing
@testable import ScourExtraction

/// The sample site in Corpus/ with its hand-written expectations
/// (Tests/Fixtures/corpus-expectations.json): format, encoding, title, text
/// that must be kept and chrome that must go, page by page.
@Suite("Corpus")
struct CorpusExtractionTests {
    struct Expectations: Decodable {
        struct Page: Decodable {
            var path: String
            var format: String
            var encoding: String?
            var title: String?
            var keep: [String]
            var drop: [String]
        }

        var pages: [Page]
        var chromeOnlyPhrases: [String]?
    }

    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("Corpus")

    static let expectations: Expectations = {
        let file = root.appendingPathComponent("Tests/Fixtures/corpus-expectations.json")
        guard let data = try? Data(contentsOf: file),
              let expectations = try? JSONDecoder().decode(Expectations.self, from: data)
        else { return Expectations(pages: [], chromeOnlyPhrases: nil) }
        return expectations
    }()

    static func extract(_ path: String, keepAll: Bool = false) throws -> ExtractedDocument {
        let data = try Data(contentsOf: corpus.appendingPathComponent(path))
        let name = path.split(separator: "/").last ?? ""
        let fileExtension = name.contains(".") ? String(name.split(separator: ".").last!).lowercased() : ""
        return try DocumentExtractor().extract(
            [UInt8](data), fileExtension: fileExtension, options: ExtractionOptions(keepAll: keepAll))
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test func expectationsAreReadable() {
        #expect(Self.expectations.pages.count > 0, "Tests/Fixtures/corpus-expectations.json missing or unreadable")
    }

    @Test(arguments: expectations.pages.map(\.path))
    func page(path: String) throws {
        let page = try #require(Self.expectations.pages.first { $0.path == path })
        let document = try Self.extract(path)
        let text = Self.collapsed(document.text)
        #expect(document.format.rawValue == page.format, "\(path): format")
        if let encoding = page.encoding {
            #expect(document.encoding.lowercased() == encoding.lowercased(), "\(path): encoding")
        }
        if let title = page.title {
            #expect(Self.collapsed(document.title) == Self.collapsed(title), "\(path): title")
        }
        // Every page names text it must keep and chrome it must drop, so the
        // loops below always check something.
        #expect(!page.keep.isEmpty, "\(path): no text to keep listed")
        #expect(!page.drop.isEmpty, "\(path): no chrome to drop listed")
        // Booleans first, so a failure names the phrase, not the whole page.
        for keep in page.keep {
            let kept = text.contains(Self.collapsed(keep))
            #expect(kept, "\(path): lost \"\(keep)\"")
        }
        // Chrome to drop must be on the page in the first place (visible with
        // keepAll), or its absence below proves nothing.
        let everything = Self.collapsed(try Self.extract(path, keepAll: true).text)
        for drop in page.drop {
            let present = everything.contains(Self.collapsed(drop))
            #expect(present, "\(path): \"\(drop)\" is not on the page at all")
            let kept = text.contains(Self.collapsed(drop))
            #expect(!kept, "\(path): kept chrome \"\(drop)\"")
        }
    }

    /// Phrases that occur only in page chrome must not survive anywhere.
    @Test func chromeOnlyPhrasesAreGoneEverywhere() throws {
        let phrases = try #require(Self.expectations.chromeOnlyPhrases, "no chromeOnlyPhrases in the fixture")
        try #require(!phrases.isEmpty && !Self.expectations.pages.isEmpty)
        var onPages = Set<String>()
        for page in Self.expectations.pages {
            let text = Self.collapsed(try Self.extract(page.path).text)
            let everything = Self.collapsed(try Self.extract(page.path, keepAll: true).text)
            for phrase in phrases {
                if everything.contains(phrase) { onPages.insert(phrase) }
                let kept = text.contains(phrase)
                #expect(!kept, "\(page.path) kept chrome-only \"\(phrase)\"")
            }
        }
        // Each phrase is in some page's chrome, so its absence means something.
        #expect(onPages == Set(phrases))
    }
}
