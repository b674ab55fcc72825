/// Picks the title of a plain-text scrape: the line before the first
/// paragraph that looks most like a headline. Site names and section labels
/// are shorter than the headline they sit above; date and byline lines and
/// subtitles are told apart by their shape.
enum HeadlineFinder {
    static func title(of result: ChromeLineFilter.Result) -> String {
        let kept = result.shapes.indices.filter { result.kept[$0] }
        guard let first = kept.first else { return "" }
        if let underlined = underlinedHeading(result.shapes) { return underlined }
        // Before the first paragraph; on a page without prose, its top lines.
        let firstProse = result.shapes.firstIndex(where: \.isProse)
        let scope = firstProse.map { limit in kept.filter { $0 < limit } } ?? Array(kept.prefix(5))
        var best: LineShape?
        for index in scope where isHeadlineLike(result.shapes[index]) {
            let shape = result.shapes[index]
            if shape.characters >= best?.characters ?? 0 { best = shape }
        }
        return best?.text ?? shortened(result.shapes[first])
    }

    /// A heading underlined the way Markdown, reStructuredText and plain
    /// README files write them ("Git v2.19.1 Release Notes" over a line of
    /// `=`), among the first lines: the author's own title, more reliable
    /// than any guess from line shapes.
    static func underlinedHeading(_ shapes: [LineShape]) -> String? {
        for index in shapes.indices.prefix(10).dropLast() {
            let line = shapes[index], below = trimmed(shapes[index + 1].text)
            guard line.hasLetters, line.words >= 1, line.characters <= 150, below.count >= 3,
                  let mark = below.first, "=-~*#^".contains(mark), below.allSatisfy({ $0 == mark }),
                  below.count * 2 >= line.characters else { continue }
            return String(trimmed(line.text))
        }
        return nil
    }

    private static func trimmed(_ text: String) -> Substring {
        let start = text.firstIndex { $0 != " " && $0 != "\t" } ?? text.endIndex
        let end = text.lastIndex { $0 != " " && $0 != "\t" }.map(text.index(after:)) ?? start
        return text[start..<max(start, end)]
    }

    static func isHeadlineLike(_ shape: LineShape) -> Bool {
        guard shape.hasLetters, shape.characters >= 4, shape.characters <= 150, shape.words >= 2 else { return false }
        guard !shape.isProse, !shape.endsLikeSentence || shape.text.hasSuffix("?") || shape.text.hasSuffix("!")
        else { return false }
        let text = shape.text
        if let first = text.unicodeScalars.first, "-—–•*·>[(".unicodeScalars.contains(first) { return false }
        if text.hasSuffix(":") || text.hasSuffix("：") { return false }
        return !isMetadata(shape)
    }

    /// A dateline or byline: a year together with a label colon, a bar, or
    /// little else ("Date:2026-01-10 …", "Mar. 27, 2024 | Office", "2015-05-25 []").
    static func isMetadata(_ shape: LineShape) -> Bool {
        let text = shape.text
        if let colon = text.prefix(20).firstIndex(where: { $0 == ":" || $0 == "：" }),
           text[..<colon].allSatisfy({ $0.isLetter || $0 == " " }) {
            return true
        }
        guard hasYear(text) else { return false }
        if text.contains("|") || text.contains("｜") || text.contains(":") || text.contains("：") { return true }
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }.count
        return letters * 2 < shape.characters
    }

    private static func hasYear(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 4 else { return false }
        for start in 0...(utf8.count - 4) {
            let window = utf8[start..<start + 4]
            guard window.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), window.first == 0x31 || window.first == 0x32 else {
                continue
            }
            let before = start == 0 ? 0x20 : utf8[start - 1]
            let after = start + 4 == utf8.count ? 0x20 : utf8[start + 4]
            if !(before >= 0x30 && before <= 0x39), !(after >= 0x30 && after <= 0x39) { return true }
        }
        return false
    }

    /// The first line as a title, cut at a word boundary when it is a whole
    /// paragraph.
    private static func shortened(_ shape: LineShape) -> String {
        guard shape.characters > 150 else { return shape.text }
        let prefix = shape.text.prefix(120)
        let cut = prefix.lastIndex(of: " ").map { prefix[..<$0] } ?? prefix
        return cut + "…"
    }
}
