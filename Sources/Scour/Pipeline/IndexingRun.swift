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
    private(set) var writer: IndexWriter?
    let previous: PreviousIndex?
    let options: IndexingOptions
    let events: @Sendable (IndexingEvent) -> Void
    let lock = NSLock()
    /// The extract phase's progress (the first round only).
    var extractProgress: PhaseProgress?
    /// Extracted pages, their text spilled to disk.
    var loaded = ChunkedArray<PendingDocument>()
    let spill: SpillFiles
    /// One copy of the strings many pages repeat.
    let shared = SharedStrings()
    /// Catalog entries whose item was found unchanged: by entry index,
    /// with the size, modification time and raw hash seen now.
    var unchangedItems: [(size: Int64, modified: Double, rawHash: UInt64)?]
    var skips = SkipTally()
    var failure: IndexError?
    var templateLines = 0
    var templateSites: Set<String> = []
    /// The line hashes of the JSON Lines records the second round reads again.
    var reloadedRecordHashes: Set<UInt64> = []
    /// Containers read in full this run, with their state.
    var containers: [String: DocumentCatalog.Container] = [:]

    /// The most bytes of JSON Lines and WARC records queued for extraction.
    static let queueBudget = 32 << 20
    /// How many extracted pages a worker collects before handing them over.
    static let batchSize = 1024
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
        unchangedItems = Array(repeating: nil, count: previous?.catalog.entries.count ?? 0)
        self.options = options
        self.events = events
        let folder = writer?.directory.path ?? NSTemporaryDirectory()
        spill = SpillFiles(folder: folder, prefix: "spill-\(writer?.generation ?? 0)-\(UUID().uuidString.prefix(8))")
    }

    /// Lets go of the writer (and so of the index's write lock) once the
    /// run is over, whoever frees the rest of the run and whenever.
    func releaseWriter() { writer = nil }

    // MARK: Running

    /// Runs the phases. With a writer the changes are committed; without
    /// one (a dry run) nothing is written and the outcome says what would be.
    func execute() throws(IndexError) -> Outcome {
        defer { spill.remove() }
        reportWalkSkips()
        let inRun = Set(rootPaths)

        // Round 1.
        extractProgress = PhaseProgress(.extract, total: walk.files.count, events: events)
        read(filter: nil)
        if let failure { throw failure }
        extractProgress?.finish()
        extractProgress = nil
        // Parsing pages left freed memory in the allocator's arenas.
        FreeMemory.release()

        // Round 2: items that were skipped as unchanged but must be read.
        let (relearn, sizes) = groupsToRelearn()
        if let previous {
            let loadedIDs = Set(loaded.map(\.id))
            var reload: Set<String> = []
            let entries = previous.catalog.entries
            for index in entries.indices where unchangedItems[index] != nil {
                let inRelearned = !relearn.isEmpty && entries[index].groups.contains { relearn.contains($0) }
                // The copies folded into a document that changed are read
                // again: it may no longer be their copy.
                let keeperChanged = entries[index].isAlias
                    && (previous.positions[entries[index].keeper].map { unchangedItems[$0] == nil } ?? true
                        || loadedIDs.contains(entries[index].keeper))
                if inRelearned || keeperChanged { reload.insert(entries[index].id) }
            }
            if !reload.isEmpty {
                for id in reload {
                    guard let index = previous.positions[id] else { continue }
                    unchangedItems[index] = nil
                    if !previous.catalog.entries[index].container.isEmpty {
                        reloadedRecordHashes.insert(previous.catalog.entries[index].rawHash)
                    }
                }
                read(filter: reload)
                if let failure { throw failure }
            }
        }
        loaded.sortInPlace { $0.order < $1.order }
        var outcome = Outcome()
        outcome.skips = skips

        // Existing documents that stay as they are, unless their aliases change.
        let loadedIDs = previous == nil ? [] : Set(loaded.map(\.id))
        var keptExisting: [Int] = []
        if let previous {
            let entries = previous.catalog.entries
            for index in entries.indices where !entries[index].isAlias {
                if !inRun.contains(entries[index].source)
                    || (unchangedItems[index] != nil && !loadedIDs.contains(entries[index].id)) {
                    keptExisting.append(index)
                }
            }
        }

        // Duplicates: existing documents first, then the loaded pages.
        var aliasesOf: [String: [String]] = [:]
        var aliasEntries: [DocumentCatalog.Entry] = []
        if !options.keepDuplicates {
            outcome.duplicates = foldDuplicates(keptExisting: keptExisting, aliasesOf: &aliasesOf, aliasEntries: &aliasEntries)
            FreeMemory.release()   // the near-duplicate index is gone
        }
        Self.makeIDsUnique(&loaded, taken: Set(keptExisting.map { previous!.catalog.entries[$0].id }))

        // Templates: reuse, relearn, or learn from scratch (from the pages'
        // line fingerprints, read back from the spill). Stripping computes
        // them again from the text, for the pages of sites with a template.
        let templates = try learnTemplates(relearn: relearn, sizes: sizes)
        outcome.relearnedSites = relearn.count

        // Aliases recorded before: all of them by keeper, and those that stay.
        var oldAliasNames: [String: Set<String>] = [:]
        var stayingAliases: [String: [DocumentCatalog.Entry]] = [:]
        if let previous {
            let entries = previous.catalog.entries
            for index in entries.indices where entries[index].isAlias {
                var entry = entries[index]
                oldAliasNames[entry.keeper, default: []].insert(entry.alias)
                let stays = (!inRun.contains(entry.source) || unchangedItems[index] != nil) && !loadedIDs.contains(entry.id)
                guard stays else { continue }
                if let seen = unchangedItems[index] { (entry.size, entry.modified, entry.rawHash) = seen }
                stayingAliases[entry.keeper, default: []].append(entry)
            }
        }

        // What to index: every loaded page (its stripped text decides
        // whether it changed), and kept documents whose aliases changed.
        let catalog = try DocumentCatalogSpill(path: (spill.folder as NSString).appendingPathComponent("\(spill.prefix)-catalog.tmp"))
        defer { catalog.remove() }
        var candidates: [Candidate] = []
        var restored: [Restored] = []
        candidates.reserveCapacity(loaded.count)
        for index in loaded.indices {
            let old = previous?.positions[loaded[index].id].flatMap { previous!.catalog.entries[$0].isAlias ? nil : $0 }
            if let old, let staying = stayingAliases[previous!.catalog.entries[old].id] {
                // Read again only to be learned from (its bytes did not
                // change): its unchanged copies stay its aliases.
                try catalog.append(contentsOf: staying)
                for alias in staying where !loaded[index].aliases.contains(alias.alias) { loaded[index].aliases.append(alias.alias) }
            }
            candidates.append(.pending(index, old: old))
        }
        var deletions: [(segment: String, local: Int)] = []
        if let previous {
            for index in keptExisting {
                var entry = previous.catalog.entries[index]
                if let seen = unchangedItems[index] { (entry.size, entry.modified, entry.rawHash) = seen }
                let staying = stayingAliases[entry.id] ?? []
                try catalog.append(contentsOf: staying)
                let added = aliasesOf[entry.id] ?? []
                let names = Set(staying.map(\.alias))
                // Copies read again and folded back in give the same aliases.
                if names.union(added) == oldAliasNames[entry.id] ?? [] {
                    try catalog.append(entry)
                    if inRun.contains(entry.source) { outcome.unchanged += 1 }
                } else {
                    candidates.append(.stored(restored.count))
                    restored.append(Restored(entry: entry, keeping: names, adding: added))
                }
            }
            // Documents neither kept nor loaded again: gone.
            let entries = previous.catalog.entries
            var stays = [Bool](repeating: false, count: entries.count)
            for index in keptExisting { stays[index] = true }
            for candidate in candidates {
                if case .pending(_, let old?) = candidate { stays[old] = true }
            }
            for index in entries.indices where !entries[index].isAlias && !stays[index] {
                deletions.append((entries[index].segment, entries[index].local))
                outcome.removed.append(entries[index].id)
            }
        }
        try catalog.append(contentsOf: aliasEntries)
        aliasEntries = []

        // A first build that found nothing, or new sources that gave
        // nothing, commit nothing (the caller reports it).
        if previous == nil, candidates.isEmpty { return outcome }
        let remembered = Set((previous?.manifest.sources ?? []).map(\.path))
        if previous != nil, !rootPaths.contains(where: remembered.contains),
           !candidates.contains(where: { inRun.contains(sourceOf($0, restored: restored)) }),
           !catalog.sources.contains(where: inRun.contains) {
            outcome.nothingFromNewSources = true
            return outcome
        }

        // Build: strip, hash, and index what changed (in parallel).
        FreeMemory.release()
        let built = try build(candidates, restored: restored, templates: templates.templates, oldAliasNames: oldAliasNames)
        for (candidate, result) in zip(candidates, built) {
            switch candidate {
            case .pending(let index, let oldIndex):
                var entry = Self.entry(for: loaded[index], source: sourcePath(loaded[index].source))
                entry.textHash = result.textHash
                if let oldIndex, let old = previous?.catalog.entries[oldIndex] {
                    if result.unchanged {
                        (entry.segment, entry.local) = (old.segment, old.local)
                        outcome.unchanged += 1
                        outcome.unchangedAfterExtraction += 1
                    } else {
                        (entry.segment, entry.local) = (result.segment, result.local)
                        deletions.append((old.segment, old.local))
                        outcome.updated.append(entry.id)
                    }
                } else {
                    (entry.segment, entry.local) = (result.segment, result.local)
                    outcome.added.append(entry.id)
                }
                try catalog.append(entry)
            case .stored(let number):
                let old = restored[number].entry
                var entry = old
                (entry.segment, entry.local) = (result.segment, result.local)
                deletions.append((old.segment, old.local))
                outcome.updated.append(entry.id)
                try catalog.append(entry)
            }
        }
        loaded.removeAll()
        outcome.templateLines = templateLines
        outcome.templateSites = templateSites.count

        // Containers: read in full now, or untouched and still recorded.
        var allContainers = containers
        if let previous {
            for (name, state) in previous.catalog.containers
            where allContainers[name] == nil && catalog.containersUsed.contains(name) {
                allContainers[name] = state
            }
        }
        catalog.containers = allContainers
        outcome.sources = sourceSummary(documentsBySource: catalog.documentsBySource)

        guard let writer else {
            outcome.liveDocuments = catalog.documentCount
            return outcome
        }
        for (segment, local) in deletions where !segment.isEmpty { writer.delete(segment: segment, local: local) }
        try writer.merge { done, total in self.events(.progress(phase: .merge, done: done, total: total)) }
        events(.progress(phase: .commit, done: 0, total: 1))
        let stored = templates.encoded()
        let previousTemplates = previous?.templates.map { $0.encoded() }
        try writer.commit(sources: outcome.sources, catalog: nil, spilledCatalog: catalog,
                          templates: options.learnTemplates && stored != previousTemplates ? stored : nil)
        let segments = writer.currentSegments
        outcome.liveDocuments = writer.liveDocumentCount
        outcome.segments = segments.count
        outcome.bytes = segments.reduce(0) { $0 + $1.bytes }
        events(.progress(phase: .commit, done: 1, total: 1))
        return outcome
    }

    /// A document to index: a page read in this run (by its index in
    /// `loaded`; `old`: the catalog entry of the document it replaces), or
    /// a kept document re-indexed from its stored fields because its
    /// aliases changed (by its index in the run's ``Restored`` list).
    enum Candidate: Sendable {
        case pending(Int, old: Int?)
        case stored(Int)
    }

    /// A kept document to index again from its stored fields: the aliases
    /// it keeps and those it gains.
    struct Restored: Sendable {
        var entry: DocumentCatalog.Entry
        var keeping: Set<String>
        var adding: [String]
    }

    /// What became of a candidate: where it was indexed, and the hash of
    /// its stripped text; `unchanged` for a page whose stripped text and
    /// aliases hash as its old document's (not indexed again).
    struct BuildResult: Sendable {
        var segment = ""
        var local = 0
        var textHash: UInt64 = 0
        var unchanged = false
    }

    private func sourceOf(_ candidate: Candidate, restored: [Restored]) -> String {
        switch candidate {
        case .pending(let index, _): return sourcePath(loaded[index].source)
        case .stored(let number): return restored[number].entry.source
        }
    }

    /// The recorded path of source `index`.
    func sourcePath(_ index: Int) -> String {
        index < rootPaths.count ? rootPaths[index] : ""
    }

    /// The catalog entry of a pending page (segment and text hash set later).
    static func entry(for document: PendingDocument, source: String) -> DocumentCatalog.Entry {
        let fingerprint = document.fingerprint
        return DocumentCatalog.Entry(
            id: document.id, source: source, container: document.container,
            url: document.url, location: document.location, size: document.size,
            modified: document.modified, rawHash: document.rawHash, groups: document.groups,
            exact: fingerprint?.exact ?? 0, sketchLow: fingerprint?.sketch.low ?? 0,
            sketchHigh: fingerprint?.sketch.high ?? 0, words: fingerprint?.words ?? 0,
            titleWords: fingerprint?.titleWords ?? [])
    }

    /// What decides whether a re-scraped page changed: its text after
    /// chrome and template stripping, title, headings, date and URL. A
    /// hit counter or sidebar that stripping removes changes none of them.
    static func textHash(_ document: StoredDocument) -> UInt64 {
        var hash = FNV1a.basis
        func add(_ part: String) {
            var part = part
            part.withUTF8 { for byte in $0 { hash = FNV1a.add(hash, byte) } }
        }
        // As if the headings were joined by line breaks, each part ending in 0.
        add(document.title)
        hash = FNV1a.add(hash, UInt8(0))
        for (index, heading) in document.headings.enumerated() {
            if index > 0 { hash = FNV1a.add(hash, UInt8(ascii: "\n")) }
            add(heading)
        }
        hash = FNV1a.add(hash, UInt8(0))
        for part in [document.text, document.url, document.date, document.canonicalURL, document.language, document.format] {
            add(part)
            hash = FNV1a.add(hash, UInt8(0))
        }
        return hash
    }
}
