import Foundation
import ScourAnalysis
import ScourExtraction
import ScourIndex

/// Settings of an indexing run.
public struct IndexingOptions: Sendable {
    public var analyzer: AnalyzerConfiguration
    /// Parallel workers; each extracts, analyses and builds its own segments.
    public var workers: Int
    /// A worker flushes its segment when its in-memory index passes this size.
    public var segmentBudgetBytes: Int
    /// Learn each site's template — lines that recur on many of its pages:
    /// menus, site names, address blocks — and strip them before indexing
    /// (see `TemplateLearner`). Off indexes the extracted text as it is.
    public var learnTemplates: Bool
    /// Index all visible text of every page: no chrome stripping and no
    /// template learning, for users who want everything searchable.
    public var keepAll: Bool
    /// Index every copy of a page crawled under several URLs, instead of
    /// one document with the other URLs as aliases.
    public var keepDuplicates: Bool
    /// Globs of paths (relative to each folder given) to take, or to leave
    /// out; see ``WalkOptions``.
    public var include: [String]
    public var exclude: [String]
    /// Thread CPU seconds one page may take to extract before it is skipped
    /// as "too slow to extract"; nil for no limit.
    public var extractionBudgetSeconds: Double?
    /// Files larger than this are skipped as "too large" without being read
    /// (a 300 MB text file took 1.7 GB of memory); nil for no limit. The
    /// same cap as a WARC record's body.
    public var maximumFileBytes: Int?

    public init(analyzer: AnalyzerConfiguration = .standard,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                segmentBudgetBytes: Int = 96 << 20,
                learnTemplates: Bool = true,
                keepAll: Bool = false,
                keepDuplicates: Bool = false,
                include: [String] = [],
                exclude: [String] = [],
                extractionBudgetSeconds: Double? = 10,
                maximumFileBytes: Int? = 64 << 20) {
        self.analyzer = analyzer
        self.workers = max(1, workers)
        self.segmentBudgetBytes = segmentBudgetBytes
        self.learnTemplates = learnTemplates && !keepAll
        self.keepAll = keepAll
        self.keepDuplicates = keepDuplicates
        self.include = include
        self.exclude = exclude
        self.extractionBudgetSeconds = extractionBudgetSeconds
        self.maximumFileBytes = maximumFileBytes
    }
}

/// What happened during a run, reported as it happens.
public enum IndexingEvent: Sendable {
    /// `done` of `total` items processed (`total` grows while JSON Lines
    /// and WARC files are still being read).
    case progress(done: Int, total: Int)
    /// An item was not indexed; the run goes on without it. `category` is
    /// the plural noun the summary counts it under ("images", "empty");
    /// `isProblem` is true for what a user should hear about without
    /// `--verbose` (an unreadable file, a damaged WARC, a malformed JSON
    /// line), false for expected skips (images, hidden files, duplicates).
    case skipped(path: String, reason: String, category: String, isProblem: Bool)
    /// A document was indexed as an alias of an earlier one with the same content.
    case duplicate(path: String, of: String)
}

/// The outcome of a successful run.
public struct IndexingSummary: Sendable, Equatable {
    public var indexed: Int
    /// What was not indexed, by reason.
    public var skips: SkipTally
    /// Items not indexed, in all.
    public var skipped: Int { skips.total }
    /// Pages folded into another document as its aliases.
    public var duplicates: Int = 0
    public var segments: Int
    public var bytes: Int
    public var seconds: Double
    /// Template lines stripped over all documents.
    public var templateLinesStripped: Int = 0
    /// The sites (hosts or folders) whose templates stripped them.
    public var templateSites: Int = 0
    /// The sources indexed, with their document counts.
    public var sources: [IndexedSource] = []
}

/// Builds an index from files: walk → extract → fold duplicates → learn
/// site templates → strip them, analyse → segments → atomic commit.
///
/// Each run rebuilds the index from the given paths and replaces the
/// previous one in a single commit; if anything fails before the commit,
/// the previous index stays exactly as it was.
///
/// ```swift
/// let summary = try Indexer(indexPath: "Index").index(paths: ["Corpus"])
/// ```
///
/// Sources: folders (every regular file is a candidate; the content
/// decides whether it is a page), files, JSON Lines files and WARC files
/// (`.warc`, `.warc.gz`), streamed record by record.
///
/// Memory: raw bytes are streamed (a WARC larger than memory works), but a
/// site's template can only be learned once all its pages have been read,
/// so every extracted document is held until the segments are built —
/// about the size of the extracted text (a fraction of the HTML).
public struct Indexer: Sendable {
    public let indexPath: String
    public let options: IndexingOptions

    public init(indexPath: String, options: IndexingOptions = IndexingOptions()) {
        self.indexPath = indexPath
        self.options = options
    }

    /// Indexes everything under `paths` and commits it as the new index.
    ///
    /// `events` receives progress, one `.skipped` per item that was not
    /// indexed and one `.duplicate` per page folded into another; it is
    /// called from worker threads. Throws ``IndexingError`` without touching
    /// the previous index when nothing could be indexed or writing failed.
    public func index(
        paths: [String], events: @escaping @Sendable (IndexingEvent) -> Void = { _ in }
    ) throws(IndexingError) -> IndexingSummary {
        let started = Date()
        do { try Analyzer(configuration: options.analyzer).prepare() } catch {
            throw .index(.analyzerUnavailable(message: error.message))
        }
        let directory = IndexDirectory(path: indexPath)
        let walk = try SourceWalker.walk(
            paths, options: WalkOptions(include: options.include, exclude: options.exclude, excludedFolders: [indexPath]))
        guard !walk.files.isEmpty else { throw .nothingToIndex(paths: paths, skipped: walk.skipped.count) }
        do {
            try directory.create()
            let lock = try directory.lockForWriting()
            defer { withExtendedLifetime(lock) {} }
            let generation = ((try? directory.readManifest())?.generation ?? 0) + 1
            let run = IndexingRun(walk: walk, roots: paths, directory: directory, generation: generation,
                                  options: options, events: events)
            let outcome = try run.execute()
            let segments = outcome.segments
            guard outcome.indexed > 0 else {
                run.discard(segments)
                throw IndexingError.nothingToIndex(paths: paths, skipped: outcome.skips.total)
            }
            var manifest = Manifest(generation: generation, analyzer: options.analyzer, segments: segments)
            manifest.sources = outcome.sources
            do {
                try directory.commit(manifest)
            } catch {
                run.discard(segments)
                throw error
            }
            return IndexingSummary(
                indexed: outcome.indexed, skips: outcome.skips, duplicates: outcome.duplicates,
                segments: segments.count, bytes: segments.reduce(0) { $0 + $1.bytes },
                seconds: Date().timeIntervalSince(started),
                templateLinesStripped: outcome.templateLines, templateSites: outcome.templateSites,
                sources: outcome.sources)
        } catch let error as IndexingError {
            throw error
        } catch let error as IndexError {
            throw .index(error)
        } catch {
            throw .index(.io(file: indexPath, message: "\(error)"))
        }
    }
}
