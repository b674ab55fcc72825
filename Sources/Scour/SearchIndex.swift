import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ScourAnalysis
import ScourIndex
import ScourSearch

/// An index opened for searching: the entry point for Swift code.
///
/// ```swift
/// let index = try SearchIndex(path: "Index")
/// for hit in try index.search("student union exchange").hits {
///     print(hit.rank, hit.title, hit.snippet.marked(open: "[", close: "]"))
/// }
/// ```
///
/// It searches one commit of the index (a point-in-time ``IndexReader``)
/// until told to move on: ``reopenIfChanged()`` switches to the latest
/// commit, reusing the segments both commits share; with
/// `refreshesAutomatically` every search first checks whether the manifest
/// changed (one `stat` of `MANIFEST`; the manifest is read only when its
/// inode, size or modification time differ). Safe to share between
/// threads: searches run on the view current when they started, while a
/// refresh swaps the view under a lock.
public final class SearchIndex: @unchecked Sendable {
    /// Whether each search first picks up the latest commit.
    public let refreshesAutomatically: Bool

    private let lock = NSLock()
    // Guarded by `lock`.
    private var current: Searcher
    private var manifestStamp: ManifestStamp?
    private var failedRefresh: IndexError?
    /// Where each id's document is in the current commit, read from its
    /// catalog on the first ``document(id:)`` after a commit.
    private var documentIDs: CommitDocumentIDs?

    /// Opens the index in `path`; throws ``IndexError`` when there is none or
    /// a file is damaged. With `refreshesAutomatically`, each search sees
    /// the latest commit (see ``reopenIfChanged()``).
    public init(path: String, refreshesAutomatically: Bool = false) throws(IndexError) {
        self.refreshesAutomatically = refreshesAutomatically
        // Stamp first: a commit between the stamp and the open is seen (and
        // found unchanged) by the next check, never missed.
        manifestStamp = ManifestStamp(directory: IndexDirectory(path: path))
        current = Searcher(reader: try IndexReader(path: path))
    }

    /// The commit searches currently run on.
    public var reader: IndexReader {
        lock.withLock { current.reader }
    }

    /// Switches to the index's latest commit if there is a newer one than
    /// the current view's; returns whether it did. Throws when the new
    /// commit cannot be opened: the current view then stays in force.
    @discardableResult
    public func reopenIfChanged() throws(IndexError) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        manifestStamp = ManifestStamp(directory: current.reader.directory)
        return try reopenLocked()
    }

    /// Why the last automatic refresh failed, nil when it did not: the index
    /// kept serving the previous commit, and tries again after the next one.
    public var refreshError: IndexError? {
        lock.withLock { failedRefresh }
    }

    /// Runs `query` (the query language of ``QueryLanguageParser``, with
    /// `site:`); throws ``SearchError`` for an empty or malformed query, a
    /// site without a host, or ranking parameters out of range. Results
    /// carry each page's id, URL, file location and aliases.
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        try searcher().search(query, options: options)
    }

    /// The stored document whose id is `id`, or into which the page with
    /// id `id` was folded as a copy; nil when the index holds neither.
    /// The first call after each commit reads the commit's catalog (about
    /// 150 bytes per page) to map ids to documents.
    public func document(id: String) throws(IndexError) -> StoredDocument? {
        let reader = searcher().reader
        guard let global = try documentIDs(for: reader).document(id: id, in: reader), !reader.isDeleted(global) else { return nil }
        return try reader.document(global)
    }

    /// The ids of `reader`'s commit, read from its catalog once per commit.
    private func documentIDs(for reader: IndexReader) throws(IndexError) -> CommitDocumentIDs {
        if let cached = lock.withLock({ documentIDs }), cached.generation == reader.manifest.generation { return cached }
        let ids = try CommitDocumentIDs(reader: reader)
        lock.withLock { documentIDs = ids }
        return ids
    }

    /// Runs a query given as a syntax tree (see ``Searcher/search(_:description:options:)``).
    public func search(_ query: QueryNode, description: String, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        try searcher().search(query, description: description, options: options)
    }

    /// Every live document in index order from the `offset`-th (see ``Searcher/allDocuments(offset:options:)``).
    public func allDocuments(offset: Int, options: SearchOptions = SearchOptions()) -> SearchResults {
        searcher().allDocuments(offset: offset, options: options)
    }

    /// The documents with these ids, in this order, as hits scored 1; ids
    /// the index lacks are left out.
    public func documents(ids: [String], options: SearchOptions = SearchOptions()) throws(IndexError) -> SearchResults {
        let searcher = searcher()
        let locator = try documentIDs(for: searcher.reader)
        return searcher.documents(ids.compactMap { locator.document(id: $0, in: searcher.reader) }, options: options)
    }

    /// Counts and sizes for `scour stats`; `documents` counts live documents.
    public func statistics() -> IndexStatistics {
        let reader = searcher().reader
        return IndexStatistics(
            documents: reader.liveDocumentCount,
            distinctTerms: reader.distinctTermCount(),
            postings: reader.postingCount(),
            bytes: reader.byteCount + Self.manifestBytes(of: reader),
            segments: reader.segments.count,
            builtAt: reader.manifest.createdAt,
            analyzer: reader.manifest.analyzer,
            averageDocumentLength: reader.averageDocumentLength)
    }

    /// The searcher to use now, refreshed first when automatic.
    private func searcher() -> Searcher {
        lock.lock()
        defer { lock.unlock() }
        if refreshesAutomatically {
            let stamp = ManifestStamp(directory: current.reader.directory)
            if stamp != manifestStamp {
                manifestStamp = stamp
                // A commit that cannot be opened leaves the previous view in
                // force; it is tried again once the manifest changes again.
                do { _ = try reopenLocked() } catch { failedRefresh = error }
            }
        }
        return current
    }

    /// Call with `lock` held.
    private func reopenLocked() throws(IndexError) -> Bool {
        guard let reopened = try current.reader.reopenIfChanged() else { return false }
        current = Searcher(reader: reopened)
        failedRefresh = nil
        return true
    }

    private static func manifestBytes(of reader: IndexReader) -> Int {
        let path = reader.directory.filePath(Manifest.fileName)
        return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}

/// What `stat` says of an index's `MANIFEST`: a commit renames a new file
/// over it, so its inode changes (and usually its size and time too).
private struct ManifestStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int

    /// Nil when there is no manifest (or it cannot be examined).
    init?(directory: IndexDirectory) {
        var status = stat()
        guard stat(directory.filePath(Manifest.fileName), &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        #if canImport(Darwin)
        modifiedSeconds = Int(status.st_mtimespec.tv_sec)
        modifiedNanoseconds = Int(status.st_mtimespec.tv_nsec)
        #else
        modifiedSeconds = Int(status.st_mtim.tv_sec)
        modifiedNanoseconds = Int(status.st_mtim.tv_nsec)
        #endif
    }
}

/// Summary numbers of an index.
public struct IndexStatistics: Sendable, Equatable, Codable {
    /// Live documents (deleted ones left out).
    public var documents: Int
    public var distinctTerms: Int
    public var postings: Int
    /// Bytes on disk (segments and manifest).
    public var bytes: Int
    public var segments: Int
    public var builtAt: Date
    public var analyzer: AnalyzerConfiguration
    /// Mean tokens per document (title and body).
    public var averageDocumentLength: Double
}

/// A commit's documents by id: each id's segment and place in it, and each
/// alias's keeper.
private struct CommitDocumentIDs: Sendable {
    let generation: Int
    private var places: [String: (segment: Int, local: Int)] = [:]
    private var keepers: [String: String] = [:]

    init(reader: IndexReader) throws(IndexError) {
        generation = reader.manifest.generation
        guard let name = reader.manifest.catalog else { return }
        let catalog = try DocumentCatalog.read(path: reader.directory.filePath(name))
        var segments: [String: Int] = [:]
        for (index, info) in reader.manifest.segments.enumerated() { segments[info.name] = index }
        for entry in catalog.entries {
            if !entry.keeper.isEmpty {
                keepers[entry.id] = entry.keeper
            } else if let segment = segments[entry.segment] {
                places[entry.id] = (segment, entry.local)
            }
        }
    }

    /// The global document number of `id` in `reader` (the commit this
    /// was read from), following an alias to its keeper.
    func document(id: String, in reader: IndexReader) -> Int? {
        guard let place = places[id] ?? keepers[id].flatMap({ places[$0] }),
              place.segment < reader.segments.count, place.local < reader.segments[place.segment].documentCount
        else { return nil }
        return reader.bases[place.segment] + place.local
    }
}
