import Foundation
import ScourAnalysis

/// The small file that says which segments make up the index.
///
/// A commit writes new segment files, fsyncs them, then atomically renames a
/// new manifest over the old one: readers (and crashes) see either the old
/// index or the new one, never a mixture.
///
/// On disk (`MANIFEST`), human-readable on purpose:
///
///     SCOUR-MANIFEST 1
///     {"generation":3,"createdAt":"2026-…","analyzer":{…},"segments":[…]}
///     crc32 1a2b3c4d
public struct Manifest: Codable, Sendable, Equatable {
    public static let fileName = "MANIFEST"
    /// The version this code writes; 2 added segment checksums, deletion
    /// files, the catalog and the templates file.
    public static let formatVersion: UInt32 = 2
    /// The oldest version this code reads.
    public static let oldestSupportedVersion: UInt32 = 1
    static var supportedVersions: ClosedRange<UInt32> { oldestSupportedVersion...formatVersion }
    static let magic = "SCOUR-MANIFEST"

    /// Incremented by each commit; names new segments uniquely.
    public var generation: Int
    /// When this manifest was committed.
    public var createdAt: Date
    /// How the documents were analysed; queries must use the same.
    public var analyzer: AnalyzerConfiguration
    /// The live segments, in document-id order.
    public var segments: [SegmentInfo]
    /// What `scour index` was given: folders, files, JSON Lines and WARC
    /// files, with how many documents each gave. Nil in indexes written
    /// before sources were recorded.
    public var sources: [IndexedSource]?
    /// The catalog file of this commit: every indexed item with what is
    /// needed to tell next time whether it changed (see `DocumentCatalog`).
    /// Nil in indexes written before incremental indexing.
    public var catalog: String?
    /// The file of site templates learned so far (see `TemplateStore`), so a
    /// page indexed next month is stripped like one indexed today.
    public var templates: String?

    public init(generation: Int, createdAt: Date = Date(), analyzer: AnalyzerConfiguration, segments: [SegmentInfo]) {
        self.generation = generation
        self.createdAt = createdAt
        self.analyzer = analyzer
        self.segments = segments
    }

    /// Total documents across segments, deleted ones included.
    public var documentCount: Int { segments.reduce(0) { $0 + $1.documents } }
    /// Documents not deleted.
    public var liveDocumentCount: Int { segments.reduce(0) { $0 + $1.liveDocuments } }

    /// Every file this manifest names (besides itself): what a commit keeps.
    public var fileNames: Set<String> {
        var names = Set(segments.map(\.name))
        for segment in segments { if let deletions = segment.deletions { names.insert(deletions) } }
        if let catalog { names.insert(catalog) }
        if let templates { names.insert(templates) }
        return names
    }

    func encoded() throws(IndexError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let json: Data
        do { json = try encoder.encode(self) } catch {
            throw .io(file: Self.fileName, message: "cannot encode manifest: \(error)")
        }
        var bytes = Array("\(Self.magic) \(Self.formatVersion)\n".utf8)
        bytes.append(contentsOf: json)
        bytes.append(0x0A)
        let checksum = CRC32.checksum(bytes)
        bytes.append(contentsOf: Array(String(format: "crc32 %08x\n", checksum).utf8))
        return bytes
    }

    static func decode(_ bytes: [UInt8], path: String) throws(IndexError) -> Manifest {
        // Split off the last line (the checksum).
        guard bytes.last == 0x0A, let lastBreak = bytes.dropLast().lastIndex(of: 0x0A) else {
            throw .corrupted(file: path, reason: "manifest is truncated")
        }
        let body = Array(bytes[...lastBreak])
        let trailer = String(decoding: bytes[(lastBreak + 1)...].dropLast(), as: UTF8.self)
        guard trailer.hasPrefix("crc32 "), let stored = UInt32(trailer.dropFirst(6), radix: 16) else {
            throw .corrupted(file: path, reason: "manifest has no checksum line")
        }
        guard let firstBreak = body.firstIndex(of: 0x0A) else { throw .corrupted(file: path, reason: "no header") }
        let header = String(decoding: body[..<firstBreak], as: UTF8.self).split(separator: " ")
        guard header.count == 2, header[0] == Self.magic else {
            throw .corrupted(file: path, reason: "not a Scour manifest")
        }
        let version = UInt32(header[1]) ?? 0
        guard supportedVersions.contains(version) else {
            throw .unsupportedVersion(file: path, found: version, supported: supportedVersions)
        }
        guard CRC32.checksum(body) == stored else { throw .corrupted(file: path, reason: "checksum mismatch") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            let manifest = try decoder.decode(Manifest.self, from: Data(body[(firstBreak + 1)...]))
            try manifest.validate(path: path)
            return manifest
        } catch let error as IndexError {
            throw error
        } catch {
            throw .corrupted(file: path, reason: "unreadable manifest JSON")
        }
    }
}

/// One source of an index, as its manifest records it.
public struct IndexedSource: Codable, Sendable, Equatable {
    /// The absolute path of the folder or file.
    public var path: String
    /// `folder`, `file`, `jsonl` or `warc`.
    public var kind: String
    /// Documents indexed from it (after duplicates were folded).
    public var documents: Int
    /// The prefix of its files' ids ("" for none), fixed when the source
    /// was first indexed so that ids do not change with the other sources
    /// of a run. Nil in manifests written before it was recorded.
    public var prefix: String?

    public init(path: String, kind: String, documents: Int, prefix: String? = nil) {
        self.path = path
        self.kind = kind
        self.documents = documents
        self.prefix = prefix
    }
}
