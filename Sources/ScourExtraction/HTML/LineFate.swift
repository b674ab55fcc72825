/// What HTML extraction decided about one line of a `PageLayout`, and why.
///
/// A small value per line, so deciding costs no strings; `description` is
/// built only when a caller asked for an explanation.
enum LineFate: Sendable, Equatable {
    /// Kept by the main-content pass: inside the best container, or a
    /// sibling block that scores like content (`score` relative to the best).
    case mainContent
    case besideMainContent(score: Float)
    /// Kept as another part of a split article: a box elsewhere with the
    /// main container's element and class (`score` relative to the best).
    case splitPart(score: Float)
    /// A reader's comment in the page's discussion (`Discussion`).
    case comment
    /// Kept by a pass that does not look for main content.
    case kept(BoilerplatePruner.Pass)
    /// Kept because the caller asked for all visible text.
    case keptAll
    /// Inside a chrome region (an index into `PageLayout.regions`).
    case region(Int32)
    /// A short link line in a link-dense box: a menu entry.
    case navigation(linkDensity: Float)
    /// Between `htdig_noindex` or `googleoff` comments.
    case noIndex
    /// Outside the main content; `score` of its block relative to the best one.
    case outsideMainContent(score: Float, threshold: Float)
    /// In a box inside the main content that reads as a teaser or link list.
    case linkList(linkDensity: Float)
    /// In a box inside the main content whose class names side content.
    case sideContent
    /// A `figure` caption.
    case caption
    /// Below a "You may also like" heading, in the box that holds it.
    case teaserBlock
    /// Dropped by a line rule (copyright, trail, counter…).
    case chromeLine(ChromeLineFilter.Rule)
    /// Part of a footer block below the last paragraph.
    case footerBlock
    /// A sentence-long line seen before.
    case repeated
    /// Above the first paragraph, the headline again: the page's title has it.
    case headline

    var isKept: Bool {
        switch self {
        case .mainContent, .besideMainContent, .splitPart, .comment, .kept, .keptAll: true
        default: false
        }
    }

    /// The reason a user reads: "inside <nav>", "link density 0.82".
    func description(in layout: PageLayout) -> String {
        switch self {
        case .mainContent: return "kept: main content"
        case .besideMainContent(let score): return "kept: beside the main content (score \(Self.format(score)))"
        case .splitPart(let score):
            return "kept: another part of the main content (same element and class, score \(Self.format(score)))"
        case .comment: return "kept: a reader's comment (--no-comments drops it)"
        case .kept(.main), .kept(.strict): return "kept: no main content found, chrome rules only"
        case .kept(.gentle): return "kept: gentle pass (the strict ones left too little)"
        case .kept(.everything): return "kept: all text (every pass left too little)"
        case .keptAll: return "kept: keep all"
        case .region(let index):
            let region = layout.regions[Int(index)]
            let label = Int(index) < layout.regionLabels.count ? layout.regionLabels[Int(index)] : "\(region.kind)"
            return label.hasPrefix("<") || label.hasPrefix("role") ? "inside \(label)" : label
        case .navigation(let density): return "menu entry: link density \(Self.format(density))"
        case .noIndex: return "inside <!--htdig_noindex-->"
        case .outsideMainContent(let score, let threshold) where score < threshold:
            return "outside the main content (score \(Self.format(score)) < \(Self.format(threshold)))"
        case .outsideMainContent(let score, _):
            return "outside the main content (a block elsewhere, score \(Self.format(score)))"
        case .linkList(let density): return "link list in the content: link density \(Self.format(density))"
        case .sideContent: return "class names side content"
        case .caption: return "figure caption"
        case .teaserBlock: return "teasers below a \"You may also like\" heading"
        case .chromeLine(let rule): return rule.description
        case .footerBlock: return "footer block after the last paragraph"
        case .repeated: return "repeats an earlier line"
        case .headline: return "headline above the content (the title holds it)"
        }
    }

    private static func format(_ value: Float) -> String {
        guard value.isFinite else { return "?" }
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
