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
              site:example.com       only that site and its subdomains; -site: excludes
              word^2                 boost (up to 1000000)
            Exit status: 0 when something matched, 1 when nothing did, 2 on errors.
            With --format json, exactly one JSON object is printed, also when nothing matched.
            """
    )

    @Argument(help: "The query (quote it, or give several words; may be empty with --site).")
    var query: [String] = []

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Only results from this site or its subdomains (repeatable: any of them).",
                               valueName: "host"))
    var site: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Run every query of FILE (one per line: qid<TAB>query) instead of QUERY.",
        discussion: "Use with --format trec (a TREC run for evaluation tools) or json (one object per line, with \"qid\")."),
        completion: .file())
    var queries: String?

    @Option(name: .long, help: ArgumentHelp(
        "With --queries: write each query's search time to FILE (qid<TAB>milliseconds<TAB>matching documents).",
        discussion: "Timed inside the process around the search alone (parsing, planning, matching, ranking, snippets), so that benchmarks compare engines, not process start-up."),
        completion: .file())
    var timings: String?

    @Option(name: .long, help: "Index directory to search.")
    var index: String = "Index"

    @Option(name: [.short, .long], help: "Most results to show.")
    var limit: Int = 10

    @Option(name: .long, help: "Output format: text, json or trec.")
    var format: ResultFormat = .text

    @Option(name: .long, help: "Only pages published on or after DATE (2024, 2024-06 or 2024-06-30).")
    var after: String?

    @Option(name: .long, help: "Only pages published on or before DATE (2024 keeps all of 2024).")
    var before: String?

    @Option(name: .long, help: "Order: relevance, or date (newest first, undated last).")
    var sort: ResultOrder = .relevance

    @Option(name: .long, help: "BM25F term-frequency saturation (0…100).")
    var k1: Double = 1.2

    @Option(name: .long, help: "Length normalisation of every field (0…1); --field-b overrides one field.")
    var b: Double?

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("A field's weight, as FIELD=WEIGHT (repeatable).",
                               discussion: "Fields: title, headings, body, url. Defaults: title=3, headings=1.5, body=1, url=1."))
    var weight: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "A field's length normalisation, as FIELD=B (repeatable).")
    var fieldB: [String] = []

    @Flag(name: .long, help: ArgumentHelp(
        "Count every matching document exactly.",
        discussion: "Without it, a query of several optional words skips documents that cannot reach the results, and the count may be a lower bound (\"at least N\"; in JSON, \"totalIsLowerBound\": true). The results are the same either way."))
    var exactTotal = false

    @Flag(name: .long, inversion: .prefixedNo, help: ArgumentHelp(
        "Re-rank the results below the first 10 by relevance feedback (default: off).",
        discussion: "The query's top 2,000 matches below the first 10 are re-ordered by the query plus the words that best characterise its top 10 results. On SciFact it lifts recall at 100 from 0.911 to 0.926, for about 4× the cost of the plain query at --limit 100; a top-10 search is never changed."))
    var feedback = false

    @Option(name: .long, help: "Relevance feedback: expansion words added to the query (with --feedback).")
    var feedbackTerms: Int = RelevanceFeedback.standard.terms

    @Option(name: .long, help: "Relevance feedback: top results the words come from (with --feedback).")
    var feedbackDocuments: Int = RelevanceFeedback.standard.documents

    @Option(name: .long, help: "Relevance feedback: weight of the strongest expansion word (with --feedback).")
    var feedbackWeight: Double = RelevanceFeedback.standard.weight

    /// The feedback settings the options ask for (nil without --feedback).
    var feedbackSettings: RelevanceFeedback? {
        feedback ? RelevanceFeedback(documents: feedbackDocuments, terms: feedbackTerms, weight: feedbackWeight) : nil
    }

    /// Rejects values that would make scores NaN or infinite (`nan`, `inf`,
    /// 1e309 all parse as numbers) with one line each.
    func validate() throws {
        guard feedbackTerms >= 0, feedbackDocuments >= 1 else {
            throw ValidationError("--feedback-terms must not be negative, --feedback-documents at least 1")
        }
        guard RelevanceFeedback.weightRange.contains(feedbackWeight) else {
            throw ValidationError("--feedback-weight must be a number from 0 to 100, not '\(feedbackWeight)'")
        }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        guard BM25F.k1Range.contains(k1) else {
            throw ValidationError("--k1 must be a number from 0 to 100, not '\(k1)'")
        }
        if let b {
            guard BM25F.bRange.contains(b) else { throw ValidationError("--b must be a number from 0 to 1, not '\(b)'") }
        }
        _ = try fieldValues(weight, option: "--weight", range: BM25F.weightRange)
        _ = try fieldValues(fieldB, option: "--field-b", range: BM25F.bRange)
        for host in site where SiteTerms.normalizedSite(host) == nil {
            throw ValidationError("--site takes a host name like example.com, not '\(Terminal.escaped(host))'")
        }
    }

    /// Parses FIELD=VALUE options.
    func fieldValues(_ values: [String], option: String, range: ClosedRange<Double>) throws -> [IndexField: Double] {
        var result: [IndexField: Double] = [:]
        for value in values {
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let field = IndexField.allCases.first(where: { $0.name == parts[0].lowercased() }),
                  let number = Double(parts[1]), range.contains(number) else {
                throw ValidationError("\(option) takes FIELD=NUMBER with FIELD one of title, headings, body, url and NUMBER in \(range.lowerBound)…\(range.upperBound), not '\(Terminal.escaped(value))'")
            }
            result[field] = number
        }
        return result
    }

    /// The ranking parameters the options ask for.
    func scorer() throws -> BM25F {
        var bs = try fieldValues(fieldB, option: "--field-b", range: 0...1)
        if let b { for field in IndexField.allCases where bs[field] == nil { bs[field] = b } }
        return BM25F(k1: k1, weights: try fieldValues(weight, option: "--weight", range: BM25F.weightRange), b: bs)
    }

    func run() throws {
        if timings != nil, queries == nil { throw CLIError("--timings needs --queries FILE") }
        if let queries {
            try runBatch(file: queries)
            return
        }
        let text = query.joined(separator: " ")
        guard site.isEmpty ? !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty : true else {
            throw CLIError(SearchError.emptyQuery.description)
        }
        let searchIndex = try SearchIndex(path: index)
        var options = SearchOptions(limit: limit, scorer: try scorer(), feedback: feedbackSettings, sites: site, exactTotal: exactTotal)
        try applyDateOptions(to: &options)
        let results = try searchIndex.search(text, options: options)
        switch format {
        case .json:
            // Always one object, also for no match: a program never has to read stderr.
            try JSONOutput.print(SearchResultsJSON(results, location: { Terminal.relativePath($0, from: FileManager.default.currentDirectoryPath) }))
        case .text:
            if results.hits.isEmpty {
                if let suggestion = results.suggestion {
                    Terminal.writeError("No match. Did you mean: \(Terminal.escaped(suggestion))\n")
                }
            } else {
                Terminal.write(render(results, bold: Terminal.stdoutIsTerminal))
            }
        case .trec:
            Terminal.write(trecLines(results, qid: "1"))
        }
        if results.hits.isEmpty { throw ExitCode(1) }
    }

    /// Batch mode: one query per line, `qid<TAB>query` (a line without a tab
    /// uses its line number as qid). A query that cannot be parsed is run as
    /// plain words, with a warning; one that has no words is skipped. One bad
    /// query never stops the others: each is caught on its own.
    ///
    /// (Date options are applied to every query of the file.)
    func runBatch(file: String) throws {
        guard query.isEmpty else { throw CLIError("give either QUERY or --queries FILE, not both") }
        guard format != .text else { throw CLIError("--queries needs --format trec or --format json") }
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read the queries file \(file)") }
        let searchIndex = try SearchIndex(path: index)
        var options = SearchOptions(limit: limit, scorer: try scorer(), snippets: format == .json,
                                    suggestions: format == .json, feedback: feedbackSettings, sites: site, exactTotal: exactTotal)
        try applyDateOptions(to: &options)
        var out = ""
        var timed = ""
        if let timings, !FileManager.default.createFile(atPath: timings, contents: nil) {
            throw CLIError("cannot write the timings file \(timings): check the folder exists and is writable")
        }
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            let parts = line.split(separator: "\t", maxSplits: 1)
            let (qid, text) = parts.count == 2 ? (String(parts[0]), String(parts[1])) : (String(number + 1), String(line))
            let results: SearchResults
            let started = ContinuousClock.now
            do {
                results = try searchIndex.search(text, options: options)
            } catch SearchError.syntax(let message, _) {
                Terminal.warning("\(file):\(number + 1): \(message); searching its words instead")
                guard let plain = try? searchIndex.search(SearchCommand.plainWords(text), options: options) else { continue }
                results = plain
            } catch let error where error.isAboutOptions {
                throw error  // The same for every query: say it once.
            } catch {
                Terminal.warning("\(file):\(number + 1): skipped: \(userFacingDescription(of: error) ?? "\(error)")")
                continue
            }
            if timings != nil {
                let elapsed = ContinuousClock.now - started
                let milliseconds = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
                timed += "\(qid)\t\(String(format: "%.4f", milliseconds))\t\(results.total)\n"
            }
            switch format {
            case .trec: out += trecLines(results, qid: qid)
            case .json:
                var object = SearchResultsJSON(results, location: { Terminal.relativePath($0, from: FileManager.default.currentDirectoryPath) })
                object.qid = qid
                do {
                    out += try JSONOutput.line(object) + "\n"
                } catch {
                    Terminal.warning("\(file):\(number + 1): skipped: cannot encode the results as JSON")
                }
            case .text: break
            }
            if out.utf8.count > 1 << 16 {
                Terminal.write(out)
                out = ""
            }
        }
        Terminal.write(out)
        if let timings {
            do { try Data(timed.utf8).write(to: URL(fileURLWithPath: timings)) } catch {
                throw CLIError("cannot write the timings file \(timings): \(error.localizedDescription)")
            }
        }
    }

    /// The query's words without any operator characters.
    static func plainWords(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber ? $0 : " " })
    }

    /// TREC run lines; the docid is the document id (``SearchHit/path``).
    func trecLines(_ results: SearchResults, qid: String) -> String {
        var out = ""
        for hit in results.hits {
            out += "\(qid) Q0 \(hit.path) \(hit.rank) \(String(format: "%.6f", SearchResultsJSON.finite(hit.score))) scour\n"
        }
        return out
    }

    /// Where a result can be found: its URL when known, then the file it was
    /// read from relative to the current directory (openable as typed);
    /// without either, the document id.
    static func address(of hit: SearchHit, relativeTo directory: String) -> String {
        let location = hit.location.map { Terminal.relativePath($0, from: directory) }
        let parts = [hit.url, location].compactMap { $0 }
        return parts.isEmpty ? hit.path : parts.joined(separator: "  ·  ")
    }

    /// Human-readable results; highlights in bold on a terminal, `[…]`
    /// otherwise. Text from the index and the suggestion have their control
    /// characters escaped, so a page cannot drive the terminal.
    func render(_ results: SearchResults, bold: Bool,
                directory: String = FileManager.default.currentDirectoryPath) -> String {
        let (open, close) = bold ? ("\u{1B}[1m", "\u{1B}[0m") : ("[", "]")
        var out = ""
        for hit in results.hits {
            let title = hit.title.isEmpty ? "(untitled)" : Terminal.escaped(hit.title)
            out += "\(hit.rank). \(bold ? open + title + close : title)  (score \(String(format: "%.3f", SearchResultsJSON.finite(hit.score))))\n"
            let address = Terminal.escaped(Self.address(of: hit, relativeTo: directory))
            out += "   \(address)\(hit.date.map { "  ·  \(Terminal.escaped($0))" } ?? "")\n"
            // Mark with private-use sentinels, escape, then turn them into the real markers.
            let marked = Terminal.escaped(hit.snippet.marked(open: "\u{E000}", close: "\u{E001}"))
            out += "   \(marked.replacingOccurrences(of: "\u{E000}", with: open).replacingOccurrences(of: "\u{E001}", with: close))\n\n"
        }
        let shown = results.hits.count
        if let suggestion = results.suggestion { out += "Did you mean: \(Terminal.escaped(suggestion))\n" }
        if results.totalIsLowerBound {
            out += "\(shown) of at least \(results.total) matching documents\n"
        } else {
            out += shown < results.total ? "\(shown) of \(results.total) matching documents\n"
                                         : "\(results.total) matching document\(results.total == 1 ? "" : "s")\n"
        }
        return out
    }
}

/// `scour search --sort`.
enum ResultOrder: String, ExpressibleByArgument, CaseIterable {
    case relevance, date
}

extension SearchCommand {
    /// `--after`, `--before` and `--sort date` in `options`.
    func applyDateOptions(to options: inout SearchOptions) throws {
        do { options.dates = try PublicationDate.range(after: after, before: before) } catch {
            throw CLIError(error.description)
        }
        options.sortByDate = sort == .date
    }
}

extension SearchError {
    /// Errors caused by the options rather than by one query: in batch
    /// mode every query would fail the same way.
    var isAboutOptions: Bool {
        switch self {
        case .invalidSite, .invalidRankingParameter: return true
        default: return false
        }
    }
}
