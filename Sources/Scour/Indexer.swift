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

    public init(analyzer: AnalyzerConfiguration = .standard,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                segmentBudgetBytes: Int = 96 << 20) {
        self.analyzer = analyzer
        self.workers = max(1, workers)
        self.segmentBudgetBytes = segmentBudgetBytes
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
}

/// Builds an index from files: walk → extract → analyse → segments →
/// atomic commit.
///
/// Each run rebuilds the index from the given paths and replaces the
/// previous one in a single commit; if anything fails before the commit,
/// the previous index stays exactly as it was.
///
/// ```swift
/// let summary = try Indexer(indexPath: "Index").index(paths: ["Corpus"])
/// ```
public struct Indexer: Sendable {
    public let indexPath: String
    public let options: IndexingOptions

    public init(indexPath: String, options: IndexingOptions = IndexingOptions()) {
        self.indexPath = indexPath
        self.options = options
    }

    public func index(
        paths: [String], events: @escaping @Sendable (IndexingEvent) -> Void = { _ in }
    ) throws(IndexingError) -> IndexingSummary {
        let started = Date()
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
            let (segments, indexed, skipped) = try run.execute()
            guard indexed > 0 else {
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
                indexed: indexed, skipped: skipped, segments: segments.count,
                bytes: segments.reduce(0) { $0 + $1.bytes }, seconds: Date().timeIntervalSince(started))
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
private final class IndexingRun: @unchecked Sendable {
    let files: [SourceItem]
    let directory: IndexDirectory
    let generation: Int
    let options: IndexingOptions
    let events: @Sendable (IndexingEvent) -> Void
    private let lock = NSLock()
    private var done = 0
    private var lastReported = 0
    private var lastReportTime = Date.distantPast
    private var written: [(ordinal: Int, info: SegmentInfo)] = []
    private var indexed = 0
    private var skipped = 0
    private var failure: IndexError?

    init(files: [SourceItem], directory: IndexDirectory, generation: Int, options: IndexingOptions,
         events: @escaping @Sendable (IndexingEvent) -> Void) {
        self.files = files
        self.directory = directory
        self.generation = generation
        self.options = options
        self.events = events
    }

    /// Runs the workers; returns the written segments in document order.
    func execute() throws(IndexError) -> ([SegmentInfo], Int, Int) {
        let workers = min(options.workers, files.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (files.count * worker / workers)..<(files.count * (worker + 1) / workers)
            work(worker: worker, range: range)
        }
        let segments = written.sorted { $0.ordinal < $1.ordinal }.map(\.info)
        if let failure {
            discard(segments)
            throw failure
        }
        events(.progress(done: files.count, total: files.count))
        return (segments, indexed, skipped)
    }

    /// Deletes segment files of this run (after a failure).
    func discard(_ segments: [SegmentInfo]) {
        for segment in segments {
            try? FileManager.default.removeItem(atPath: (directory.path as NSString).appendingPathComponent(segment.name))
        }
    }

    private func work(worker: Int, range: Range<Int>) {
        let extractor = DocumentExtractor()
        let analyzer = Analyzer(configuration: options.analyzer)
        var builder = SegmentBuilder(analyzer: analyzer)
        var flushes = 0
        var localIndexed = 0, localSkipped = 0

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

        for index in range {
            if lock.withLock({ failure != nil }) { return }
            let item = files[index]
            switch Self.load(item, extractor: extractor) {
            case .success(let document):
                builder.add(document)
                localIndexed += 1
                if builder.estimatedBytes > options.segmentBudgetBytes, !flush() { return }
            case .failure(let reason):
                localSkipped += 1
                events(.skipped(path: item.displayName, reason: reason.message))
            }
            reportProgress()
        }
        _ = flush()
        lock.withLock {
            indexed += localIndexed
            skipped += localSkipped
        }
    }

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
    static func load(_ item: SourceItem, extractor: DocumentExtractor) -> Result<StoredDocument, SkipReason> {
        switch item {
        case .file(let file): return load(file, extractor: extractor)
        case .record(let record): return load(record, extractor: extractor)
        }
    }

    /// A JSON Lines record: `id`/`_id`, optional `url` and `title`, `text` or `html`.
    static func load(_ record: JSONLinesRecord, extractor: DocumentExtractor) -> Result<StoredDocument, SkipReason> {
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
        if let html = object["html"] as? String {
            do {
                let page = try extractor.extract(Array(html.utf8), fileExtension: "html")
                if title.isEmpty { title = page.title }
                text = page.text
                headings = page.headings
                format = page.format.rawValue
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
        return .success(StoredDocument(path: id, title: title, text: text, format: format,
                                       fingerprint: Fingerprint.of(record.bytes), headings: headings,
                                       url: object["url"] as? String ?? ""))
    }

    /// Reads and extracts one file into what the index stores.
    static func load(_ file: SourceFile, extractor: DocumentExtractor) -> Result<StoredDocument, SkipReason> {
        guard let data = FileManager.default.contents(atPath: file.location) else {
            return .failure(SkipReason(message: "cannot read the file"))
        }
        let bytes = [UInt8](data)
        do {
            let extracted = try extractor.extract(bytes, fileExtension: file.fileExtension)
            guard !(extracted.text.isEmpty && extracted.title.isEmpty) else {
                return .failure(SkipReason(message: "no text left after extraction"))
            }
            return .success(StoredDocument(
                path: file.documentPath, title: extracted.title, text: extracted.text,
                format: extracted.format.rawValue, fingerprint: Fingerprint.of(bytes),
                headings: extracted.headings, url: file.documentPath))
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
