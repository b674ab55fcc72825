import Foundation
import ScourAnalysis
import ScourExtraction
import ScourIndex

/// Settings of an indexing run.
public struct IndexingOptions: Sendable {
    public var analyzer: AnalyzerConfiguration
    /// Parallel workers; each extracts, analyses and builds its own segments.
    public var workers: Int
    /// A worker flushes its segment when its in-memory index passes this
    /// size; by default a share of ``memoryBudgetBytes``.
    public var segmentBudgetBytes: Int
    /// The memory an indexing run aims to stay within (`--memory-budget`):
    /// extracted pages wait on disk, records are queued up to a fixed
    /// amount, and each worker's in-memory segment flushes at its share.
    /// What grows with the crawl is a few hundred bytes per page (ids,
    /// fingerprints, the catalog) and each site's template counts.
    public var memoryBudgetBytes: Int
    /// Learn each site's template — lines that recur on many of its pages:
    /// menus, site names, address blocks — and strip them before indexing
    /// (see `TemplateLearner`). Off indexes the extracted text as it is.
    public var learnTemplates: Bool
    /// Index all visible text of every page: no chrome stripping and no
    /// template learning, for users who want everything searchable.
    public var keepAll: Bool
    /// Keep readers' comments where they are a page's discussion (see
    /// ``ExtractionOptions/keepComments``); false drops them.
    public var keepComments: Bool
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
                segmentBudgetBytes: Int? = nil,
                memoryBudgetBytes: Int = 512 << 20,
                learnTemplates: Bool = true,
                keepAll: Bool = false,
                keepComments: Bool = true,
                keepDuplicates: Bool = false,
                include: [String] = [],
                exclude: [String] = [],
                extractionBudgetSeconds: Double? = 10,
                maximumFileBytes: Int? = 64 << 20) {
        self.analyzer = analyzer
        self.workers = max(1, workers)
        self.memoryBudgetBytes = memoryBudgetBytes
        // A builder's real footprint is about five times its estimate
        // (measured: 1M passages, budgets 128 and 512 MB), and half the
        // budget is left to the per-page state; the queue of records takes
        // a fixed share.
        self.segmentBudgetBytes = segmentBudgetBytes
            ?? max(2 << 20, (memoryBudgetBytes - IndexingRun.queueBudget) / (10 * max(1, workers)))
        self.learnTemplates = learnTemplates && !keepAll
        self.keepAll = keepAll
        self.keepComments = keepComments
        self.keepDuplicates = keepDuplicates
        self.include = include
        self.exclude = exclude
        self.extractionBudgetSeconds = extractionBudgetSeconds
        self.maximumFileBytes = maximumFileBytes
    }
}

/// The phases of an indexing run, in order.
public enum IndexingPhase: String, Sendable, CaseIterable {
    case scan, extract, index, merge, commit
}

/// What happened during a run, reported as it happens.
public enum IndexingEvent: Sendable {
    /// `done` of `total` units of `phase` processed: files found (scan),
    /// items read (extract; `total` grows while JSON Lines and WARC files
    /// are still being read), documents indexed (index), segments merged
    /// (merge), files written (commit). Reported at most ten times a
    /// second per phase, and once when a phase ends (`done == total`).
    case progress(phase: IndexingPhase, done: Int, total: Int)
    /// An item was not indexed; the run goes on without it. `category` is
    /// the plural noun the summary counts it under ("images", "empty");
    /// `isProblem` is true for what a user should hear about without
    /// `--verbose` (an unreadable file, a damaged WARC, a malformed JSON
    /// line), false for expected skips (images, hidden files, duplicates).
    case skipped(path: String, reason: String, category: String, isProblem: Bool)
    /// A document was indexed as an alias of an earlier one with the same content.
    case duplicate(path: String, of: String)
    /// Something the user should know that is not about one item (the
    /// write lock of a killed run taken over).
    case warning(String)
}

/// The outcome of a successful run.
public struct IndexingSummary: Sendable, Equatable {
    /// Live documents in the index after the run.
    public var indexed: Int
    /// Documents new in this run, changed (re-indexed), and removed because
    /// their source is gone; by id (what `--dry-run` lists).
    public var added: [String] = []
    public var updated: [String] = []
    public var removed: [String] = []
    /// Documents of the sources read that stayed as they were.
    public var unchanged: Int = 0
    /// Among ``unchanged``: pages whose bytes changed but whose text after
    /// chrome and template stripping did not (a hit counter, a date stamp).
    public var unchangedAfterExtraction: Int = 0
    /// What was not indexed, by reason.
    public var skips: SkipTally
    /// Items not indexed, in all.
    public var skipped: Int { skips.total }
    /// Pages folded into another document as its aliases.
    public var duplicates: Int = 0
    public var segments: Int
    public var bytes: Int
    public var seconds: Double
    /// Template lines stripped from the documents (re)indexed.
    public var templateLinesStripped: Int = 0
    /// The sites (hosts or folders) whose templates stripped them.
    public var templateSites: Int = 0
    /// Sites whose template was learned again in this run.
    public var relearnedSites: Int = 0
    /// The sources of the index, with their document counts.
    public var sources: [IndexedSource] = []
    /// Whether this was a rebuild (first build, `--full`, or an index too
    /// old to update) rather than an update.
    public var rebuilt = false
    /// Whether nothing was written (`--dry-run`).
    public var dryRun = false
}

/// Builds and updates an index from files: walk → extract → fold
/// duplicates → learn site templates → strip them, analyse → segments →
/// atomic commit.
///
/// On an existing index a run is an update: documents whose source is new
/// are added, changed ones re-indexed, vanished ones deleted, and the rest
/// left untouched — unchanged files are not even read (size and
/// modification time), unchanged bytes are not extracted, and a page whose
/// text after stripping is unchanged is not re-indexed. The sources given
/// are added to the ones the index remembers; with no paths, all the
/// remembered sources are scanned again. If anything fails before the
/// commit, the previous index stays exactly as it was.
///
/// ```swift
/// let summary = try Indexer(indexPath: "Index").index(paths: ["Corpus"])
/// ```
///
/// Sources: folders (every regular file is a candidate; the content
/// decides whether it is a page), files, JSON Lines files and WARC files
/// (`.warc`, `.warc.gz`), streamed record by record.
public struct Indexer: Sendable {
    public let indexPath: String
    public let options: IndexingOptions

    public init(indexPath: String, options: IndexingOptions = IndexingOptions()) {
        self.indexPath = indexPath
        self.options = options
    }

    /// The analyzer settings an existing index at `path` was built with;
    /// nil when there is no index there.
    public static func existingAnalyzer(at path: String) -> AnalyzerConfiguration? {
        (try? IndexDirectory(path: path).readManifest())?.analyzer
    }

    /// The sources an existing index remembers (absolute paths).
    public static func rememberedSources(at path: String) -> [IndexedSource] {
        (try? IndexDirectory(path: path).readManifest())?.sources ?? []
    }

    /// Walks the roots while the previous index's catalog is read, on the
    /// machine's second core: on an update that finds little changed, the
    /// two are most of the time.
    static func walkAndLoad(_ roots: [String], _ walkOptions: WalkOptions, base: Manifest?,
                            directory: IndexDirectory) throws -> (WalkResult, PreviousIndex?) {
        final class Results: @unchecked Sendable {
            var walk: Result<WalkResult, any Error> = .failure(CancellationError())
            var previous: Result<PreviousIndex?, IndexError> = .success(nil)
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { task in
            if task == 0 {
                results.walk = Result { try SourceWalker.walk(roots, options: walkOptions) }
            } else if let base, base.catalog != nil {
                results.previous = Result { () throws(IndexError) in try PreviousIndex(manifest: base, directory: directory) }
            }
        }
        return (try results.walk.get(), try results.previous.get())
    }

    /// Each root's id prefix: a source the index remembers keeps its own;
    /// a new one gets none when it is the index's only source, else the
    /// root as given (trimmed), like several roots in one first run.
    static func idPrefixes(roots: [String], remembered: [IndexedSource]) -> [String] {
        let known = Dictionary(remembered.map { ($0.path, $0.prefix) }, uniquingKeysWith: { first, _ in first })
        let newRoots = roots.filter { known[DocumentLoader.absolute($0)] == nil }
        let alone = remembered.isEmpty && newRoots.count == 1
        return roots.map { root in
            if let stored = known[DocumentLoader.absolute(root)], let prefix = stored { return prefix }
            if alone { return "" }
            if remembered.count == 1, known[DocumentLoader.absolute(root)] != nil { return "" }
            return DocumentIDs.trimmed(root)
        }
    }

    /// Indexes `paths` into the index: a first build, or an update.
    ///
    /// - Parameters:
    ///   - paths: sources to read; empty means every source the index
    ///     remembers. A remembered source that no longer exists keeps its
    ///     documents (and a warning is reported): a missing mount must not
    ///     empty an index; `scour remove` drops a source.
    ///   - full: rebuild every document into new segments (the remembered
    ///     sources and `paths`), swapped in atomically.
    ///   - dryRun: work out what would be added, updated and removed,
    ///     writing nothing.
    ///   - events: progress, one `.skipped` per item that was not indexed
    ///     and one `.duplicate` per page folded into another; called from
    ///     worker threads.
    public func index(
        paths: [String], full: Bool = false, dryRun: Bool = false,
        events: @escaping @Sendable (IndexingEvent) -> Void = { _ in }
    ) throws(IndexingError) -> IndexingSummary {
        let started = Date()
        do { try Analyzer(configuration: options.analyzer).prepare() } catch {
            throw .index(.analyzerUnavailable(message: error.message))
        }
        let directory = IndexDirectory(path: indexPath)
        do {
            let manifest = try directory.readManifest()
            if let manifest, manifest.catalog != nil, manifest.analyzer != options.analyzer, !full {
                throw IndexingError.analyzerChanged(index: indexPath)
            }
            let remembered = manifest?.sources ?? []
            var roots = paths
            if paths.isEmpty || full || manifest?.catalog == nil && !(manifest?.segments.isEmpty ?? true) {
                for source in remembered where !roots.map({ DocumentLoader.absolute($0) }).contains(source.path) {
                    if FileManager.default.fileExists(atPath: source.path) {
                        roots.append(source.path)
                    } else {
                        events(.skipped(path: source.path, reason: "this source of the index no longer exists; its documents are kept (`scour remove \(source.path)` drops them)", category: "missing sources", isProblem: true))
                    }
                }
            }
            guard !roots.isEmpty else { throw IndexingError.nothingToIndex(paths: [indexPath], skipped: 0) }
            var walkOptions = WalkOptions(include: options.include, exclude: options.exclude, excludedFolders: [indexPath])
            let prefixes = Self.idPrefixes(roots: roots, remembered: remembered)
            for (root, prefix) in zip(roots, prefixes) { walkOptions.idPrefixes[root] = prefix }
            // An index written before catalogs has nothing to compare with:
            // it is rebuilt once.
            let rebuild = full || manifest?.catalog == nil
            let walk: WalkResult
            let writer: IndexWriter?
            var previous: PreviousIndex?
            if rebuild {
                walk = try SourceWalker.walk(roots, options: walkOptions)
                events(.progress(phase: .scan, done: walk.files.count, total: walk.files.count))
                if walk.files.isEmpty {
                    throw IndexingError.nothingToIndex(paths: roots, skipped: walk.skipped.count)
                }
                writer = dryRun ? nil : try IndexWriter(directory: directory, analyzer: options.analyzer, fresh: true)
            } else {
                // An update: the lock first, then the walk and the reading of
                // the previous catalog side by side.
                writer = dryRun ? nil : try IndexWriter(directory: directory, analyzer: options.analyzer)
                (walk, previous) = try Self.walkAndLoad(roots, walkOptions, base: dryRun ? manifest : writer?.base,
                                                        directory: directory)
                events(.progress(phase: .scan, done: walk.files.count, total: walk.files.count))
            }
            if let pid = writer?.lock.tookOverFrom {
                events(.warning("took over the write lock of process \(pid), which is gone (a killed run); its leftover files were removed"))
            }
            let run = IndexingRun(walk: walk, roots: roots, prefixes: prefixes, writer: writer, previous: previous,
                                  options: options, events: events)
            let outcome: IndexingRun.Outcome
            do { outcome = try run.execute() } catch {
                // Nothing of a failed run may stay behind (a full disk must
                // not block the next, smaller run).
                writer?.discard()
                throw error
            }
            if previous == nil && outcome.added.isEmpty && !dryRun || outcome.nothingFromNewSources {
                throw IndexingError.nothingToIndex(paths: roots, skipped: outcome.skips.total)
            }
            var summary = IndexingSummary(
                indexed: outcome.liveDocuments, skips: outcome.skips, duplicates: outcome.duplicates,
                segments: outcome.segments, bytes: outcome.bytes, seconds: Date().timeIntervalSince(started),
                templateLinesStripped: outcome.templateLines, templateSites: outcome.templateSites,
                sources: outcome.sources)
            summary.added = outcome.added
            summary.updated = outcome.updated
            summary.removed = outcome.removed
            summary.unchanged = outcome.unchanged
            summary.unchangedAfterExtraction = outcome.unchangedAfterExtraction
            summary.relearnedSites = outcome.relearnedSites
            summary.rebuilt = previous == nil
            summary.dryRun = dryRun
            // What the run kept of every page and of the previous catalog is
            // freed on another thread: on a small update of a large index,
            // freeing a million small objects would be a tenth of the time.
            run.releaseWriter()
            BackgroundRelease(consume run, consume previous, consume walk).start()
            return summary
        } catch let error as IndexingError {
            throw error
        } catch let error as IndexError {
            throw .index(error)
        } catch {
            throw .index(.io(file: indexPath, message: "\(error)"))
        }
    }
}

/// Owns what a finished run leaves (its pages, the previous catalog, the
/// walk) and frees it on another thread. It is made with the caller's
/// references moved in (an initializer takes its arguments owned), so it
/// holds the only ones.
private final class BackgroundRelease: @unchecked Sendable {
    private var run: IndexingRun?
    private var previous: PreviousIndex?
    private var walk: WalkResult?

    init(_ run: IndexingRun, _ previous: PreviousIndex?, _ walk: WalkResult) {
        self.run = run
        self.previous = previous
        self.walk = walk
    }

    func start() {
        DispatchQueue.global(qos: .utility).async {
            self.run = nil
            self.previous = nil
            self.walk = nil
        }
    }
}
