/// Drops page-chrome lines by their shape and position, for plain-text
/// scrapes and for the lines that survive HTML pruning alike.
///
/// Chrome lives before the first paragraph of prose (site name, language
/// switch, breadcrumb trail, counters) and after the last one (copyright,
/// registration numbers, service widgets). The rules are bold there and
/// conservative between: a line in the middle goes only when it is
/// unmistakable (a registration number, "All rights reserved", a counter).
/// Credit lines ("Photo: …", "Typesetting / …") are always kept: people
/// search for names.
struct ChromeLineFilter: Sendable {
    enum Strength: Sendable {
        /// All rules.
        case full
        /// Only copyright and registration lines: for the safety-net passes.
        case gentle
    }

    /// A line to judge: `text` has its spaces normalised but runs of spaces
    /// kept, since they separate trail segments in scraped text.
    struct Candidate: Sendable {
        var text: String
        /// A headline the HTML says is the page's own (`h1`): never dropped.
        var isProtected = false
        /// In an HTML heading: a blog's date header is not a dateline.
        var isHeading = false
    }

    enum Region: Sendable { case leading, middle, trailing }

    /// Why a line was dropped, for explanations.
    enum Rule: Sendable, Equatable {
        case registration, copyright, counter, trail, buttonRow, neighbourLink, widget, repeatedInHead
        case siteHeader, sectionName, dateline, taxonomy, browserNotice, teaserHeading, backLink, label

        /// A few words a user can check against the line.
        var description: String {
            switch self {
            case .registration: "site registration number"
            case .copyright: "copyright line"
            case .counter: "hit counter"
            case .trail: "breadcrumb trail"
            case .buttonRow: "share or print buttons"
            case .neighbourLink: "link to the previous or next article"
            case .widget: "widget line (follow us, language switch, back to top)"
            case .repeatedInHead: "repeated line before the content"
            case .siteHeader: "the page's first line, repeated before the content: the site's header"
            case .sectionName: "a section the breadcrumb trail names, above the content"
            case .dateline: "dateline above the content (the document's date keeps it)"
            case .taxonomy: "tags or categories line"
            case .browserNotice: "notice about the reader's browser"
            case .teaserHeading: "heading of teasers for other pages"
            case .backLink: "a \"Back\" link"
            case .label: "label of a chrome box (advert, tags, comment prompt)"
            }
        }
    }

    /// The verdict, with what the title finder needs to know.
    struct Result: Sendable {
        var shapes: [LineShape]
        var kept: [Bool]
        var regions: [Region]
        /// The rule that dropped each line; nil for kept lines.
        var rules: [Rule?]
    }

    var strength: Strength = .full

    func filter(_ lines: [Candidate]) -> Result {
        var shapes = lines.map { LineShape($0.text) }
        // A long copyright line ("… All rights reserved. Address: …") is
        // not the article's prose and must not stretch the middle region.
        func isProse(_ shape: LineShape) -> Bool {
            guard shape.isProse else { return false }
            guard shape.characters <= 400 else { return true }
            let lower = LowercasedLine(shape.text)
            return !ChromePatterns.isRegistration(lower) && !ChromePatterns.isStrongCopyright(lower)
        }
        let firstProse = shapes.firstIndex(where: isProse)
        let lastProse = shapes.lastIndex(where: isProse)
        let regions: [Region] = shapes.indices.map { index in
            guard let first = firstProse, let last = lastProse else { return .middle }
            return index < first ? .leading : index > last ? .trailing : .middle
        }
        // Lines near the top, for "this trail ends in the headline below".
        let headTexts = Set(shapes.prefix((firstProse ?? 0) + 1).map(\.text))
        var seenInHead: Set<String> = []
        var kept = [Bool](repeating: true, count: lines.count)
        var rules = [Rule?](repeating: nil, count: lines.count)

        for index in lines.indices where !lines[index].isProtected {
            let shape = shapes[index]
            let region = regions[index]
            guard shape.characters <= 250 else { continue }
            let lower = LowercasedLine(shape.text)
            var rule: Rule?
            switch strength {
            case .gentle:
                if ChromePatterns.isRegistration(lower) {
                    rule = .registration
                } else if (region != .middle || ChromePatterns.isStrongCopyright(lower))
                    && ChromePatterns.hasCopyrightMark(lower) && shape.characters <= 200 {
                    rule = .copyright
                }
            case .full:
                rule = chromeRule(lines[index].text, lower, shape, region, headTexts: headTexts)
                if rule == nil, region == .leading, shape.characters <= 150, !seenInHead.insert(shape.text).inserted {
                    rule = .repeatedInHead
                }
                if rule == nil, let rest = ChromePatterns.removingCounters(from: lower, shape) {
                    // "Date:2026-03-12 Hits: 118" keeps its date.
                    shapes[index] = LineShape(rest)
                    if rest.isEmpty { rule = .counter }
                }
            }
            kept[index] = rule == nil
            rules[index] = rule
        }
        if strength == .full {
            dropHeaderZone(lines, shapes, regions, &kept, &rules)
            dropTagLists(shapes, &kept, &rules)
        }
        return Result(shapes: shapes, kept: kept, regions: regions, rules: rules)
    }

    /// Rules for the header zone of a single page (the lines above its
    /// first paragraph), which need no other pages of the site:
    /// - the page's first line, when the header repeats it (a scrape that
    ///   caught a sticky header and the real one), is the site's name;
    /// - a short line naming a section the breadcrumb trail passes through
    ///   ("News & Events" above "Home > About > News & Events > Content");
    /// - the dateline ("Date:2026-01-10 ClickTimes: Author:"); the
    ///   document's date is read from it all the same.
    private func dropHeaderZone(
        _ lines: [Candidate], _ shapes: [LineShape], _ regions: [Region], _ kept: inout [Bool], _ rules: inout [Rule?]
    ) {
        guard let first = regions.firstIndex(where: { $0 != .leading }), first > 0 else { return }
        let head = 0..<first
        if !lines[0].isProtected, shapes[0].characters <= Self.maximumHeaderLine,
           head.dropFirst().contains(where: { shapes[$0].text == shapes[0].text }) {
            kept[0] = false
            rules[0] = .siteHeader
        }
        // Sections named by the trail, all but its last segment (the page itself).
        var sections: Set<[UInt8]> = []
        // Every name the trail shows: a dateline may repeat one ("… | Research News").
        var trailNames: [String] = []
        for index in head where rules[index] == .trail {
            guard let trail = NavigationTrail(lines[index].text) else { continue }
            for segment in trail.segments {
                trailNames.append(LineShape.collapsingSpaces(String(segment)).lowercased())
            }
            for segment in trail.segments.dropLast() {
                sections.insert(LowercasedLine(LineShape.collapsingSpaces(String(segment))).bytes)
            }
        }
        for index in head where kept[index] && !lines[index].isProtected {
            let shape = shapes[index]
            if !sections.isEmpty, shape.characters <= Self.maximumSectionName,
               sections.contains(LowercasedLine(shape.text).bytes) {
                kept[index] = false
                rules[index] = .sectionName
            } else if !lines[index].isHeading, Byline.isDateline(shape), Self.isBareDateline(shape, besides: trailNames),
                      !Self.namesWriter(LowercasedLine(shape.text)) {
                kept[index] = false
                rules[index] = .dateline
            }
        }
    }

    /// "By Li Ming", "Author: Ana Ruiz", "来源：学生工作部": the dateline also
    /// says who wrote the page or where it comes from, which people search
    /// for. An empty label ("Author:" at the end) names no one.
    static func namesWriter(_ lower: LowercasedLine) -> Bool {
        if Byline.namesAuthor(lower) { return true }
        for label in writerLabels {
            var start = 0
            while let range = lower.range(of: label, from: start) {
                var next = range.upperBound
                while next < lower.bytes.count, lower.bytes[next] == 0x20 || lower.bytes[next] == 0x3A
                    || (next + 2 < lower.bytes.count && lower.bytes[next] == 0xEF && lower.bytes[next + 1] == 0xBC
                        && lower.bytes[next + 2] == 0x9A) {
                    next += lower.bytes[next] == 0xEF ? 3 : 1
                }
                if next > range.upperBound, next < lower.bytes.count { return true }
                start = range.upperBound
            }
        }
        return false
    }

    /// A dateline holding nothing but the date and labels ("Date:2026-01-10
    /// ClickTimes: Author:", "Thursday, 01 November 2012", "发布时间：2025-09-22"),
    /// and the names in `besides` (a breadcrumb's), with at most two other
    /// words ("Published 9 February 2026 | Research News"). "Apr. 14, 2025 |
    /// School of Marine Sciences, News Center" names the unit that
    /// published the page, and stays.
    static func isBareDateline(_ shape: LineShape, besides names: [String] = []) -> Bool {
        var text = shape.text.lowercased()
        for name in names where !name.isEmpty { text = text.replacing(name, with: " ") }
        var others = 0
        var word = ""
        func finish() {
            if !word.isEmpty, !datelineWords.contains(word) { others += 1 }
            word = ""
        }
        // Words are runs of letters; a run of Chinese characters is one word.
        for scalar in text.unicodeScalars {
            let isCJK = LineShape.isCJK(scalar)
            guard isCJK || scalar.properties.isAlphabetic else {
                finish()
                continue
            }
            if let last = word.unicodeScalars.last, LineShape.isCJK(last) != isCJK { finish() }
            word.unicodeScalars.append(scalar)
        }
        finish()
        return others <= 2
    }

    private static let datelineWords: Set<String> = Set(
        ("date dated time posted published publication updated update last modified on at am pm a m p by clicktimes "
            + "click clicks views view hits reads author source st nd rd th gmt utc et est edt pst pdt cst cdt bst cet "
            + "january february march april may june july august september october november december jan feb mar apr "
            + "jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues "
            + "wed thu thur thurs fri sat sun 发布时间 发布日期 发表时间 发表日期 更新时间 日期 时间 发布 年 月 日 时 分 星期一 星期二 "
            + "星期三 星期四 星期五 星期六 星期日 星期天 点击数 点击 浏览次数 浏览 阅读 次 来源 作者")
            .split(separator: " ").map(String.init))

    private static let writerLabels = ["author", "source", "来源", "作者", "撰稿", "供稿"].map { Array($0.utf8) }

    /// The line after a lone "Tags" or "Categories" label above or below
    /// the content is the list it labels ("stock car 2018, stock car
    /// brasil, …"): short, with commas, not a sentence.
    private func dropTagLists(_ shapes: [LineShape], _ kept: inout [Bool], _ rules: inout [Rule?]) {
        for index in shapes.indices.dropLast() where rules[index] == .taxonomy && kept[index + 1] {
            guard ChromePatterns.isTaxonomyLabel(shapes[index]) else { continue }
            let next = shapes[index + 1]
            guard next.characters <= 300, !next.endsLikeSentence,
                  next.text.contains(where: { $0 == "," || $0 == "，" || $0 == "、" }) else { continue }
            kept[index + 1] = false
            rules[index + 1] = .taxonomy
        }
    }

    /// A site's name in its header is no longer than this (characters)…
    static let maximumHeaderLine = 80
    /// …and a section's name no longer than this.
    static let maximumSectionName = 40

    private func chromeRule(
        _ raw: String, _ lower: LowercasedLine, _ shape: LineShape, _ region: Region, headTexts: Set<String>
    ) -> Rule? {
        let bold = region != .middle
        if ChromePatterns.isRegistration(lower) { return .registration }
        if ChromePatterns.hasCopyrightMark(lower), shape.characters <= 200,
           bold || ChromePatterns.isStrongCopyright(lower) {
            return .copyright
        }
        if ChromePatterns.isCounter(lower, shape) { return .counter }
        if LowercasedLine.mayBeTrail(raw), let trail = NavigationTrail(raw),
           isTrail(trail, region, headTexts: headTexts) {
            return .trail
        }
        if ChromePatterns.isButtonRow(shape) || ChromePatterns.isShareBar(lower, shape) { return .buttonRow }
        if ChromePatterns.isBrowserNotice(lower, shape) { return .browserNotice }
        if ChromePatterns.isAdvertLabel(shape) { return .label }
        guard bold else { return nil }
        if ChromePatterns.isTaxonomyLine(lower, shape) || ChromePatterns.isTaxonomyLabel(shape) { return .taxonomy }
        if ChromePatterns.isLabelLine(shape) { return .label }
        if ChromePatterns.isBackLink(shape) { return .backLink }
        if region == .trailing, ChromePatterns.isTeaserHeading(shape) { return .teaserHeading }
        if region == .trailing, ChromePatterns.isNeighbourLink(lower) { return .neighbourLink }
        if ChromePatterns.isCredit(shape) { return nil }
        return ChromePatterns.isWidget(lower, shape, leading: region == .leading) ? .widget : nil
    }

    private func isTrail(_ trail: NavigationTrail, _ region: Region, headTexts: Set<String>) -> Bool {
        let segments = trail.segments
        guard !segments.isEmpty, trail.hasShortSegments else { return false }
        let bold = region != .middle
        if trail.hasLabel, trail.arrows > 0 { return bold || segments.count >= 3 }
        guard segments.count >= 2 else { return false }
        if trail.startsAtHome, trail.arrows + trail.slashesOrBars > 0 { return true }
        guard bold else { return false }
        if trail.startsAtHome { return true }
        if trail.arrows > 0, segments.count >= 3 { return true }
        if trail.slashesOrBars > 0, segments.count >= 3,
           segments.allSatisfy({ $0.count <= 40 && $0.split(separator: " ").count <= 4 }) {
            return true
        }
        // "Section    Headline": a trail that ends in the page's own headline.
        if region == .leading, let last = segments.last, last.count >= 10 {
            return headTexts.contains(LineShape.collapsingSpaces(String(last)))
        }
        return false
    }
}
