/// What the index keeps of each document besides its postings: enough to
/// show a result (path, title, snippet text) and to notice later whether the
/// source changed.
public struct StoredDocument: Sendable, Equatable {
    /// The document's identity in results: a file's path relative to the
    /// indexed folder, or an id given by the source.
    public var path: String
    public var title: String
    /// The extracted text, one block per line; snippets are cut from it.
    public var text: String
    /// `"html"` or `"text"`: what the source turned out to be.
    public var format: String
    /// A hash of the source bytes, for incremental reindexing.
    public var fingerprint: UInt64
    /// The headings among the text's lines, indexed as a field of their own.
    public var headings: [String]
    /// The page's URL, or for a file its path: its words are indexed in the
    /// url field. Empty when unknown (a JSON Lines record without `url`).
    public var url: String
    /// Publication date (ISO 8601 `yyyy-MM-dd`), shown in results; empty when unknown.
    public var date: String
    /// The page's canonical URL, when it declares one; else empty.
    public var canonicalURL: String
    /// The page's declared language (lowercased), when known; else empty.
    public var language: String

    public init(path: String, title: String, text: String, format: String = "text", fingerprint: UInt64 = 0,
                headings: [String] = [], url: String = "", date: String = "", canonicalURL: String = "",
                language: String = "") {
        self.path = path
        self.title = title
        self.text = text
        self.format = format
        self.fingerprint = fingerprint
        self.headings = headings
        self.url = url
        self.date = date
        self.canonicalURL = canonicalURL
        self.language = language
    }

    /// The text indexed in the url field: the URL (or path) without scheme,
    /// `www.` and file extension, so "robotics-lab-opens.html" gives
    /// "robotics lab opens".
    var urlWords: String {
        var source = url
        if let scheme = source.range(of: "://") { source = String(source[scheme.upperBound...]) }
        if source.hasPrefix("www.") { source.removeFirst(4) }
        if let dot = source.lastIndex(of: "."), let slash = source.lastIndex(of: "/").map({ source.index(after: $0) }) ?? Optional(source.startIndex),
           dot > slash, source.distance(from: dot, to: source.endIndex) <= 6 {
            source = String(source[..<dot])
        }
        return source
    }
}
