import ScourPrimitives

/// Host names for `site:` searches: a page at `http://www.cs.cornell.edu/x`
/// is indexed under `cs.cornell.edu`, `cornell.edu` and `edu`, so that
/// `site:cornell.edu` finds it. Pure string work, no lookups.
public enum SiteName {
    /// The host of an absolute URL, lower-cased, without user info, port or
    /// a trailing dot: `https://User@WWW.Example.edu:8080/a` → `www.example.edu`;
    /// `[::1]` for IPv6. Nil for relative URLs and URLs without a host.
    public static func host(ofURL url: String) -> String? {
        var url = url
        // An ASCII URL (nearly all) is read as bytes: Foundation's
        // `range(of:)` and Character iteration cost tens of thousands of
        // instructions a URL, on every page indexed and every hit shown.
        if case .some(let host) = url.withUTF8({ asciiHost(ofURL: $0) }) { return host }
        return hostOfAnyURL(url)
    }

    /// The host of `url` when its scheme and authority are ASCII (`.some(nil)`:
    /// it has none); `.none` when the general reading is needed.
    static func asciiHost(ofURL url: UnsafeBufferPointer<UInt8>) -> String?? {
        // The first "://".
        var schemeEnd = -1
        var i = 0
        while i + 2 < url.count {
            if url[i] == UInt8(ascii: ":") && url[i + 1] == UInt8(ascii: "/") && url[i + 2] == UInt8(ascii: "/") {
                schemeEnd = i
                break
            }
            if url[i] >= 0x80 { return .none }
            i += 1
        }
        guard schemeEnd >= 0 else { return url.contains { $0 >= 0x80 } ? .none : .some(nil) }
        guard schemeEnd > 0, url[..<schemeEnd].allSatisfy({ ASCIIBytes.isAlphanumeric($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
        else { return .some(nil) }
        var start = schemeEnd + 3
        var end = start
        while end < url.count, url[end] != UInt8(ascii: "/"), url[end] != UInt8(ascii: "?"), url[end] != UInt8(ascii: "#") {
            if url[end] >= 0x80 { return .none }
            end += 1
        }
        if let at = url[start..<end].lastIndex(of: UInt8(ascii: "@")) { start = at + 1 }
        // Normalised as `normalized(_:)` does.
        if start < end && url[start] == UInt8(ascii: "[") {
            if let close = url[start..<end].firstIndex(of: UInt8(ascii: "]")) { end = close + 1 }
        } else if let colon = url[start..<end].lastIndex(of: UInt8(ascii: ":")),
                  url[(colon + 1)..<end].allSatisfy(ASCIIBytes.isDigit) {
            end = colon
        }
        while end > start && url[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard end > start else { return .some(nil) }
        return .some(String(decoding: url[start..<end].map(ASCIIBytes.lower), as: UTF8.self))
    }

    /// ``host(ofURL:)`` for any URL, read as characters.
    static func hostOfAnyURL(_ url: String) -> String? {
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
        var host = host
        if let fast = host.withUTF8({ asciiDomains(ofHost: $0) }) { return fast }
        return generalDomains(ofHost: host)
    }

    /// ``domains(ofHost:)`` for any host, read as characters.
    static func generalDomains(ofHost host: String) -> [String] {
        var name = normalized(Substring(host))
        guard !name.isEmpty else { return [] }
        if name.hasPrefix("[") || isIPv4(name) { return [name] }
        if name.hasPrefix("www."), name.dropFirst(4).contains(".") { name.removeFirst(4) }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !labels.contains(where: \.isEmpty) else { return [name] }
        return labels.indices.map { labels[$0...].joined(separator: ".") }
    }

    /// ``domains(ofHost:)`` read as bytes, for an ASCII host that needs no
    /// normalising but lower-casing (nearly all); nil otherwise.
    static func asciiDomains(ofHost host: UnsafeBufferPointer<UInt8>) -> [String]? {
        guard !host.isEmpty, host.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: "[") }),
              host.last != UInt8(ascii: ".") else { return nil }
        let name = host.map(ASCIIBytes.lower)
        let dots = name.indices.filter { name[$0] == UInt8(ascii: ".") }
        let isIPv4 = dots.count == 3 && name.allSatisfy { ASCIIBytes.isDigit($0) || $0 == UInt8(ascii: ".") }
        if isIPv4 { return nil }   // the general check (each part at most 255)
        var start = 0
        if name.starts(with: Array("www.".utf8)), dots.count > 1 { start = 4 }
        let labelStarts = [start] + dots.filter { $0 >= start }.map { $0 + 1 }
        // An empty label (a leading dot, two dots in a row): the name whole.
        let ends = dots.filter { $0 >= start } + [name.count]
        guard zip(labelStarts, ends).allSatisfy({ $0 < $1 }) else { return [String(decoding: name[start...], as: UTF8.self)] }
        return labelStarts.map { String(decoding: name[$0...], as: UTF8.self) }
    }

    /// A host as ``host(ofURL:)`` gives it, without one leading `www.` when
    /// a dot follows: the first of its ``domains(ofHost:)``.
    static func withoutLeadingWWW(_ host: String) -> String? {
        // A colon, a trailing dot or a non-ASCII byte left: the general way,
        // which normalises again (`a.b:80:90` → `a.b:80` → `a.b`).
        guard host.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: ":") }), host.utf8.last != UInt8(ascii: "."),
              !host.hasPrefix("[") else { return domains(ofHost: host).first }
        return host.hasPrefix("www.") && host.utf8.dropFirst(4).contains(UInt8(ascii: ".")) ? String(host.dropFirst(4)) : host
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
