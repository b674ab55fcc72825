import ScourPrimitives

/// Reads publication dates as pages write them and normalises them to ISO
/// 8601 `yyyy-MM-dd`: `2026-01-10T08:00:00+08:00`, `2026/1/10`,
/// `2025年11月19日`, `9 February 2026`, `Mar. 27, 2024`, `Tue, 10 Feb 2026`.
/// Impossible dates (month 13, 30 February, year 1066) are rejected, and
/// day/month orders that cannot be told apart (`03/04/2024`) are not guessed.
enum DateFinder {
    /// The first full date in `value` (a `<meta>` content, a `datetime`
    /// attribute, a line of text), or nil.
    static func date(in value: String) -> String? {
        let tokens = DateTokens(value).tokens
        if let found = firstDate(tokens) { return found.date }
        // `20260110`, as some `<meta name=date>` write it.
        if tokens.count == 1, case .number(let value, 8) = tokens[0] {
            return validated(year: value / 10000, month: value / 100 % 100, day: value % 100)
        }
        return nil
    }

    /// The first full date among `tokens`, and the index of its first token.
    private static func firstDate(_ tokens: [DateTokens.Token]) -> (date: String, start: Int)? {
        for start in tokens.indices {
            if let date = numericDate(tokens, start) ?? dayMonthYear(tokens, start) ?? monthDayYear(tokens, start) {
                return (date, start)
            }
        }
        return nil
    }

    /// An HTTP date (`Last-Modified`, `Date`) in any of the three forms
    /// RFC 9110 says to accept: RFC 1123 `Sun, 06 Nov 1994 08:49:37 GMT`,
    /// RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` (a two-digit year below 70
    /// is 20xx) and asctime `Sun Nov  6 08:49:37 1994`.
    static func httpDate(_ value: String) -> String? {
        let tokens = DateTokens(value).tokens
        for index in tokens.indices {
            guard case .word(let name) = tokens[index], let month = month(named: name) else { continue }
            // RFC 850: day-month-year with dashes.
            if index >= 2, index + 2 < tokens.count, case .number(let day, 1...2) = tokens[index - 2],
               tokens[index - 1] == .mark("-"), tokens[index + 1] == .mark("-"), case .number(let year, let digits) = tokens[index + 2] {
                let fullYear = digits == 2 ? (year < 70 ? 2000 + year : 1900 + year) : year
                return validated(year: fullYear, month: month, day: day)
            }
            // asctime: month day time year.
            if index + 1 < tokens.count, case .number(let day, 1...2) = tokens[index + 1],
               case .number(let year, 4)? = tokens.last {
                return validated(year: year, month: month, day: day)
            }
            break
        }
        return date(in: value)
    }

    /// How many lines at the top of the content a dateline may sit in.
    static let topLines = 12
    /// An unlabelled date counts only on a line about this short: a date in
    /// the middle of a sentence is an event, not the publication.
    static let datelineLength = 60

    /// The date of a dateline near the top of the content: a labelled line
    /// ("Date:2026-01-10", "Published 9 February 2026", "发布时间：2025-11-19")
    /// first — of those, the best label (see `LabelRank`), on the earliest
    /// line —, else a short line that is mostly a date, above the first
    /// paragraph ("Mar. 27, 2024", "2015-05-25").
    static func visibleDate(inText text: String) -> String? {
        let lines = text.split(separator: "\n", maxSplits: topLines, omittingEmptySubsequences: true).prefix(topLines)
        var best: LabelledDate?
        for line in lines {
            if let found = labelledDate(in: line), found.rank < best?.rank ?? .none {
                best = found
                if found.rank == .publication { break }
            }
        }
        if let best { return best.date }
        for line in lines {
            // Count at most what matters: the last piece holds the rest of the text.
            if line.prefix(201).count > 200 { break }  // the first paragraph: the top is over
            if line.prefix(datelineLength + 1).count <= datelineLength, !isRange(line),
               let date = date(in: String(line)) { return date }
        }
        return nil
    }

    /// What a label says of the date after it, best first.
    enum LabelRank: Int, Comparable, Sendable {
        /// "发布时间", "Posted on", "Published": the day the page appeared.
        case publication
        /// "日期", "Date": a date, most likely the page's.
        case date
        /// "更新时间", "Last updated": a day after the publication.
        case update
        /// "时间" alone: as often an event's time as the page's.
        case time
        /// No label.
        case none

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct LabelledDate: Equatable, Sendable {
        var date: String
        var rank: LabelRank
    }

    /// Labels, lower case, and their ranks. "发布" stands for 发布时间,
    /// 发布日期 and 发布于 alike: what follows it up to the date is filler.
    private static let labels: [(label: String, rank: LabelRank)] = [
        ("发布", .publication), ("發佈", .publication), ("發布", .publication), ("发表", .publication),
        ("發表", .publication), ("发稿", .publication), ("发文", .publication), ("成文日期", .publication),
        ("posted", .publication), ("published", .publication), ("date published", .publication),
        ("publication date", .publication), ("publish date", .publication), ("publié", .publication),
        ("veröffentlicht", .publication),
        ("日期", .date), ("date", .date), ("datum", .date),
        ("更新", .update), ("修改", .update), ("updated", .update), ("last updated", .update),
        ("last modified", .update), ("modified", .update), ("aktualisiert", .update),
        ("时间", .time), ("時間", .time),
    ]

    /// At most this many characters between a CJK label and its date
    /// ("时间：", "日期: ", "于").
    static let cjkFiller = 6
    /// …and between a Latin one and its date (" on ", ": ", " by kovarex,
    /// TOGos, Ernestas, Albert on ").
    static let latinFiller = 64
    /// A Latin label that does not start a field still counts when it ends
    /// this near the line's start: "This entry was posted on", "Originally
    /// published on", "by Al Tompkins Published" — but not a "published"
    /// deep in a sentence.
    static let latinLabelEnd = 32

    /// The date that follows the best label in `line` — "作者：张三 发布时间：
    /// 2025-12-01", "By Jane Doe | Posted on December 1, 2025",
    /// "更新时间：2025-12-03 发布时间：2025-12-01" (the publication) — with
    /// the label's rank; nil when no label is followed closely by a date.
    ///
    /// A label counts where a field starts: the line's start, or after
    /// punctuation (or, for a CJK label, a space) — not the 时间 of 放假时间.
    /// A Latin label, a whole word, counts too where it ends in the first
    /// `latinLabelEnd` characters ("This entry was posted on …").
    /// A label other than a publication's followed by a span ("时间：1月10日
    /// 至2月20日", "Date: 29 June – 10 July") dates an event, not the page.
    static func labelledDate(in line: Substring) -> LabelledDate? {
        // ASCII-lowercased bytes of about the line's first 160 characters,
        // searched as bytes: a `String` search per label cost a fifth of
        // all extraction time.
        var bytes = Array(line.utf8.prefix(headBytes))
        if let next = line.utf8.dropFirst(headBytes).first, next & 0xC0 == 0x80 {
            // Cut inside a character: drop its first bytes too.
            while let last = bytes.popLast(), last < 0xC0 {}
        }
        for index in bytes.indices { bytes[index] = ASCIIBytes.lower(bytes[index]) }
        var best: LabelledDate?
        var index = 0
        while index < bytes.count, best?.rank != .publication {
            for entry in labelsByFirstByte[Int(bytes[index])] where labelTable[entry].rank < best?.rank ?? .none {
                let label = labelTable[entry]
                guard matches(bytes, at: index, label.bytes), let found = date(after: label, at: index, in: bytes)
                else { continue }
                best = LabelledDate(date: found, rank: label.rank)
                break
            }
            index += 1
        }
        return best
    }

    /// Bytes of a line searched for labels: about 160 characters of CJK.
    private static let headBytes = 480

    private struct Label {
        var bytes: [UInt8]
        var rank: LabelRank
        var isCJK: Bool
    }

    private static let labelTable: [Label] = labels.map {
        Label(bytes: Array($0.label.utf8), rank: $0.rank, isCJK: !$0.label.unicodeScalars.first!.isASCII)
    }

    /// Indices into `labelTable` by the label's first byte.
    private static let labelsByFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (index, label) in labelTable.enumerated() { table[Int(label.bytes[0])].append(index) }
        return table
    }()

    private static func matches(_ bytes: [UInt8], at index: Int, _ label: [UInt8]) -> Bool {
        guard index + label.count <= bytes.count else { return false }
        for offset in 1..<label.count where bytes[index + offset] != label[offset] { return false }
        return true
    }

    /// The date closely following `label` at `start` of `bytes`, when the
    /// label stands where a label can (see `labelledDate(in:)`).
    private static func date(after label: Label, at start: Int, in bytes: [UInt8]) -> String? {
        let end = start + label.bytes.count
        let before = scalar(before: start, in: bytes)
        if label.isCJK {
            // A field starts: the line's start, a space or punctuation before.
            if let before, !before.properties.isWhitespace, isWordCharacter(before) { return nil }
        } else {
            // A whole word…
            if let before, before.properties.isAlphabetic { return nil }
            if end < bytes.count, let after = scalar(at: end, in: bytes), after.properties.isAlphabetic { return nil }
            // …that starts a field or ends near the line's start.
            var fieldStart = start
            var previous = before
            while let scalar = previous, scalar.properties.isWhitespace {
                fieldStart -= scalar.utf8.count
                previous = self.scalar(before: fieldStart, in: bytes)
            }
            let startsField = previous.map { !isWordCharacter($0) } ?? true
            let characters = bytes[..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            if !startsField, characters > latinLabelEnd { return nil }
        }
        let rest = String(decoding: bytes[end...].prefix(300), as: UTF8.self)
        let tokens = DateTokens(rest)
        guard let found = firstDate(tokens.tokens) else { return nil }
        let filler = rest.unicodeScalars.prefix(tokens.offsets[found.start])
        guard filler.count <= (label.isCJK ? cjkFiller : latinFiller), !hasNumber(Substring(rest).unicodeScalars.prefix(filler.count))
        else { return nil }
        if label.rank != .publication, isRange(Substring(rest)) { return nil }
        return found.date
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The scalar whose UTF-8 ends just before `index`, or nil at the start.
    private static func scalar(before index: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard index > 0 else { return nil }
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80, index - start < 4 { start -= 1 }
        return scalar(at: start, in: bytes)
    }

    /// The scalar whose UTF-8 starts at `index` (U+FFFD for a broken one).
    private static func scalar(at index: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return "\u{FFFD}"
    }

    /// A number of its own in a label's filler ("Posted 3 times since …"),
    /// not digits inside a name ("Posted by ddish81 on …").
    private static func hasNumber(_ filler: Substring.UnicodeScalarView) -> Bool {
        var previousIsLetter = false
        var index = filler.startIndex
        while index < filler.endIndex {
            let scalar = filler[index]
            if scalar.properties.numericType != nil {
                var end = index
                while end < filler.endIndex, filler[end].properties.numericType != nil { end = filler.index(after: end) }
                let nextIsLetter = end < filler.endIndex && filler[end].properties.isAlphabetic
                if !previousIsLetter, !nextIsLetter { return true }
                index = end
                previousIsLetter = true
                continue
            }
            previousIsLetter = scalar.properties.isAlphabetic && scalar.properties.numericType == nil
            index = filler.index(after: index)
        }
        return false
    }

    /// "29 June – 10 July 2026", "10.00am – 3.00pm": an event's span, not
    /// the day the page was published.
    private static func isRange(_ line: Substring) -> Bool {
        line.contains("–") || line.contains("—") || line.contains(" - ") || line.contains(" to ")
            || line.contains("~") || line.contains("至")
    }

    // MARK: Patterns

    /// `2026-01-10`, `2026/1/10`, `2026.01.10`, `2026年1月10日`.
    private static func numericDate(_ tokens: [DateTokens.Token], _ start: Int) -> String? {
        guard start + 4 < tokens.count, case .number(let year, 4) = tokens[start],
              case .mark(let first) = tokens[start + 1], case .number(let month, 1...2) = tokens[start + 2],
              case .mark(let second) = tokens[start + 3], case .number(let day, 1...2) = tokens[start + 4]
        else { return nil }
        let separatorsAgree = first == second && "-/.".unicodeScalars.contains(first) || (first == "年" && second == "月")
        guard separatorsAgree else { return nil }
        return validated(year: year, month: month, day: day)
    }

    /// `9 February 2026`, `9th of Feb. 2026`, `Tue, 10 Feb 2026 08:00:00 GMT`.
    private static func dayMonthYear(_ tokens: [DateTokens.Token], _ start: Int) -> String? {
        guard case .number(let day, 1...2) = tokens[start] else { return nil }
        var index = start + 1
        skip(&index, tokens, words: ["st", "nd", "rd", "th", "of"])
        guard index < tokens.count, case .word(let name) = tokens[index], let month = month(named: name) else { return nil }
        index += 1
        skipMarks(&index, tokens, ".,")
        guard index < tokens.count, case .number(let year, 4) = tokens[index] else { return nil }
        return validated(year: year, month: month, day: day)
    }

    /// `March 27, 2024`, `Mar. 27 2024`, `Feb 9th, 2026`.
    private static func monthDayYear(_ tokens: [DateTokens.Token], _ start: Int) -> String? {
        guard case .word(let name) = tokens[start], let month = month(named: name) else { return nil }
        var index = start + 1
        skipMarks(&index, tokens, ".")
        guard index < tokens.count, case .number(let day, 1...2) = tokens[index] else { return nil }
        index += 1
        skip(&index, tokens, words: ["st", "nd", "rd", "th"])
        skipMarks(&index, tokens, ",")
        guard index < tokens.count, case .number(let year, 4) = tokens[index] else { return nil }
        return validated(year: year, month: month, day: day)
    }

    private static func skip(_ index: inout Int, _ tokens: [DateTokens.Token], words: Set<String>) {
        while index < tokens.count, case .word(let word) = tokens[index], words.contains(word) { index += 1 }
    }

    private static func skipMarks(_ index: inout Int, _ tokens: [DateTokens.Token], _ marks: String) {
        while index < tokens.count, case .mark(let mark) = tokens[index], marks.unicodeScalars.contains(mark) { index += 1 }
    }

    private static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
        "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
        "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]

    private static func month(named name: String) -> Int? { months[name] }

    /// `yyyy-MM-dd` when the date exists on a calendar and is plausible for
    /// a web page or a document scanned onto one.
    static func validated(year: Int, month: Int, day: Int) -> String? {
        guard (1900...2100).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}

/// A line cut into what dates are made of: numbers (ASCII or full-width
/// digits), ASCII words (lowercased) and single marks; spaces only separate.
struct DateTokens {
    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case mark(Unicode.Scalar)
    }

    var tokens: [Token] = []
    /// Where each token starts: its offset in the text's Unicode scalars.
    var offsets: [Int] = []

    init(_ text: String) {
        var number = 0, digits = 0
        var word = ""
        var start = 0
        func flush() {
            if digits > 0 { tokens.append(.number(digits > 9 ? Int.max : number, digits: digits)); offsets.append(start) }
            if !word.isEmpty { tokens.append(.word(word)); offsets.append(start) }
            number = 0; digits = 0; word = ""
        }
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            var value = scalar.value
            if value >= 0xFF10, value <= 0xFF19 { value -= 0xFF10 - 0x30 }  // full-width digits
            if value >= 0x30, value <= 0x39 {
                if !word.isEmpty { flush() }
                if digits == 0 { start = offset }
                if digits < 10 { number = number * 10 + Int(value - 0x30) }
                digits += 1
            } else if (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) {
                if digits > 0 { flush() }
                if word.isEmpty { start = offset }
                word.unicodeScalars.append(Unicode.Scalar(value | 0x20)!)
            } else {
                flush()
                if !scalar.properties.isWhitespace { tokens.append(.mark(scalar)); offsets.append(offset) }
            }
        }
        flush()
    }
}

