import ScourExtraction
import ScourIndex

/// One unit of extraction work, in source order: a file found by the
/// walker, one record of a JSON Lines file, or one response of a WARC file.
/// Files carry only their path (workers read them, in parallel); records
/// carry their bytes, streamed by the producer.
enum WorkItem: Sendable {
    case file(SourceFile, source: Int)
    case record(JSONLinesRecord, source: Int)
    case warc(WARCDocument, file: String, source: Int)

    /// Bytes held while queued, for the queue's memory budget.
    var cost: Int {
        switch self {
        case .file: return 256
        case .record(let record, _): return record.bytes.count + 64
        case .warc(let document, _, _): return document.body.count + 256
        }
    }
}

/// What a worker made of one item.
enum WorkResult: Sendable {
    case loaded(LoadedDocument)
    case skipped(path: String, reason: String, category: String, isProblem: Bool)
    /// The index already holds these exact bytes under this id.
    case unchanged(id: String, rawHash: UInt64)
}

/// An extracted document, what template learning sees of it and what
/// duplicate detection compares.
struct LoadedDocument: Sendable {
    var document: StoredDocument
    var groups: [String]
    var page: TemplatePage?
    var fingerprint: ContentFingerprint?
    /// Index of the source (in the paths given) it came from.
    var source: Int
    /// How messages name it: a file's path as the user gave it; a record's id.
    var displayName: String
}

/// An extracted page waiting to be indexed: its stored fields are on disk
/// (``SpillFiles``); what stays in memory is what duplicate folding,
/// template learning and the catalog need.
struct PendingDocument: Sendable {
    /// Its id (made unique across the run before indexing).
    var id: String
    var url: String
    var location: String
    /// Hash of the source bytes.
    var rawHash: UInt64
    /// URLs or ids of copies folded into it.
    var aliases: [String] = []
    var groups: [String]
    /// Its line fingerprints, for template learning: on disk, read back
    /// when its site's template is learned.
    var lines: SpillFiles.Reference?
    var fingerprint: ContentFingerprint?
    /// Index of the source (in the paths given) it came from.
    var source: Int
    /// How messages name it: a file's path as the user gave it; a record's id.
    var displayName: String
    /// Where it came from, for the catalog: file size and modification
    /// time (0 for records) and the JSON Lines or WARC file holding it.
    var size: Int64 = 0
    var modified: Double = 0
    var container: String = ""
    /// Its place in source order: walked file, then record within the file.
    var order: UInt64 = 0
    var spilled: SpillFiles.Reference

    init(_ loaded: LoadedDocument, spilled: SpillFiles.Reference, lines: SpillFiles.Reference?) {
        id = loaded.document.path
        url = loaded.document.url
        location = loaded.document.location
        rawHash = loaded.document.fingerprint
        aliases = loaded.document.aliases
        groups = loaded.groups
        self.lines = lines
        fingerprint = loaded.fingerprint
        source = loaded.source
        displayName = loaded.displayName
        self.spilled = spilled
    }
}
