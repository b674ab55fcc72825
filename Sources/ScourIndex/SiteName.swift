/// Host names for `site:` searches: a page at `http://www.cs.cornell.edu/x`
/// is indexed under `cs.cornell.edu`, `cornell.edu` and `edu`, so that
/// `site:cornell.edu` finds it. Pure string work, no lookups.
public enum SiteName {
    /// The host of an absolute URL, lower-cased, without user info, port or
    /// a trailing dot: `https://User@WWW.Example.edu:8080/a` → `www.example.edu`;
    /// `[::1]` for IPv6. Nil for relative URLs and URLs without a host.
    public static func host(ofURL url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound]
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        var authority = url[schemeEnd.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host = normalized(authority)
        return host.isEmpty ? nil : host
    }

    /// The names a host is indexed under, most specific first:
    /// `www.cs.cornell.edu` → `["cs.cornell.edu", "cornell.edu", "edu"]`.
    ///
    /// Lower-cased; a port, a trailing dot and one leading `www.` are
    /// dropped (so `site:www.cornell.edu` and `site:cornell.edu` mean the
    /// same: pass the query's host through this too and use the first
    /// element). IP addresses and single names (`localhost`) are returned
    /// whole, never split. Empty for an empty host.
    public static func domains(ofHost host: String) -> [String] {
        var name = normalized(Substring(host))
        guard !name.isEmpty else { return [] }
        if name.hasPrefix("[") || isIPv4(name) { return [name] }
        if name.hasPrefix("www."), name.dropFirst(4).contains(".") { name.removeFirst(4) }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !labels.contains(where: \.isEmpty) else { return [name] }
        return labels.indices.map { labels[$0...].joined(separator: ".") }
    }

    /// Lower-cased, port and trailing dot dropped; IPv6 keeps its brackets.
    private static func normalized(_ authority: Substring) -> String {
        var host = authority
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") { host = host[...close] }
        } else if let colon = host.lastIndex(of: ":"), host[host.index(after: colon)...].allSatisfy(\.isNumber) {
            host = host[..<colon]
        }
        while host.hasSuffix(".") { host = host.dropLast() }
        return host.lowercased()
    }

    private static func isIPv4(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }
    }
}
