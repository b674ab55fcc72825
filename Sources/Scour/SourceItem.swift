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

/// One line of a JSON Lines file given to `scour index`.
///
/// Each line is a JSON object: `id` (or `_id`), optional `url` and `title`,
/// and either `text` (plain text, indexed as it is) or `html` (raw HTML,
/// extracted like a page file).
public struct JSONLinesRecord: Sendable, Equatable {
    /// The JSON Lines file.
    public var file: String
    /// 1-based line number, for messages.
    public var line: Int
    public var bytes: [UInt8]
}

/// Splits a JSON Lines file into records (blank lines are skipped).
enum JSONLinesReader {
    static func records(in path: String) throws(IndexingError) -> [JSONLinesRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .noSuchPath(path) }
        var records: [JSONLinesRecord] = []
        var line = 0
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                line += 1
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                let slice = bytes[start..<end]
                if slice.contains(where: { $0 > 0x20 }) {
                    records.append(JSONLinesRecord(file: path, line: line, bytes: Array(slice)))
                }
                start = end + 1
            }
        }
        return records
    }
}
