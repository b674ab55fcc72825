/// What the manifest records of one segment.
public struct SegmentInfo: Codable, Sendable, Equatable {
    /// File name inside the index directory.
    public var name: String
    public var documents: Int
    public var terms: Int
    /// File size, checked when the segment is opened.
    public var bytes: Int

    public init(name: String, documents: Int, terms: Int, bytes: Int) {
        self.name = name
        self.documents = documents
        self.terms = terms
        self.bytes = bytes
    }
}
