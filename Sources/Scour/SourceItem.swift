import Foundation

/// One unit of indexing work: a file, or one record of a JSON Lines file.
public enum SourceItem: Sendable, Equatable {
    case file(SourceFile)
    case record(JSONLinesRecord)

    /// How warnings name the item: the file's path, or `file.jsonl:LINE`.
    public var displayName: String {
        switch self {
        case .file(let file): return file.location
        case .record(let record): return "\(record.file):\(record.line)"
        }
    }
}
