import Foundation
import ScourAnalysis
import ScourPrimitives

/// A point-in-time view of a whole index: the segments its manifest named
/// when it was opened, with document ids numbered across them, and the
/// documents deleted from them at that commit.
///
/// Global document id = the segment's base + the segment-local id, in
/// manifest order; ids are stable for the life of the reader. A deleted
/// document keeps its id (``documentCount`` is the id space, Lucene's
/// maxDoc) but is left out of every statistic BM25 uses and of every
/// result: see ``isDeleted(_:)`` and ``liveDocumentCount``.
public final class IndexReader: Sendable {
    public let directory: IndexDirectory
    public let manifest: Manifest
    public let segments: [SegmentReader]
    /// Each segment's deleted documents (segment-local ids), nil when none
    /// of its documents is deleted; same order as ``segments``.
    public let deletions: [DeletedDocuments?]
    /// First global document id of each segment.
    public let bases: [Int]
    /// The id space: documents of all segments, deleted ones included.
    public let documentCount: Int
    /// Documents not deleted: BM25's N, and what statistics report.
    public let liveDocumentCount: Int
    /// Average length of each field over the live documents (``IndexField``
    /// order), for BM25F's length normalisation.
    public let averageLengths: [Double]

    /// Opens the index in `path`, validating every segment and deletion file.
    ///
    /// A commit deletes the files its new manifest no longer names right
    /// after publishing it, so a reader that read the old manifest can find
    /// a segment (or deletion file) gone. It then reads the manifest again
    /// (a few times) instead of failing: once opened, a segment's mapping
    /// stays valid even if the file is deleted.
    public convenience init(path: String) throws(IndexError) {
        let directory = IndexDirectory(path: path)
        try self.init(path: path) { () throws(IndexError) -> Manifest? in try directory.readManifest() }
    }

    /// Opens the index with `readManifest` as the source of manifests (tests
    /// use it to replay a reader racing a commit), reusing the segments and
    /// deletion sets of `previous` whose files the manifest still names.
    init(path: String, reusing previous: IndexReader? = nil,
         readManifest: () throws(IndexError) -> Manifest?) throws(IndexError) {
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
                let opened = try Self.open(manifest, in: directory, reusing: previous)
                self.manifest = manifest
                segments = opened.segments
                deletions = opened.deletions
                bases = opened.bases
                documentCount = opened.total
                liveDocumentCount = opened.live
                averageLengths = opened.fieldTokens.map { opened.live == 0 ? 0 : Double($0) / Double(opened.live) }
                return
            } catch let error {
                let fileVanished: Bool
                if case .io(let file, _) = error, !FileManager.default.fileExists(atPath: file) {
                    fileVanished = true
                } else {
                    fileVanished = false
                }
                guard fileVanished, attempt < 4 else { throw error }
            }
        }
    }

    /// A reader of the index's latest commit, or nil when the manifest's
    /// generation is still this reader's.
    ///
    /// Segments (and deletion files) the new manifest names under the same
    /// file names are not opened again: the new reader shares this one's
    /// ``SegmentReader`` objects and deletion sets, so a commit that added
    /// one small segment costs opening that segment. This reader stays
    /// valid (its mappings outlive the files a commit deletes).
    public func reopenIfChanged() throws(IndexError) -> IndexReader? {
        guard let latest = try directory.readManifest() else { throw .notFound(directory: directory.path) }
        guard latest.generation != manifest.generation else { return nil }
        var first: Manifest? = latest
        return try IndexReader(path: directory.path, reusing: self) { () throws(IndexError) -> Manifest? in
            // The manifest just read first; a re-read only after a file vanished.
            if let manifest = first {
                first = nil
                return manifest
            }
            return try directory.readManifest()
        }
    }

    private static func open(_ manifest: Manifest, in directory: IndexDirectory, reusing previous: IndexReader?) throws(IndexError)
        -> (segments: [SegmentReader], deletions: [DeletedDocuments?], bases: [Int], total: Int, live: Int, fieldTokens: [UInt64]) {
        var openSegments: [String: SegmentReader] = [:]
        var openDeletions: [String: DeletedDocuments] = [:]
        if let previous {
            for (info, segment) in zip(previous.manifest.segments, previous.segments) { openSegments[info.name] = segment }
            for (info, deleted) in zip(previous.manifest.segments, previous.deletions) {
                if let name = info.deletions, let deleted { openDeletions[name] = deleted }
            }
        }
        var segments: [SegmentReader] = []
        var deletions: [DeletedDocuments?] = []
        var bases: [Int] = []
        var total = 0, live = 0
        var fieldTokens = [UInt64](repeating: 0, count: IndexField.allCases.count)
        for info in manifest.segments {
            let segmentPath = directory.filePath(info.name)
            let reader: SegmentReader
            if let open = openSegments[info.name] {
                reader = open
            } else {
                // Header and footer only: opening must not read every byte
                // (`scour check` and the writer verify whole files).
                reader = try SegmentReader(path: segmentPath, expectedBytes: info.bytes, expectedChecksum: info.checksum)
            }
            guard reader.documentCount == info.documents, reader.byteCount == info.bytes else {
                throw .corrupted(file: segmentPath, reason: "does not match the manifest")
            }
            let deleted = try deletedDocuments(of: info, segment: reader, in: directory, reusing: openDeletions)
            segments.append(reader)
            deletions.append(deleted)
            bases.append(total)
            total += reader.documentCount
            live += reader.documentCount - (deleted?.count ?? 0)
            for field in IndexField.allCases { fieldTokens[field.rawValue] += reader.tokens(in: field) }
            // Deleted documents leave the averages: O(deleted), not O(documents).
            if let deleted {
                for id in deleted.ids {
                    let lengths = reader.lengths(of: id)
                    for field in IndexField.allCases { fieldTokens[field.rawValue] -= UInt64(lengths[field]) }
                }
            }
        }
        return (segments, deletions, bases, total, live, fieldTokens)
    }

    /// The deletion set `info` names (nil when none), checked against the
    /// segment's size and the manifest's count of deleted documents.
    private static func deletedDocuments(of info: SegmentInfo, segment: SegmentReader, in directory: IndexDirectory,
                                         reusing open: [String: DeletedDocuments]) throws(IndexError) -> DeletedDocuments? {
        guard let name = info.deletions else {
            guard (info.deleted ?? 0) == 0 else {
                throw .corrupted(file: directory.manifestPath,
                                 reason: "segment \(info.name) has \(info.deleted ?? 0) deleted documents but no deletion file")
            }
            return nil
        }
        let path = directory.filePath(name)
        let deleted: DeletedDocuments
        if let reused = open[name], reused.documentCount == segment.documentCount {
            deleted = reused
        } else {
            deleted = try DeletedDocuments.read(path: path, documentCount: segment.documentCount)
        }
        guard deleted.count == info.deleted ?? 0 else {
            throw .corrupted(file: path, reason: "holds \(deleted.count) deleted documents, the manifest says \(info.deleted ?? 0)")
        }
        return deleted
    }

    /// Whether global document `id` is deleted (ids out of range are).
    @inline(__always)
    public func isDeleted(_ id: Int) -> Bool {
        guard let (index, local) = segmentIndex(of: id) else { return true }
        return deletions[index]?.contains(local) ?? false
    }

    /// The analyzer the index was built with.
    public var analyzer: Analyzer { Analyzer(configuration: manifest.analyzer) }

    /// Live documents containing `term`, summed over segments: the
    /// dictionary's count in a segment without deletions, a walk of the
    /// term's postings skipping deleted documents in one with.
    public func documentFrequency(_ term: String) -> Int {
        var total = 0
        for (segment, deleted) in zip(segments, deletions) {
            guard let info = segment.lookup(term) else { continue }
            guard let deleted, deleted.count > 0 else {
                total += info.documentFrequency
                continue
            }
            var cursor = segment.postings(info)
            while cursor.next() {
                if !deleted.contains(Int(cursor.document)) { total += 1 }
            }
        }
        return total
    }

    /// The segment and local id of global document `id`.
    public func locate(_ id: Int) -> (segment: SegmentReader, local: Int)? {
        segmentIndex(of: id).map { (segments[$0.segment], $0.local) }
    }

    /// The index in ``segments`` and local id of global document `id`.
    private func segmentIndex(of id: Int) -> (segment: Int, local: Int)? {
        guard id >= 0, id < documentCount else { return nil }
        var index = segments.count - 1
        while bases[index] > id { index -= 1 }
        return (index, id - bases[index])
    }

    /// Stored fields of global document `id` (its text and headings only
    /// when `includingText`: without them, from format 6, nothing is
    /// decompressed, see ``SegmentReader/document(_:includingText:)``).
    public func document(_ id: Int, includingText: Bool = true) throws(IndexError) -> StoredDocument {
        guard let (segment, local) = locate(id) else {
            throw .corrupted(file: directory.path, reason: "document \(id) out of range")
        }
        return try segment.document(local, includingText: includingText)
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
    /// left out like in ``distinctTermCount()``. Deleted documents' postings
    /// count until a merge drops them (as do words only they contain in
    /// ``distinctTermCount()``): exact counts would walk every postings list.
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

    /// Average tokens per live document over all fields.
    public var averageDocumentLength: Double { averageLengths.reduce(0, +) }

    /// Bytes on disk of the segment files (deletion files, a bit per
    /// document, and the manifest not included).
    public var byteCount: Int { segments.reduce(0) { $0 + $1.byteCount } }
}
