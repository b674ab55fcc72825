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
    /// Publication date, ISO 8601 (`2026-01-10`), when the page states one;
    /// else the `Last-Modified` of a saved HTTP header block.
    public var date: String?
    /// The page's canonical URL (`<link rel=canonical>`, `og:url`), when given.
    public var canonicalURL: String?
    /// The page's `<base href>`, when given: the URL its relative links resolve against.
    public var baseURL: String?
    /// The URL in the `<!-- saved from url=(0042)http://… -->` mark that
    /// browsers write on "Save As": where a saved page came from.
    public var savedFromURL: String?
    /// The URL an HTTP header block saved in front of the page names:
    /// `Content-Location`, else a redirect's `Location`, else the request
    /// line's URL (absolute, or `Host:` plus path).
    public var headerURL: String?
    /// The page's language (`<html lang>`, `content-language`), lowercased, when given.
    public var language: String?
    /// Every block with the decision taken on it, when
    /// ``ExtractionOptions/explain`` was set; nil otherwise.
    public var explanation: [BlockDecision]?

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

/// Options of one extraction.
public struct ExtractionOptions: Sendable, Equatable {
    /// Keep all visible text: no chrome stripping, for users who want
    /// everything indexed.
    public var keepAll: Bool
    /// Record each block's keep/drop decision and its reason
    /// (`scour extract --explain`), so users can see why text went.
    public var explain: Bool
    /// Keep readers' comments where they are a page's discussion (a blog
    /// post's thread): people search for what was said there. False drops
    /// them with the rest of the chrome (`scour extract --no-comments`).
    public var keepComments: Bool

    /// Thread CPU seconds a page of up to 1 MiB may take before extraction
    /// gives up with ``ExtractionError/tooSlow``; a larger page gets it once
    /// per MiB, since honest extraction is linear. nil for no limit, 0 to
    /// refuse every page. Ordinary pages take milliseconds; the default
    /// only stops hostile markup from stalling a crawl. Checked between
    /// phases and inside page-long loops; libxml2's own parse is not
    /// interrupted, and `MarkupLimits` keeps it linear instead.
    public var cpuBudget: Double?

    public init(keepAll: Bool = false, explain: Bool = false, keepComments: Bool = true, cpuBudget: Double? = 10) {
        self.keepAll = keepAll
        self.explain = explain
        self.keepComments = keepComments
        self.cpuBudget = cpuBudget
    }
}

/// One block (a line of the layout) and what extraction decided about it.
public struct BlockDecision: Sendable, Equatable {
    public var text: String
    public var kept: Bool
    /// The rule or score behind the decision, in a few words a user can
    /// check: "inside <nav>", "link density 0.82", "copyright line",
    /// "content score 0.91", "template: on 38 of 40 pages of news/".
    public var reason: String

    public init(text: String, kept: Bool, reason: String) {
        self.text = text
        self.kept = kept
        self.reason = reason
    }
}
