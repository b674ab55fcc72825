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

    @Option(name: .long, help: ArgumentHelp(
        "Run every query of FILE (one per line: qid<TAB>query) instead of QUERY.",
        discussion: "Use with --format trec (a TREC run for evaluation tools) or json (one object per line, with \"qid\")."),
        completion: .file())
    var queries: String?

    @Option(name: .long, help: "Index directory to search.")
    var index: String = "Index"

    @Option(name: [.short, .long], help: "Most results to show.")
    var limit: Int = 10

    @Option(name: .long, help: "Output format: text, json or trec.")
    var format: ResultFormat = .text

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
        if let queries {
            try runBatch(file: queries)
            return
        }
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
        case .trec:
            Terminal.write(trecLines(results, qid: "1"))
        }
    }

    /// Batch mode: one query per line, `qid<TAB>query` (a line without a tab
    /// uses its line number as qid). A query that cannot be parsed is run as
    /// plain words, with a warning; one that has no words is skipped.
    func runBatch(file: String) throws {
        guard query.isEmpty else { throw CLIError("give either QUERY or --queries FILE, not both") }
        guard format != .text else { throw CLIError("--queries needs --format trec or --format json") }
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read the queries file \(file)") }
        let searchIndex = try SearchIndex(path: index)
        let options = SearchOptions(limit: limit, bm25: BM25(k1: k1, b: b, titleWeight: titleWeight), snippets: format == .json)
        var out = ""
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            let parts = line.split(separator: "\t", maxSplits: 1)
            let (qid, text) = parts.count == 2 ? (String(parts[0]), String(parts[1])) : (String(number + 1), String(line))
            let results: SearchResults
            do {
                results = try searchIndex.search(text, options: options)
            } catch SearchError.syntax(let message, _) {
                Terminal.warning("\(file):\(number + 1): \(message); searching its words instead")
                guard let plain = try? searchIndex.search(SearchCommand.plainWords(text), options: options) else { continue }
                results = plain
            } catch {
                Terminal.warning("\(file):\(number + 1): skipped: \(userFacingDescription(of: error) ?? "\(error)")")
                continue
            }
            switch format {
            case .trec: out += trecLines(results, qid: qid)
            case .json:
                var object = SearchOutput(results)
                object.qid = qid
                out += try JSONOutput.line(object) + "\n"
            case .text: break
            }
            if out.utf8.count > 1 << 16 {
                Terminal.write(out)
                out = ""
            }
        }
        Terminal.write(out)
    }

    /// The query's words without any operator characters.
    static func plainWords(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber ? $0 : " " })
    }

    func trecLines(_ results: SearchResults, qid: String) -> String {
        var out = ""
        for hit in results.hits {
            out += "\(qid) Q0 \(hit.path) \(hit.rank) \(String(format: "%.6f", hit.score)) scour\n"
        }
        return out
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

    var qid: String?
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
