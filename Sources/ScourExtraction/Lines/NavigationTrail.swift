/// Reads a line as a navigation trail ("Location: Home > About > News",
/// "Position:>homepage  SSPU News", "Home    Company News    Headline"):
/// short segments joined by `>`, `»`, `/`, `|`, `＞` or runs of spaces,
/// optionally led by a label and a colon.
struct NavigationTrail {
    /// The segments, trimmed, without empty ones.
    var segments: [Substring] = []
    /// A leading "Word:" (at most three words, no digits) was removed.
    var hasLabel = false
    /// Separators seen, by family.
    var arrows = 0, slashesOrBars = 0, spaceRuns = 0

    /// Splits `line` (spaces normalised but not collapsed). `nil` when the
    /// line holds no separator at all.
    init?(_ line: String) {
        var rest = Substring(line)
        if let colon = line.prefix(30).firstIndex(where: { $0 == ":" || $0 == "：" }) {
            let label = line[..<colon]
            let words = label.split(separator: " ")
            if !words.isEmpty, words.count <= 3,
               label.allSatisfy({ $0.isLetter || $0 == " " }) {
                hasLabel = true
                rest = line[line.index(after: colon)...]
            }
        }
        var segmentStart = rest.startIndex
        var index = rest.startIndex
        while index < rest.endIndex {
            let character = rest[index]
            var separatorEnd: Substring.Index?
            switch character {
            case ">", "»", "›", "＞", "→", "〉", "》":
                arrows += 1
                separatorEnd = rest.index(after: index)
            case "/", "|", "｜", "／":
                slashesOrBars += 1
                separatorEnd = rest.index(after: index)
            case " ":
                var end = rest.index(after: index)
                while end < rest.endIndex, rest[end] == " " { end = rest.index(after: end) }
                if rest.distance(from: index, to: end) >= 2 {
                    spaceRuns += 1
                    separatorEnd = end
                }
            default:
                break
            }
            if let end = separatorEnd {
                appendSegment(rest[segmentStart..<index])
                segmentStart = end
                index = end
            } else {
                index = rest.index(after: index)
            }
        }
        guard arrows + slashesOrBars + spaceRuns > 0 else { return nil }
        appendSegment(rest[segmentStart...])
    }

    private mutating func appendSegment(_ raw: Substring) {
        let trimmed = raw.drop(while: { $0 == " " })
        var end = trimmed.endIndex
        while end > trimmed.startIndex, trimmed[trimmed.index(before: end)] == " " { end = trimmed.index(before: end) }
        let segment = trimmed[..<end]
        if !segment.isEmpty { segments.append(segment) }
    }

    /// Every segment names something: it has a letter, and all but the last
    /// (often the page's own headline) are short.
    var hasShortSegments: Bool {
        for (position, segment) in segments.enumerated() {
            guard segment.contains(where: { $0.isLetter }) else { return false }
            let limit = position == segments.count - 1 ? 150 : 40
            guard segment.count <= limit else { return false }
            if position < segments.count - 1, segment.split(separator: " ").count > 6 { return false }
        }
        return true
    }

    /// True when the first segment is the site's home page.
    var startsAtHome: Bool {
        guard let first = segments.first else { return false }
        let lower = first.lowercased()
        return NavigationTrail.homeWords.contains(lower) || lower.hasSuffix("首页")
    }

    private static let homeWords: Set<String> = [
        "home", "homepage", "home page", "main page", "index", "start", "主页", "startseite", "accueil",
        "inicio", "главная",
    ]
}
