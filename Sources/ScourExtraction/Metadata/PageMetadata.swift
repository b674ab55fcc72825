/// What a page says about itself outside its text — `<title>`, `og:*`,
/// `<meta name=date>`, `<link rel=canonical>`, `<html lang>` — gathered by
/// `MetadataCollector` and turned into the metadata of `ExtractedDocument`.
///
/// Kept apart from the text extraction so that pruning, which decides what
/// the text is, never has to know where a date or a language came from.
struct PageMetadata: Sendable, Equatable {
    /// The first `<title>`, whitespace collapsed.
    var title = ""
    /// The first `<h1>` outside the site's `header`/`nav` (or inside the
    /// article), whitespace collapsed.
    var firstHeading = ""
    var openGraphTitle = ""
    /// `og:site_name` or `application-name`.
    var siteName = ""
    /// The best `<meta>` date and its rank in `MetaDateNames` (lower wins).
    var metaDate: String?
    var metaDateRank = Int.max
    /// `itemprop="datePublished"` on any element.
    var itempropDate: String?
    /// The first `<time>` inside `article`/`main`.
    var articleTime: String?
    /// The first `<time>` anywhere.
    var anyTime: String?
    /// The first date labelled as the publication's in the text ("发布时间：
    /// 2025-12-01", "Posted on December 1, 2025") inside `article`/`main`,
    /// and the first anywhere outside links and the site's header.
    var articleLabelledDate: String?
    var labelledDate: String?

    /// The date the article states of itself: its `<time>`, else its
    /// labelled publication line, wherever pruning put that line. It goes
    /// ahead of dates merely seen in the text, and `HTMLExtractor` lets a
    /// dateline found above the content override the text's date only
    /// when this is nil.
    var statedDate: String? { articleTime ?? articleLabelledDate ?? labelledDate }
    var canonicalURL = ""
    /// The first `<base href>`.
    var baseURL = ""
    var openGraphURL = ""
    var htmlLanguage = ""
    var contentLanguage = ""

    /// Sets the title, date, canonical URL and language of `document` from
    /// what the page declared, falling back on its text for the date.
    func apply(to document: inout ExtractedDocument) {
        let url = canonicalURL.isEmpty ? openGraphURL : canonicalURL
        let cleaner = TitleCleaner(siteName: siteName, hostName: Self.host(of: url.isEmpty ? baseURL : url))
        if !title.isEmpty {
            document.title = cleaner.clean(title, heading: firstHeading, openGraphTitle: openGraphTitle)
        } else if !openGraphTitle.isEmpty {
            document.title = cleaner.clean(openGraphTitle, heading: firstHeading, openGraphTitle: "")
        }
        document.date = metaDate ?? itempropDate ?? statedDate
            ?? DateFinder.visibleDate(inText: document.text) ?? anyTime
        document.canonicalURL = url.isEmpty ? nil : url
        document.baseURL = baseURL.isEmpty ? nil : baseURL
        document.language = LanguageTag.normalised(htmlLanguage) ?? LanguageTag.normalised(contentLanguage)
    }

    /// The host of an absolute URL (`https://news.northfield.edu:8080/a` →
    /// `news.northfield.edu`), or empty.
    static func host(of url: String) -> String {
        guard let scheme = url.firstRange(of: "://") else { return "" }
        let rest = url[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@").last ?? ""
        return String(hostAndPort.prefix { $0 != ":" })
    }
}
