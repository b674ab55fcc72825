import ScourPrimitives

/// Cuts the site name off a `<title>` — "Robotics Lab Opens - Northfield
/// University" → "Robotics Lab Opens" — but only on evidence, because a
/// separator alone proves nothing: "PHYS 1120 - General Physics II (Winter
/// 1998)" is one title. The evidence is the page's own `h1` or `og:title`
/// matching one part of the title, or a part repeating `og:site_name`.
///
/// Parts are split at ` - `, ` | `, ` :: `, ` — `, ` – `, ` · `, ` » `, `_`,
/// their full-width forms (`｜`, `＿`, `－`), and at a bare `-`, `–` or `—`
/// between CJK characters ("标题-学校新闻网").
/// A part with digits in it is never cut away unless it is the site name:
/// site names rarely hold numbers, course codes and years always do.
///
/// Without a heading to go by, a part is the site name when it repeats
/// `og:site_name` or the host name's label (`Northfield University` on
/// `news.northfield.edu`); failing that, short trailing parts that name an
/// institution ("…的通知-东川大学新闻网", "学院简介_东川大学", "News -
/// Northfield University") are cut, unless every part names one
/// ("Riverton State University - Department of Physics" names one place).
struct TitleCleaner {
    var siteName: String
    /// The host of the page's URL (`news.northfield.edu`), or empty.
    var hostName = ""

    /// A run of title parts: `parts[first...last]`, as the text between the
    /// first part's start and the last part's end.
    private struct Run {
        var first: Int, last: Int
        var text: Substring
    }

    /// Titles are cut to about this many characters: longer ones are
    /// keyword lists or a page swallowed by a missing `</title>`, and the
    /// run search below costs parts² × length.
    static let maximumLength = 256
    /// Past this many parts a title is a list, not a name and a site: it is
    /// only trimmed of the site name at its ends (linear), never searched.
    static let maximumParts = 16

    func clean(_ fullTitle: String, heading: String, openGraphTitle: String) -> String {
        let title = Self.capped(fullTitle)
        let parts = Self.parts(of: title)
        guard parts.count > 1 else { return title }
        let key = Self.matchKey(heading)
        // The heading repeating the whole title says the title is whole.
        if !key.isEmpty, Self.matchKey(title) == key { return title }

        var best: (run: Run, score: Int)?
        for reference in [openGraphTitle, heading] where !reference.isEmpty && parts.count <= Self.maximumParts {
            let referenceKey = Self.matchKey(reference)
            for first in parts.indices {
                for last in first..<parts.count where !(first == 0 && last == parts.count - 1) {
                    let run = Run(first: first, last: last, text: title[parts[first].lowerBound..<parts[last].upperBound])
                    let score = Self.similarity(Self.matchKey(String(run.text)), referenceKey)
                    guard score > (best?.score ?? 0), mayDrop(parts, outside: run, of: title), !isSiteName(run.text)
                    else { continue }
                    best = (run, score)
                }
            }
            if best != nil { break }
        }
        if let best { return String(best.run.text) }

        // No heading to go by: drop parts that repeat the site name, at either end.
        var first = 0, last = parts.count - 1
        while first < last, isSiteName(title[parts[first]]) { first += 1 }
        while last > first, isSiteName(title[parts[last]]) { last -= 1 }
        if first == 0, last == parts.count - 1 {
            // Nor a site name: short institution names trailing the title, unless
            // every part names one ("Riverton State University - Department of Physics").
            let names = parts.map { Self.namesInstitution(title[$0]) && !Self.hasDigits(title[$0]) }
            guard names.contains(false) else { return title }
            while last > first, names[last] { last -= 1 }
        }
        if first == 0, last == parts.count - 1 { return title }
        return String(title[parts[first].lowerBound..<parts[last].upperBound])
    }

    private func mayDrop(_ parts: [Range<String.Index>], outside run: Run, of title: String) -> Bool {
        for index in parts.indices where index < run.first || index > run.last {
            let part = title[parts[index]]
            if part.contains(where: \.isNumber), !isSiteName(part) { return false }
        }
        return true
    }

    private func isSiteName(_ part: Substring) -> Bool {
        if !siteName.isEmpty, Self.similarity(Self.matchKey(String(part)), Self.matchKey(siteName)) >= 2 { return true }
        return Self.repeatsHost(part, label: hostLabel)
    }

    /// The label naming the site in `hostName`: `northfield` of
    /// `news.northfield.edu` and of `www.northfield.ac.uk`.
    private var hostLabel: Substring {
        var labels = hostName.lowercased().split(separator: ".")
        guard labels.count >= 2 else { return "" }
        labels.removeLast()  // the top-level domain
        if labels.count >= 2, ["ac", "co", "com", "edu", "gov", "net", "org"].contains(labels.last!) { labels.removeLast() }
        return labels.last.map { $0 == "www" ? "" : $0 } ?? ""
    }

    /// `part` spells the host's `label` in one or more words, followed only
    /// by words that name a kind of site ("Northfield University",
    /// "Northfield Online", "NYTimes.com", "Legal Nomads" on
    /// legalnomads.com), or its initials are the label (`mit` for
    /// "Massachusetts Institute of Technology"). "Free Range Librarian ›
    /// I am The Man" on freerangelibrarian.com is not the site's name.
    static func repeatsHost(_ part: Substring, label: Substring) -> Bool {
        guard label.count >= 3, label.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        let words = matchKey(String(part)).split(separator: " ")
        guard !words.isEmpty, words.count <= 8 else { return false }
        // The label, written in one or more words, then only words that name a kind of site.
        var spelled = ""
        for (index, word) in words.enumerated() {
            spelled += word
            if spelled == label { return words[(index + 1)...].allSatisfy { siteWords.contains(String($0)) } }
            if spelled.count >= label.count { break }
        }
        let initials = String(words.filter { !["of", "the", "and", "for", "de"].contains($0) }.compactMap(\.first))
        return initials.count >= 3 && initials == label
    }

    /// Words that may follow a site's name in its title part.
    private static let siteWords: Set<String> = Set([
        "com", "net", "org", "edu", "gov", "co", "uk", "cn", "de", "www", "online", "blog", "blogs", "news", "magazine",
        "daily", "weekly", "media", "official", "site", "website", "home", "homepage", "inc", "ltd", "llc",
    ]).union(institutionWords)

    // MARK: Institutions

    /// Decimal digits, ASCII or full-width: not the numerals of 第一中学.
    static func hasDigits(_ part: Substring) -> Bool {
        part.unicodeScalars.contains { $0.properties.numericType == .decimal }
    }

    /// Words that make a short Latin-script part the name of a place.
    private static let institutionWords: Set<String> = [
        "university", "universität", "université", "universidad", "università", "universiteit", "college",
        "institute", "institut", "instituto", "school", "academy", "polytechnic", "faculty", "department",
        "laboratory", "museum", "library", "hospital", "centre", "center", "society", "foundation",
        "association", "council", "ministry", "agency",
    ]
    /// Endings that make a short CJK part the name of a place or a site:
    /// 东川大学, 计算机学院, 东川大学新闻网, 教务处, 图书馆.
    private static let institutionEndings = [
        "大学", "学院", "学校", "中学", "小学", "研究所", "研究院", "中心", "医院", "委员会", "网", "网站", "官网",
        "门户", "处", "馆", "局", "厅", "大學", "學院", "學校", "網", "醫院", "委員會", "處",
    ]

    /// A short part that names an institution: at most 8 words with one of
    /// `institutionWords` at its end or before "of" ("Ashgrove College",
    /// "School of Computing"), or at most 20 CJK characters ending with one
    /// of `institutionEndings`.
    static func namesInstitution(_ part: Substring) -> Bool {
        guard let last = part.last else { return false }
        if isCJK(last) {
            guard part.count >= 3, part.count <= 20 else { return false }
            return institutionEndings.contains { part.hasSuffix($0) }
        }
        let words = matchKey(String(part)).split(separator: " ")
        guard words.count <= 8, part.count <= 60 else { return false }
        // The word heads the name: "Ashgrove College", "University of Leeds", not "Library Hours".
        return words.indices.contains { index in
            institutionWords.contains(String(words[index]))
                && (index == words.count - 1 || ["of", "for", "für", "de", "di"].contains(words[index + 1]))
        }
    }

    /// `title` cut to `maximumLength` characters, at a space when one is
    /// near the cut.
    static func capped(_ title: String) -> String {
        guard let cut = title.index(title.startIndex, offsetBy: maximumLength, limitedBy: title.endIndex),
              cut < title.endIndex else { return title }
        let head = title[..<cut]
        if let space = head.lastIndex(where: isSpace), head.distance(from: space, to: cut) < 40 {
            return String(head[..<space])
        }
        return String(head)
    }

    // MARK: Matching

    /// 3: the same words; 2: one starts with the other, which is at least
    /// half as long; 1: one contains the other, at least half as long.
    static func similarity(_ candidate: String, _ reference: String) -> Int {
        guard !candidate.isEmpty, !reference.isEmpty else { return 0 }
        if candidate == reference { return 3 }
        let (shorter, longer) = candidate.count <= reference.count ? (candidate, reference) : (reference, candidate)
        guard shorter.count * 2 >= longer.count else { return 0 }
        if (longer + " ").hasPrefix(shorter + " ") { return 2 }
        if (" " + longer + " ").contains(" " + shorter + " ") { return 1 }
        // Chinese has no spaces: containment alone.
        if shorter.unicodeScalars.contains(where: { $0.value >= 0x2E80 }), longer.contains(shorter) {
            return longer.hasPrefix(shorter) ? 2 : 1
        }
        return 0
    }

    /// Lowercased letters and digits, every other run of characters one space.
    static func matchKey(_ text: String) -> String {
        var key = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSpace, !key.isEmpty { key.append(" ") }
                pendingSpace = false
                key.append(character)
            } else {
                pendingSpace = true
            }
        }
        return key
    }

    // MARK: Splitting

    /// The ranges of the title's parts, trimmed, empty parts left out.
    static func parts(of title: String) -> [Range<String.Index>] {
        let characters = Array(title.indices)
        var parts: [Range<String.Index>] = []
        var partStart = title.startIndex
        var index = 0
        func close(at end: String.Index, resumingAt next: String.Index) {
            let trimmed = trimmedRange(title, partStart..<end)
            if !trimmed.isEmpty { parts.append(trimmed) }
            partStart = next
        }
        while index < characters.count {
            let character = title[characters[index]]
            let before: Character? = index > 0 ? title[characters[index - 1]] : nil
            var length = 0
            switch character {
            case "|", "｜", "_", "＿":
                length = 1
            case ":" where index + 1 < characters.count && title[characters[index + 1]] == ":":
                length = 2
            case "-", "–", "—", "·", "・", "»", "－":
                // A run of dashes ("——") is one separator.
                length = 1
                while index + length < characters.count, title[characters[index + length]] == character { length += 1 }
                let after: Character? = index + length < characters.count ? title[characters[index + length]] : nil
                let spaced = before.map(isSpace) == true && after.map(isSpace) == true
                var betweenCJK = before.map(isCJK) == true && after.map(isCJK) == true && character != "»"
                if betweenCJK, character == "·" || character == "・" {
                    // The dot of names (约翰·史密斯) separates only an institution's name at the end.
                    let rest = index + length < characters.count ? title[characters[index + length]...] : ""
                    betweenCJK = namesInstitution(rest) && !rest.contains(where: { "·・-–—－|｜_＿".contains($0) })
                }
                if !spaced, !betweenCJK { length = 0 }
            default:
                break
            }
            if length > 0 {
                let end = characters[index]
                let next = index + length < characters.count ? characters[index + length] : title.endIndex
                close(at: end, resumingAt: next)
                index += length
            } else {
                index += 1
            }
        }
        close(at: title.endIndex, resumingAt: title.endIndex)
        return parts
    }

    private static func trimmedRange(_ text: String, _ range: Range<String.Index>) -> Range<String.Index> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, isSpace(text[lower]) { lower = text.index(after: lower) }
        while upper > lower, isSpace(text[text.index(before: upper)]) { upper = text.index(before: upper) }
        return lower..<upper
    }

    private static func isSpace(_ character: Character) -> Bool { character.isWhitespace }

    /// East Asian text with its punctuation (``UnicodeRanges/isWide(_:)``),
    /// where a dash without spaces around it separates: `《三体》-豆瓣读书`.
    /// (This used to be everything from U+2E80 to U+FEFF, so Yi, Cyrillic
    /// and Latin extensions, private use and Arabic presentation forms
    /// counted as CJK, and full-width forms did not.)
    private static func isCJK(_ character: Character) -> Bool {
        character.unicodeScalars.first.map { UnicodeRanges.isWide($0.value) } ?? false
    }
}
