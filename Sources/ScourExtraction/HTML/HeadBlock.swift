/// The lines between a page's headline and its first paragraph that are
/// about the article rather than of it: the headline itself (the page's
/// `<title>` already holds it, so findability is kept) and the dateline
/// (the document's date keeps it). Asked only about kept lines above the
/// first paragraph of prose.
struct HeadBlock {
    /// Lines shorter than this are not taken for the headline ("News").
    static let minimumHeadline = 15

    private let title: String
    private var lowercasedTitle: LowercasedLine?

    init(title: String) {
        self.title = title
    }

    /// The fate of a line above the first paragraph, or nil to keep it.
    /// A byline stays, date and all: people search for authors' names.
    mutating func fate(of shape: LineShape, isHeading: Bool) -> LineFate? {
        if shape.characters >= Self.minimumHeadline, !title.isEmpty {
            if lowercasedTitle == nil { lowercasedTitle = LowercasedLine(title) }
            if lowercasedTitle!.contains(LowercasedLine(shape.text).bytes) { return .headline }
        }
        if !isHeading, Byline.isDateline(shape), !Byline.namesAuthor(LowercasedLine(shape.text)) { return .dateline }
        return nil
    }
}
