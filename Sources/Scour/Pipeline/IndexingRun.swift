import Foundation
import ScourAnalysis
import ScourExtraction
import ScourIndex
import ScourPrimitives

/// One run's shared state across threads: a first build, or an update of
/// an existing index that costs in proportion to what changed.
///
/// Phases:
/// 1. A producer thread turns the walked files into work items — pages as
///    paths, JSON Lines and WARC files streamed record by record through a
///    bounded queue — and the workers read and extract them. In an update
///    an item is skipped unread when its file's size and modification time
///    are those the catalog recorded (a JSON Lines or WARC file: all its
///    records), and unextracted when its raw bytes hash as recorded.
/// 2. A second round reads again what the first round skipped but must be
///    seen anyway: every page of a site whose template is learned again
///    (a site that is new, grew past the size worth learning from, or
///    changed a lot), and the copies folded into a document that changed.
/// 3. Pages with the same content are folded into their first copy as
///    aliases (existing documents count as first copies); templates are
///    applied (stored ones reused, new ones learned); each page's text
///    after stripping is hashed, and a page whose stripped text, title and
///    aliases hash as recorded keeps its document: only its catalog entry
///    is updated.
/// 4. What changed is written: deletions for documents that vanished or
///    changed, new segments (workers build them in parallel) for new and
///    changed documents, merges as the policy asks, then one commit of
///    segments, deletions, catalog and templates.
final class IndexingRun: @unchecked Sendable {
    /// What the run reports back.
    struct Outcome {
        var added: [String] = []
        var updated: [String] = []
        var removed: [String] = []
        /// Documents left as they were, and among them those whose bytes
        /// changed but not their text after stripping (a hit counter).
        var unchanged = 0
        var unchangedAfterExtraction = 0
        var skips = SkipTally()
        var duplicates = 0
        var templateLines = 0
        var templateSites = 0
        var relearnedSites = 0
        var sources: [IndexedSource] = []
        var liveDocuments = 0
        /// Set when every root is a new source and none gave a document:
        /// nothing was committed.
        var nothingFromNewSources = false
        var segments = 0
        var bytes = 0
    }

    let walk: WalkResult
    let roots: [String]
    /// The roots as absolute paths (how sources are recorded).
    let rootPaths: [String]
    /// Each root's id prefix, recorded with its source.
    let prefixes: [String]
    let writer: IndexWriter?
    let previous: PreviousIndex?
    let options: IndexingOptions
    let events: @Sendable (IndexingEvent) -> Void
    private let lock = NSLock()
    private var done = 0
    private var discovered = 0
    private var lastReported = 0
    private var lastReportTime = Date.distantPast
    private var loaded: [LoadedDocument] = []
    /// Catalog entries whose item was found unchanged: by entry index,
    /// with the size, modification time and raw hash seen now.
    private var unchangedItems: [Int: (size: Int64, modified: Double, rawHash: UInt64)] = [:]
    private var skips = SkipTally()
    private var failure: IndexError?
    private var templateLines = 0
    private var templateSites: Set<String> = []
    /// Containers read in full this run, with their state.
    private var containers: [String: DocumentCatalog.Container] = [:]

    /// The most bytes of JSON Lines and WARC records queued for extraction.
    static let queueBudget = 64 << 20
    /// The fewest documents worth a segment builder of their own.
    static let documentsPerBuilder = 256
    /// A site is learned again when at least this share of its pages is new
    /// or changed, or its size doubled or halved since it was learned.
    static let relearnShare = 0.5

    init(walk: WalkResult, roots: [String], prefixes: [String], writer: IndexWriter?, previous: PreviousIndex?,
         options: IndexingOptions, events: @escaping @Sendable (IndexingEvent) -> Void) {
        self.walk = walk
        self.roots = roots
        self.rootPaths = roots.map { DocumentLoader.absolute($0) }
        self.prefixes = prefixes
        self.writer = writer
        self.previous = previous
        self.options = options
        self.events = events
        self.discovered = walk.files.count
    }

    // MARK: Running

    /// Runs the phases. With a writer the changes are committed; without
    /// one (a dry run) nothing is written and the outcome says what would be.
    func execute() throws(IndexError) -> Outcome {
        reportWalkSkips()
        let inRun = Set(rootPaths)

        // Round 1.
        run(filter: nil)
        if let failure { throw failure }

        // Round 2: items that were skipped as unchanged but must be read.
        let (relearn, sizes) = groupsToRelearn()
        var reload: Set<String> = []
        if let previous {
            let loadedIDs = Set(loaded.map(\.document.path))
            for (index, entry) in previous.catalog.entries.enumerated() where unchangedItems[index] != nil {
                let inRelearned = !relearn.isEmpty && entry.groups.contains { relearn.contains($0) }
                let keeperChanged = entry.isAlias
                    && (previous.positions[entry.keeper].map { unchangedItems[$0] == nil } ?? true
                        || loadedIDs.contains(entry.keeper))
                if inRelearned || keeperChanged { reload.insert(entry.id) }
            }
            // The aliases of a document that changed are read again too
            // (their keeper may no longer be their copy).
            if !reload.isEmpty {
                for id in reload { if let index = previous.positions[id] { unchangedItems[index] = nil } }
                run(filter: reload)
                if let failure { throw failure }
            }
        }

        loaded.sort { $0.order < $1.order }
        var outcome = Outcome()
        outcome.skips = skips

        // Existing documents that stay, as candidates for duplicate folding.
        let loadedIDs = Set(loaded.map(\.document.path))
        var keptExisting: [Int] = []  // catalog entry indexes of documents kept as they are
        if let previous {
            for (index, entry) in previous.catalog.entries.enumerated() where !entry.isAlias {
                let stays = !inRun.contains(entry.source) || (unchangedItems[index] != nil && !loadedIDs.contains(entry.id))
                if stays { keptExisting.append(index) }
            }
        }

        // Duplicates: existing documents first, then the loaded pages.
        var aliasesOf: [String: [String]] = [:]      // keeper id → alias names (new this run)
        var aliasEntries: [DocumentCatalog.Entry] = []
        var documents: [LoadedDocument] = []
        if options.keepDuplicates {
            documents = loaded
        } else {
            (documents, outcome.duplicates) = foldDuplicates(keptExisting: keptExisting, aliasesOf: &aliasesOf,
                                                             aliasEntries: &aliasEntries)
        }
        loaded = []
        Self.makeIDsUnique(&documents, taken: Set(keptExisting.map { previous!.catalog.entries[$0].id }))

        // Templates: reuse, relearn, or learn from scratch.
        let templates = learnTemplates(relearn: relearn, sizes: sizes, documents: documents)
        outcome.relearnedSites = relearn.count

        // Aliases recorded before: all of them by keeper, and those that stay.
        var oldAliasNames: [String: Set<String>] = [:]
        var stayingAliases: [String: [DocumentCatalog.Entry]] = [:]
        if let previous {
            for (index, var entry) in previous.catalog.entries.enumerated() where entry.isAlias {
                oldAliasNames[entry.keeper, default: []].insert(entry.alias)
                let stays = (!inRun.contains(entry.source) || unchangedItems[index] != nil) && !loadedIDs.contains(entry.id)
                guard stays else { continue }
                if let seen = unchangedItems[index] { (entry.size, entry.modified, entry.rawHash) = seen }
                stayingAliases[entry.keeper, default: []].append(entry)
            }
        }

        // Strip, hash, decide.
        var toWrite: [(document: StoredDocument, entry: DocumentCatalog.Entry)] = []
        var catalog = DocumentCatalog()
        var deletions: [(segment: String, local: Int)] = []
        var replacedIDs = Set<String>()
        for var loaded in documents {
            if let page = loaded.page, !templates.templates.isEmpty {
                let stripped = Self.stripTemplates(from: &loaded.document, page: page, templates: templates.templates)
                templateLines += stripped.lines
                templateSites.formUnion(stripped.groups)
            }
            var entry = Self.entry(for: loaded, source: sourcePath(loaded.source))
            entry.textHash = Self.textHash(loaded.document)
            if let old = previous?.entry(loaded.document.path), !old.isAlias {
                replacedIDs.insert(old.id)
                if old.textHash == entry.textHash, !old.segment.isEmpty,
                   Set(loaded.document.aliases) == oldAliasNames[old.id] ?? [] {
                    // Same text after stripping, same aliases: the document stays.
                    entry.segment = old.segment
                    entry.local = old.local
                    catalog.entries.append(entry)
                    outcome.unchanged += 1
                    outcome.unchangedAfterExtraction += 1
                    continue
                }
                deletions.append((old.segment, old.local))
                outcome.updated.append(loaded.document.path)
            } else {
                outcome.added.append(loaded.document.path)
            }
            toWrite.append((loaded.document, entry))
        }

        // Existing documents kept: carried over as they are, or re-added
        // from their stored fields when their aliases changed.
        if let previous {
            var readers: [String: SegmentReader] = [:]
            for index in keptExisting {
                var entry = previous.catalog.entries[index]
                if let seen = unchangedItems[index] { (entry.size, entry.modified, entry.rawHash) = seen }
                let staying = stayingAliases[entry.id] ?? []
                catalog.entries += staying
                let added = aliasesOf[entry.id] ?? []
                let names = Set(staying.map(\.alias))
                if added.isEmpty, names == oldAliasNames[entry.id] ?? [] {
                    catalog.entries.append(entry)
                    if inRun.contains(entry.source) { outcome.unchanged += 1 }
                    continue
                }
                var document = try document(entry, readers: &readers)
                document.aliases = document.aliases.filter { names.contains($0) }
                for name in added where !document.aliases.contains(name) { document.aliases.append(name) }
                deletions.append((entry.segment, entry.local))
                outcome.updated.append(entry.id)
                toWrite.append((document, entry))
            }
            // Documents neither kept nor replaced: gone.
            let kept = Set(keptExisting)
            for (index, entry) in previous.catalog.entries.enumerated()
            where !entry.isAlias && !kept.contains(index) && !replacedIDs.contains(entry.id) {
                deletions.append((entry.segment, entry.local))
                outcome.removed.append(entry.id)
            }
        }
        catalog.entries += aliasEntries
        outcome.templateLines = templateLines
        outcome.templateSites = templateSites.count

        // Containers: read in full now, or untouched and still recorded.
        var allContainers = containers
        if let previous {
            for (name, state) in previous.catalog.containers where allContainers[name] == nil {
                if catalog.entries.contains(where: { $0.container == name }) { allContainers[name] = state }
            }
        }
        catalog.containers = allContainers

        // A first build that found nothing, or new sources that gave
        // nothing, commit nothing (the caller reports it).
        if previous == nil, toWrite.isEmpty { return outcome }
        let remembered = Set((previous?.manifest.sources ?? []).map(\.path))
        if previous != nil, !rootPaths.contains(where: remembered.contains),
           !toWrite.contains(where: { inRun.contains($0.entry.source) }),
           !catalog.entries.contains(where: { inRun.contains($0.source) }) {
            outcome.nothingFromNewSources = true
            return outcome
        }
        guard let writer else {
            outcome.sources = sourceSummary(catalog)
            outcome.liveDocuments = catalog.entries.filter { !$0.isAlias }.count + toWrite.count
            return outcome
        }

        // Write.
        for (segment, local) in deletions where !segment.isEmpty { writer.delete(segment: segment, local: local) }
        let written = try build(toWrite, writer: writer)
        catalog.entries += written
        try writer.merge()
        outcome.sources = sourceSummary(catalog)
        let stored = templates.encoded()
        let previousTemplates = previous?.templates.map { $0.encoded() }
        try writer.commit(sources: outcome.sources, catalog: catalog,
                          templates: options.learnTemplates && stored != previousTemplates ? stored : nil)
        let segments = writer.currentSegments
        outcome.liveDocuments = writer.liveDocumentCount
        outcome.segments = segments.count
        outcome.bytes = segments.reduce(0) { $0 + $1.bytes }
        events(.progress(done: done, total: done))
        return outcome
    }

    /// The stored document of catalog entry `entry`.
    private func document(_ entry: DocumentCatalog.Entry, readers: inout [String: SegmentReader]) throws(IndexError)
        -> StoredDocument {
        guard let writer else {
            return StoredDocument(path: entry.id, title: "", text: "")
        }
        let reader: SegmentReader
        if let open = readers[entry.segment] {
            reader = open
        } else {
            reader = try SegmentReader(path: writer.directory.filePath(entry.segment))
            readers[entry.segment] = reader
        }
        return try reader.document(entry.local)
    }

    /// The recorded path of source `index`.
    private func sourcePath(_ index: Int) -> String {
        index < rootPaths.count ? rootPaths[index] : ""
    }

    /// The catalog entry of a loaded page (segment and text hash set later).
    static func entry(for loaded: LoadedDocument, source: String) -> DocumentCatalog.Entry {
        let fingerprint = loaded.fingerprint
        return DocumentCatalog.Entry(
            id: loaded.document.path, source: source, container: loaded.container,
            url: loaded.document.url, location: loaded.document.location, size: loaded.size,
            modified: loaded.modified, rawHash: loaded.document.fingerprint, groups: loaded.groups,
            exact: fingerprint?.exact ?? 0, sketchLow: fingerprint?.sketch.low ?? 0,
            sketchHigh: fingerprint?.sketch.high ?? 0, words: fingerprint?.words ?? 0,
            titleWords: fingerprint?.titleWords ?? [])
    }

    /// What decides whether a re-scraped page changed: its text after
    /// chrome and template stripping, title, headings, date and URL. A
    /// hit counter or sidebar that stripping removes changes none of them.
    static func textHash(_ document: StoredDocument) -> UInt64 {
        var hash = FNV1a.basis
        for part in [document.title, document.headings.joined(separator: "\n"), document.text, document.url,
                     document.date, document.canonicalURL, document.language, document.format] {
            for byte in part.utf8 { hash = FNV1a.add(hash, byte) }
            hash = FNV1a.add(hash, UInt8(0))
        }
        return hash
    }

    // MARK: Reading

    /// Produces and extracts the walked items (`filter`: only items with
    /// these ids, checks against the catalog off).
    private func run(filter: Set<String>?) {
        let queue = BoundedQueue<(UInt64, WorkItem)>(budget: Self.queueBudget)
        let producer = Thread { [self] in
            produce(into: queue, filter: filter)
            queue.close()
        }
        producer.stackSize = 1 << 22
        producer.start()
        DispatchQueue.concurrentPerform(iterations: options.workers) { _ in consume(queue, filter: filter) }
    }

    private func reportWalkSkips() {
        let indexFolder = writer.map { DocumentLoader.absolute($0.directory.path) }
        for skip in walk.skipped {
            // The index's own folder, inside a folder being indexed, is no
            // skipped content: the walker leaves it out, and so does the count.
            if skip.reason == .excluded, DocumentLoader.absolute(skip.displayPath) == indexFolder { continue }
            skips.add(skip.reason.category)
            events(.skipped(path: skip.displayPath, reason: skip.reason.description,
                            category: skip.reason.category, isProblem: skip.reason.isProblem))
        }
    }

    /// The index of the root `file` was found under, in the paths given
    /// (the walker reports the root as given, so equal strings match).
    private func sourceIndex(of file: SourceFile) -> Int {
        roots.firstIndex(of: file.root) ?? 0
    }

    /// Walks the files in order, streaming JSON Lines and WARC files. In
    /// the first round (no `filter`), a page file whose size and
    /// modification time match its catalog entry is unchanged, and so are
    /// all records of an unchanged container.
    private func produce(into queue: BoundedQueue<(UInt64, WorkItem)>, filter: Set<String>?) {
        for (fileIndex, file) in walk.files.enumerated() {
            let source = sourceIndex(of: file)
            let order = UInt64(fileIndex) << 32
            switch file.kind {
            case .page:
                if let filter {
                    guard filter.contains(file.id) else { continue }
                } else if let previous, let index = previous.positions[file.id] {
                    let entry = previous.catalog.entries[index]
                    if entry.size == Int64(file.size), entry.modified == file.modified, entry.container.isEmpty {
                        lock.withLock {
                            unchangedItems[index] = (entry.size, entry.modified, entry.rawHash)
                            discovered -= 1
                        }
                        continue
                    }
                }
                queue.put((order, .file(file, source: source)), cost: WorkItem.file(file, source: source).cost)
            case .jsonLines, .warc:
                lock.withLock { discovered -= 1 }
                let name = DocumentLoader.absolute(file.displayPath)
                if filter == nil, let previous, let state = previous.catalog.containers[name],
                   state.size == Int64(file.size), state.modified == file.modified {
                    lock.withLock {
                        for (index, entry) in previous.catalog.entries.enumerated() where entry.container == name {
                            unchangedItems[index] = (entry.size, entry.modified, entry.rawHash)
                        }
                    }
                    continue
                }
                if filter == nil {
                    lock.withLock { containers[name] = DocumentCatalog.Container(size: Int64(file.size), modified: file.modified) }
                }
                var record: UInt64 = 0
                let put: (WorkItem) -> Void = { item in
                    record += 1
                    queue.put((order | record, item), cost: item.cost)
                }
                if file.kind == .jsonLines {
                    streamJSONLines(file, source: source, filter: filter, put: put)
                } else {
                    streamWARC(file, source: source, filter: filter, put: put)
                }
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

    private func streamJSONLines(_ file: SourceFile, source: Int, filter: Set<String>?, put: (WorkItem) -> Void) {
        guard let stream = open(file, { try JSONLinesStream(path: $0) }) else { return }
        while var record = stream.next() {
            lock.withLock { discovered += 1 }
            record.file = file.displayPath  // messages name the file as the user gave it
            put(.record(record, source: source))
        }
        guard filter == nil else { return }
        for problem in stream.skipped {
            skip("\(file.displayPath):\(problem.line)", reason: problem.reason, category: "malformed records", isProblem: true)
        }
    }

    private func streamWARC(_ file: SourceFile, source: Int, filter: Set<String>?, put: (WorkItem) -> Void) {
        guard let reader = open(file, { try WARCReader(path: $0) }) else { return }
        while let event = reader.next() {
            switch event {
            case .document(let document):
                if let filter, !filter.contains(document.targetURI) { continue }
                lock.withLock { discovered += 1 }
                put(.warc(document, file: file.displayPath, source: source))
            case .skipped(let record):
                guard filter == nil else { continue }
                // Requests, warcinfo and metadata are not candidate pages:
                // only responses that could have been one are counted.
                guard let category = record.category.summaryCategory else { continue }
                let name = "\(file.displayPath)@\(record.offset)" + (record.targetURI.map { " \($0)" } ?? "")
                skip(name, reason: record.reason, category: category, isProblem: record.category.isDamage)
            case .damaged(let damage):
                guard filter == nil else { continue }
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
    /// With a `filter` (the second round) only items with those ids count:
    /// records are filtered once their id is known, and nothing is
    /// reported twice.
    private func consume(_ queue: BoundedQueue<(UInt64, WorkItem)>, filter: Set<String>?) {
        var loader = DocumentLoader(options: options, roots: roots)
        if filter == nil, let previous {
            let positions = previous.positions
            let entries = previous.catalog.entries
            loader.isUnchanged = { id, rawHash in
                guard let index = positions[id] else { return false }
                return entries[index].rawHash == rawHash
            }
        }
        var local: [LoadedDocument] = []
        var unchanged: [(Int, Int64, Double, UInt64)] = []
        var localSkips = SkipTally()
        while let (order, item) = queue.take() {
            switch loader.load(item) {
            case .loaded(var document):
                if let filter, !filter.contains(document.document.path) { break }
                document.order = order
                switch item {
                case .file(let file, _):
                    document.size = Int64(file.size)
                    document.modified = file.modified
                case .record(let record, _):
                    document.container = DocumentLoader.absolute(record.file)
                case .warc(_, let file, _):
                    document.container = DocumentLoader.absolute(file)
                }
                local.append(document)
            case .skipped(let path, let reason, let category, let isProblem):
                guard filter == nil else { break }
                localSkips.add(category)
                events(.skipped(path: path, reason: reason, category: category, isProblem: isProblem))
            case .unchanged(let id, let rawHash):
                guard let index = previous?.positions[id] else { break }
                var size: Int64 = 0, modified: Double = 0
                if case .file(let file, _) = item { (size, modified) = (Int64(file.size), file.modified) }
                unchanged.append((index, size, modified, rawHash))
            }
            reportProgress()
        }
        lock.withLock {
            loaded += local
            skips.merge(localSkips)
            for (index, size, modified, rawHash) in unchanged { unchangedItems[index] = (size, modified, rawHash) }
        }
    }

    // MARK: Duplicates

    /// Folds each page whose content repeats an earlier page's into that
    /// page, as an alias (its URL, else its id). Existing documents that
    /// stay come first: a new page that repeats one becomes its alias.
    private func foldDuplicates(keptExisting: [Int], aliasesOf: inout [String: [String]],
                                aliasEntries: inout [DocumentCatalog.Entry]) -> ([LoadedDocument], Int) {
        var index = NearDuplicateIndex()
        var keeperIDs: [String] = []   // ordinal → id, for existing documents
        if let previous {
            for position in keptExisting {
                let entry = previous.catalog.entries[position]
                guard entry.words > 0 || entry.exact != 0 else { keeperIDs.append(entry.id); continue }
                var fingerprint = ContentFingerprint(
                    exact: entry.exact, sketch: .init(low: entry.sketchLow, high: entry.sketchHigh), words: entry.words)
                fingerprint.titleWords = entry.titleWords
                _ = index.add(keeperIDs.count, fingerprint)
                keeperIDs.append(entry.id)
            }
        }
        let existing = keeperIDs.count
        var kept: [LoadedDocument] = []
        kept.reserveCapacity(loaded.count)
        var position: [Int: Int] = [:]
        var duplicates = 0
        for (offset, document) in loaded.enumerated() {
            let ordinal = existing + offset
            if let fingerprint = document.fingerprint, let original = index.add(ordinal, fingerprint) {
                duplicates += 1
                let alias = document.document.url.isEmpty ? document.document.path : document.document.url
                var entry = Self.entry(for: document, source: sourcePath(document.source))
                entry.alias = alias
                if original < existing {
                    let keeper = keeperIDs[original]
                    entry.keeper = keeper
                    aliasesOf[keeper, default: []].append(alias)
                    events(.duplicate(path: document.displayName, of: keeper))
                } else if let at = position[original] {
                    var keeper = kept[at].document
                    if alias != keeper.url, alias != keeper.path, !keeper.aliases.contains(alias) {
                        keeper.aliases.append(alias)
                    }
                    kept[at].document = keeper
                    entry.keeper = keeper.path
                    events(.duplicate(path: document.displayName, of: kept[at].displayName))
                } else {
                    continue
                }
                aliasEntries.append(entry)
                continue
            }
            position[ordinal] = kept.count
            kept.append(document)
        }
        return (kept, duplicates)
    }

    /// Gives a document whose id an earlier one (or a document kept from
    /// the index, in `taken`) already has the id `ID#2`, `ID#3`, …: results,
    /// TREC runs and aliases need one id per document.
    static func makeIDsUnique(_ documents: inout [LoadedDocument], taken: Set<String> = []) {
        var taken = taken
        taken.reserveCapacity(taken.count + documents.count)
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

    // MARK: Templates

    /// The groups to learn again, and each group's page count after this
    /// run. A group is learned again when it is new and now large enough,
    /// or when at least ``relearnShare`` of its pages are new or changed,
    /// or its size doubled or halved since it was learned. Without stored
    /// templates (a first build, `--full`) everything is learned.
    private func groupsToRelearn() -> (Set<String>, [String: Int]) {
        guard options.learnTemplates, let previous, let store = previous.templates else { return ([], [:]) }
        let inRun = Set(rootPaths)
        var before: [String: Int] = [:]
        var remaining: [String: Int] = [:]
        for (index, entry) in previous.catalog.entries.enumerated() where !entry.isAlias {
            for group in entry.groups {
                before[group, default: 0] += 1
                if !inRun.contains(entry.source) || unchangedItems[index] != nil { remaining[group, default: 0] += 1 }
            }
        }
        var changed: [String: Int] = [:]
        for document in loaded {
            for group in document.groups { changed[group, default: 0] += 1 }
        }
        var relearn: Set<String> = []
        var sizes: [String: Int] = [:]
        let minimum = store.templates.rule.minimumPages
        for (group, count) in changed {
            let size = (remaining[group] ?? 0) + count
            sizes[group] = size
            if let learned = store.learned[group] {
                if Double(count) >= Self.relearnShare * Double(size) || size >= 2 * learned || 2 * size <= learned {
                    relearn.insert(group)
                }
            } else if size >= minimum {
                relearn.insert(group)
            }
        }
        // Groups that lost pages only.
        for (group, learned) in store.learned where changed[group] == nil {
            let size = remaining[group] ?? 0
            if 2 * size <= learned, size < before[group] ?? 0 {
                relearn.insert(group)
                sizes[group] = size
            }
        }
        return (relearn, sizes)
    }

    /// The templates to strip with, as they will be stored.
    private func learnTemplates(relearn: Set<String>, sizes: [String: Int], documents: [LoadedDocument]) -> TemplateStore {
        guard options.learnTemplates else { return TemplateStore() }
        guard let store = previous?.templates else {
            // Everything is learned from the pages at hand.
            let learned = TemplateLearner.learn(documents.compactMap(\.page))
            var sizes: [String: Int] = [:]
            for document in documents { for group in document.groups { sizes[group, default: 0] += 1 } }
            var fresh = TemplateStore()
            fresh.replace(Set(sizes.keys), with: learned, sizes: sizes)
            return fresh
        }
        guard !relearn.isEmpty else { return store }
        // Every page of the relearned groups was read in one of the rounds.
        let pages = documents.compactMap { document -> TemplatePage? in
            guard let page = document.page, document.groups.contains(where: relearn.contains) else { return nil }
            return page
        }
        let learned = TemplateLearner.learn(pages)
        var updated = store
        updated.replace(relearn, with: learned, sizes: sizes)
        return updated
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

    // MARK: Writing

    /// Analyses `documents` into new segments (workers over contiguous
    /// ranges, so ids follow source order) and returns their catalog
    /// entries with segment and local id set.
    private func build(_ documents: [(document: StoredDocument, entry: DocumentCatalog.Entry)],
                       writer: IndexWriter) throws(IndexError) -> [DocumentCatalog.Entry] {
        guard !documents.isEmpty else { return [] }
        let builders = max(1, min(options.workers, documents.count / Self.documentsPerBuilder))
        final class Results: @unchecked Sendable {
            var flushes: [(order: Int, info: SegmentInfo, entries: [DocumentCatalog.Entry])] = []
        }
        let results = Results()
        let resultLock = NSLock()
        DispatchQueue.concurrentPerform(iterations: builders) { worker in
            let range = (documents.count * worker / builders)..<(documents.count * (worker + 1) / builders)
            let analyzer = Analyzer(configuration: options.analyzer)
            var builder = SegmentBuilder(analyzer: analyzer)
            var pending: [DocumentCatalog.Entry] = []
            var flushes: [(order: Int, info: SegmentInfo, entries: [DocumentCatalog.Entry])] = []
            func flush() -> Bool {
                guard builder.documentCount > 0 else { return true }
                do {
                    let info = try SegmentWriter.write(builder, to: writer.newSegmentPath())
                    for index in pending.indices { pending[index].segment = info.name }
                    flushes.append((worker * 1_000_000 + flushes.count, info, pending))
                } catch {
                    lock.withLock { if failure == nil { failure = error } }
                    return false
                }
                pending = []
                builder = SegmentBuilder(analyzer: analyzer)
                return true
            }
            for index in range {
                if lock.withLock({ failure != nil }) { return }
                var entry = documents[index].entry
                entry.local = builder.documentCount
                pending.append(entry)
                builder.add(documents[index].document)
                if builder.estimatedBytes > options.segmentBudgetBytes, !flush() { return }
            }
            _ = flush()
            resultLock.withLock { results.flushes += flushes }
        }
        if let failure { throw failure }
        var entries: [DocumentCatalog.Entry] = []
        for flush in results.flushes.sorted(by: { $0.order < $1.order }) {
            writer.add(written: flush.info)
            entries += flush.entries
        }
        return entries
    }

    /// Documents per source, for the manifest and `scour stats`: this
    /// run's roots and the sources the index had before.
    private func sourceSummary(_ catalog: DocumentCatalog) -> [IndexedSource] {
        var counts: [String: Int] = [:]
        for entry in catalog.entries where !entry.isAlias { counts[entry.source, default: 0] += 1 }
        var seen: Set<String> = []
        var sources: [IndexedSource] = []
        let prefixByPath = Dictionary(zip(rootPaths, prefixes), uniquingKeysWith: { first, _ in first })
        for source in previous?.manifest.sources ?? [] where seen.insert(source.path).inserted {
            var source = source
            source.documents = counts[source.path] ?? 0
            if source.prefix == nil { source.prefix = prefixByPath[source.path] }
            sources.append(source)
        }
        for (index, root) in roots.enumerated() where seen.insert(rootPaths[index]).inserted {
            sources.append(IndexedSource(path: rootPaths[index], kind: DocumentLoader.sourceKind(of: root),
                                         documents: counts[rootPaths[index]] ?? 0, prefix: prefixes[index]))
        }
        return sources
    }

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
