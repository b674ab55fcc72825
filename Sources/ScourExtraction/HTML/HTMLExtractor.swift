/// Extracts an HTML page: parse, lay out as lines, prune chrome, then drop
/// chrome lines by shape — with a safety net, because stripping must never
/// cost findability: when the strict pass leaves almost nothing of a page
/// that had text, a gentler pass runs, and in the worst case all visible
/// text is kept.
enum HTMLExtractor {
    /// The strict result is too small when it is under this many bytes…
    static let tinyBytes = 50
    /// …or under `smallBytes` while the page had ten times as much text.
    static let smallBytes = 200
    /// Repeats of lines at least this long are dropped; shorter ones (table
    /// cells such as "Closed") may repeat meaningfully.
    static let minimumRepeatedLine = 30

    static func extract(_ utf8: [UInt8], encoding: String) -> ExtractedDocument? {
        HTMLParser.withDocument(utf8) { document in
            let layout = LayoutBuilder.layout(of: document, sourceBytes: utf8.count)
            return extract(layout, encoding: encoding)
        }
    }

    static func extract(_ layout: PageLayout, encoding: String) -> ExtractedDocument {
        let total = layout.totalBytes
        var lines: [KeptLine] = []
        for pass: BoilerplatePruner.Pass in [.strict, .gentle, .everything] {
            lines = keptText(layout, pass)
            let bytes = lines.reduce(0) { $0 + $1.text.utf8.count }
            let tooSmall = bytes < tinyBytes || (bytes < smallBytes && bytes * 10 < total)
            if !tooSmall || bytes >= total { break }
        }
        var document = ExtractedDocument(
            title: title(layout), text: lines.map(\.text).joined(separator: "\n"), format: .html, encoding: encoding)
        document.headings = lines.filter(\.isHeading).map(\.text)
        return document
    }

    /// A line that survived pruning, and whether it came from `h1`…`h6`.
    private struct KeptLine {
        var text: String
        var isHeading: Bool
    }

    private static func keptText(_ layout: PageLayout, _ pass: BoilerplatePruner.Pass) -> [KeptLine] {
        let kept = BoilerplatePruner.keptLines(layout, pass)
        var candidates: [ChromeLineFilter.Candidate] = []
        var lineIndices: [Int] = []
        var isHeading: [Bool] = []
        for (index, line) in layout.lines.enumerated() where kept[index] {
            candidates.append(.init(text: layout.text(of: line), isProtected: line.heading == 1))
            lineIndices.append(index)
            isHeading.append(line.heading > 0)
        }
        guard pass != .everything else {
            return zip(candidates, isHeading).map { KeptLine(text: $0.text, isHeading: $1) }
        }
        let filter = ChromeLineFilter(strength: pass == .strict ? .full : .gentle)
        var result = filter.filter(candidates)
        if pass == .strict { FooterBlock.drop(layout, lineIndices: lineIndices, &result) }
        // A sentence-long line seen before (a slideshow caption, a teaser
        // repeating the headline) adds nothing the second time.
        var seen: Set<String> = []
        var lines: [KeptLine] = []
        for index in result.shapes.indices where result.kept[index] {
            let shape = result.shapes[index]
            if shape.characters >= minimumRepeatedLine, !seen.insert(shape.text).inserted { continue }
            lines.append(KeptLine(text: shape.text, isHeading: isHeading[index]))
        }
        return lines
    }

    /// `<title>`, else the first `h1`.
    private static func title(_ layout: PageLayout) -> String {
        if !layout.title.isEmpty { return layout.title }
        return layout.lines.first(where: { $0.heading == 1 }).map(layout.text(of:)) ?? ""
    }
}
