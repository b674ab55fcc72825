/// A passage of a document with the query's matches marked.
public struct Snippet: Sendable, Equatable {
    /// The passage, on one line; "…" marks where it was cut.
    public var text: String
    /// Matched spans as UTF-8 byte offsets into ``text``, ascending and
    /// non-overlapping; a phrase match is one span.
    public var highlights: [Range<Int>]

    public init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    /// The text with each highlight wrapped in `open` … `close`, e.g.
    /// `"["`/`"]"` for plain output or ANSI bold for a terminal.
    /// The text with each highlight wrapped in `open` … `close`, every
    /// piece of the text passed through `escape` first (HTML: the text
    /// escaped, the marks not).
    public func marked(open: String, close: String, escaping escape: (String) -> String) -> String {
        let bytes = Array(text.utf8)
        var result = "", position = 0
        func piece(_ range: Range<Int>) -> String { escape(String(decoding: bytes[range], as: UTF8.self)) }
        for range in highlights where range.lowerBound >= position && range.upperBound <= bytes.count {
            result += piece(position..<range.lowerBound) + open + piece(range) + close
            position = range.upperBound
        }
        return result + piece(position..<bytes.count)
    }

    public func marked(open: String, close: String) -> String {
        var bytes = Array(text.utf8)
        for range in highlights.reversed() where range.upperBound <= bytes.count {
            bytes.insert(contentsOf: Array(close.utf8), at: range.upperBound)
            bytes.insert(contentsOf: Array(open.utf8), at: range.lowerBound)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
