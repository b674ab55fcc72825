import ArgumentParser
import Foundation
import Scour
import ScourAnalysis

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index folders of scraped pages, JSON Lines files and WARC files.",
        discussion: """
            Folders are walked recursively (symlinks followed, hidden files skipped) and \
            every file is a candidate whatever its name: the content decides whether it is \
            HTML, plain text or something to skip (images, PDFs, archives, executables, \
            fonts). `.warc` / `.warc.gz` files (wget --warc-file, Heritrix, Common Crawl) \
            and `.jsonl` files are read record by record. Each page gets a URL where one \
            can be known (wget/HTTrack mirror folders, saved headers, canonical links). \
            Page chrome is stripped before indexing (see `scour extract`), and a page \
            crawled under several URLs is indexed once with the others as aliases. \
            The summary counts what was skipped by reason; --verbose lists each item.

            On an existing index this is an update: new pages are added, changed ones \
            re-indexed, vanished ones removed, and the rest left alone (unchanged files \
            are not even read; a page whose text after stripping is unchanged, such as \
            a re-scrape where only a hit counter moved, is not re-indexed). The paths \
            are added to the sources the index remembers; with no path, every \
            remembered source is scanned again (with no index yet, Corpus/ is indexed). \
            Changes are committed in one atomic step: if the run fails or is killed, \
            the previous index is untouched.
            """
    )

    @Argument(help: "Folders, files, JSON Lines (.jsonl) and WARC (.warc, .warc.gz) files to index (default: the index's remembered sources, or Corpus for a new index).")
    var paths: [String] = []

    @Flag(name: .long, help: "Rebuild every document into new segments, swapped in atomically (also applies changed analyzer options).")
    var full = false

    @Flag(name: .long, help: "List what would be added, updated and removed, and write nothing.")
    var dryRun = false

    @Option(name: .long, help: "Memory to stay within while indexing, in MB: extracted pages wait on disk and in-memory segments flush at their share.")
    var memoryBudget: Int = 512

    @Option(name: .long, help: "Index directory to write.")
    var index: String = "Index"

    @Option(name: .long, help: "Parallel workers (default: one per core).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Leave out files whose path (relative to the folder given) matches GLOB (repeatable).",
                               discussion: "`*` and `?` stay within a folder name, `**` crosses folders; a glob without `/` matches a name at any depth. Example: --exclude '_sources/**'"))
    var exclude: [String] = []

    @Option(name: .long, parsing: .singleValue, help: "Take only files whose path matches GLOB (repeatable).")
    var include: [String] = []

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

    @Flag(name: .long, help: ArgumentHelp(
        "Drop readers' comments under posts (kept by default as part of the page).",
        discussion: "Applies to pages extracted in this run; --full re-extracts every page."))
    var noComments = false

    @Flag(name: .long, help: "Do not learn and strip lines repeated across a site's pages.")
    var noTemplates = false

    @Flag(name: .long, help: "Index every copy of a page crawled under several URLs (default: once, with aliases).")
    var keepDuplicates = false

    @Option(name: .long, help: "CPU seconds one page may take to extract before it is skipped (0: no limit).")
    var pageTimeLimit: Double = 10

    @Option(name: .long, help: "Largest file to read, in MB (0: no limit); larger ones are skipped as too large.")
    var maxFileSize: Int = 64

    @Option(name: .long, help: "Language of the stemmer and stop words (only en so far).")
    var language: String = "en"

    @Option(name: .long, help: "Summary format: text (on stderr) or json (one object on stdout).")
    var format: OutputFormat = .text

    @Flag(name: [.short, .long], help: "List every skipped item and folded duplicate with its reason.")
    var verbose = false

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard language == "en" else {
            throw ValidationError("--language \(language) is not supported: only en (English) has a stemmer and stop words so far; use --no-stemming --no-stop-words for other languages")
        }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        guard memoryBudget >= 64 else { throw ValidationError("--memory-budget must be at least 64 (MB)") }
        guard pageTimeLimit.isFinite, pageTimeLimit >= 0 else { throw ValidationError("--page-time-limit must be 0 or more seconds") }
        guard maxFileSize >= 0 else { throw ValidationError("--max-file-size must be 0 (no limit) or more megabytes") }
        guard !(verbose && quiet) else { throw ValidationError("--verbose and --quiet cannot be used together") }
    }

    /// The analyzer asked for; with no analyzer option, an existing
    /// index's own (an update analyses like the documents it holds).
    private var analyzer: AnalyzerConfiguration {
        let asked = AnalyzerConfiguration(
            stemming: !noStemming, stopWords: !noStopWords, language: language,
            chineseFolding: noChineseFolding ? nil : .traditionalToSimplified, hanUnigrams: !noHanUnigrams)
        let explicit = noStemming || noStopWords || noChineseFolding || noHanUnigrams || language != "en"
        if !explicit, let existing = Indexer.existingAnalyzer(at: index) { return existing }
        return asked
    }

    func run() throws {
        let paths = self.paths.isEmpty && Indexer.rememberedSources(at: index).isEmpty ? ["Corpus"] : self.paths
        let options = IndexingOptions(
            analyzer: analyzer,
            workers: workers, memoryBudgetBytes: memoryBudget << 20, learnTemplates: !noTemplates, keepAll: keepAll, keepComments: !noComments, keepDuplicates: keepDuplicates,
            include: include, exclude: exclude, extractionBudgetSeconds: pageTimeLimit > 0 ? pageTimeLimit : nil,
            maximumFileBytes: maxFileSize > 0 ? maxFileSize << 20 : nil)
        let progress: ProgressBar? = Terminal.stderrIsTerminal && !quiet ? ProgressBar() : nil
        let (quiet, verbose) = (self.quiet, self.verbose)
        let summary = try Indexer(indexPath: index, options: options).index(paths: paths, full: full, dryRun: dryRun) { event in
            switch event {
            case .progress(let phase, let done, let total):
                progress?.update(phase, done: done, total: total)
            case .skipped(let path, let reason, _, let isProblem):
                guard verbose || (isProblem && !quiet) else { return }
                progress?.clear()
                if isProblem {
                    Terminal.warning("skipped \(Terminal.escaped(path)): \(reason)")
                } else {
                    Terminal.writeError("skipped \(Terminal.escaped(path)): \(reason)\n")
                }
            case .warning(let message):
                progress?.clear()
                Terminal.warning(message)
            case .duplicate(let path, let original):
                guard verbose else { return }
                progress?.clear()
                Terminal.writeError("duplicate \(Terminal.escaped(path)): same content as \(Terminal.escaped(original))\n")
            }
        }
        progress?.clear()
        switch format {
        case .json:
            try JSONOutput.print(IndexSummaryOutput(summary, index: index))
        case .text:
            if dryRun {
                for id in summary.added { print("add     \(Terminal.escaped(id))") }
                for id in summary.updated { print("update  \(Terminal.escaped(id))") }
                for id in summary.removed { print("remove  \(Terminal.escaped(id))") }
            }
            guard !quiet else { return }
            Terminal.writeError(Self.render(summary, index: index) + "\n")
        }
    }

    /// `indexed 47 documents, skipped 3: 2 images, 1 empty, folded 2 duplicates, stripped … → Index (1 segment, 272 KB)`
    static func render(_ summary: IndexingSummary, index: String) -> String {
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var parts: [String]
        if summary.dryRun {
            parts = ["dry run: would add \(summary.added.count), update \(summary.updated.count), remove \(summary.removed.count)",
                     "\(summary.unchanged) unchanged"]
            if summary.unchangedAfterExtraction > 0 {
                parts[1] += " (\(summary.unchangedAfterExtraction) re-scraped with the same text)"
            }
            return (parts + [summary.skips.summary]).joined(separator: ", ") + "; nothing written"
        } else if summary.rebuilt {
            parts = ["indexed \(count(summary.indexed, "document"))", summary.skips.summary]
        } else {
            var unchanged = "\(summary.unchanged) unchanged"
            if summary.unchangedAfterExtraction > 0 {
                unchanged += " (\(summary.unchangedAfterExtraction) re-scraped with the same text)"
            }
            parts = ["added \(summary.added.count), updated \(summary.updated.count), removed \(summary.removed.count), \(unchanged)",
                     summary.skips.summary]
        }
        if summary.duplicates > 0 {
            parts.append("folded \(summary.duplicates) duplicate\(summary.duplicates == 1 ? "" : "s")")
        }
        if summary.rebuilt || summary.templateLinesStripped > 0 {
            parts.append("stripped \(summary.templateLinesStripped) template lines from \(summary.templateSites) site\(summary.templateSites == 1 ? "" : "s")")
        }
        if summary.relearnedSites > 0 { parts.append("relearned \(count(summary.relearnedSites, "site template"))") }
        let segments = summary.segments == 1 ? "segment" : "segments"
        return parts.joined(separator: ", ")
            + String(format: ", in %.2f s → %@ (%@, %d %@, %@)", summary.seconds, index,
                     count(summary.indexed, "document"), summary.segments, segments, Terminal.bytes(summary.bytes))
    }
}

/// The JSON shape of `scour index --format json`.
struct IndexSummaryOutput: Encodable {
    var index: String
    var indexed: Int
    var added: Int
    var updated: Int
    var removed: Int
    var unchanged: Int
    var unchangedAfterExtraction: Int
    var rebuilt: Bool
    var dryRun: Bool
    /// With --dry-run: the ids that would be added, updated and removed.
    var changes: Changes?

    struct Changes: Encodable {
        var added: [String]
        var updated: [String]
        var removed: [String]
    }
    var skipped: Int
    /// Skipped items by reason, e.g. `{"images": 180, "empty": 12}`.
    var skippedBy: [String: Int]
    var duplicates: Int
    var seconds: Double
    var segments: Int
    var bytes: Int
    var templateLinesStripped: Int
    var templateSites: Int
    var sources: [Source]

    struct Source: Encodable {
        var path: String
        var kind: String
        var documents: Int
    }

    init(_ summary: IndexingSummary, index: String) {
        self.index = index
        indexed = summary.indexed
        added = summary.added.count
        updated = summary.updated.count
        removed = summary.removed.count
        unchanged = summary.unchanged
        unchangedAfterExtraction = summary.unchangedAfterExtraction
        rebuilt = summary.rebuilt
        dryRun = summary.dryRun
        changes = summary.dryRun ? Changes(added: summary.added, updated: summary.updated, removed: summary.removed) : nil
        skipped = summary.skipped
        skippedBy = summary.skips.counts
        duplicates = summary.duplicates
        seconds = (summary.seconds * 1000).rounded() / 1000
        segments = summary.segments
        bytes = summary.bytes
        templateLinesStripped = summary.templateLinesStripped
        templateSites = summary.templateSites
        sources = summary.sources.map { Source(path: $0.path, kind: $0.kind, documents: $0.documents) }
    }
}
