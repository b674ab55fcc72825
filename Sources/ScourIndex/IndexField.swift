/// The fields a document is indexed in. Each has its own term frequencies
/// and length, so ranking can weigh and normalise them separately (BM25F).
///
/// All fields share one position space per document, laid out as
/// title, headings, url, body with a one-position gap between them, so a
/// phrase never matches across two fields.
public enum IndexField: Int, CaseIterable, Sendable, Codable {
    /// The page title.
    case title = 0
    /// Section headings (`h1`…`h6`) kept by extraction; also part of the body.
    case headings = 1
    /// The body text: everything extraction kept.
    case body = 2
    /// Words of the URL path (or of the file path, for files).
    case url = 3

    /// The order fields take in a document's position space.
    static let positionOrder: [IndexField] = [.title, .headings, .url, .body]

    /// The field's name in the query language (`title:word`).
    public var name: String {
        switch self {
        case .title: "title"
        case .headings: "headings"
        case .body: "body"
        case .url: "url"
        }
    }
}

/// One count per field: token lengths of a document, or frequencies of a
/// term in it.
public struct FieldCounts: Sendable, Equatable {
    public var title: UInt32
    public var headings: UInt32
    public var body: UInt32
    public var url: UInt32

    public init(title: UInt32 = 0, headings: UInt32 = 0, body: UInt32 = 0, url: UInt32 = 0) {
        self.title = title
        self.headings = headings
        self.body = body
        self.url = url
    }

    public subscript(field: IndexField) -> UInt32 {
        get {
            switch field {
            case .title: title
            case .headings: headings
            case .body: body
            case .url: url
            }
        }
        set {
            switch field {
            case .title: title = newValue
            case .headings: headings = newValue
            case .body: body = newValue
            case .url: url = newValue
            }
        }
    }

    /// Sum over all fields (saturating: counts come from disk, and a damaged
    /// file must not trap).
    public var total: UInt32 {
        UInt32(clamping: UInt64(title) + UInt64(headings) + UInt64(body) + UInt64(url))
    }

    /// The first position of each field, given these lengths (see
    /// ``IndexField`` for the layout).
    public func fieldStarts() -> FieldCounts {
        var starts = FieldCounts()
        var next: UInt32 = 0
        for field in IndexField.positionOrder {
            starts[field] = next
            next = next &+ self[field] &+ 1  // wraps only for a damaged segment's lengths
        }
        return starts
    }

    /// The field a position belongs to, given these lengths.
    @inline(__always)
    public func field(ofPosition position: UInt32) -> IndexField {
        // title, headings, url, body — each followed by a gap.
        var end = title
        if position < end { return .title }
        end = end &+ 1 &+ headings
        if position < end { return .headings }
        end = end &+ 1 &+ url
        if position < end { return .url }
        return .body
    }
}
