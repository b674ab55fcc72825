import Foundation
import ScourIndex

/// The groups a document's site template is learned in (see
/// `TemplateLearner`), most specific first.
///
/// - A page that names its URL (a canonical link, a JSON Lines `url`)
///   belongs to the URL's host: one site, whatever folder it was saved in.
/// - A file belongs to its folder and to every folder above it, up to the
///   indexed root (`./`): a crawl spreads one site over `news/2019/` and
///   `news/2025/`, which only learn together in `news/`.
/// - A JSON Lines record without a URL belongs to its file, `jsonl:<file>`.
enum TemplateGroups {
    static func forFile(documentPath: String, canonicalURL: String?) -> [String] {
        var groups: [String] = []
        if let host = host(of: canonicalURL) { groups.append(host) }
        var components = documentPath.split(separator: "/").dropLast()
        while !components.isEmpty {
            groups.append(components.joined(separator: "/") + "/")
            components = components.dropLast()
        }
        groups.append("./")
        return groups
    }

    /// A record with a URL (a WARC response, a JSON Lines line with `url`)
    /// belongs to the URL's folders up to its host, most specific first,
    /// like a file in a mirror: `host/news/2025/`, `host/news/`, `host`.
    static func forRecord(file: String, url: String?) -> [String] {
        guard let url, let host = host(of: url), let components = URLComponents(string: url) else {
            return ["jsonl:" + (file as NSString).lastPathComponent]
        }
        var folders = components.path.split(separator: "/", omittingEmptySubsequences: true).dropLast()
        var groups: [String] = []
        while !folders.isEmpty {
            groups.append(host + "/" + folders.joined(separator: "/") + "/")
            folders = folders.dropLast()
        }
        groups.append(host)
        return groups
    }

    /// The lowercased host without port, trailing dot or `www.`
    /// (``SiteTerms/host(of:)``: a page's template group is its site); nil
    /// when there is none.
    static func host(of url: String?) -> String? {
        url.flatMap(SiteTerms.host(of:))
    }
}
