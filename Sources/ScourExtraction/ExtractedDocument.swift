/// What the extractor keeps of one page: the text Scour indexes and shows.
///
/// `text` holds the page's own content with its block structure kept as
/// lines: each paragraph, heading, list item or table cell is one line,
/// separated by `"\n"`. Page chrome (menus, breadcrumbs, footers, copyright
/// lines, counters, share widgets) is already gone.
public struct ExtractedDocument: Sendable, Equatable {
    /// The page title: `<title>`, else the first `<h1>`, else the first
    /// content line of a plain-text page. Empty only when the page has none.
    public var title: String
    /// The content, one block per line.
    public var text: String
    /// What the bytes turned out to be, whatever the file was called.
    public var format: SourceFormat
    /// The character encoding the bytes were decoded with (e.g. `"UTF-8"`,
    /// `"GB18030"`, `"windows-1252"`).
    public var encoding: String
    /// The kept lines that were headings (`h1`…`h6`), in page order. They
    /// are also lines of ``text``; ranking gives them a field of their own.
    public var headings: [String] = []

    public init(title: String, text: String, format: SourceFormat, encoding: String) {
        self.title = title
        self.text = text
        self.format = format
        self.encoding = encoding
    }
}

/// The kind of source a page was read as.
public enum SourceFormat: String, Sendable, Equatable, Codable {
    case html
    case plainText = "text"
}
