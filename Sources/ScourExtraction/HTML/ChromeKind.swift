import ScourPrimitives

/// The kinds of page chrome an element can be marked as, and how sure the
/// mark is. Elements and ARIA roles state their purpose; class and id words
/// only suggest it, so they are the first thing the gentler passes forgive.
enum ChromeKind: UInt8, Sendable {
    case navigation, header, footer, aside, social, overlay, comments, related, advert, hidden
    /// The form for writing a comment ("Leave a reply", name and e-mail
    /// fields): never content, unlike the comments themselves.
    case commentForm

    /// Headers and footers inside `article`/`main` hold the headline, byline
    /// and credits of the content itself, not of the site.
    var isKeptInsideArticle: Bool { self == .header || self == .footer }

    /// Maps an ARIA `role` value (lower-cased bytes) to chrome.
    static func ofRole(_ value: UnsafePointer<UInt8>) -> ChromeKind? {
        switch WordHash.hash(value) {
        case roleNavigation, roleMenu, roleMenubar, roleSearch: .navigation
        case roleBanner: .header
        case roleContentinfo: .footer
        case roleComplementary: .aside
        default: nil
        }
    }

    private static let roleNavigation = WordHash.hash("navigation")
    private static let roleMenu = WordHash.hash("menu")
    private static let roleMenubar = WordHash.hash("menubar")
    private static let roleSearch = WordHash.hash("search")
    private static let roleBanner = WordHash.hash("banner")
    private static let roleContentinfo = WordHash.hash("contentinfo")
    private static let roleComplementary = WordHash.hash("complementary")
}

/// Class words and roles hashed as they are scanned (FNV-1a over
/// ASCII-lower-cased bytes, ``FNV1a/addLowercased(_:_:)``): lets a word be
/// looked up in a table of known words without allocating a `String` for it.
enum WordHash {
    static let seed = FNV1a.basis

    @inline(__always)
    static func add(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        FNV1a.addLowercased(hash, byte)
    }

    static func hash(_ word: String) -> UInt64 {
        FNV1a.hashLowercased(word)
    }

    /// Hash of a NUL-terminated string, trimmed of surrounding spaces.
    static func hash(_ value: UnsafePointer<UInt8>) -> UInt64 {
        var hash = seed
        var index = 0
        while value[index] == 0x20 { index += 1 }
        var end = index
        while value[end] != 0 { end += 1 }
        while end > index, value[end - 1] == 0x20 { end -= 1 }
        while index < end { hash = add(hash, value[index]); index += 1 }
        return hash
    }
}
