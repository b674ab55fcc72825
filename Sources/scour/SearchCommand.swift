import ArgumentParser
import Foundation
import Scour
import ScourSearch

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search an index; print ranked results with highlighted snippets.",
        discussion: """
            Query language: words are OR-ed and ranked (BM25, title matches count more); \
            "quoted phrases" must appear as written; -word excludes; +word requires.
            Exit status: 0 when something matched, 1 when nothing did, 2 on errors.
            """
    )

    @Argument(help: "The query (quote it, or give several words).")
    var query: [String] = []

    @Option(name: .long, help: "Index directory to search.")
    var index: String = "Index"

    @Option(name: [.short, .long], help: "Most results to show.")
    var limit: Int = 10

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "BM25 term-frequency saturation.")
    var k1: Double = 1.2

    @Option(name: .long, help: "BM25 length normalisation (0…1).")
    var b: Double = 0.75

    @Option(name: .long, help: "Weight of a title match relative to a body match.")
    var titleWeight: Double = 2.0

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        guard k1 >= 0 else { throw ValidationError("--k1 must not be negative") }
        guard (0...1).contains(b) else { throw ValidationError("--b must be between 0 and 1") }
        guard titleWeight >= 0 else { throw ValidationError("--title-weight must not be negative") }
    }

    func run() throws {
        let text = query.joined(separator: " ")
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CLIError(SearchError.emptyQuery.description)
        }
        let searchIndex = try SearchIndex(path: index)
        let options = SearchOptions(limit: limit, bm25: BM25(k1: k1, b: b, titleWeight: titleWeight))
        let results = try searchIndex.search(text, options: options)
        guard !results.hits.isEmpty else { throw ExitCode(1) }
        switch format {
        case .json:
            try JSONOutput.print(SearchOutput(results))
        case .text:
            Terminal.write(render(results, bold: Terminal.stdoutIsTerminal))
        }
    }

    /// Human-readable results; highlights in bold on a terminal, `[…]` otherwise.
    func render(_ results: SearchResults, bold: Bool) -> String {
        let (open, close) = bold ? ("\u{1B}[1m", "\u{1B}[0m") : ("[", "]")
        var out = ""
        for hit in results.hits {
            let title = hit.title.isEmpty ? "(untitled)" : hit.title
            out += "\(hit.rank). \(bold ? open + title + close : title)  (score \(String(format: "%.3f", hit.score)))\n"
            out += "   \(hit.path)\n"
            out += "   \(hit.snippet.marked(open: open, close: close))\n\n"
        }
        let shown = results.hits.count
        out += shown < results.total ? "\(shown) of \(results.total) matching documents\n"
                                     : "\(results.total) matching document\(results.total == 1 ? "" : "s")\n"
        return out
    }
}

/// The JSON shape of `scour search --format json`.
struct SearchOutput: Encodable {
    struct Result: Encodable {
        var rank: Int
        var score: Double
        var path: String
        var title: String
        var snippet: String
        /// UTF-8 byte offsets [start, end) into `snippet`.
        var highlights: [[Int]]
    }

    var query: String
    var total: Int
    var results: [Result]

    init(_ results: SearchResults) {
        query = results.query
        total = results.total
        self.results = results.hits.map {
            Result(rank: $0.rank, score: ($0.score * 10000).rounded() / 10000, path: $0.path, title: $0.title,
                   snippet: $0.snippet.text, highlights: $0.snippet.highlights.map { [$0.lowerBound, $0.upperBound] })
        }
    }
}
