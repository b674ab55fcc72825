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
            guard let host = host(of: url) else { continue }
            for domain in domains(of: host) where seen.insert(domain).inserted {
                terms.append(term(forDomain: domain))
            }
        }
        return terms
    }

    /// The host of an absolute URL (`scheme://[user@]host[:port]/…`),
    /// lowercased, without port, trailing dot or leading `www.`; nil when
    /// `url` has no scheme or no host.
    ///
    ///     host(of: "http://WWW.cs.Example.edu:8080/~smith/") == "cs.example.edu"
    package static func host(of url: String) -> String? {
        guard let scheme = url.range(of: "://"), url[..<scheme.lowerBound].allSatisfy(isSchemeCharacter),
              scheme.lowerBound > url.startIndex
        else { return nil }
        var authority = url[scheme.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return normalizedHost(authority)
    }

    /// `host` and each parent domain: `cs.cornell.edu` → `cs.cornell.edu`,
    /// `cornell.edu`, `edu`. An IP address is only itself: its "parents"
    /// (`168.1.10`) would name nothing.
    static func domains(of host: String) -> [String] {
        guard !host.isEmpty else { return [] }
        if host.hasPrefix("[") || host.allSatisfy({ $0 == "." || $0.isASCII && $0.isNumber }) { return [host] }
        var domains = [host]
        var rest = Substring(host)
        while let dot = rest.firstIndex(of: ".") {
            rest = rest[rest.index(after: dot)...]
            if !rest.isEmpty { domains.append(String(rest)) }
        }
        return domains
    }

    /// What a user wrote after `site:` (or `--site`), as the domain to look
    /// up: `www.Example.com`, `example.com/news`, `http://example.com:8080/`
    /// and `.example.com` all give `example.com`. Nil when nothing is left.
    package static func normalizedSite(_ text: String) -> String? {
        if text.contains("://") { return host(of: text) }
        var site = Substring(text)
        if let end = site.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { site = site[..<end] }
        while site.first == "." { site = site.dropFirst() }
        return normalizedHost(site)
    }

    /// Lowercased, without port, trailing dot or leading `www.`.
    private static func normalizedHost(_ text: Substring) -> String? {
        var host = text
        if host.hasPrefix("[") {
            // An IPv6 literal: keep the brackets, drop the port after them.
            if let close = host.firstIndex(of: "]") { host = host[...close] }
        } else if let colon = host.firstIndex(of: ":") {
            host = host[..<colon]
        }
        while host.last == "." { host = host.dropLast() }
        var lowered = host.lowercased()
        if lowered.hasPrefix("www.") && lowered.count > 4 { lowered.removeFirst(4) }
        return lowered.isEmpty ? nil : lowered
    }

    private static func isSchemeCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "+" || character == "-" || character == ".")
    }
}
