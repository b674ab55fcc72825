import ScourPrimitives

/// Extracts an HTML page: parse, lay out as lines, prune chrome, keep the
/// main content, then drop chrome lines by shape — with a safety net,
/// because stripping must never cost findability: when a pass leaves almost
/// nothing of a page that had text, a gentler pass runs (chrome rules
/// without main-content detection, then only declared navigation and
/// footers), and in the worst case all visible text is kept.
enum HTMLExtractor {
    /// The strict result is too small when it is under this many bytes…
    static let tinyBytes = 50
    /// …or under `smallBytes` while the page had ten times as much text.
    static let smallBytes = 200
    /// Repeats of lines at least this long are dropped; shorter ones (table
    /// cells such as "Closed") may repeat meaningfully.
    static let minimumRepeatedLine = 30

    /// Extracts a decoded page, or nil when libxml2 made no document of it.
    /// `budget` is checked between phases and inside the DOM walks.
    static func extract(
        _ utf8: [UInt8], encoding: String, options: ExtractionOptions = ExtractionOptions(),
        budget: CPUBudget = .unlimited
    ) throws(ExtractionError) -> ExtractedDocument? {
        let markup = MarkupLimits.limited(LegacyMarkup.repaired(utf8))
        try budget.check()
        let result = HTMLParser.withDocument(markup) { document -> Result<ExtractedDocument, ExtractionError> in
            do throws(ExtractionError) {
                try budget.check()
                let layout = try LayoutBuilder.layout(
                    of: document, sourceBytes: utf8.count, explain: options.explain, budget: budget)
                try budget.check()
                var (extracted, datelines) = extractWithDatelines(layout, encoding: encoding, options: options)
                try budget.check()
                let metadata = try MetadataCollector.collect(document, budget: budget)
                metadata.apply(to: &extracted)
                // The datelines left the text but still date the page, ahead of the body's text.
                if !datelines.isEmpty, metadata.metaDate == nil, metadata.itempropDate == nil, metadata.statedDate == nil,
                   let date = DateFinder.visibleDate(inText: datelines.joined(separator: "\n")) {
                    extracted.date = date
                }
                extracted.savedFromURL = utf8.withUnsafeBufferPointer(SavedFromMark.url)
                return .success(extracted)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let document)?: return document
        case .failure(let error)?: throw error
        case nil: return nil
        }
    }

    static func extract(
        _ layout: PageLayout, encoding: String, options: ExtractionOptions = ExtractionOptions()
    ) -> ExtractedDocument {
        extractWithDatelines(layout, encoding: encoding, options: options).document
    }

    /// The document, and the datelines dropped above its content.
    private static func extractWithDatelines(
        _ layout: PageLayout, encoding: String, options: ExtractionOptions
    ) -> (document: ExtractedDocument, datelines: [String]) {
        let total = layout.totalBytes
        let passes: [BoilerplatePruner.Pass] = options.keepAll ? [.everything] : [.main, .strict, .gentle, .everything]
        var fates: [LineFate] = []
        var lines: [KeptLine] = []
        var datelines: [String] = []
        for pass in passes {
            let decision = decide(layout, pass, keepComments: options.keepComments)
            fates = decision.fates
            datelines = decision.datelines
            lines = layout.lines.indices.compactMap { index in
                decision.texts[index].map { KeptLine(text: $0, isHeading: layout.lines[index].heading > 0) }
            }
            let bytes = lines.reduce(0) { $0 + $1.text.utf8.count }
            let tooSmall = bytes < tinyBytes || (bytes < smallBytes && bytes * 10 < total)
            if !tooSmall || bytes >= total { break }
        }
        if options.keepAll { fates = fates.map { $0.isKept ? .keptAll : $0 } }
        var document = ExtractedDocument(
            title: title(layout), text: lines.map(\.text).joined(separator: "\n"), format: .html, encoding: encoding)
        document.headings = lines.filter(\.isHeading).map(\.text)
        if options.explain {
            document.explanation = layout.lines.indices.map { index in
                BlockDecision(
                    text: layout.text(of: layout.lines[index]), kept: fates[index].isKept,
                    reason: fates[index].description(in: layout))
            }
        }
        return (document, datelines)
    }

    /// A line that survived pruning, and whether it came from `h1`…`h6`.
    private struct KeptLine {
        var text: String
        var isHeading: Bool
    }

    /// One pass over a page: every line's fate, and the text of the kept
    /// ones (a line rule may trim a kept line: "Date: … Hits: 118").
    private struct Decision {
        var fates: [LineFate]
        var texts: [String?]
        /// Datelines dropped above the content, for the date fallback.
        var datelines: [String] = []
    }

    private static func decide(_ layout: PageLayout, _ pass: BoilerplatePruner.Pass, keepComments: Bool) -> Decision {
        var fates = BoilerplatePruner.fates(layout, pass)
        if pass == .main, let main = MainContent(layout, LineStats(layout), fates) { fates = main.fates }
        if pass == .main || pass == .strict { dropTeaserBlocks(layout, &fates) }
        if keepComments, pass == .main || pass == .strict { Discussion.keep(layout, &fates) }
        var texts = [String?](repeating: nil, count: layout.lines.count)
        var candidates: [ChromeLineFilter.Candidate] = []
        var lineIndices: [Int] = []
        for (index, line) in layout.lines.enumerated() where fates[index].isKept {
            let text = layout.text(of: line)
            if pass == .everything {
                texts[index] = text
                continue
            }
            candidates.append(.init(text: text, isProtected: line.heading == 1, isHeading: line.heading > 0))
            lineIndices.append(index)
        }
        guard pass != .everything else { return Decision(fates: fates, texts: texts) }
        let filter = ChromeLineFilter(strength: pass == .gentle ? .gentle : .full)
        var result = filter.filter(candidates)
        if pass != .gentle { FooterBlock.drop(layout, lineIndices: lineIndices, &result) }
        // A sentence-long line seen before (a slideshow caption, a teaser
        // repeating the headline) adds nothing the second time, unless both
        // are paragraphs of one container of the main content, or list
        // items in it (product cards listing the same features).
        // Hashes of the UTF-8 bytes: hashing a `String` normalises it first.
        // Hash → the main-content container of its first occurrence.
        var seen: [UInt64: Int32] = [:]
        var datelines: [String] = []
        var head = HeadBlock(title: layout.title)
        for (candidate, index) in lineIndices.enumerated() {
            guard result.kept[candidate] else {
                fates[index] = result.rules[candidate].map(LineFate.chromeLine) ?? .footerBlock
                if result.rules[candidate] == .dateline { datelines.append(result.shapes[candidate].text) }
                continue
            }
            let shape = result.shapes[candidate]
            if pass != .gentle, result.regions[candidate] == .leading,
               let fate = head.fate(of: shape) {
                fates[index] = fate
                continue
            }
            if shape.characters >= minimumRepeatedLine {
                // The article's own paragraphs may repeat (a refrain, a
                // recurring instruction); a repeat involving anything else is one.
                let hash = FNV1a.hash(shape.text)
                let container = fates[index] == .mainContent ? Self.container(of: index, layout) : Self.elsewhere
                if let earlier = seen[hash], earlier == Self.elsewhere || earlier != container {
                    fates[index] = .repeated
                    continue
                }
                seen[hash] = container
            }
            texts[index] = shape.text
        }
        return Decision(fates: fates, texts: texts, datelines: datelines)
    }

    /// A heading such as "You may also like" or "猜你喜欢" ends the content
    /// of the box that holds it: it and the rest of that box are teasers for
    /// other pages (often nested articles, each scoring a little).
    private static func dropTeaserBlocks(_ layout: PageLayout, _ fates: inout [LineFate]) {
        var index = 0
        while index < layout.lines.count {
            let line = layout.lines[index]
            guard line.heading > 0, fates[index].isKept, line.box >= 0,
                  ChromePatterns.isTeaserHeading(LineShape(layout.text(of: line))) else {
                index += 1
                continue
            }
            let end = Int(layout.boxes[Int(line.box)].endLine)
            for teaser in index..<end where fates[teaser].isKept { fates[teaser] = .teaserBlock }
            index = max(end, index + 1)
        }
    }

    /// Where a line of the main content sits, for repeats: the box holding
    /// its paragraph (a `p`'s parent, else its own box), or `inList`.
    private static func container(of index: Int, _ layout: PageLayout) -> Int32 {
        let box = layout.lines[index].box
        guard box >= 0 else { return noBox }
        let tag = layout.boxes[Int(box)].tag
        if tag == .list { return inList }
        return tag == .paragraph ? layout.boxes[Int(box)].parent : box
    }

    private static let elsewhere: Int32 = -1
    private static let noBox: Int32 = -2
    private static let inList: Int32 = -3

    /// `<title>`, else the first `h1`.
    private static func title(_ layout: PageLayout) -> String {
        if !layout.title.isEmpty { return layout.title }
        return layout.lines.first(where: { $0.heading == 1 }).map(layout.text(of:)) ?? ""
    }
}
