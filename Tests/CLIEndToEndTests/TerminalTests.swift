import Testing
@testable import scour
import ScourSearch
import Scour

@Suite("Terminal text")
struct TerminalTests {
    @Test func controlCharactersAreEscaped() {
        #expect(Terminal.escaped("plain text") == "plain text")
        #expect(Terminal.escaped("a\u{1B}[31mb\u{07}\r\n\u{7F}\u{9B}") == "a\\x1b[31mb\\x07\\x0d\\x0a\\x7f\\u{9b}")
        #expect(Terminal.escaped("图书馆 é") == "图书馆 é")
    }

    @Test(arguments: [
        ("/work/site/a.html", "/work", "site/a.html"),
        ("/work/site/a.html", "/work/other", "../site/a.html"),
        ("/data/crawl/a.html", "/home/user/projects/scour", "/data/crawl/a.html"),
        ("/work/a.html", "/work/a.html", "/work/a.html"),
        ("relative/a.html", "/work", "relative/a.html"),
    ])
    func locationsAreShownRelativeWhenShorter(path: String, directory: String, shown: String) {
        #expect(Terminal.relativePath(path, from: directory) == shown)
    }
}

@Suite("Search result rendering")
struct SearchRenderingTests {
    static func hit(url: String? = nil, location: String? = nil, score: Double = 1.5, title: String = "Title",
                    snippet: String = "a ferry here", date: String? = "2024-03-15") -> SearchHit {
        SearchHit(rank: 1, score: score, document: 0, path: "doc-id", title: title, date: date,
                  snippet: Snippet(text: snippet, highlights: [2..<7]), url: url, location: location)
    }

    static func addressLine(_ hit: SearchHit) throws -> String {
        let command = try SearchCommand.parse(["ferry"])
        let text = command.render(SearchResults(query: "ferry", total: 1, hits: [hit]), bold: false, directory: "/work")
        return String(text.split(separator: "\n")[1])
    }

    @Test func theAddressLineShowsTheURLThenTheOpenableFile() throws {
        #expect(try Self.addressLine(Self.hit(url: "http://www.cs.example.edu/~smith/", location: "/work/site/a.html"))
                == "   http://www.cs.example.edu/~smith/  ·  site/a.html  ·  2024-03-15")
        #expect(try Self.addressLine(Self.hit(location: "/work/site/a.html", date: nil)) == "   site/a.html")
        #expect(try Self.addressLine(Self.hit(url: "https://example.org/")) == "   https://example.org/  ·  2024-03-15")
        #expect(try Self.addressLine(Self.hit()) == "   doc-id  ·  2024-03-15")
    }

    @Test func pageTextCannotDriveTheTerminal() throws {
        let command = try SearchCommand.parse(["ferry"])
        let hit = Self.hit(title: "Evil\u{1B}[2J", snippet: "a ferry\u{1B}]0;x\u{07}")
        let text = command.render(SearchResults(query: "ferry", total: 1, hits: [hit], suggestion: "fer\u{1B}ry"), bold: true, directory: "/")
        // Only the bold markers' own escapes remain.
        #expect(text.replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "").contains("\u{1B}") == false)
        #expect(text.contains("Evil\\x1b[2J"))
        #expect(text.contains("a \u{1B}[1mferry\u{1B}[0m\\x1b]0;x\\x07"))
        #expect(text.contains("Did you mean: fer\\x1bry\n"))
    }

    @Test func jsonNeverFailsOnANonFiniteScore() throws {
        for score in [Double.infinity, -.infinity, .nan] {
            let line = try JSONOutput.line(SearchResultsJSON(SearchResults(query: "q", total: 1, hits: [Self.hit(score: score)]), location: { $0 }))
            #expect(!line.contains("inf") && !line.contains("nan"), "\(line)")
        }
        struct Raw: Encodable { var value: Double }
        #expect(try JSONOutput.line(Raw(value: .infinity)) == #"{"value":"inf"}"#)
    }

    @Test func jsonResultsHaveTheIdentityFields() throws {
        let hit = Self.hit(url: "https://example.org/a", location: "/work/site/a.html")
        let line = try JSONOutput.line(SearchResultsJSON(SearchResults(query: "q", total: 1, hits: [hit]), location: { Terminal.relativePath($0, from: "/work") }))
        #expect(line.contains(#""aliases":[],"date":"2024-03-15","highlights":[[2,7]],"id":"doc-id","location":"site/a.html","path":"doc-id""#), "\(line)")
        #expect(line.contains(#""url":"https://example.org/a""#))
        #expect(line.hasSuffix(#""suggestion":null,"total":1}"#))
    }
}
