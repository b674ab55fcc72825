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

    public init(analyzer: AnalyzerConfiguration = .standard,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                segmentBudgetBytes: Int = 96 << 20,
                learnTemplates: Bool = true,
                keepAll: Bool = false) {
        self.analyzer = analyzer
        self.workers = max(1, workers)
        self.segmentBudgetBytes = segmentBudgetBytes
        self.learnTemplates = learnTemplates && !keepAll
        self.keepAll = keepAll
    }
}

/// What happened during a run, reported as it happens.
public enum IndexingEvent: Sendable {
    /// `done` of `total` files processed.
    case progress(done: Int, total: Int)
    /// A file could not be indexed; the run goes on without it.
    case skipped(path: String, reason: String)
}

/// The outcome of a successful run.
public struct IndexingSummary: Sendable, Equatable {
    public var indexed: Int
    public var skipped: Int
    public var segments: Int
    public var bytes: Int
    public var seconds: Double
    /// Template lines stripped over all documents.
    public var templateLinesStripped: Int = 0
    /// The sites (hosts or folders) whose templates stripped them.
    public var templateSites: Int = 0
}

/// Builds an index from files: walk → extract → learn site templates →
/// strip them, analyse → segments → atomic commit.
///
/// Each run rebuilds the index from the given paths and replaces the
/// previous one in a single commit; if anything fails before the commit,
/// the previous index stays exactly as it was.
///
/// ```swift
/// let summary = try Indexer(indexPath: "Index").index(paths: ["Corpus"])
/// ```
///
/// Memory: a site's template can only be learned once all its pages have
/// been read, so every extracted document is held in memory until the
/// segments are built — about the size of the extracted text (a fraction
/// of the HTML), e.g. 8 MB for SciFact's 5,183 abstracts. A crawl much
/// larger than memory would need a second extraction pass instead.
public struct Indexer: Sendable {
    public let indexPath: String
    public let options: IndexingOptions

    public init(indexPath: String, options: IndexingOptions = IndexingOptions()) {
        self.indexPath = indexPath
        self.options = options
    }

    /// Indexes everything under `paths` and commits it as the new index.
    ///
    /// `events` receives progress and one `.skipped` per file that could not be
    /// indexed (binary, empty, undecodable, a malformed JSON Lines record); it is
    /// called from worker threads. Throws ``IndexingError`` without touching the
    /// previous index when nothing could be indexed or writing failed.
    public func index(
        paths: [String], events: @escaping @Sendable (IndexingEvent) -> Void = { _ in }
    ) throws(IndexingError) -> IndexingSummary {
        let started = Date()
        do { try Analyzer(configuration: options.analyzer).prepare() } catch {
            throw .index(.analyzerUnavailable(message: error.message))
        }
        let files = try SourceWalker.items(in: paths)
        guard !files.isEmpty else { throw .nothingToIndex(paths: paths) }
        let directory = IndexDirectory(path: indexPath)
        do {
            try directory.create()
            let lock = try directory.lockForWriting()
            defer { withExtendedLifetime(lock) {} }
            let generation = ((try? directory.readManifest())?.generation ?? 0) + 1
            let run = IndexingRun(files: files, directory: directory, generation: generation,
                                  options: options, events: events)
            let outcome = try run.execute()
            let segments = outcome.segments
            guard outcome.indexed > 0 else {
                run.discard(segments)
                throw IndexingError.nothingToIndex(paths: paths)
            }
            let manifest = Manifest(generation: generation, analyzer: options.analyzer, segments: segments)
            do {
                try directory.commit(manifest)
            } catch {
                run.discard(segments)
                throw error
            }
            return IndexingSummary(
                indexed: outcome.indexed, skipped: outcome.skipped, segments: segments.count,
                bytes: segments.reduce(0) { $0 + $1.bytes }, seconds: Date().timeIntervalSince(started),
                templateLinesStripped: outcome.templateLines, templateSites: outcome.templateSites)
        } catch let error as IndexingError {
            throw error
        } catch let error as IndexError {
            throw .index(error)
        } catch {
            throw .index(.io(file: indexPath, message: "\(error)"))
        }
    }
}

/// One run's shared state across workers.
///
/// Three phases: workers read and extract contiguous ranges of the items;
/// the site templates are learned from all extracted pages; workers strip
/// them and build segments over contiguous ranges of the documents, so the
/// document order (and so ids) is the same on every run.
private final class IndexingRun: @unchecked Sendable {
    /// What the run reports back.
    struct Outcome {
        var segments: [SegmentInfo]
        var indexed: Int
        var skipped: Int
        var templateLines: Int
        var templateSites: Int
    }

    /// An extracted document and what template learning sees of it.
    struct Loaded {
        var document: StoredDocument
        var groups: [String]
        var page: TemplatePage? = nil
    }

    let files: [SourceItem]
    let directory: IndexDirectory
    let generation: Int
    let options: IndexingOptions
    let events: @Sendable (IndexingEvent) -> Void
    private let lock = NSLock()
    private var done = 0
    private var lastReported = 0
    private var lastReportTime = Date.distantPast
    private var extracted: [Int: [Loaded]] = [:]
    private var written: [(ordinal: Int, info: SegmentInfo)] = []
    private var skipped = 0
    private var templateLines = 0
    private var templateSites: Set<String> = []
    private var failure: IndexError?

    init(files: [SourceItem], directory: IndexDirectory, generation: Int, options: IndexingOptions,
         events: @escaping @Sendable (IndexingEvent) -> Void) {
        self.files = files
        self.directory = directory
        self.generation = generation
        self.options = options
        self.events = events
    }

    /// The fewest documents worth a segment builder of their own.
    static let documentsPerBuilder = 256

    /// Runs the phases; returns the written segments in document order.
    func execute() throws(IndexError) -> Outcome {
        let readers = min(options.workers, files.count)
        DispatchQueue.concurrentPerform(iterations: readers) { worker in
            let range = (files.count * worker / readers)..<(files.count * (worker + 1) / readers)
            extract(worker: worker, range: range)
        }
        let documents = (0..<readers).flatMap { extracted[$0] ?? [] }
        extracted = [:]
        let templates = options.learnTemplates
            ? TemplateLearner.learn(documents.compactMap(\.page))
            : SiteTemplates()

        // Tiny runs get one segment: splitting a few pages buys no speed.
        let builders = max(1, min(options.workers, documents.count / Self.documentsPerBuilder))
        DispatchQueue.concurrentPerform(iterations: builders) { worker in
            let range = (documents.count * worker / builders)..<(documents.count * (worker + 1) / builders)
            build(worker: worker, documents: documents[range], templates: templates)
        }
        let segments = written.sorted { $0.ordinal < $1.ordinal }.map(\.info)
        if let failure {
            discard(segments)
            throw failure
        }
        events(.progress(done: files.count, total: files.count))
        return Outcome(segments: segments, indexed: documents.count, skipped: skipped,
                       templateLines: templateLines, templateSites: templateSites.count)
    }

    /// Deletes segment files of this run (after a failure).
    func discard(_ segments: [SegmentInfo]) {
        for segment in segments {
            try? FileManager.default.removeItem(atPath: (directory.path as NSString).appendingPathComponent(segment.name))
        }
    }

    /// Phase 1: reads and extracts `range` of the items, fingerprinting
    /// their lines for template learning.
    private func extract(worker: Int, range: Range<Int>) {
        let extractor = DocumentExtractor()
        var loaded: [Loaded] = []
        var localSkipped = 0
        for index in range {
            let item = files[index]
            switch Self.load(item, extractor: extractor, options: ExtractionOptions(keepAll: options.keepAll)) {
            case .success(var document):
                if options.learnTemplates {
                    document.page = TemplatePage(groups: document.groups, text: document.document.text)
                }
                loaded.append(document)
            case .failure(let reason):
                localSkipped += 1
                events(.skipped(path: item.displayName, reason: reason.message))
            }
            reportProgress()
        }
        lock.withLock {
            extracted[worker] = loaded
            skipped += localSkipped
        }
    }

    /// Phase 3: strips template lines from `documents` and writes them into
    /// this worker's segments.
    private func build(worker: Int, documents: ArraySlice<Loaded>, templates: SiteTemplates) {
        let analyzer = Analyzer(configuration: options.analyzer)
        var builder = SegmentBuilder(analyzer: analyzer)
        var flushes = 0
        var strippedLines = 0
        var sites: Set<String> = []

        func flush() -> Bool {
            guard builder.documentCount > 0 else { return true }
            let ordinal = worker * 1000 + flushes
            let path = directory.segmentPath(generation: generation, ordinal: ordinal)
            do {
                let info = try SegmentWriter.write(builder, to: path)
                lock.withLock { written.append((ordinal, info)) }
            } catch {
                lock.withLock { if failure == nil { failure = error } }
                return false
            }
            flushes += 1
            builder = SegmentBuilder(analyzer: analyzer)
            return true
        }

        for loaded in documents {
            if lock.withLock({ failure != nil }) { return }
            var document = loaded.document
            if let page = loaded.page, !templates.isEmpty {
                let stripped = Self.stripTemplates(from: &document, page: page, templates: templates)
                strippedLines += stripped.lines
                sites.formUnion(stripped.groups)
            }
            builder.add(document)
            if builder.estimatedBytes > options.segmentBudgetBytes, !flush() { return }
        }
        _ = flush()
        lock.withLock {
            templateLines += strippedLines
            templateSites.formUnion(sites)
        }
    }

    /// Takes the template lines out of a document's text and headings.
    ///
    /// A title that is itself a template line — a scrape whose first line
    /// is the site's name, a `<title>` shared by every page — names the
    /// site, not the page: the first kept heading, else the first kept
    /// line when it is short enough to be one, takes its place.
    static func stripTemplates(from document: inout StoredDocument, page: TemplatePage,
                               templates: SiteTemplates) -> (lines: Int, groups: Set<String>) {
        let lines = TemplatePage.lines(of: document.text)
        let stripped = templates.strip(page, lines: lines, explain: false)
        guard !stripped.removed.isEmpty else { return (0, []) }
        document.text = stripped.kept.joined(separator: "\n")
        let removed = Set(stripped.removed)
        document.headings.removeAll { removed.contains($0[...]) }
        let removedHashes = Set(stripped.removed.map { LineFingerprint($0).hash })
        if removedHashes.contains(LineFingerprint(document.title).hash) {
            if let heading = document.headings.first {
                document.title = heading
            } else if let line = stripped.kept.first(where: { LineFingerprint($0).hash != 0 }),
                      line.unicodeScalars.count <= maximumTitleLength {
                document.title = String(line)
            }
        }
        return (stripped.removed.count, stripped.groups)
    }

    /// The longest first line taken as a title in place of a template one.
    static let maximumTitleLength = 150

    private func reportProgress() {
        let report: Int? = lock.withLock {
            done += 1
            // At most one report per percent and per tenth of a second.
            let step = max(1, files.count / 100)
            let now = Date()
            guard done - lastReported >= step, now.timeIntervalSince(lastReportTime) >= 0.1 else { return nil }
            lastReported = done
            lastReportTime = now
            return done
        }
        if let report { events(.progress(done: report, total: files.count)) }
    }

    struct SkipReason: Error { var message: String }

    /// Reads and extracts one item into what the index stores.
    static func load(_ item: SourceItem, extractor: DocumentExtractor, options: ExtractionOptions) -> Result<Loaded, SkipReason> {
        switch item {
        case .file(let file): return load(file, extractor: extractor, options: options)
        case .record(let record): return load(record, extractor: extractor, options: options)
        }
    }

    /// A JSON Lines record: `id`/`_id`, optional `url` and `title`, `text` or `html`.
    static func load(_ record: JSONLinesRecord, extractor: DocumentExtractor, options: ExtractionOptions) -> Result<Loaded, SkipReason> {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(record.bytes))) as? [String: Any] else {
            return .failure(SkipReason(message: "line \(record.line) is not a JSON object"))
        }
        let rawID = object["id"] ?? object["_id"]
        let id: String
        switch rawID {
        case let value as String where !value.isEmpty: id = value
        case let value as NSNumber: id = value.stringValue
        default: return .failure(SkipReason(message: "line \(record.line) has no \"id\" (or \"_id\")"))
        }
        var title = object["title"] as? String ?? ""
        let text: String
        var format = "text"
        var headings: [String] = []
        var metadata = (date: "", canonicalURL: "", language: "")
        if let html = object["html"] as? String {
            do {
                let page = try extractor.extract(Array(html.utf8), fileExtension: "html", options: options)
                if title.isEmpty { title = page.title }
                text = page.text
                headings = page.headings
                format = page.format.rawValue
                metadata = (page.date ?? "", page.canonicalURL ?? "", page.language ?? "")
            } catch {
                return .failure(SkipReason(message: "line \(record.line): \(error.description)"))
            }
        } else if let plain = object["text"] as? String {
            text = plain
        } else {
            return .failure(SkipReason(message: "line \(record.line) has neither \"text\" nor \"html\""))
        }
        guard !(text.isEmpty && title.isEmpty) else {
            return .failure(SkipReason(message: "line \(record.line) has no text"))
        }
        let url = object["url"] as? String ?? ""
        let date = object["date"] as? String ?? metadata.date
        let document = StoredDocument(path: id, title: title, text: text, format: format,
                                      fingerprint: Fingerprint.of(record.bytes), headings: headings, url: url,
                                      date: date, canonicalURL: metadata.canonicalURL, language: metadata.language)
        return .success(Loaded(document: document, groups: TemplateGroups.forRecord(file: record.file, url: url)))
    }

    /// Reads and extracts one file into what the index stores.
    static func load(_ file: SourceFile, extractor: DocumentExtractor, options: ExtractionOptions) -> Result<Loaded, SkipReason> {
        guard let data = FileManager.default.contents(atPath: file.location) else {
            return .failure(SkipReason(message: "cannot read the file"))
        }
        let bytes = [UInt8](data)
        do {
            let extracted = try extractor.extract(bytes, fileExtension: file.fileExtension, options: options)
            guard !(extracted.text.isEmpty && extracted.title.isEmpty) else {
                return .failure(SkipReason(message: "no text left after extraction"))
            }
            let document = StoredDocument(
                path: file.documentPath, title: extracted.title, text: extracted.text,
                format: extracted.format.rawValue, fingerprint: Fingerprint.of(bytes),
                headings: extracted.headings, url: file.documentPath, date: extracted.date ?? "",
                canonicalURL: extracted.canonicalURL ?? "", language: extracted.language ?? "")
            let groups = TemplateGroups.forFile(documentPath: file.documentPath, canonicalURL: extracted.canonicalURL)
            return .success(Loaded(document: document, groups: groups))
        } catch {
            return .failure(SkipReason(message: error.description))
        }
    }
}

/// FNV-1a 64 of a file's bytes: cheap change detection for reindexing.
enum Fingerprint {
    static func of(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
