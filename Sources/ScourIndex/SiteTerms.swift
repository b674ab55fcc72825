/// Site terms: a document's host and its parent domains, indexed in the url
/// field so that `site:cornell.edu` is one posting-list lookup rather than a
/// scan of every stored URL.
///
/// A site term is ``marker`` followed by a domain (`"\u{1}cs.cornell.edu"`,
/// `"\u{1}cornell.edu"`, `"\u{1}edu"`). The analyzer drops control
/// characters, so no word of any text, and no prefix or fuzzy expansion of a
/// query word, can ever produce or reach one. The builder adds them without
/// positions and without counting them in the url field's length, so BM25F
/// lengths and phrases are exactly what they would be without them.
///
/// Cost: per document, a few short strings (one per domain level); nothing
/// per token.
package enum SiteTerms {
    /// The first character of every site term.
    package static let marker: Character = "\u{1}"
    /// ``marker``'s byte, which starts every site term's UTF-8.
    static let markerByte: UInt8 = 1

    /// The index term that stands for `domain` (already normalised).
    package static func term(forDomain domain: String) -> String {
        String(marker) + domain
    }

    /// The site terms of a document whose URLs are `urls` (its URL and its
    /// aliases), without duplicates, most specific first. URLs without a
    /// scheme (a file's path) contribute nothing.
    static func terms(forURLs urls: [String]) -> [String] {
        var seen: Set<String> = []
        var terms: [String] = []
        for url in urls {
            guard let host = SiteName.host(ofURL: url) else { continue }
            for domain in SiteName.domains(ofHost: host) where seen.insert(domain).inserted {
                terms.append(term(forDomain: domain))
            }
        }
        return terms
    }

    /// The site of an absolute URL: its host as ``SiteName`` reads it
    /// (lowercased, without user info, port or trailing dot), without one
    /// leading `www.`; nil when `url` has no scheme or no host.
    ///
    ///     host(of: "http://WWW.cs.Example.edu:8080/~smith/") == "cs.example.edu"
    package static func host(of url: String) -> String? {
        // `domains(ofHost:).first` for a host that is already normalised.
        SiteName.host(ofURL: url).flatMap(SiteName.withoutLeadingWWW)
    }

    /// What a user wrote after `site:` (or `--site`), as the domain to look
    /// up: `www.Example.com`, `example.com/news`, `http://example.com:8080/`
    /// and `.example.com` all give `example.com`. Nil when nothing is left.
    package static func normalizedSite(_ text: String) -> String? {
        if text.contains("://") { return host(of: text) }
        var site = Substring(text)
        if let end = site.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { site = site[..<end] }
        while site.first == "." { site = site.dropFirst() }
        return SiteName.domains(ofHost: String(site)).first
    }
}
