/// The headline above a page's first paragraph: the page's `<title>`
/// already holds it, so findability is kept. (Datelines there are
/// `ChromeLineFilter`'s header-zone rules, shared with plain text.) Asked
/// only about kept lines above the first paragraph of prose.
struct HeadBlock {
    /// Lines shorter than this are not taken for the headline ("News").
    static let minimumHeadline = 15

    private let title: String
    private var lowercasedTitle: LowercasedLine?

    init(title: String) {
        self.title = title
    }

    /// The fate of a line above the first paragraph, or nil to keep it.
    mutating func fate(of shape: LineShape) -> LineFate? {
        if shape.characters >= Self.minimumHeadline, !title.isEmpty {
            if lowercasedTitle == nil { lowercasedTitle = LowercasedLine(title) }
            if lowercasedTitle!.contains(LowercasedLine(shape.text).bytes) { return .headline }
        }
        return nil
    }
}
