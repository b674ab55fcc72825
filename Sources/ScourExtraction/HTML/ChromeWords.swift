/// Reads `class` and `id` values for words that name page chrome: menus,
/// navigation, breadcrumbs, footers, sidebars, copyright, share widgets.
///
/// Words are split as `ClassWords` does. A word must match whole:
/// "innavigable" and "navy" are not navigation; a word after "has", "with"
/// or "no" ("has-sidebar" on `body`) does not count.
enum ChromeWords {
    /// The first chrome kind named in `value`, if any. A comments name
    /// that goes on to name a form ("comment-form") is the comment form;
    /// a social name that goes on to name an embed ("social-media-embed",
    /// "twitter-tweet") is a post quoted in the content, not a share bar.
    static func kind(in value: UnsafePointer<UInt8>) -> ChromeKind? {
        var found: ChromeKind?
        var isEmbed = false
        ClassWords.scan(value) { hash, isWholeToken, isModified in
            guard !isModified else { return false }
            if isWholeToken, commentForms.contains(hash) {
                found = .commentForm
                return true
            }
            if ContentWords.embeds.contains(hash) {
                isEmbed = true
                return true
            }
            if found == nil { found = words[hash] ?? (isWholeToken ? wholeTokens[hash] : nil) }
            return found != nil && found != .comments && found != .social
        }
        return isEmbed && (found == nil || found == .social) ? nil : found
    }


    /// Whole tokens naming the form for writing a comment.
    private static let commentForms: Set<UInt64> = Set(
        ["commentform", "commentsform", "commentrespond", "replyform", "replybox", "leavecomment", "leaveareply",
         "postcomment", "addcomment", "newcomment", "writecomment", "commenteditor"]
            .map(WordHash.hash))

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
        add(.comments, "comment comments commentlist disqus")
        add(.commentForm, "respond")
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
