import ArgumentParser
import Foundation
import Scour
import ScourIndex
import ScourSearch

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search an index; print ranked results with highlighted snippets.",
        discussion: """
            Query language (see the README for more):
              student union          either word, ranked (BM25F)
              "exact phrase"         the words in this order; "words near"~3 within 3 positions
              a AND b, a OR b, NOT a, +must, -exclude, (grouping)
              robot*                 prefix;   univeristy~   fuzzy (1–2 edits)
              title:word             fields: title, headings, body, url
              word^2                 boost
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

    @Option(name: .long, help: "BM25F term-frequency saturation.")
    var k1: Double = 1.2

    @Option(name: .long, help: "Length normalisation of every field (0…1); --field-b overrides one field.")
    var b: Double?

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("A field's weight, as FIELD=WEIGHT (repeatable).",
                               discussion: "Fields: title, headings, body, url. Defaults: title=3, headings=1.5, body=1, url=1."))
    var weight: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "A field's length normalisation, as FIELD=B (repeatable).")
    var fieldB: [String] = []

    @Flag(name: .long, help: "Turn off relevance feedback (re-ranking below the first 10 results).")
    var noFeedback = false

    @Option(name: .long, help: "Relevance feedback: expansion words added to the query.")
    var feedbackTerms: Int = RelevanceFeedback.standard.terms

    @Option(name: .long, help: "Relevance feedback: top results the words come from.")
    var feedbackDocuments: Int = RelevanceFeedback.standard.documents

    @Option(name: .long, help: "Relevance feedback: weight of the strongest expansion word.")
    var feedbackWeight: Double = RelevanceFeedback.standard.weight

    /// The feedback settings the options ask for.
    var feedback: RelevanceFeedback? {
        noFeedback ? nil : RelevanceFeedback(documents: feedbackDocuments, terms: feedbackTerms, weight: feedbackWeight)
    }

    func validate() throws {
        guard feedbackTerms >= 0, feedbackDocuments >= 1, feedbackWeight >= 0 else {
            throw ValidationError("--feedback-terms and --feedback-weight must not be negative, --feedback-documents at least 1")
        }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        guard k1 >= 0 else { throw ValidationError("--k1 must not be negative") }
        if let b { guard (0...1).contains(b) else { throw ValidationError("--b must be between 0 and 1") } }
        _ = try fieldValues(weight, option: "--weight", range: 0...1000)
        _ = try fieldValues(fieldB, option: "--field-b", range: 0...1)
    }

    /// Parses FIELD=VALUE options.
    func fieldValues(_ values: [String], option: String, range: ClosedRange<Double>) throws -> [IndexField: Double] {
        var result: [IndexField: Double] = [:]
        for value in values {
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let field = IndexField.allCases.first(where: { $0.name == parts[0].lowercased() }),
                  let number = Double(parts[1]), range.contains(number) else {
                throw ValidationError("\(option) takes FIELD=NUMBER with FIELD one of title, headings, body, url and NUMBER in \(range.lowerBound)…\(range.upperBound), not '\(value)'")
            }
            result[field] = number
        }
        return result
    }

    /// The ranking parameters the options ask for.
    func scorer() throws -> BM25F {
        var bs = try fieldValues(fieldB, option: "--field-b", range: 0...1)
        if let b { for field in IndexField.allCases where bs[field] == nil { bs[field] = b } }
        return BM25F(k1: k1, weights: try fieldValues(weight, option: "--weight", range: 0...1000), b: bs)
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
        let options = SearchOptions(limit: limit, scorer: try scorer(), feedback: feedback)
        let results = try searchIndex.search(text, options: options)
        guard !results.hits.isEmpty else {
            if let suggestion = results.suggestion { Terminal.writeError("No match. Did you mean: \(suggestion)\n") }
            throw ExitCode(1)
        }
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
        let options = SearchOptions(limit: limit, scorer: try scorer(), snippets: format == .json, suggestions: format == .json, feedback: feedback)
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
            out += "   \(hit.path)\(hit.date.map { "  ·  \($0)" } ?? "")\n"
            out += "   \(hit.snippet.marked(open: open, close: close))\n\n"
        }
        let shown = results.hits.count
        if let suggestion = results.suggestion { out += "Did you mean: \(suggestion)\n" }
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
        /// Publication date, `yyyy-MM-dd`, when known.
        var date: String?
        var snippet: String
        /// UTF-8 byte offsets [start, end) into `snippet`.
        var highlights: [[Int]]
    }

    var qid: String?
    var query: String
    var total: Int
    var results: [Result]
    /// A spelling correction when the query matched little ("did you mean").
    var suggestion: String?

    init(_ results: SearchResults) {
        query = results.query
        total = results.total
        suggestion = results.suggestion
        self.results = results.hits.map {
            Result(rank: $0.rank, score: ($0.score * 10000).rounded() / 10000, path: $0.path, title: $0.title,
                   date: $0.date, snippet: $0.snippet.text, highlights: $0.snippet.highlights.map { [$0.lowerBound, $0.upperBound] })
        }
    }
}
