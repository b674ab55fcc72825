import ScourPrimitives

/// Recovers a page's web address from where a crawler saved it.
///
/// A pure function of path components (no file access), so it is cheap
/// (one pass over the name) and can be tested without a crawl. Layouts:
///
/// - **wget** (`wget -m`, `wget -r`) and **HTTrack** save
///   `HOST/path/file`: `www.example.edu/news/a.html` →
///   `http://www.example.edu/news/a.html`. HOST is the first folder under
///   the root, or, when the user indexes `mirror/www.example.edu` (or a
///   folder inside it) directly, the nearest such folder in the root's own
///   real path. A host is a dotted name with a known top-level domain
///   (every two-letter country code, the common generic ones, `xn--`), an
///   IPv4 address, or `localhost`, each with an optional `:port` (`+port`
///   when wget ran with `--restrict-file-names=windows`, `_port` as HTTrack
///   writes it).
/// - `wget -E` names (`news.php.html`, `item.php?id=7.html`) lose the
///   `.html` it added.
/// - `index.html` / `index.htm` is the folder itself (`news/index.html` →
///   `http://host/news/`): wget names a folder's page so.
/// - A `?` in the name is the query wget kept (`newsitem.aspx?id=7`,
///   `files/index.html?C=M;O=A` → `http://host/files/?C=M;O=A`).
/// - wget's duplicate suffixes `.1`, `.2` (`page.html.1`) are dropped when
///   the name before them ends in a plausible extension.
/// - `%XX` escapes stay as written (wget writes them); other bytes a URL
///   cannot hold (space, non-ASCII, `"<>\^`{|}`, controls) are escaped.
/// - **Flattened names**, one file per URL: `http:^^www.cs.example.edu^~smith^`
///   (WebKB's "4 universities" set: `^` for `/`; `http_^^` after a
///   Windows copy) and `http%3A%2F%2Fhost%2Fpath` (a URL escaped whole).
///
/// The scheme is `http` unless the name says otherwise: a folder mirror
/// does not record whether the site was fetched over https.
///
/// HTTrack also renames pages it fetched with a query (`page4b2c.html`) and
/// may change extensions (`.php` → `.html`); for those the recovered address
/// is where the copy sits, not where the page was.
public enum MirrorURL {
    /// The address for a file at `relative` (components under the root, the
    /// file name last) below a root whose real path has `rootComponents`;
    /// nil when no host can be found.
    public static func url(rootComponents: [[UInt8]], relative: [[UInt8]]) -> String? {
        guard let name = relative.last, !name.isEmpty else { return nil }
        if let flat = flattened(name) { return flat }
        var folders: ArraySlice<[UInt8]>
        let host: [UInt8]
        if relative.count >= 2, isHost(relative[0]) {
            host = relative[0]
            folders = relative[1..<(relative.count - 1)]
        } else if let index = rootComponents.lastIndex(where: isHost) {
            host = rootComponents[index]
            folders = ArraySlice(Array(rootComponents[(index + 1)...]) + relative.dropLast())
        } else {
            return nil
        }
        var url = "http://" + hostText(host) + "/"
        for folder in folders { url += escaped(folder, allowing: pathCharacters) + "/" }
        var file = withoutAdjustedExtension(withoutDuplicateSuffix(name))
        var query: [UInt8]? = nil
        if let mark = file.firstIndex(of: UInt8(ascii: "?")) {
            query = Array(file[(mark + 1)...])
            file = Array(file[..<mark])
        }
        if !isFolderPage(file) { url += escaped(file, allowing: pathCharacters) }
        if let query { url += "?" + escaped(query, allowing: queryCharacters) }
        return url
    }

    /// Convenience over ``url(rootComponents:relative:)`` for text paths:
    /// `relative` is split on `/`; `root` is the root's real (absolute) path.
    public static func url(relative: String, root: String = "") -> String? {
        url(rootComponents: RawPath.components(Array(root.utf8)), relative: RawPath.components(Array(relative.utf8)))
    }

    /// True when a folder name reads as a host name a crawler would write.
    public static func isHost(_ component: [UInt8]) -> Bool {
        var name = component[...]
        if let separator = name.lastIndex(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "_") }) {
            let port = name[(separator + 1)...]
            guard !port.isEmpty, port.count <= 5, port.allSatisfy(isDigit) else { return false }
            name = name[..<separator]
        }
        let lower = Array(name.map(ASCIIBytes.lower))
        if lower.elementsEqual("localhost".utf8) { return true }
        let labels = lower.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, lower.count <= 253 else { return false }
        if labels.count == 4, labels.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(isDigit) }) {
            return labels.allSatisfy { Int(String(decoding: $0, as: UTF8.self))! <= 255 }
        }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        let tld = String(decoding: labels.last!, as: UTF8.self)
        if tld.hasPrefix("xn--") { return true }
        guard tld.utf8.allSatisfy(isLetter) else { return false }
        return tld.utf8.count == 2 ? countryCodes.contains(tld) : genericDomains.contains(tld)
    }

    // MARK: - Names

    /// `host:port` as wget writes it; `host+port` (wget's Windows-safe
    /// names) and `host_port` (HTTrack's) turned back to `host:port`.
    private static func hostText(_ host: [UInt8]) -> String {
        var text = String(decoding: host.map(ASCIIBytes.lower), as: UTF8.self)
        if let mark = text.lastIndex(where: { $0 == "+" || $0 == "_" }) { text.replaceSubrange(mark...mark, with: ":") }
        return text
    }

    /// Server-side extensions after which `wget -E` (`--adjust-extension`)
    /// appends `.html`: `news.php` is saved as `news.php.html`.
    private static let serverExtensions: Set<String> = [
        "php", "php3", "php4", "php5", "phtml", "asp", "aspx", "jsp", "jspx", "cfm", "cgi", "pl", "py", "shtml", "do", "action",
    ]

    /// `news.php.html` → `news.php`, `item.php?id=7.html` → `item.php?id=7`:
    /// the `.html` that `wget -E` adds to a page whose URL did not end in it.
    /// A name like `plain.html` (for `/plain`) cannot be told apart from a
    /// real `.html` page and is kept.
    private static func withoutAdjustedExtension(_ name: [UInt8]) -> [UInt8] {
        let lower = name.map(ASCIIBytes.lower)
        guard lower.count > 5, lower.suffix(5).elementsEqual(".html".utf8) else { return name }
        let before = Array(name.dropLast(5))
        if before.contains(UInt8(ascii: "?")) { return before }
        guard let dot = before.lastIndex(of: UInt8(ascii: ".")) else { return name }
        let ext = String(decoding: before[(dot + 1)...].map(ASCIIBytes.lower), as: UTF8.self)
        return serverExtensions.contains(ext) ? before : name
    }

    private static func isFolderPage(_ file: [UInt8]) -> Bool {
        let lower = file.map(ASCIIBytes.lower)
        return lower.elementsEqual("index.html".utf8) || lower.elementsEqual("index.htm".utf8)
    }

    /// `page.html.1` → `page.html`; `version.1`, `item.php?v=1.2` unchanged.
    private static func withoutDuplicateSuffix(_ name: [UInt8]) -> [UInt8] {
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot + 1 < name.count,
              name[(dot + 1)...].allSatisfy(isDigit) else { return name }
        let before = name[..<dot]
        guard let innerDot = before.lastIndex(of: UInt8(ascii: ".")), innerDot > before.startIndex else { return name }
        let ext = before[(innerDot + 1)...]
        guard (1...6).contains(ext.count), ext.allSatisfy({ isLetter($0) || isDigit($0) }), ext.contains(where: isLetter)
        else { return name }
        return Array(before)
    }

    /// A whole URL flattened into one file name, or nil.
    private static func flattened(_ name: [UInt8]) -> String? {
        let lower = name.map(ASCIIBytes.lower)
        for scheme in ["http", "https"] {
            for marker in [":^^", "_^^"] where lower.starts(with: (scheme + marker).utf8) {
                let rest = name[(scheme.utf8.count + marker.utf8.count)...].map { $0 == UInt8(ascii: "^") ? UInt8(ascii: "/") : $0 }
                return assemble(scheme: scheme, Array(rest))
            }
            let escapedPrefix = scheme + "%3a%2f%2f"
            if lower.starts(with: escapedPrefix.utf8) {
                var rest: [UInt8] = []
                var index = escapedPrefix.utf8.count
                while index < name.count {
                    if name[index] == UInt8(ascii: "%"), index + 2 < name.count {
                        let code = String(decoding: lower[(index + 1)...(index + 2)], as: UTF8.self)
                        if let structural = ["2f": "/", "3a": ":", "3f": "?"][code] {
                            rest.append(structural.utf8.first!)
                            index += 3
                            continue
                        }
                    }
                    rest.append(name[index])
                    index += 1
                }
                return assemble(scheme: scheme, rest)
            }
        }
        return nil
    }

    /// `scheme://` + `rest` (host, then path and query), escaped.
    private static func assemble(scheme: String, _ rest: [UInt8]) -> String? {
        let hostEnd = rest.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) ?? rest.count
        let host = Array(rest[..<hostEnd])
        guard !host.isEmpty, isHost(host) else { return nil }
        var tail = Array(rest[hostEnd...])
        var query: [UInt8]? = nil
        if let mark = tail.firstIndex(of: UInt8(ascii: "?")) {
            query = Array(tail[(mark + 1)...])
            tail = Array(tail[..<mark])
        }
        var url = scheme + "://" + hostText(host)
        url += tail.isEmpty ? "/" : escaped(tail, allowing: pathCharacters, keepingSlashes: true)
        if let query { url += "?" + escaped(query, allowing: queryCharacters) }
        return url
    }

    // MARK: - Escaping

    /// Bytes allowed as they are in a path segment (RFC 3986 `pchar` less `%`).
    private static let pathCharacters: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@".utf8 {
            table[Int(byte)] = true
        }
        return table
    }()

    /// `url` with spaces, controls and non-ASCII bytes percent-encoded (a
    /// saved header or a page may hold them raw); everything else, escapes
    /// included, stays as it is.
    static func escapedURL(_ url: String) -> String {
        guard url.utf8.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) else { return url }
        return escaped(Array(url.utf8), allowing: visibleASCII)
    }

    /// Printable ASCII: what a URL may hold as it is.
    private static let visibleASCII: [Bool] = (0..<256).map { (0x21...0x7E).contains($0) }

    /// Bytes allowed as they are in a query: a path's, plus `/` and `?`.
    private static let queryCharacters: [Bool] = {
        var table = pathCharacters
        table[Int(UInt8(ascii: "/"))] = true
        table[Int(UInt8(ascii: "?"))] = true
        return table
    }()

    /// `bytes` with every byte not in `allowed` written `%XX`; a `%` that
    /// starts an escape stays (wget wrote it so), a lone `%` becomes `%25`.
    private static func escaped(_ bytes: [UInt8], allowing allowed: [Bool], keepingSlashes: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            if allowed[Int(byte)] || (keepingSlashes && byte == UInt8(ascii: "/")) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                      isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) {
                result += "%"
            } else {
                result += "%" + RawPath.hex(byte)
            }
        }
        return result
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66) }

    // MARK: - Top-level domains

    /// ISO 3166 country codes in use as top-level domains, plus ac, eu, su, uk.
    /// A full list, so that `notes.js` or `backup.gz` never pass for a host.
    private static let countryCodes: Set<String> = Set("""
        ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo bq br bs bt bw by bz \
        ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm \
        fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it \
        je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn \
        mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps \
        pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj \
        tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw
        """.split(separator: " ").map(String.init))

    /// Generic top-level domains common in crawls; a folder named
    /// `site.old` or `report.html` must not read as a host, so this is a
    /// list, not "any letters".
    private static let genericDomains: Set<String> = [
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "aero", "coop", "museum",
        "mobi", "asia", "tel", "travel", "jobs", "cat", "arpa", "app", "dev", "page", "blog", "news", "online",
        "site", "tech", "store", "shop", "cloud", "xyz", "top", "club", "wiki", "website", "space", "live", "life",
        "world", "today", "email", "link", "digital", "network", "systems", "solutions", "academy", "university",
        "school", "college", "science", "institute", "studio", "media", "agency", "global", "group", "center",
        "church", "health", "law", "art", "design", "foundation", "community", "press", "review",
    ]
}
