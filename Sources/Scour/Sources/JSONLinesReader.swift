import Foundation

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
    /// The line without its line break (CR LF or LF).
    public var bytes: [UInt8]
}

/// A line ``JSONLinesStream`` read past without returning it.
public struct JSONLinesSkip: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// E.g. `line is 70000000 bytes, over the 67108864-byte cap`.
    public var reason: String

    public var description: String { "\(file):\(line): \(reason)" }
}

/// Streams the lines of a JSON Lines file (`.jsonl`, or gzip-compressed,
/// recognised by its magic bytes) one at a time through a fixed read buffer,
/// so a file larger than memory can be indexed.
///
/// Blank lines (only spaces, tabs, CR) are skipped; CR LF and LF both end a
/// line; a last line without a line break is returned; a UTF-8 byte order
/// mark before the first line is dropped. Memory: the read buffer plus the
/// current line — a line longer than `maximumLineLength` is read past
/// without being kept and reported in ``skipped``, as is damage in a gzip file.
///
/// ```swift
/// let lines = try JSONLinesStream(path: "pages.jsonl")
/// while let record = lines.next() { ... }
/// for skip in lines.skipped { print(skip) }   // "pages.jsonl:12: line is ... over the ... cap"
/// ```
public final class JSONLinesStream {
    /// 64 MiB.
    public static let defaultMaximumLineLength = 64 << 20

    public let path: String
    public let maximumLineLength: Int
    /// Lines read past so far (over-long, or lost to damage), in file order.
    /// Check after ``next()`` returns nil, or drain as you go.
    public var skipped: [JSONLinesSkip] = []

    private let input: ByteInput
    private let buffer: UnsafeMutableRawBufferPointer
    private var head = 0
    private var tail = 0
    private var ended = false
    private var lineNumber = 0

    /// The read buffer's size, fixed at init.
    var bufferCapacity: Int { buffer.count }

    public init(path: String, maximumLineLength: Int = defaultMaximumLineLength,
                bufferCapacity: Int = 256 * 1024) throws(SourceOpenError) {
        self.path = path
        self.maximumLineLength = maximumLineLength
        input = try ByteInput.open(path: path)
        buffer = .allocate(byteCount: max(bufferCapacity, 16), alignment: 1)
    }

    deinit { buffer.deallocate() }

    /// The next non-blank line; nil at the end of the file.
    public func next() -> JSONLinesRecord? {
        while true {
            guard let (line, bytes) = nextLine() else { return nil }
            var slice = bytes[...]
            if line == 1, slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
            if slice.last == 0x0D { slice = slice.dropLast() }
            guard slice.contains(where: { $0 > 0x20 }) else { continue }
            return JSONLinesRecord(file: path, line: line, bytes: slice.count == bytes.count ? bytes : Array(slice))
        }
    }

    /// The next line's number and bytes (without the LF), skipping over-long ones.
    private func nextLine() -> (Int, [UInt8])? {
        var line: [UInt8] = []
        var length = 0
        var started = false
        while true {
            if head == tail {
                guard refill() else {
                    // End of file: a last line without a line break still counts.
                    guard started else { return nil }
                    lineNumber += 1
                    if length > maximumLineLength { noteOverlong(length); return nil }
                    return (lineNumber, line)
                }
            }
            started = true
            let available = UnsafeRawBufferPointer(rebasing: buffer[head..<tail])
            let newline = available.firstIndex(of: 0x0A)
            let end = newline.map { head + $0 } ?? tail
            let count = end - head
            if length + count <= maximumLineLength {
                line.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[head..<end]))
            } else if !line.isEmpty {
                line = []  // over the cap: stop keeping it, keep counting
            }
            length += count
            head = newline == nil ? tail : end + 1
            if newline != nil {
                lineNumber += 1
                if length > maximumLineLength {
                    noteOverlong(length)
                    line = []
                    length = 0
                    started = false
                    continue
                }
                return (lineNumber, line)
            }
        }
    }

    private func noteOverlong(_ length: Int) {
        skipped.append(JSONLinesSkip(file: path, line: lineNumber,
                                     reason: "line is \(length) bytes, over the \(maximumLineLength)-byte cap"))
    }

    /// Reads more into the (empty) buffer; false at the end.
    private func refill() -> Bool {
        head = 0
        tail = 0
        while !ended {
            switch input.read(into: buffer) {
            case .bytes(let count):
                tail = count
                return true
            case .end:
                ended = true
            case .damaged(let damage):
                // The line in progress and those lost with the damage have no
                // reliable number any more; report where, and go on.
                skipped.append(JSONLinesSkip(file: path, line: lineNumber + 1, reason: damage.message))
            }
        }
        return false
    }
}

/// Splits a JSON Lines file into records (blank lines are skipped).
enum JSONLinesReader {
    /// All records at once, for callers that want an array; prefer
    /// ``JSONLinesStream`` for large files. Over-long lines are dropped.
    static func records(in path: String) throws(IndexingError) -> [JSONLinesRecord] {
        let stream: JSONLinesStream
        do { stream = try JSONLinesStream(path: path) } catch { throw .noSuchPath(path) }
        var records: [JSONLinesRecord] = []
        while let record = stream.next() { records.append(record) }
        return records
    }
}
