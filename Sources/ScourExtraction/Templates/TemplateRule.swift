/// When a line that recurs on several pages of a site counts as template
/// (chrome) rather than content. The numbers are what `TemplateLearner` and
/// `SiteTemplates` use; `standard` is tuned on Corpus/ and SciFact.
///
/// A line is a template line of a group of pages when
/// 1. the group has at least ``minimumPages`` pages (fewer pages cannot
///    tell a site's furniture from a coincidence), and
/// 2. the line is on at least `max(minimumCount, minimumShare × pages)` of
///    them — half the site: menus and footers are on nearly every page,
///    while a sentence several pages quote is on a few; and
/// 3. either it is short (at most ``shortWeight``, a menu entry, a site
///    name, an address, "Online QQ Service, Click here") and sits in the
///    leading or trailing part (see ``isLeading(_:of:)``) of at least
///    ``edgeShare`` of the pages that have it — a short table header or a
///    section title in the middle of articles is content; or it is long and
///    on at least ``longShare`` of the pages, always in the leading part or
///    always in the trailing part — a long disclaimer, not a quotation.
///
/// Credit lines are never template lines, and a page never loses more than
/// ``maximumStrippedShare`` of its lines: past that, the learned template is
/// probably wrong for that page, and it is kept whole.
public struct TemplateRule: Sendable, Equatable {
    public var minimumPages = 5
    public var minimumCount = 4
    public var minimumShare = 0.5
    public var shortWeight = 80
    public var edgeShare = 0.75
    public var longShare = 0.8
    public var maximumStrippedShare = 0.7

    public init() {}

    public static let standard = TemplateRule()

    /// The fewest pages of a group of `pages` that must hold a line.
    func minimumDocuments(pages: Int) -> Int {
        max(minimumCount, Int((Double(pages) * minimumShare).rounded(.up)))
    }

    /// The first third of a page's lines, and always its first four: where
    /// headers, menus, breadcrumbs and counters sit.
    func isLeading(_ index: Int, of count: Int) -> Bool { index < 4 || index * 3 < count }

    /// The last third of a page's lines, and always its last four: footers.
    func isTrailing(_ index: Int, of count: Int) -> Bool { isLeading(count - 1 - index, of: count) }

    /// Whether a line with these counts in a group of `pages` is a template line.
    func isTemplate(_ counts: LineCounts, pages: Int) -> Bool {
        let documents = Int(counts.documents)
        guard documents >= minimumDocuments(pages: pages) else { return false }
        if counts.weight <= shortWeight {
            let edges = Int(max(counts.leading, counts.trailing, counts.atEdge))
            return Double(edges) >= edgeShare * Double(documents)
        }
        return Double(documents) >= longShare * Double(pages)
            && (Int(counts.leading) == documents || Int(counts.trailing) == documents)
    }
}

/// How many pages of a group hold one line, and where.
struct LineCounts {
    var documents: Int32 = 0
    /// Pages where it is in the leading part, in the trailing part, in either.
    var leading: Int32 = 0
    var trailing: Int32 = 0
    var atEdge: Int32 = 0
    var weight: Int = 0
}
