/// What the manifest records of one segment.
public struct SegmentInfo: Codable, Sendable, Equatable {
    /// File name inside the index directory.
    public var name: String
    public var documents: Int
    public var terms: Int
    /// File size, checked when the segment is opened.
    public var bytes: Int
    /// The segment file's CRC-32 (its last four bytes), checked against the
    /// file when it is opened; the whole file is checksummed when written
    /// and by `scour check`. Nil in manifests written before version 2.
    public var checksum: UInt32?
    /// The segment's current deletion file (see ``DeletedDocuments``), nil
    /// when none of its documents was deleted.
    public var deletions: String?
    /// Documents marked in ``deletions``.
    public var deleted: Int?

    public init(name: String, documents: Int, terms: Int, bytes: Int, checksum: UInt32? = nil,
                deletions: String? = nil, deleted: Int? = nil) {
        self.name = name
        self.documents = documents
        self.terms = terms
        self.bytes = bytes
        self.checksum = checksum
        self.deletions = deletions
        self.deleted = deleted
    }

    /// Documents not deleted.
    public var liveDocuments: Int { documents - (deleted ?? 0) }
}
