import Foundation
import ScourTestSupport
import Testing

/// `scour search` output contracts, on the frozen format-3 fixture and on a
/// current-format index of the same pages.
@Suite("scour search: output, sites and hostile input", .serialized)
struct SearchOutputEndToEndTests {
    /// Written by the format-3 scour; read here, never written.
    static let formatThree = ScourProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/index-format-3").path
    /// An index of format 4 (no skip data after long postings), and the pages it was built from.
    static let formatFour = ScourProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/index-format-4").path
    static let formatFourSource = ScourProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/index-format-4-source/pages.jsonl").path
    static let source = ScourProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/index-format-3-source")

    /// The fixture's pages and records indexed by this scour.
    static let current: (path: String, output: ScourProcess.Output) = {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-cli-f4-\(UUID().uuidString)")
        let output = try! ScourProcess.run(["index", "site", "records.jsonl", "--index", path, "--quiet"], in: source)
        return (path, output)
    }()

    static func json(_ output: ScourProcess.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: output.stdoutData) as? [String: Any])
    }

    // MARK: Format 3

    @Test func theFrozenFormatThreeIndexStillSearches() throws {
        let output = try ScourProcess.run(["search", "ferry", "--index", Self.formatThree])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("1. Harbour Ferry Timetable  (score ") == true)
        #expect(lines.dropFirst().first == "   harbour-ferry.html")
        #expect(lines.last == "2 matching documents")
    }

    @Test func siteWorksOnTheFormatThreeIndex() throws {
        let output = try ScourProcess.run(["search", "site:example.edu", "--index", Self.formatThree, "--format", "trec"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("1 Q0 rec-cs-smith 1 "))
        #expect(output.stdout.split(separator: "\n").count == 1)
    }

    // MARK: JSON contract

    @Test func noMatchIsStillOneJSONObject() throws {
        let output = try ScourProcess.run(["search", "xylophonequartz", "--index", Self.formatThree, "--format", "json"])
        #expect(output.status == 1)
        #expect(output.stderr.isEmpty)
        #expect(output.stdout.hasSuffix("}\n") && output.stdout.split(separator: "\n").count == 1)
        let object = try Self.json(output)
        #expect(object["query"] as? String == "xylophonequartz")
        #expect(object["total"] as? Int == 0)
        #expect((object["results"] as? [Any])?.isEmpty == true)
        #expect(object["suggestion"] is NSNull)
    }

    @Test func noMatchCarriesTheSuggestionInTheObject() throws {
        let output = try ScourProcess.run(["search", "lighthuose", "--index", Self.formatThree, "--format", "json"])
        #expect(output.status == 1)
        #expect(output.stderr.isEmpty)
        let object = try Self.json(output)
        #expect(object["total"] as? Int == 0)
        #expect(object["suggestion"] as? String == "lighthouse")
    }

    @Test func resultsHaveIdURLLocationAndAliases() throws {
        try #require(Self.current.output.status == 0, "\(Self.current.output.stderr)")
        let output = try ScourProcess.run(["search", "lighthouse", "--index", Self.current.path, "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let results = try #require(try Self.json(output)["results"] as? [[String: Any]])
        let news = try #require(results.first { $0["id"] as? String == "rec-news" })
        #expect(news["path"] as? String == "rec-news")
        #expect(news["url"] as? String == "https://news.example.com:8080/2024/lighthouse")
        #expect(news["location"] is NSNull)
        #expect((news["aliases"] as? [String])?.isEmpty == true)
        // Two sources given: a file's id starts with its folder, so ids stay unique across sources.
        let museum = try #require(results.first { $0["id"] as? String == "site/lighthouse-museum.html" })
        #expect(museum["url"] is NSNull)
    }

    // MARK: Sites

    @Test func siteQueriesShowTheURL() throws {
        try #require(Self.current.output.status == 0, "\(Self.current.output.stderr)")
        let output = try ScourProcess.run(["search", "site:cs.example.edu", "--index", Self.current.path])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("1. Smith Research Group") == true)
        #expect(lines.dropFirst().first == "   http://www.cs.example.edu/~smith/")
        #expect(lines.contains("1 matching document"))
    }

    @Test func siteOptionIsRepeatableAndWorksWithoutAQuery() throws {
        let both = try ScourProcess.run(["search", "lighthouse", "ferry", "--site", "news.example.com", "--site", "www.example.edu",
                                         "--index", Self.current.path, "--format", "trec"])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(Set(both.stdout.split(separator: "\n").map { $0.split(separator: " ")[2] }) == ["rec-news", "rec-cs-smith"])
        let listing = try ScourProcess.run(["search", "--site", "example.com", "--index", Self.current.path, "--format", "trec"])
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout.split(separator: "\n").map { $0.split(separator: " ")[2] } == ["rec-news"])
        let excluded = try ScourProcess.run(["search", "--index", Self.current.path, "--format", "trec", "--", "lighthouse", "-site:example.com"])
        #expect(excluded.stdout.split(separator: "\n").map { $0.split(separator: " ")[2] } == ["site/lighthouse-museum.html"])
    }

    @Test(arguments: [["--site", "///"], ["--site", ""]])
    func badSiteIsAOneLineError(arguments: [String]) throws {
        let output = try ScourProcess.run(["search", "ferry", "--index", Self.formatThree] + arguments)
        #expect(output.status == 64)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.hasPrefix("scour: error: --site takes a host name like example.com"))
        #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
    }

    // MARK: Hostile input

    @Test(arguments: ["ferry^1e309", "ferry^" + String(repeating: "9", count: 309), "ferry^-3", "((ferry^1000)^1000)^1000"])
    func hostileBoostsAreOneLineSyntaxErrors(query: String) throws {
        for format in ["text", "json"] {
            let output = try ScourProcess.run(["search", query, "--index", Self.formatThree, "--format", format])
            #expect(output.status == 2)
            #expect(output.stdout.isEmpty)
            #expect(output.stderr.hasPrefix("scour: error: query syntax error at column "), "\(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test(arguments: [["--k1", "inf"], ["--k1", "nan"], ["--k1", "1e309"], ["--k1", "101"], ["--b", "nan"],
                      ["--weight", "title=inf"], ["--field-b", "url=nan"], ["--feedback-weight", "inf"]])
    func absurdRankingParametersAreOneLineErrors(arguments: [String]) throws {
        let output = try ScourProcess.run(["search", "ferry", "--index", Self.formatThree] + arguments)
        #expect(output.status == 64)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.hasPrefix("scour: error: \(arguments[0]) "), "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1)
    }

    @Test func oneBadQueryNeverStopsABatch() throws {
        let file = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-hostile-\(UUID().uuidString).tsv")
        let huge = String(repeating: "9", count: 309)
        try "q1\tferry\nq2\tlighthouse^\(huge)\nq3\t!!!\nq4\tmuseum^1e309\nq5\tzzzzqqq\nq6\tmuseum\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let output = try ScourProcess.run(["search", "--index", Self.formatThree, "--queries", file, "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let objects = try output.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        // Every query but the wordless q3 gives one object, in order; the
        // hostile boosts run as plain words.
        #expect(objects.map { $0["qid"] as? String } == ["q1", "q2", "q4", "q5", "q6"])
        #expect(objects.map { $0["total"] as? Int } == [2, 2, 2, 0, 2])
        #expect(!output.stdout.contains("inf"))
        #expect(output.stderr.contains("\(file):2: the boost is too large"))
        #expect(output.stderr.contains("\(file):3: skipped: "))
        let trec = try ScourProcess.run(["search", "--index", Self.formatThree, "--queries", file, "--format", "trec"])
        #expect(Set(trec.stdout.split(separator: "\n").map { $0.split(separator: " ")[0] }) == ["q1", "q2", "q4", "q6"])
    }

    /// The same pages indexed by format 5's scour (interleaved postings
    /// with skip data after long lists).
    static let formatFive = ScourProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/index-format-5").path

    /// The same pages indexed by format 6's scour (block postings, a
    /// compressed store, 12-byte term entries).
    static let formatSix = ScourProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/index-format-6").path

    @Test(arguments: [formatFour, formatFive, formatSix])
    func anOlderFormatIndexAnswersAsTheSamePagesIndexedToday(fixture: String) throws {
        // Its common words span several 128-document blocks: format 4 has
        // no skip data, format 5 has it after interleaved postings.
        let folder = TemporaryDirectory()
        let rebuilt = folder.file("index")
        let build = try ScourProcess.run(["index", Self.formatFourSource, "--index", rebuilt, "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        let queries = folder.file("queries.tsv")
        try ["river", "+river +bridge", "+river +market +garden", "\"river bridge\"", "\"ferry market\"~2", "market OR garden",
             "+ferry -tower", "site:north.example.org +river", "title:museum harbour", "+campus +exam"]
            .enumerated().map { "q\($0.offset)\t\($0.element)" }.joined(separator: "\n")
            .write(toFile: queries, atomically: true, encoding: .utf8)
        let old = try ScourProcess.run(["search", "--index", fixture, "--queries", queries, "--format", "trec",
                                        "--limit", "1000", "--no-feedback"])
        let new = try ScourProcess.run(["search", "--index", rebuilt, "--queries", queries, "--format", "trec",
                                        "--limit", "1000", "--no-feedback"])
        #expect(old.status == 0 && new.status == 0, "\(old.stderr) \(new.stderr)")
        #expect(old.stdout.split(separator: "\n").count > 300)
        #expect(old.stdout == new.stdout)
    }

    @Test func relevanceFeedbackIsOptIn() throws {
        let query = ["search", "river", "--index", Self.formatSix, "--limit", "40", "--format", "trec"]
        let byDefault = try ScourProcess.run(query), off = try ScourProcess.run(query + ["--no-feedback"])
        let on = try ScourProcess.run(query + ["--feedback"])
        #expect(byDefault.status == 0 && on.status == 0, "\(byDefault.stderr) \(on.stderr)")
        #expect(byDefault.stdout == off.stdout)
        // The same 40 documents, the first 10 in the same order, the rest re-ranked.
        let lines = { (output: String) in output.split(separator: "\n").map { $0.split(separator: " ")[2] } }
        #expect(lines(on.stdout) != lines(byDefault.stdout))
        #expect(Array(lines(on.stdout).prefix(10)) == Array(lines(byDefault.stdout).prefix(10)))
        #expect(lines(on.stdout).count == 40)
    }

    @Test func aPrunedCountSaysItIsALowerBound() throws {
        let query = ["search", "market garden ferry", "--index", Self.formatFour, "--limit", "1", "--no-feedback"]
        let pruned = try Self.json(try ScourProcess.run(query + ["--format", "json"]))
        let exact = try Self.json(try ScourProcess.run(query + ["--format", "json", "--exact-total"]))
        // Same result, a smaller count marked as a lower bound; exact: no mark.
        #expect((pruned["results"] as? [[String: Any]])?.map { $0["id"] as? String }
                == (exact["results"] as? [[String: Any]])?.map { $0["id"] as? String })
        #expect(pruned["totalIsLowerBound"] as? Bool == true)
        #expect(exact["totalIsLowerBound"] == nil)
        let prunedTotal = try #require(pruned["total"] as? Int), exactTotal = try #require(exact["total"] as? Int)
        #expect(prunedTotal < exactTotal)
        let text = try ScourProcess.run(query)
        #expect(text.stdout.hasSuffix("1 of at least \(prunedTotal) matching documents\n"), "\(text.stdout)")
        let exactText = try ScourProcess.run(query + ["--exact-total"])
        #expect(exactText.stdout.hasSuffix("1 of \(exactTotal) matching documents\n"), "\(exactText.stdout)")
    }

    @Test func timingsFileHasOneLinePerQueryWithItsMatchCount() throws {
        let folder = TemporaryDirectory()
        let queries = folder.file("queries.tsv"), timings = folder.file("timings.tsv")
        try "q1\tferry\nq2\tzzzzqqq\nq3\tmuseum OR ferry\n".write(toFile: queries, atomically: true, encoding: .utf8)
        let run = try ScourProcess.run(["search", "--index", Self.formatThree, "--queries", queries, "--format", "trec",
                                        "--timings", timings])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: timings, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(lines.map { String($0[0]) } == ["q1", "q2", "q3"])
        #expect(lines.allSatisfy { $0.count == 3 && Double($0[1]).map { $0 >= 0 } == true })
        let json = try ScourProcess.run(["search", "--index", Self.formatThree, "--queries", queries, "--format", "json"])
        let totals = try json.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["total"] as? Int
        }
        #expect(lines.map { Int($0[2]) } == totals)
        // Without --queries, one line saying what is missing.
        let alone = try ScourProcess.run(["search", "ferry", "--index", Self.formatThree, "--timings", timings])
        #expect(alone.status != 0)
        #expect(alone.stderr.contains("--timings needs --queries FILE"), "\(alone.stderr)")
    }

    @Test func controlCharactersInQueriesAreEscapedOnTheTerminal() throws {
        let suggestion = try ScourProcess.run(["search", "lighthuose\u{1B}[2J\u{07}", "--index", Self.formatThree])
        #expect(suggestion.status == 1)
        #expect(suggestion.stderr == "No match. Did you mean: lighthouse\\x1b[2J\\x07\n")
        // An error that quotes the query.
        let error = try ScourProcess.run(["search", "\u{1B}[\u{07}?!", "--index", Self.formatThree])
        #expect(error.status == 2)
        #expect(!error.stderr.contains("\u{1B}") && !error.stderr.contains("\u{07}"))
        #expect(error.stderr.contains("\"\\x1b[\\x07?!\""), "\(error.stderr)")
        // JSON escapes them itself and keeps the query as typed.
        let json = try ScourProcess.run(["search", "lighthuose\u{1B}", "--index", Self.formatThree, "--format", "json"])
        #expect(try Self.json(json)["suggestion"] as? String == "lighthouse\u{1B}")
    }
}
