import Foundation
import ScourExtraction
import ScourIndex

/// Reading: the producer walks the files and streams JSON Lines and WARC
/// records; workers extract them, skipping what the catalog says is
/// unchanged, and spill what they extracted.
extension IndexingRun {

    /// Produces and extracts the walked items (`filter`: only items with
    /// these ids, checks against the catalog off).
    func read(filter: Set<String>?) {
        let queue = BoundedQueue<(UInt64, WorkItem)>(budget: Self.queueBudget)
        let producer = Thread { [self] in
            produce(into: queue, filter: filter)
            queue.close()
        }
        producer.stackSize = 1 << 22
        producer.start()
        DispatchQueue.concurrentPerform(iterations: options.workers) { _ in consume(queue, filter: filter) }
    }

    func reportWalkSkips() {
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
                            extractProgress?.adjustTotal(by: -1)
                        }
                        continue
                    }
                }
                queue.put((order, .file(file, source: source)), cost: WorkItem.file(file, source: source).cost)
            case .jsonLines, .warc:
                extractProgress?.adjustTotal(by: -1)
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
        let container = DocumentLoader.absolute(file.displayPath)
        while var record = stream.next() {
            // The second round wants a few records back: their lines are
            // known byte for byte, so the others are not even parsed.
            if let filter, !filter.isEmpty, !reloadedRecordHashes.contains(Fingerprint.of(record.bytes)) { continue }
            // A line recorded byte for byte (its id is in its bytes) is
            // unchanged: no JSON to parse, nothing to queue.
            if filter == nil, let previous, let index = previous.recordPositions[Fingerprint.of(record.bytes)],
               previous.catalog.entries[index].container == container {
                lock.withLock { unchangedItems[index] = (0, 0, previous.catalog.entries[index].rawHash) }
                continue
            }
            extractProgress?.adjustTotal(by: 1)
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
                // A response recorded with these bytes under its URI is
                // unchanged: nothing to queue.
                if filter == nil, let previous, let index = previous.positions[document.targetURI],
                   previous.catalog.entries[index].rawHash == Fingerprint.of(document.body) {
                    lock.withLock { unchangedItems[index] = (0, 0, previous.catalog.entries[index].rawHash) }
                    continue
                }
                extractProgress?.adjustTotal(by: 1)
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

    /// A worker: extracts items until the queue is closed and drained,
    /// spilling each document's stored fields to its own file.
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
        let writer: SpillFiles.Writer
        do throws(IndexError) { writer = try spill.makeWriter() } catch {
            lock.withLock { if failure == nil { failure = error } }
            while queue.take() != nil {}
            return
        }
        var local: [PendingDocument] = []
        var unchanged: [(Int, Int64, Double, UInt64)] = []
        var localSkips = SkipTally()
        var failed: IndexError?
        while let (order, item) = queue.take() {
            guard failed == nil else { continue }  // drain, so the producer never blocks
            switch loader.load(item) {
            case .loaded(let loaded):
                if let filter, !filter.contains(loaded.document.path) { break }
                let reference: SpillFiles.Reference
                var lines: SpillFiles.Reference?
                do throws(IndexError) {
                    reference = try writer.append(loaded.document)
                    if let page = loaded.page { lines = try writer.append(page.fingerprints) }
                } catch {
                    failed = error
                    break
                }
                var document = PendingDocument(loaded, spilled: reference, lines: lines)
                document.order = order
                document.groups = shared.share(document.groups)
                if document.displayName == document.id { document.displayName = document.id }
                switch item {
                case .file(let file, _):
                    document.size = Int64(file.size)
                    document.modified = file.modified
                case .record(let record, _):
                    document.container = shared.share(DocumentLoader.absolute(record.file))
                case .warc(_, let file, _):
                    document.container = shared.share(DocumentLoader.absolute(file))
                }
                local.append(document)
                if local.count >= Self.batchSize {
                    // Handed over in batches: per-worker arrays as long as
                    // the crawl, copied at the end, would double the memory.
                    lock.withLock { self.loaded.append(contentsOf: local) }
                    local.removeAll(keepingCapacity: true)
                }
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
            extractProgress?.advance()
        }
        if failed == nil {
            do throws(IndexError) { try writer.flush() } catch { failed = error }
        }
        lock.withLock {
            if let failed, failure == nil { failure = failed }
            loaded.append(contentsOf: local)
            skips.merge(localSkips)
            for (index, size, modified, rawHash) in unchanged { unchangedItems[index] = (size, modified, rawHash) }
        }
    }
}
