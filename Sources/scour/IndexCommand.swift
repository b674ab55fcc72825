import ArgumentParser
import Foundation
import Scour
import ScourAnalysis

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index folders of scraped pages (.html, .htm, .xhtml, .txt).",
        discussion: """
            Folders are walked recursively. Page chrome (menus, breadcrumbs, footers, \
            copyright lines, counters) is stripped before indexing; see `scour extract`. \
            Files that cannot be read (binary, empty, undecodable) are skipped with a \
            warning. The new index replaces the old one in one atomic step: if the run \
            fails, the previous index is untouched.
            """
    )

    @Argument(help: "Files or folders to index.")
    var paths: [String] = ["Corpus"]

    @Option(name: .long, help: "Index directory to write.")
    var index: String = "Index"

    @Option(name: .long, help: "Parallel workers (default: one per core).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Do not stem English words.")
    var noStemming = false

    @Flag(name: .long, help: "Keep stop words in ranked queries too.")
    var noStopWords = false

    @Flag(name: .long, help: "Do not fold traditional Chinese characters to simplified (OpenCC).")
    var noChineseFolding = false

    @Flag(name: .long, help: "Index Chinese as bigrams only: one-character queries then find lone characters only.")
    var noHanUnigrams = false

    @Flag(name: .long, help: "Index all visible text: no chrome stripping, no template learning.")
    var keepAll = false

    @Flag(name: .long, help: "Do not learn and strip lines repeated across a site's pages.")
    var noTemplates = false

    @Option(name: .long, help: "Language of the stemmer and stop words (only en so far).")
    var language: String = "en"

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard language == "en" else {
            throw ValidationError("--language \(language) is not supported: only en (English) has a stemmer and stop words so far; use --no-stemming --no-stop-words for other languages")
        }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
    }

    func run() throws {
        let options = IndexingOptions(
            analyzer: AnalyzerConfiguration(
                stemming: !noStemming, stopWords: !noStopWords, language: language,
                chineseFolding: noChineseFolding ? nil : .traditionalToSimplified, hanUnigrams: !noHanUnigrams),
            workers: workers, learnTemplates: !noTemplates, keepAll: keepAll)
        let showProgress = Terminal.stderrIsTerminal && !quiet
        let quiet = self.quiet
        let summary = try Indexer(indexPath: index, options: options).index(paths: paths) { event in
            switch event {
            case .progress(let done, let total):
                if showProgress { Terminal.writeError("\rindexing: \(done)/\(total) files\u{1B}[K") }
            case .skipped(let path, let reason):
                if showProgress { Terminal.writeError("\r\u{1B}[K") }
                if !quiet { Terminal.warning("skipped \(path): \(reason)") }
            }
        }
        if showProgress { Terminal.writeError("\r\u{1B}[K") }
        if !quiet {
            let documents = summary.indexed == 1 ? "document" : "documents"
            let segments = summary.segments == 1 ? "segment" : "segments"
            Terminal.writeError(String(
                format: "indexed %d %@, skipped %d, stripped %d template lines from %d site%@, in %.2f s → %@ (%d %@, %@)\n",
                summary.indexed, documents, summary.skipped, summary.templateLinesStripped, summary.templateSites,
                summary.templateSites == 1 ? "" : "s", summary.seconds, index,
                summary.segments, segments, Terminal.bytes(summary.bytes)))
        }
    }
}
