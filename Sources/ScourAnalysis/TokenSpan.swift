/// Where a token came from: its position (for phrase matching) and its byte
/// range in the analysed UTF-8 text (for highlighting).
public struct TokenSpan: Sendable, Equatable {
    /// Token position; consecutive tokens have consecutive positions.
    public var position: Int
    /// UTF-8 byte offset of the token's first byte in the source text.
    public var start: Int
    /// UTF-8 byte offset just past the token's last byte.
    public var end: Int

    public init(position: Int, start: Int, end: Int) {
        self.position = position
        self.start = start
        self.end = end
    }
}

/// A term with its span, as returned by the convenience APIs.
public struct AnalyzedToken: Sendable, Equatable {
    public var term: String
    public var span: TokenSpan

    public init(term: String, span: TokenSpan) {
        self.term = term
        self.span = span
    }
}
