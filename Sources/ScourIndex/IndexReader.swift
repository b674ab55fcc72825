import Foundation
import ScourAnalysis
import ScourPrimitives

/// A point-in-time view of a whole index: the segments its manifest named
/// when it was opened, with document ids numbered across them.
///
/// Global document id = the segment's base + the segment-local id, in
/// manifest order; ids are stable for the life of the reader.
public final class IndexReader: Sendable {
    public let directory: IndexDirectory
    public let manifest: Manifest
    public let segments: [SegmentReader]
    /// First global document id of each segment.
    public let bases: [Int]
    public let documentCount: Int
    /// Average length of each field over all documents (``IndexField``
    /// order), for BM25F's length normalisation.
    public let averageLengths: [Double]

    /// Opens the index in `path`, validating every segment.
    ///
    /// A commit deletes the segments its new manifest no longer names right
    /// after publishing it, so a reader that read the old manifest can find
    /// a segment gone. It then reads the manifest again (a few times) instead
    /// of failing: once opened, a segment's mapping stays valid even if the
    /// file is deleted.
    public convenience init(path: String) throws(IndexError) {
        let directory = IndexDirectory(path: path)
        try self.init(path: path) { () throws(IndexError) -> Manifest? in try directory.readManifest() }
    }

    /// Opens the index with `readManifest` as the source of manifests (tests
    /// use it to replay a reader racing a commit).
    init(path: String, readManifest: () throws(IndexError) -> Manifest?) throws(IndexError) {
        directory = IndexDirectory(path: path)
        var attempt = 0
        while true {
            attempt += 1
            guard let manifest = try readManifest() else { throw .notFound(directory: path) }
            // Queries must be analysed like the documents: refuse to open
            // rather than search with a different analyzer.
            do { try Analyzer(configuration: manifest.analyzer).prepare() } catch {
                throw .analyzerUnavailable(message: error.message)
            }
            do {
                let opened = try Self.open(manifest, in: path)
                self.manifest = manifest
                segments = opened.segments
                bases = opened.bases
                documentCount = opened.total
                averageLengths = opened.fieldTokens.map { opened.total == 0 ? 0 : Double($0) / Double(opened.total) }
                return
            } catch let error {
                let segmentVanished: Bool
                if case .io(let file, _) = error, !FileManager.default.fileExists(atPath: file) {
                    segmentVanished = true
                } else {
                    segmentVanished = false
                }
                guard segmentVanished, attempt < 4 else { throw error }
            }
        }
    }

    private static func open(_ manifest: Manifest, in path: String) throws(IndexError)
        -> (segments: [SegmentReader], bases: [Int], total: Int, fieldTokens: [UInt64]) {
        var segments: [SegmentReader] = []
        var bases: [Int] = []
        var total = 0
        var fieldTokens = [UInt64](repeating: 0, count: IndexField.allCases.count)
        for info in manifest.segments {
            let segmentPath = (path as NSString).appendingPathComponent(info.name)
            let reader = try SegmentReader(path: segmentPath)
            guard reader.documentCount == info.documents, reader.byteCount == info.bytes else {
                throw .corrupted(file: segmentPath, reason: "does not match the manifest")
            }
            segments.append(reader)
            bases.append(total)
            total += reader.documentCount
            for field in IndexField.allCases { fieldTokens[field.rawValue] += reader.tokens(in: field) }
        }
        return (segments, bases, total, fieldTokens)
    }

    /// The analyzer the index was built with.
    public var analyzer: Analyzer { Analyzer(configuration: manifest.analyzer) }

    /// Documents containing `term`, summed over segments.
    public func documentFrequency(_ term: String) -> Int {
        segments.reduce(0) { $0 + ($1.lookup(term)?.documentFrequency ?? 0) }
    }

    /// The segment and local id of global document `id`.
    public func locate(_ id: Int) -> (segment: SegmentReader, local: Int)? {
        guard id >= 0, id < documentCount else { return nil }
        var index = segments.count - 1
        while bases[index] > id { index -= 1 }
        return (segments[index], id - bases[index])
    }

    /// Stored fields of global document `id`.
    public func document(_ id: Int) throws(IndexError) -> StoredDocument {
        guard let (segment, local) = locate(id) else {
            throw .corrupted(file: directory.path, reason: "document \(id) out of range")
        }
        return try segment.document(local)
    }

    /// Distinct words over all segments (a k-way merge of the sorted
    /// dictionaries). Site terms (see ``SiteTerms``) are not words and are
    /// left out; they sort first, so skipping them costs one check per term.
    public func distinctTermCount() -> Int {
        if segments.count == 1 {
            let segment = segments[0]
            return (0..<segment.termCount).reduce(0) { $0 + (Self.isSiteTerm(segment.term(at: $1)) ? 0 : 1) }
        }
        var cursors = [Int](repeating: 0, count: segments.count)
        var count = 0
        while true {
            let first = ByteOrder.firstSource(among: segments.count) { s in
                cursors[s] < segments[s].termCount ? segments[s].term(at: cursors[s]) : nil
            }
            guard let term = first?.term else { return count }
            if !Self.isSiteTerm(term) { count += 1 }
            for (s, segment) in segments.enumerated()
            where cursors[s] < segment.termCount && ByteOrder.compare(segment.term(at: cursors[s]), term) == 0 {
                cursors[s] += 1
            }
        }
    }

    /// Total postings (document–word pairs) over all segments, site terms
    /// left out like in ``distinctTermCount()``.
    public func postingCount() -> Int {
        segments.reduce(0) { total, segment in
            total + (0..<segment.termCount).reduce(0) {
                $0 + (Self.isSiteTerm(segment.term(at: $1)) ? 0 : segment.termInfo(at: $1).documentFrequency)
            }
        }
    }

    private static func isSiteTerm(_ term: UnsafeRawBufferPointer) -> Bool {
        term.first == SiteTerms.marker.asciiValue
    }

    /// Average tokens per document over all fields.
    public var averageDocumentLength: Double { averageLengths.reduce(0, +) }

    /// Bytes on disk: manifest plus segments.
    public var byteCount: Int { segments.reduce(0) { $0 + $1.byteCount } }
}
