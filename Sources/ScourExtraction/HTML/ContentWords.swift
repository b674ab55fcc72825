/// Reads `class` and `id` values for words that say whether a container
/// holds a page's own content ("article-body", "entry-content", "post") or
/// something beside it ("related", "promo", "teaser", "widget", "caption").
///
/// Unlike `ChromeWords`, these only weigh: a box named "teaser" still keeps
/// its text when nothing better is found, but loses to one named "story".
/// Words are split as `ClassWords` does and must match whole.
enum ContentWords {
    /// +1 when `value` names content, −1 when it names something beside it,
    /// 0 when neither or both ("post-meta").
    static func weight(of value: UnsafePointer<UInt8>) -> Int8 {
        var positive = false
        var negative = false
        var isEmbed = false
        ClassWords.scan(value) { hash, _, isModified in
            guard !isModified else { return false }
            if embeds.contains(hash) {
                isEmbed = true
                return true
            }
            guard let isContent = words[hash] else { return false }
            if isContent { positive = true } else { negative = true }
            return false
        }
        // A post embedded from a social network ("social-media-embed") is
        // quoted in the content, whatever else its class says.
        if isEmbed { return 1 }
        return positive == negative ? 0 : positive ? 1 : -1
    }

    static let embeds: Set<UInt64> = Set(
        ["embed", "embedded", "twittertweet", "instagrammedia", "tiktokembed", "fbpost", "socialembed"]
            .map(WordHash.hash))

    private static let words: [UInt64: Bool] = ClassWords.table([
        (true, "article articles articlebody articletext articlecontent content maincontent postcontent entry "
            + "entrycontent hentry post postbody posttext story storybody storytext storycontent body bodytext "
            + "text blog blogpost prose richtext"),
        (false, "comment comments related relatedposts promo promos promoted teaser teasers widget widgets sponsor "
            + "sponsored partner partners shopping caption captions figcaption credit credits meta metadata tags "
            + "tag tagcloud tagged author bio authorbio byline masthead banner hidden scroll shoutbox skyscraper "
            + "pagination pager paging tool tools rating ratings signup login register modal "
            + "newsletter popular mostread recommended recommendations trending ticker breaking headlines "
            + "latest carousel slideshow gallery sidebar rail share social footer footnotes ad ads advert "
            + "advertisement combx outbrain taboola extra remark replies contact print"),
    ])
}
