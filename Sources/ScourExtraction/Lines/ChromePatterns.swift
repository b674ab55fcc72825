/// Line shapes that are page chrome wherever they come from: copyright and
/// ICP registration lines, hit counters, widget lines; and credit lines,
/// which look short and chrome-like but name people and must stay.
enum ChromePatterns {
    private static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    private static let registrationMarks = bytes(["icp备", "icp证", "icp 备", "公网安备"])
    private static let copyrightMarks = bytes([
        "©", "&copy", "copyright", "版权", "all rights reserved", "(c) 1", "(c) 2", "(c)1", "(c)2",
    ])
    private static let strongCopyrightMarks = bytes(["all rights reserved", "版权所有", "保留所有权利"])

    /// China's website registration numbers ("陕ICP备05010979号", "京公网安备").
    static func isRegistration(_ line: LowercasedLine) -> Bool {
        registrationMarks.contains(where: line.contains)
    }

    static func hasCopyrightMark(_ line: LowercasedLine) -> Bool {
        copyrightMarks.contains(where: line.contains)
    }

    /// Copyright wording that never occurs in an article's own sentences.
    static func isStrongCopyright(_ line: LowercasedLine) -> Bool {
        strongCopyrightMarks.contains(where: line.contains)
            || (line.contains(copyrightMarks[2]) && line.contains(copyrightMarks[0]))
    }

    private static let counterLabels = bytes([
        "clicktimes", "click times", "pageviews", "page views", "visitors", "visits", "visit", "views", "view",
        "hits", "hit", "clicks", "click", "reads", "read", "点击数", "点击量", "点击率", "点击", "浏览次数", "浏览量",
        "浏览", "阅读次数", "阅读量", "阅读", "访问量", "访问次数", "访问人数", "访问", "人气", "次数",
    ])
    private static let counterSuffixes: Set<[UInt8]> = Set(bytes([
        "views", "reads", "hits", "visits", "次", "次浏览", "次阅读", "人阅读", "人浏览",
    ]))

    /// A hit counter: "Hits: 218 img", "ClickTimes:", "浏览次数：35", "1,024 views".
    static func isCounter(_ line: LowercasedLine, _ shape: LineShape) -> Bool {
        guard shape.characters <= 40 else { return false }
        let text = line.bytes
        let colon: [UInt8] = Array("：".utf8)
        func skipSpaces(_ index: inout Int) { while index < text.count, text[index] == 0x20 { index += 1 } }
        func isDigit(_ index: Int) -> Bool { index < text.count && text[index] >= 0x30 && text[index] <= 0x39 }
        for label in counterLabels where line.hasPrefix(label) {
            var index = label.count
            skipSpaces(&index)
            if index < text.count, text[index] == UInt8(ascii: ":") {
                index += 1
            } else if text[index...].starts(with: colon) {
                index += colon.count
            } else if !isDigit(index) {
                continue
            }
            skipSpaces(&index)
            let digitsStart = index
            while isDigit(index) || (index < text.count && text[index] == UInt8(ascii: ",")) { index += 1 }
            let hasDigits = index > digitsStart
            skipSpaces(&index)
            let tail = text.count - index
            if hasDigits ? tail <= 6 : tail == 0 { return true }
        }
        var index = 0
        while isDigit(index) || (index < text.count && text[index] == UInt8(ascii: ",")) { index += 1 }
        guard index > 0 else { return false }
        skipSpaces(&index)
        return counterSuffixes.contains(Array(text[index...]))
    }

    private static let inlineCounterLabels = bytes([
        "clicktimes", "click times", "pageviews", "page views", "visitors", "visits", "views", "hits", "clicks",
        "reads", "点击数", "点击量", "点击", "浏览次数", "浏览量", "浏览", "阅读次数", "阅读量", "阅读", "访问量",
        "访问次数", "人气",
    ])
    private static let visitorPhrases = bytes(["you are visitor", "visitor number", "visitors since", "您是第", "位访问者", "位访客"])

    /// A counter inside a metadata line: "Date:2026-03-12 Hits: 118",
    /// "发布时间：2025-09-22 点击数：356 来源：学生工作部". Returns the line
    /// without it (possibly empty), or `nil` when it holds no counter.
    static func removingCounters(from line: LowercasedLine, _ shape: LineShape) -> String? {
        guard shape.characters <= 120 else { return nil }
        if shape.characters <= 80, visitorPhrases.contains(where: line.contains) { return "" }
        let text = line.bytes
        let fullColon: [UInt8] = Array("：".utf8)
        var cuts: [Range<Int>] = []
        for label in inlineCounterLabels {
            var searchFrom = 0
            while let found = line.range(of: label, from: searchFrom) {
                searchFrom = found.upperBound
                // ASCII labels start a word; Chinese ones may follow anything.
                if label[0] < 0x80, found.lowerBound > 0, LowercasedLine.isAlphanumeric(text[found.lowerBound - 1]) {
                    continue
                }
                if cuts.contains(where: { $0.overlaps(found) }) { continue }
                var index = found.upperBound
                while index < text.count, text[index] == 0x20 { index += 1 }
                if index < text.count, text[index] == UInt8(ascii: ":") {
                    index += 1
                } else if text[index...].starts(with: fullColon) {
                    index += fullColon.count
                } else {
                    continue
                }
                while index < text.count, text[index] == 0x20 { index += 1 }
                let digitsStart = index
                while index < text.count, (text[index] >= 0x30 && text[index] <= 0x39) || text[index] == 0x2C {
                    index += 1
                }
                // A number, or nothing before the end or the next "Label:".
                let atEnd = index == text.count
                let nextIsLabel = index < text.count && text[index...].prefix(40).contains { $0 == 0x3A }
                guard index > digitsStart || atEnd || nextIsLabel else { continue }
                if index > digitsStart, index < text.count, text[index] != 0x20 { continue }
                cuts.append(found.lowerBound..<index)
            }
        }
        guard !cuts.isEmpty else { return nil }
        var original = Array(shape.text.utf8)
        for cut in cuts.sorted(by: { $0.lowerBound > $1.lowerBound }) { original.removeSubrange(cut) }
        return LineShape.collapsingSpaces(String(decoding: original, as: UTF8.self))
            .trimmingSpaces()
    }

    /// A credit: a role of one to four words, a `:` or `/`, then names —
    /// "Text: Bi Shurui", "Typesetting / Qiu Yonghong", "责任编辑：李明".
    static func isCredit(_ shape: LineShape) -> Bool {
        guard shape.characters <= 100 else { return false }
        let text = shape.text
        guard let separator = text.prefix(30).firstIndex(where: { $0 == ":" || $0 == "：" || $0 == "/" || $0 == "／" })
        else { return false }
        let role = text[..<separator]
        let names = text[text.index(after: separator)...].drop(while: { $0 == " " })
        let roleWords = role.split(separator: " ")
        guard !roleWords.isEmpty, roleWords.count <= 4,
              role.allSatisfy({ $0.isLetter || $0 == " " || $0 == "&" }),
              !names.isEmpty, names.count <= 80, names.contains(where: { $0.isLetter })
        else { return false }
        return !shape.endsLikeSentence || names.count <= 40
    }

    private static let widgetPhrases = bytes([
        "click here", "点击这里", "点击此处", "wechat", "weixin", "微信", "扫一扫", "扫码", "二维码", "在线客服",
        "follow us", "关注我们", "add to favorites", "add to favourites", "加入收藏", "收藏本站", "设为首页",
        "set as homepage", "set as home page", "bookmark this", "share this", "share on", "分享到",
        "skip to content", "skip to main content", "skip navigation",
    ])
    private static let qq = Array("qq".utf8)

    /// Words of share, print and close buttons; a line of nothing else is a
    /// button row wherever it stands.
    private static let buttonWords: Set<String> = [
        "share", "tweet", "print", "email", "close", "facebook", "twitter", "linkedin", "weibo", "whatsapp",
        "pinterest", "reddit", "telegram", "微博", "微信", "打印", "关闭", "返回顶部", "打印本页", "打印此页", "关闭窗口",
        "关闭本页", "分享",
    ]
    private static let buttonFillers: Set<String> = [
        "e", "mail", "back", "top", "返回", "顶部", "this", "page", "to", "on", "window", "article", "the", "via",
        "us", "follow", "x", "rss", "subscribe", "story", "post", "link", "copy",
    ]

    /// A row of share, print or close buttons: "Share", "[Print] [Close]",
    /// "Share on Facebook", "【打印本页】【关闭窗口】".
    static func isButtonRow(_ shape: LineShape) -> Bool {
        guard shape.characters <= 60, shape.words <= 10 else { return false }
        let tokens = shape.text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        return tokens.contains { buttonWords.contains(String($0)) }
            && tokens.allSatisfy { buttonWords.contains(String($0)) || buttonFillers.contains(String($0)) }
    }

    /// Service and sharing widgets, favourites and language switches: short
    /// lines made of these phrases, or containing one of the unmistakable ones.
    static func isWidget(_ line: LowercasedLine, _ shape: LineShape, leading: Bool) -> Bool {
        guard shape.characters <= 60, shape.words <= 10 else { return false }
        if widgetPhrases.contains(where: line.contains) || line.containsWord(qq) { return true }
        if isButtonRow(shape) { return true }
        if containsBackToTop(line) { return true }
        return leading && isLanguageSwitch(line, shape.text.lowercased(), shape)
    }

    private static let backToTop = bytes(["back to top", "返回顶部", "top of page"])

    private static let backLines: Set<String> = [
        "back", "« back", "‹ back", "< back", "go back", "back to list", "back to news", "back to overview",
        "返回", "[返回]", "【返回】", "返回列表", "返回上一页", "返回首页", "【返回列表】",
    ]

    /// A lone "Back" / "返回列表" link line.
    static func isBackLink(_ shape: LineShape) -> Bool {
        shape.characters <= 20 && backLines.contains(shape.text.lowercased())
    }

    private static let taxonomyLabels = bytes([
        "tags:", "tag:", "tagged:", "tagged with", "categories:", "category:", "filed under", "posted in", "topics:",
        "标签：", "标签:", "分类：", "分类:", "所属栏目", "所属分类",
    ])

    /// "Tags: admissions, scholarships", "Filed under: News", "标签：招生":
    /// the page's place in the site's taxonomy, not its content.
    static func isTaxonomyLine(_ line: LowercasedLine, _ shape: LineShape) -> Bool {
        guard shape.characters <= 150, !shape.endsLikeSentence else { return false }
        return taxonomyLabels.contains { line.hasPrefix($0) }
    }

    private static let browserNotices = bytes([
        "looks better in a browser", "look better in a browser", "best viewed in", "best viewed with",
        "upgrade your browser", "update your browser", "browser is out of date", "browser is outdated",
        "browser does not support", "browser doesn't support", "unsupported browser", "please enable javascript",
        "javascript is disabled", "enable javascript to", "requires javascript", "javascript is required",
        "浏览器版本过低", "请升级浏览器", "升级您的浏览器", "建议使用ie", "最佳浏览效果", "最佳浏览", "您的浏览器不支持",
    ])

    /// "This site looks better in a browser that supports web standards",
    /// "Please enable JavaScript", "您的浏览器版本过低": notices about the
    /// reader's browser, anywhere on the page.
    static func isBrowserNotice(_ line: LowercasedLine, _ shape: LineShape) -> Bool {
        // Every notice holds one of these: one scan each, not one per notice.
        guard shape.characters <= 200, browserNoticeKeys.contains(where: line.contains) else { return false }
        return browserNotices.contains(where: line.contains)
    }

    private static let browserNoticeKeys = bytes(["browser", "javascript", "浏览", "viewed"])

    private static let teaserHeadings: Set<String> = [
        "you may like", "you may also like", "you might also like", "you might like", "related posts",
        "related articles", "related stories", "related news", "related content", "related", "more stories",
        "more news", "recommended", "recommended for you", "read more", "read next", "popular posts",
        "most popular", "most read", "trending", "猜你喜欢", "相关阅读", "相关新闻", "相关文章", "推荐阅读", "热门文章",
        "热点新闻", "相关链接", "延伸阅读", "you may be interested in", "more like this",
        "você pode gostar", "você também pode gostar", "veja também", "leia também", "vous aimerez aussi",
        "à lire aussi", "lire aussi", "lesen sie auch", "das könnte sie auch interessieren", "te puede interesar",
        "también te puede interesar", "potrebbe interessarti", "leggi anche", "вам может понравиться",
        "читайте также", "похожие статьи", "あわせて読みたい", "関連記事", "추천 기사", "관련 기사",
    ]

    /// The heading of a block of teasers for other pages: "You may also like".
    static func isTeaserHeading(_ shape: LineShape) -> Bool {
        isLone(shape, in: teaserHeadings, upTo: 30)
    }

    /// The line is one of `labels` once lower-cased and stripped of trailing
    /// colons, dots, ellipses and exclamation marks ("Advertisement:", "Tags",
    /// "You may also like…").
    private static func isLone(_ shape: LineShape, in labels: Set<String>, upTo characters: Int) -> Bool {
        guard shape.characters <= characters else { return false }
        var text = shape.text.lowercased()
        while let last = text.last, ":：. …!".contains(last) { text.removeLast() }
        return labels.contains(text)
    }

    private static let advertLabels: Set<String> = [
        "advert", "advertisement", "advertising", "sponsored", "sponsored content", "广告",
    ]

    /// "Advertisement", "广告": the label of an advert's slot, anywhere.
    static func isAdvertLabel(_ shape: LineShape) -> Bool {
        isLone(shape, in: advertLabels, upTo: 20)
    }

    private static let labelLines: Set<String> = [
        "comments", "comment", "join the conversation", "tell us what you think", "leave a comment", "leave a reply", "add a comment", "add your comment",
        "post a comment", "write a comment", "发表评论", "我要评论", "网友评论", "评论",
    ]

    private static let taxonomyLabelLines: Set<String> = ["tags", "tag", "categories", "category", "标签", "分类"]

    /// A lone "Tags" / "Categories" label.
    static func isTaxonomyLabel(_ shape: LineShape) -> Bool {
        isLone(shape, in: taxonomyLabelLines, upTo: 12)
    }

    /// A line that is only the label of the comments' box, above or below
    /// the content: "Join the conversation…", "Leave a comment", "发表评论".
    static func isLabelLine(_ shape: LineShape) -> Bool {
        isLone(shape, in: labelLines, upTo: 30)
    }

    private static let sharePrefixes = bytes(["分享到", "share this", "share on", "share:", "分享：", "share via"])

    /// A share bar anywhere on the page: "分享到：微信 微博 QQ空间".
    static func isShareBar(_ line: LowercasedLine, _ shape: LineShape) -> Bool {
        shape.characters <= 40 && sharePrefixes.contains { line.hasPrefix($0) }
    }

    private static func containsBackToTop(_ line: LowercasedLine) -> Bool {
        backToTop.contains(where: line.contains)
    }

    private static let neighbourPrefixes = bytes([
        "previous:", "prev:", "next:", "previous article", "next article", "previous post", "next post", "上一篇",
        "下一篇", "上一条", "下一条", "上一页", "下一页",
    ])

    /// "Previous: …" / "下一篇：…" links to neighbouring articles.
    static func isNeighbourLink(_ line: LowercasedLine) -> Bool {
        neighbourPrefixes.contains(where: line.hasPrefix)
    }

    private static let otherScriptLanguages = bytes(["中文", "简体", "繁體", "繁体"])
    private static let english = Array("english".utf8)
    private static let languageWords: Set<String> = [
        "english", "en", "cn", "zh", "中文", "中文版", "英文", "英文版", "简体", "繁體", "繁体", "简体中文", "繁體中文",
        "version", "日本語", "한국어", "français", "deutsch", "español", "русский",
    ]

    /// A language switch in the page head: "中文版" in an English line,
    /// "English" in a Chinese one, or a line of language names only.
    private static func isLanguageSwitch(_ line: LowercasedLine, _ lower: String, _ shape: LineShape) -> Bool {
        let mostlyCJK = shape.cjk * 2 > shape.characters
        if !mostlyCJK, otherScriptLanguages.contains(where: line.contains) { return true }
        if mostlyCJK, line.containsWord(english) { return true }
        let tokens = lower.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        return !tokens.isEmpty && tokens.allSatisfy { languageWords.contains(String($0)) }
    }
}
