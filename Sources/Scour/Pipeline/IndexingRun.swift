import Foundation
import ScourAnalysis
import ScourExtraction
import ScourIndex

/// One run's shared state across threads.
///
/// Phases:
/// 1. A producer thread turns the walked files into work items — pages as
///    paths, JSON Lines and WARC files streamed record by record through a
///    bounded queue — and the workers read and extract them.
/// 2. The results are put back in source order; pages with the same
///    content are folded into their first copy as aliases; site templates
///    are learned from all extracted pages.
/// 3. Workers strip the templates and build segments over contiguous
///    ranges of the documents, so the document order (and so ids) is the
///    same on every run.
final class IndexingRun: @unchecked Sendable {
    /// What the run reports back.
    struct Outcome {
        var segments: [SegmentInfo]
        var indexed: Int
        var skips: SkipTally
        var duplicates: Int
        var templateLines: Int
        var templateSites: Int
        var sources: [IndexedSource]
    }

    let walk: WalkResult
    let roots: [String]
    let directory: IndexDirectory
    let generation: Int
    let options: IndexingOptions
    let events: @Sendable (IndexingEvent) -> Void
    private let lock = NSLock()
    private var done = 0
    private var discovered = 0
    private var lastReported = 0
    private var lastReportTime = Date.distantPast
    private var results: [(ordinal: Int, result: WorkResult)] = []
    private var skips = SkipTally()
    private var written: [(ordinal: Int, info: SegmentInfo)] = []
    private var templateLines = 0
    private var templateSites: Set<String> = []
    private var failure: IndexError?

    /// The most bytes of JSON Lines and WARC records queued for extraction.
    static let queueBudget = 64 << 20
    /// The fewest documents worth a segment builder of their own.
    static let documentsPerBuilder = 256

    init(walk: WalkResult, roots: [String], directory: IndexDirectory, generation: Int,
         options: IndexingOptions, events: @escaping @Sendable (IndexingEvent) -> Void) {
        self.walk = walk
        self.roots = roots
        self.directory = directory
        self.generation = generation
        self.options = options
        self.events = events
        self.discovered = walk.files.count
    }

    /// Runs the phases; returns the written segments in document order.
    func execute() throws(IndexError) -> Outcome {
        let indexFolder = DocumentLoader.absolute(directory.path)
        for skip in walk.skipped {
            // The index's own folder, inside a folder being indexed, is no
            // skipped content: the walker leaves it out, and so does the count.
            if skip.reason == .excluded, DocumentLoader.absolute(skip.displayPath) == indexFolder { continue }
            skips.add(skip.reason.category)
            events(.skipped(path: skip.displayPath, reason: skip.reason.description,
                            category: skip.reason.category, isProblem: skip.reason.isProblem))
        }

        // Phase 1: produce and extract.
        let queue = BoundedQueue<(Int, WorkItem)>(budget: Self.queueBudget)
        let producer = Thread { [self] in
            produce(into: queue)
            queue.close()
        }
        producer.stackSize = 1 << 22
        producer.start()
        let workers = options.workers
        DispatchQueue.concurrentPerform(iterations: workers) { _ in consume(queue) }

        results.sort { $0.ordinal < $1.ordinal }
        var loaded: [LoadedDocument] = []
        loaded.reserveCapacity(results.count)
        for (_, result) in results {
            switch result {
            case .loaded(let document): loaded.append(document)
            case .skipped(_, _, let category, _): skips.add(category)
            }
        }
        results = []

        // Phase 2: duplicates, then templates.
        var (folded, duplicates) = options.keepDuplicates ? (loaded, 0) : foldDuplicates(loaded)
        loaded = []
        Self.makeIDsUnique(&folded)
        let documents = folded
        folded = []
        let templates = options.learnTemplates
            ? TemplateLearner.learn(documents.compactMap(\.page))
            : SiteTemplates()

        // Phase 3: strip and build. Tiny runs get one segment: splitting a
        // few pages buys no speed.
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
        events(.progress(done: done, total: done))
        return Outcome(segments: segments, indexed: documents.count, skips: skips, duplicates: duplicates,
                       templateLines: templateLines, templateSites: templateSites.count,
                       sources: sourceSummary(documents))
    }

    /// Deletes segment files of this run (after a failure).
    func discard(_ segments: [SegmentInfo]) {
        for segment in segments {
            try? FileManager.default.removeItem(atPath: (directory.path as NSString).appendingPathComponent(segment.name))
        }
    }

    // MARK: Phase 1

    /// The index of the root `file` was found under, in the paths given
    /// (the walker reports the root as given, so equal strings match).
    private func sourceIndex(of file: SourceFile) -> Int {
        roots.firstIndex(of: file.root) ?? 0
    }

    /// Walks the files in order, streaming JSON Lines and WARC files.
    private func produce(into queue: BoundedQueue<(Int, WorkItem)>) {
        var ordinal = 0
        func put(_ item: WorkItem) {
            queue.put((ordinal, item), cost: item.cost)
            ordinal += 1
        }
        for file in walk.files {
            let source = sourceIndex(of: file)
            switch file.kind {
            case .page:
                put(.file(file, source: source))
            case .jsonLines:
                lock.withLock { discovered -= 1 }
                streamJSONLines(file, source: source, put: put)
            case .warc:
                lock.withLock { discovered -= 1 }
                streamWARC(file, source: source, put: put)
            }
        }
    }

    /// Opens a JSON Lines or WARC file with `make`; a file that cannot be
    /// opened is counted as unreadable and nil is returned.
    private func open<Reader>(_ file: SourceFile, _ make: (String) throws -> Reader) -> Reader? {
        do { return try make(file.openablePath) } catch {
            skip(file.displayPath, reason: "\(error)", category: "unreadable", isProblem: true)
            return nil
        }
    }

    private func streamJSONLines(_ file: SourceFile, source: Int, put: (WorkItem) -> Void) {
        guard let stream = open(file, { try JSONLinesStream(path: $0) }) else { return }
        while var record = stream.next() {
            lock.withLock { discovered += 1 }
            record.file = file.displayPath  // messages name the file as the user gave it
            put(.record(record, source: source))
        }
        for problem in stream.skipped {
            skip("\(file.displayPath):\(problem.line)", reason: problem.reason, category: "malformed records", isProblem: true)
        }
    }

    private func streamWARC(_ file: SourceFile, source: Int, put: (WorkItem) -> Void) {
        guard let reader = open(file, { try WARCReader(path: $0) }) else { return }
        while let event = reader.next() {
            switch event {
            case .document(let document):
                lock.withLock { discovered += 1 }
                put(.warc(document, file: file.displayPath, source: source))
            case .skipped(let record):
                // Requests, warcinfo and metadata are not candidate pages:
                // only responses that could have been one are counted.
                guard let category = record.category.summaryCategory else { continue }
                let name = "\(file.displayPath)@\(record.offset)" + (record.targetURI.map { " \($0)" } ?? "")
                skip(name, reason: record.reason, category: category, isProblem: record.category.isDamage)
            case .damaged(let damage):
                skip("\(file.displayPath)@\(damage.offset)", reason: damage.message, category: "damaged WARC parts",
                     isProblem: true)
            }
        }
    }

    /// Counts and reports an item skipped outside the workers.
    private func skip(_ path: String, reason: String, category: String, isProblem: Bool) {
        lock.withLock { skips.add(category) }
        events(.skipped(path: path, reason: reason, category: category, isProblem: isProblem))
    }

    /// A worker: extracts items until the queue is closed and drained.
    private func consume(_ queue: BoundedQueue<(Int, WorkItem)>) {
        let loader = DocumentLoader(options: options, roots: roots)
        var local: [(ordinal: Int, result: WorkResult)] = []
        while let (ordinal, item) = queue.take() {
            let result = loader.load(item)
            if case .skipped(let path, let reason, let category, let isProblem) = result {
                events(.skipped(path: path, reason: reason, category: category, isProblem: isProblem))
            }
            local.append((ordinal, result))
            reportProgress()
        }
        lock.withLock { results += local }
    }

    // MARK: Phase 2

    /// Folds each page whose content repeats an earlier page's into that
    /// page, as an alias (its URL, else its id).
    private func foldDuplicates(_ loaded: [LoadedDocument]) -> ([LoadedDocument], Int) {
        var index = NearDuplicateIndex()
        var kept: [LoadedDocument] = []
        kept.reserveCapacity(loaded.count)
        var position: [Int: Int] = [:]
        var duplicates = 0
        for (ordinal, document) in loaded.enumerated() {
            if let fingerprint = document.fingerprint, let original = index.add(ordinal, fingerprint),
               let at = position[original] {
                duplicates += 1
                let alias = document.document.url.isEmpty ? document.document.path : document.document.url
                var keeper = kept[at].document
                if alias != keeper.url, alias != keeper.path, !keeper.aliases.contains(alias) {
                    keeper.aliases.append(alias)
                }
                kept[at].document = keeper
                events(.duplicate(path: document.displayName, of: kept[at].displayName))
                continue
            }
            position[ordinal] = kept.count
            kept.append(document)
        }
        return (kept, duplicates)
    }

    /// Gives a document whose id an earlier one already has (two JSON Lines
    /// records with one `id`, a URL captured twice in a WARC, a record and a
    /// file) the id `ID#2`, `ID#3`, …: results, TREC runs and aliases need
    /// one id per document. Files already have unique ids from the walk.
    static func makeIDsUnique(_ documents: inout [LoadedDocument]) {
        var taken = Set<String>()
        taken.reserveCapacity(documents.count)
        var collisions: [Int] = []
        for index in documents.indices where !taken.insert(documents[index].document.path).inserted {
            collisions.append(index)
        }
        for index in collisions {
            let id = documents[index].document.path
            var number = 2
            while taken.contains("\(id)#\(number)") { number += 1 }
            documents[index].document.path = "\(id)#\(number)"
            taken.insert(documents[index].document.path)
        }
    }

    /// Documents per source, for the manifest and `scour stats`.
    private func sourceSummary(_ documents: [LoadedDocument]) -> [IndexedSource] {
        var counts = [Int](repeating: 0, count: roots.count)
        for document in documents where document.source < counts.count { counts[document.source] += 1 }
        var seen: Set<String> = []
        var sources: [IndexedSource] = []
        for (index, root) in roots.enumerated() {
            let path = DocumentLoader.absolute(root)
            guard seen.insert(path).inserted else { continue }
            sources.append(IndexedSource(path: path, kind: DocumentLoader.sourceKind(of: root), documents: counts[index]))
        }
        return sources
    }

    // MARK: Phase 3

    /// Strips template lines from `documents` and writes them into this
    /// worker's segments.
    private func build(worker: Int, documents: ArraySlice<LoadedDocument>, templates: SiteTemplates) {
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
        let report: (Int, Int)? = lock.withLock {
            done += 1
            // At most one report per percent and per tenth of a second.
            let step = max(1, discovered / 100)
            let now = Date()
            guard done - lastReported >= step, now.timeIntervalSince(lastReportTime) >= 0.1 else { return nil }
            lastReported = done
            lastReportTime = now
            return (done, max(done, discovered))
        }
        if let (done, total) = report { events(.progress(done: done, total: total)) }
    }
}
