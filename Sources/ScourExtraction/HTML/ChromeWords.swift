/// Reads `class` and `id` values for words that name page chrome: menus,
/// navigation, breadcrumbs, footers, sidebars, copyright, share widgets.
///
/// A value is split on spaces into tokens, and each token on `-`, `_` and
/// camelCase into words ("mainNav" → main, nav; "site-footer" → site,
/// footer). A word must match whole: "innavigable" and "navy" are not
/// navigation. A word after "has", "with" or "no" describes a layout, not the
/// element ("has-sidebar" on `body`), so it does not count.
enum ChromeWords {
    /// The first chrome kind named in `value`, if any.
    static func kind(in value: UnsafePointer<UInt8>) -> ChromeKind? {
        var index = 0
        var tokenHash = WordHash.seed
        var wordHash = WordHash.seed
        var wordLength = 0
        var previousWordWasModifier = false
        var thisWordIsModified = false
        var found: ChromeKind?

        func finishWord() {
            guard wordLength > 0 else { return }
            if !thisWordIsModified, found == nil, let kind = words[wordHash] { found = kind }
            previousWordWasModifier = modifiers.contains(wordHash)
            wordHash = WordHash.seed
            wordLength = 0
        }
        func finishToken() {
            finishWord()
            if found == nil, !thisWordIsModified, let kind = words[tokenHash] ?? wholeTokens[tokenHash] { found = kind }
            tokenHash = WordHash.seed
            previousWordWasModifier = false
            thisWordIsModified = false
        }

        var previous: UInt8 = 0
        while true {
            let byte = value[index]
            if byte == 0 { break }
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if isUpper || isLower || isDigit {
                let previousIsLower = previous >= 0x61 && previous <= 0x7A
                if isUpper, previousIsLower { finishWord() }
                if wordLength == 0 { thisWordIsModified = previousWordWasModifier }
                wordHash = WordHash.add(wordHash, byte)
                tokenHash = WordHash.add(tokenHash, byte)
                wordLength += 1
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                finishToken()
            } else {
                finishWord()
            }
            if found != nil { return found }
            previous = byte
            index += 1
        }
        finishToken()
        return found
    }

    private static let modifiers: Set<UInt64> = Set(["has", "with", "no", "without"].map(WordHash.hash))

    /// Words that name chrome wherever they appear in a token.
    private static let words: [UInt64: ChromeKind] = {
        var table: [UInt64: ChromeKind] = [:]
        func add(_ kind: ChromeKind, _ list: String) {
            for word in list.split(separator: " ") { table[WordHash.hash(String(word))] = kind }
        }
        add(.navigation, "nav navs navi navbar navbars navigation navigations menu menus menubar submenu mainmenu "
            + "topmenu megamenu mainnav topnav subnav sitenav sidenav leftnav navlist navmenu breadcrumb "
            + "breadcrumbs crumb crumbs toolbar topbar skiplink skiplinks daohang weizhi dqwz")
        add(.footer, "footer foot sitefooter pagefooter copyright copyrights banquan colophon")
        add(.aside, "sidebar sidebars")
        add(.social, "share shares sharing sharebar sharebox social socials sns addthis sharethis jiathis "
            + "bdshare bdsharebuttonbox")
        add(.overlay, "cookie cookies cookiebar consent gdpr popup")
        add(.comments, "comment comments commentlist respond disqus")
        add(.related, "related relatedposts recommended popular mostpopular trending recirculation recirc outbrain "
            + "taboola newsletter newsletters subscribe")
        add(.advert, "ad ads advert adverts advertisement adsbygoogle adslot adunit")
        return table
    }()

    /// Names that mark chrome only as a whole token, separators removed:
    /// "header" alone is the site's header, but "entry-header" or
    /// "card-header" hold content.
    private static let wholeTokens: [UInt64: ChromeKind] = {
        var table: [UInt64: ChromeKind] = [:]
        for word in ["header", "siteheader", "topheader", "globalheader", "masthead"] {
            table[WordHash.hash(word)] = .header
        }
        for word in ["sronly", "screenreadertext", "visuallyhidden"] { table[WordHash.hash(word)] = .hidden }
        for word in ["morestories", "relatedstories", "relatedarticles", "morenews", "youmayalsolike"] {
            table[WordHash.hash(word)] = .related
        }
        for word in ["skip", "skiplink", "skiplinks", "skipnav", "skiptocontent", "skiptomain"] {
            table[WordHash.hash(word)] = .navigation
        }
        return table
    }()
}
