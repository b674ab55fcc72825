import Foundation
import ScourAnalysis
import ScourIndex

/// What `scour optimize` did.
public struct OptimizationSummary: Sendable, Equatable {
    /// Segments before and after.
    public var before: Int
    public var after: Int
    /// Deleted documents dropped for good.
    public var dropped: Int
    /// Whether anything was rewritten (false: already one current segment
    /// without deletions).
    public var changed: Bool
}

/// What `scour remove` did.
public struct RemovalSummary: Sendable, Equatable {
    /// Documents deleted, by id.
    public var removed: [String]
    /// Sources dropped from the index's list.
    public var sources: [String]
    /// Targets that matched nothing.
    public var unmatched: [String]
    public var indexed: Int
}

/// Changes to an index that read no source: removing documents or whole
/// sources, and merging segments. Each is one atomic commit.
public enum IndexMaintenance {
    /// Deletes documents from the index at `indexPath`. A target is a
    /// source (as given to `scour index`: its documents go, and it is
    /// forgotten), a folder or file path (the documents read from it or
    /// under it), a document id or a URL. A document's aliases go with it;
    /// removing an alias leaves its document without that alias.
    ///
    /// The next `scour index` reads a removed file again if it is still in
    /// a source: use `--exclude` to keep it out.
    public static func remove(_ targets: [String], indexPath: String, dryRun: Bool = false) throws(IndexError) -> RemovalSummary {
        let directory = IndexDirectory(path: indexPath)
        guard let manifest = try directory.readManifest() else { throw .notFound(directory: indexPath) }
        guard manifest.catalog != nil else {
            throw .corrupted(file: indexPath, reason: "built by an older scour without a catalog; run `scour index --full --index \(indexPath)` once")
        }
        let writer = dryRun ? nil : try IndexWriter(directory: directory, analyzer: manifest.analyzer)
        let base = writer?.base ?? manifest
        let previous = try PreviousIndex(manifest: base, directory: directory)
        let sourcePaths = Set((base.sources ?? []).map(\.path))

        var droppedSources: Set<String> = []
        var matchedTargets: Set<String> = []
        var removedEntries = Set<Int>()
        for target in targets {
            let absolute = DocumentLoader.absolute(target)
            if sourcePaths.contains(absolute) {
                droppedSources.insert(absolute)
                matchedTargets.insert(target)
                for (index, entry) in previous.catalog.entries.enumerated() where entry.source == absolute {
                    removedEntries.insert(index)
                }
                continue
            }
            let folder = absolute.hasSuffix("/") ? absolute : absolute + "/"
            for (index, entry) in previous.catalog.entries.enumerated()
            where entry.id == target || (!entry.url.isEmpty && entry.url == target)
                || (!entry.location.isEmpty && (entry.location == absolute || entry.location.hasPrefix(folder))) {
                removedEntries.insert(index)
                matchedTargets.insert(target)
            }
        }
        // A removed document takes its aliases along.
        let removedKeepers = Set(removedEntries.compactMap { previous.catalog.entries[$0].isAlias ? nil : previous.catalog.entries[$0].id })
        for (index, entry) in previous.catalog.entries.enumerated() where entry.isAlias && removedKeepers.contains(entry.keeper) {
            removedEntries.insert(index)
        }
        // Documents that lose an alias (but stay) are rewritten without it.
        var lostAliases: [String: Set<String>] = [:]
        for index in removedEntries {
            let entry = previous.catalog.entries[index]
            if entry.isAlias, !removedKeepers.contains(entry.keeper) { lostAliases[entry.keeper, default: []].insert(entry.alias) }
        }

        var catalog = DocumentCatalog(entries: [], containers: previous.catalog.containers)
        var removed: [String] = []
        var rewritten: [(StoredDocument, DocumentCatalog.Entry)] = []
        var readers: [String: SegmentReader] = [:]
        for (index, entry) in previous.catalog.entries.enumerated() {
            if removedEntries.contains(index) {
                if !entry.isAlias {
                    removed.append(entry.id)
                    writer?.delete(segment: entry.segment, local: entry.local)
                }
                continue
            }
            if let lost = lostAliases[entry.id], !entry.isAlias, let writer {
                let reader: SegmentReader
                if let open = readers[entry.segment] {
                    reader = open
                } else {
                    reader = try SegmentReader(path: directory.filePath(entry.segment))
                    readers[entry.segment] = reader
                }
                var document = try reader.document(entry.local)
                document.aliases.removeAll { lost.contains($0) }
                writer.delete(segment: entry.segment, local: entry.local)
                rewritten.append((document, entry))
                continue
            }
            catalog.entries.append(entry)
        }
        let sources = (base.sources ?? []).compactMap { source -> IndexedSource? in
            guard !droppedSources.contains(source.path) else { return nil }
            var source = source
            source.documents = catalog.entries.filter { !$0.isAlias && $0.source == source.path }.count
                + rewritten.filter { $0.1.source == source.path }.count
            return source
        }
        let unmatched = targets.filter { !matchedTargets.contains($0) }
        guard let writer else {
            return RemovalSummary(removed: removed, sources: droppedSources.sorted(), unmatched: unmatched,
                                  indexed: base.liveDocumentCount - removed.count)
        }
        if !rewritten.isEmpty {
            var builder = SegmentBuilder(analyzer: Analyzer(configuration: writer.analyzer))
            var entries: [DocumentCatalog.Entry] = []
            for (document, var entry) in rewritten {
                entry.local = builder.documentCount
                builder.add(document)
                entries.append(entry)
            }
            let info = try writer.add(builder)
            for index in entries.indices { entries[index].segment = info.name }
            catalog.entries += entries
        }
        if !removed.isEmpty || !rewritten.isEmpty || !droppedSources.isEmpty {
            try writer.merge()
            try writer.commit(sources: sources, catalog: catalog)
        }
        return RemovalSummary(removed: removed, sources: droppedSources.sorted(), unmatched: unmatched,
                              indexed: writer.liveDocumentCount)
    }

    /// Merges every segment of the index into one, dropping deleted
    /// documents for good (`scour optimize`), and rewrites a segment of an
    /// older format in the current one. Returns the segment count before
    /// and after, and how many deleted documents were dropped; an index
    /// already one current segment without deletions is left as it is.
    public static func optimize(indexPath: String) throws(IndexError) -> OptimizationSummary {
        let directory = IndexDirectory(path: indexPath)
        guard let manifest = try directory.readManifest() else { throw .notFound(directory: indexPath) }
        let writer = try IndexWriter(directory: directory, analyzer: manifest.analyzer)
        guard let base = writer.base else { throw .notFound(directory: indexPath) }
        let before = base.segments.count
        let dropped = base.documentCount - base.liveDocumentCount
        let catalog = try base.catalog.map { name throws(IndexError) in try DocumentCatalog.read(path: directory.filePath(name)) }
        try writer.mergeAll()
        guard writer.currentSegments.map(\.name) != base.segments.map(\.name) else {
            return OptimizationSummary(before: before, after: before, dropped: 0, changed: false)
        }
        try writer.commit(sources: base.sources, catalog: catalog)
        return OptimizationSummary(before: before, after: writer.currentSegments.count, dropped: dropped, changed: true)
    }
}
