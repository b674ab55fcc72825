import Foundation
import Logging
import Scour

/// The documents written over HTTP (Elasticsearch's `_doc` and `_bulk`),
/// kept as a JSON Lines source of the index: `api-documents.jsonl` in the
/// index folder, one record per document (`id`, `title`, `text` or
/// `html`, `url`, `date`).
///
/// A write changes the records in memory at once; a *commit* writes the
/// file (to a new file renamed over the old one) and runs the incremental
/// indexer on it, which re-indexes only the records that changed and drops
/// the ones that went. Commits run one at a time on a queue of their own,
/// about a second after a write (Elasticsearch's refresh interval), or at
/// once for `_refresh` and `?refresh=true|wait_for`. The records are kept
/// whole (every page is kept, copies are not folded into each other) and
/// a later `scour index --index DIR` reads the file like any other source.
final class DocumentFeed: @unchecked Sendable {
    static let fileName = "api-documents.jsonl"
    /// Seconds between a write and the commit that makes it searchable.
    static let refreshDelay = 1.0

    let indexPath: String
    let path: String
    private let logger: Logger
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "scour.feed.commit")
    // Guarded by `lock`.
    private var records: [String: Data] = [:]
    private var version = 0
    private var committed = 0
    private var scheduled = false

    /// The feed of the index at `indexPath`, its records read from the file
    /// when there is one.
    init(indexPath: String, logger: Logger) {
        self.indexPath = indexPath
        self.logger = logger
        path = (indexPath as NSString).appendingPathComponent(Self.fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return }
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let id = object["id"] as? String else { continue }
            records[id] = Data(line)
        }
    }

    /// Whether the feed holds a document with `id` (written, maybe not yet committed).
    func contains(_ id: String) -> Bool { lock.withLock { records[id] != nil } }

    /// Stores `document` under `id`; whether it replaced one.
    @discardableResult
    func put(id: String, document: [String: Any]) throws -> Bool {
        var record = document
        record["id"] = id
        let line = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])
        return lock.withLock {
            version += 1
            return records.updateValue(line, forKey: id) != nil
        }
    }

    /// Removes `id`; whether it was there.
    @discardableResult
    func delete(id: String) -> Bool {
        lock.withLock {
            guard records.removeValue(forKey: id) != nil else { return false }
            version += 1
            return true
        }
    }

    /// Commits soon (after ``refreshDelay``), unless a commit is already due.
    func scheduleCommit() {
        let due = lock.withLock { () -> Bool in
            guard !scheduled else { return false }
            scheduled = true
            return true
        }
        guard due else { return }
        queue.asyncAfter(deadline: .now() + Self.refreshDelay) { [self] in
            lock.withLock { scheduled = false }
            do { try commitNow() } catch {
                logger.error("could not commit the documents written over HTTP: \(error); retrying after the next write")
            }
        }
    }

    /// Commits now and returns once every write made before the call is
    /// searchable.
    func commit() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            queue.async { [self] in continuation.resume(with: Result { try commitNow() }) }
        }
    }

    /// On `queue` only.
    private func commitNow() throws {
        let (target, lines) = lock.withLock { () -> (Int, [Data]?) in
            (version, version == committed ? nil : records.keys.sorted().compactMap { records[$0] })
        }
        guard let lines else { return }   // nothing written since the last commit
        var file = Data()
        for line in lines { file.append(line); file.append(UInt8(ascii: "\n")) }
        try FileManager.default.createDirectory(atPath: indexPath, withIntermediateDirectories: true)
        let writing = path + ".writing"
        guard FileManager.default.createFile(atPath: writing, contents: file) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: writing])
        }
        guard rename(writing, path) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        // No documents, and none indexed from the file before (everything
        // written was deleted before a commit): nothing to index.
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if lines.isEmpty, !Indexer.rememberedSources(at: indexPath).contains(where: { $0.path == absolute }) {
            lock.withLock { committed = max(committed, target) }
            return
        }
        let analyzer = Indexer.existingAnalyzer(at: indexPath) ?? .standard
        let options = IndexingOptions(analyzer: analyzer, keepAll: true, keepDuplicates: true)
        let summary = try Indexer(indexPath: indexPath, options: options).index(paths: [path])
        logger.info("committed the documents written over HTTP: \(summary.added.count) added, \(summary.updated.count) updated, \(summary.removed.count) removed")
        lock.withLock { committed = max(committed, target) }
    }
}
