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

    public init(path: String, title: String, text: String, format: String = "text", fingerprint: UInt64 = 0) {
        self.path = path
        self.title = title
        self.text = text
        self.format = format
        self.fingerprint = fingerprint
    }
}

/// Token counts of a document's fields, the lengths BM25 normalises by.
public struct FieldLengths: Sendable, Equatable {
    public var title: UInt32
    public var body: UInt32

    public init(title: UInt32, body: UInt32) {
        self.title = title
        self.body = body
    }
}
