import Foundation
import ScourAnalysis

/// Changes an index and publishes the changes in one atomic commit: new
/// segments, deletions in existing ones, merges, the catalog and the
/// templates (Lucene's `IndexWriter`, for one writer at a time).
///
/// ```swift
/// let writer = try IndexWriter(directory: IndexDirectory(path: "Index"), analyzer: .standard)
/// try writer.add(builder)                       // a filled SegmentBuilder
/// writer.delete(segment: "seg-000003-000.scour", local: 17)
/// try writer.commit(sources: sources, catalog: catalog)
/// ```
///
/// Until ``commit(sources:catalog:templates:)`` publishes a new manifest,
/// readers and crashes see the previous index: files written so far are
/// named by no manifest, and ``discard()`` (or the next writer's start)
/// deletes them. A commit writes the deletion files, the catalog and the
/// templates, fsyncs each, then renames the manifest over the old one.
///
/// Opening the writer takes the index's write lock (see ``WriteLock``) and
/// removes whatever a killed or failed run left behind.
public final class IndexWriter: @unchecked Sendable {
    public let directory: IndexDirectory
    public let analyzer: AnalyzerConfiguration
    /// The manifest the writer started from (nil for a new index).
    public let base: Manifest?
    /// The generation the commit will have.
    public let generation: Int
    /// The lock held until the writer is released.
    public let lock: WriteLock
    private let mutex = NSLock()
    private var segments: [SegmentInfo]
    /// Deletions per segment name, the committed ones included.
    private var deletions: [String: DeletedDocuments] = [:]
    /// Segments whose deletions changed in this writer.
    private var touched: Set<String> = []
    private var written: [String] = []
    private var nextOrdinal = 0
    /// Old (segment, local) → new (segment, local) for merged segments.
    private var remaps: [String: (segment: String, locals: [Int32])] = [:]

    /// Opens `directory` for writing, creating it when needed. With `fresh`
    /// the commit replaces every segment (a rebuild, `--full`); otherwise
    /// it adds to the committed ones.
    public init(directory: IndexDirectory, analyzer: AnalyzerConfiguration, fresh: Bool = false) throws(IndexError) {
        self.directory = directory
        self.analyzer = analyzer
        try directory.create()
        lock = try directory.lockForWriting()
        let base = try directory.readManifest()
        self.base = base
        generation = (base?.generation ?? 0) + 1
        // Files of runs that were killed or failed: no manifest names them.
        directory.removeUnreferencedFiles(keeping: base?.fileNames ?? [])
        segments = fresh ? [] : (base?.segments ?? [])
        for info in segments {
            if let name = info.deletions {
                deletions[info.name] = try DeletedDocuments.read(path: directory.filePath(name), documentCount: info.documents)
            }
        }
    }

    /// The segments the commit will name, in document order.
    public var currentSegments: [SegmentInfo] { mutex.withLock { segments } }

    /// A fresh path for a new segment of this commit. Thread-safe.
    public func newSegmentPath() -> String {
        let ordinal = mutex.withLock {
            defer { nextOrdinal += 1 }
            return nextOrdinal
        }
        let path = directory.segmentPath(generation: generation, ordinal: ordinal)
        mutex.withLock { written.append((path as NSString).lastPathComponent) }
        return path
    }

    /// Writes `builder` as a new segment placed after the existing ones
    /// (`order` sorts segments added by parallel workers). Thread-safe.
    @discardableResult
    public func add(_ builder: SegmentBuilder) throws(IndexError) -> SegmentInfo {
        let info = try SegmentWriter.write(builder, to: newSegmentPath())
        mutex.withLock { segments.append(info) }
        return info
    }

    /// Adds an already written segment (its file must be one of
    /// ``newSegmentPath()``'s).
    public func add(written info: SegmentInfo) {
        mutex.withLock { segments.append(info) }
    }

    /// Marks document `local` of segment `segment` deleted. Returns false
    /// when there is no such live document.
    @discardableResult
    public func delete(segment: String, local: Int) -> Bool {
        mutex.withLock {
            guard let info = segments.first(where: { $0.name == segment }) else { return false }
            var set = deletions[segment] ?? DeletedDocuments(documentCount: info.documents)
            guard set.insert(local) else { return false }
            deletions[segment] = set
            touched.insert(segment)
            return true
        }
    }

    /// Live documents in the segments the commit will name.
    public var liveDocumentCount: Int {
        mutex.withLock { segments.reduce(0) { $0 + $1.documents - (deletions[$1.name]?.count ?? 0) } }
    }

    // MARK: Merging

    /// Runs the merges `policy` asks for on the segments as they stand
    /// (committed ones with this writer's deletions, and new ones), then
    /// drops segments left without live documents.
    public func merge(policy: TieredMergePolicy = TieredMergePolicy(),
                      progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws(IndexError) {
        dropEmptySegments()
        var done = 0, total = 0
        // A merge can fill the next tier: ask again until nothing is left
        // to do (a cascade settles in a few rounds).
        for _ in 0..<16 {
            let groups = policy.merges(for: segmentsWithDeletions())
            guard !groups.isEmpty else { return }
            // By name: each merge moves the segments after it.
            let named = mutex.withLock { groups.map { $0.map { segments[$0].name } } }
            total += named.count
            progress(done, total)
            for names in named {
                try merge(names: Set(names))
                done += 1
                progress(done, total)
            }
            dropEmptySegments()
        }
    }

    /// Merges every segment into one (`scour optimize`).
    public func mergeAll() throws(IndexError) {
        dropEmptySegments()
        let count = mutex.withLock { segments.count }
        let deleted = mutex.withLock { deletions.values.contains { $0.count > 0 } }
        // One segment of an older format is rewritten in the current one.
        let outdated = count == 1 && mutex.withLock({ segments.first.map { directory.filePath($0.name) } })
            .flatMap { try? SegmentReader(path: $0) }.map { $0.formatVersion < SegmentLayout.formatVersion } == true
        guard count > 1 || deleted || outdated else { return }
        try merge(names: Set(mutex.withLock { segments.map(\.name) }))
    }

    private func segmentsWithDeletions() -> [SegmentInfo] {
        mutex.withLock {
            segments.map { info in
                var info = info
                info.deleted = deletions[info.name]?.count
                return info
            }
        }
    }

    /// Segments whose documents are all deleted need no merge: they go.
    private func dropEmptySegments() {
        mutex.withLock {
            segments.removeAll { info in
                guard let set = deletions[info.name], set.count == info.documents else { return false }
                remaps[info.name] = (segment: "", locals: [])
                return true
            }
        }
    }

    /// Merges the segments named `names` into one new segment placed where
    /// the first of them was.
    private func merge(names: Set<String>) throws(IndexError) {
        let inputs = mutex.withLock { segments.filter { names.contains($0.name) } }
        guard !inputs.isEmpty else { return }
        var readers: [SegmentMerger.Input] = []
        for info in inputs {
            let reader = try SegmentReader(path: directory.filePath(info.name))
            readers.append(SegmentMerger.Input(segment: reader, deletions: mutex.withLock { deletions[info.name] }))
        }
        let path = newSegmentPath()
        let merged = try SegmentMerger.merge(readers, to: path)
        mutex.withLock {
            var next: Int32 = 0
            for (info, input) in zip(inputs, readers) {
                var locals = [Int32](repeating: -1, count: info.documents)
                for local in 0..<info.documents where !(input.deletions?.contains(local) ?? false) {
                    locals[local] = next
                    next += 1
                }
                remaps[info.name] = (segment: merged.name, locals: locals)
                deletions[info.name] = nil
                touched.remove(info.name)
            }
            let names = Set(inputs.map(\.name))
            let position = segments.firstIndex { names.contains($0.name) } ?? segments.count
            segments.removeAll { names.contains($0.name) }
            segments.insert(merged, at: min(position, segments.count))
        }
    }

    /// Where document `local` of `segment` lives after this writer's
    /// merges; nil when it was deleted (or its segment dropped).
    public func location(segment: String, local: Int) -> (segment: String, local: Int)? {
        var current = (segment: segment, local: local)
        while let remap = remaps[current.segment] {
            guard current.local >= 0, current.local < remap.locals.count, remap.locals[current.local] >= 0 else { return nil }
            current = (remap.segment, Int(remap.locals[current.local]))
        }
        return current
    }

    // MARK: Committing

    /// Publishes the writer's changes. The catalog (`catalog`, or the
    /// entries of `spilledCatalog`, read back one at a time) is written
    /// with its entries moved to where merges put their documents; `templates` replaces the stored
    /// templates when given (else the committed ones are kept).
    public func commit(sources: [IndexedSource]?, catalog: DocumentCatalog?, spilledCatalog: DocumentCatalogSpill? = nil,
                       templates: [UInt8]? = nil) throws(IndexError) {
        do {
            var manifest = Manifest(generation: generation, analyzer: analyzer, segments: [])
            manifest.sources = sources
            var infos = mutex.withLock { segments }
            for index in infos.indices {
                let name = infos[index].name
                guard let set = deletions[name], set.count > 0 else {
                    infos[index].deletions = nil
                    infos[index].deleted = nil
                    continue
                }
                if touched.contains(name) || infos[index].deletions == nil {
                    let path = directory.deletionsPath(segment: name, generation: generation)
                    mutex.withLock { written.append((path as NSString).lastPathComponent) }
                    try set.write(to: path)
                    infos[index].deletions = (path as NSString).lastPathComponent
                }
                infos[index].deleted = set.count
            }
            manifest.segments = infos
            if let catalog {
                let name = DocumentCatalog.fileName(generation: generation)
                mutex.withLock { written.append(name) }
                var table = DocumentCatalog.StringTable()
                for entry in catalog.entries { table.add(entry) }
                try writeCatalog(to: directory.filePath(name), table: table, containers: catalog.containers,
                                 count: catalog.entries.count) { body throws(IndexError) in
                    for entry in catalog.entries { try body(entry) }
                }
                manifest.catalog = name
            } else if let spilledCatalog {
                let name = DocumentCatalog.fileName(generation: generation)
                mutex.withLock { written.append(name) }
                try writeCatalog(spilledCatalog, to: directory.filePath(name))
                manifest.catalog = name
            }
            if let templates {
                let name = String(format: "templates-%06d.json", generation)
                mutex.withLock { written.append(name) }
                let sink = try FileSink(path: directory.filePath(name))
                try sink.write(templates)
                try sink.close()
                manifest.templates = name
            } else {
                manifest.templates = base?.templates
            }
            try directory.commit(manifest)
            mutex.withLock { written = [] }
        } catch {
            discard()
            throw error
        }
    }

    /// Writes a catalog file from a spill's records: copied as they are,
    /// but for those of documents a merge moved, which are decoded, moved
    /// and encoded again.
    private func writeCatalog(_ spill: DocumentCatalogSpill, to path: String) throws(IndexError) {
        var table = spill.table
        let spilledStrings = table.strings
        for remap in remaps.values { table.add(remap.segment) }
        table.add("")
        for name in spill.containers.keys { table.add(name) }
        // Which of the spill's strings name a segment a merge replaced.
        let moved = spilledStrings.map { remaps[$0] != nil }
        var encoder = try DocumentCatalog.Encoder(path: path, strings: table, containers: spill.containers, count: spill.count)
        try spill.forEachRecord { record throws(IndexError) in
            guard let segment = DocumentCatalog.Entry.segmentIndex(of: record), segment < moved.count else {
                throw .corrupted(file: spill.path, reason: "damaged catalog record")
            }
            guard moved[segment] else {
                try encoder.append(encoded: record)
                return
            }
            var reader = ByteReader(record)
            guard var entry = DocumentCatalog.Entry.decode(&reader, strings: spilledStrings) else {
                throw .corrupted(file: spill.path, reason: "damaged catalog record")
            }
            let location = location(segment: entry.segment, local: entry.local)
            entry.segment = location?.segment ?? ""
            entry.local = location?.local ?? 0
            try encoder.append(entry)
        }
        try encoder.finish()
    }

    /// Writes a catalog file from `entries` (which calls its argument with
    /// each entry), moving each entry to where merges put its document.
    private func writeCatalog(to path: String, table: DocumentCatalog.StringTable,
                              containers: [String: DocumentCatalog.Container], count: Int,
                              entries: ((DocumentCatalog.Entry) throws(IndexError) -> Void) throws(IndexError) -> Void)
    throws(IndexError) {
        var table = table
        for remap in remaps.values { table.add(remap.segment) }
        table.add("")
        for name in containers.keys { table.add(name) }
        var encoder = try DocumentCatalog.Encoder(path: path, strings: table, containers: containers, count: count)
        try entries { entry throws(IndexError) in
            var entry = entry
            if !entry.segment.isEmpty, remaps[entry.segment] != nil {
                let moved = location(segment: entry.segment, local: entry.local)
                entry.segment = moved?.segment ?? ""
                entry.local = moved?.local ?? 0
            }
            try encoder.append(entry)
        }
        try encoder.finish()
    }

    /// Deletes every file this writer wrote (after a failure, or to abandon
    /// the changes). The committed index is untouched.
    public func discard() {
        let names = mutex.withLock { () -> [String] in
            defer { written = [] }
            return written
        }
        for name in names { try? FileManager.default.removeItem(atPath: directory.filePath(name)) }
    }
}
