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
        for start in tokens.indices {
            if let date = numericDate(tokens, start) ?? dayMonthYear(tokens, start) ?? monthDayYear(tokens, start) {
                return date
            }
        }
        // `20260110`, as some `<meta name=date>` write it.
        if tokens.count == 1, case .number(let value, 8) = tokens[0] {
            return validated(year: value / 10000, month: value / 100 % 100, day: value % 100)
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
    /// first, else a short line that is mostly a date, above the first
    /// paragraph ("Mar. 27, 2024", "2015-05-25").
    static func visibleDate(inText text: String) -> String? {
        let lines = text.split(separator: "\n", maxSplits: topLines, omittingEmptySubsequences: true).prefix(topLines)
        for line in lines where isLabelled(line) {
            if let date = date(in: String(line.prefix(200))) { return date }
        }
        for line in lines {
            // Count at most what matters: the last piece holds the rest of the text.
            if line.prefix(201).count > 200 { break }  // the first paragraph: the top is over
            if line.prefix(datelineLength + 1).count <= datelineLength, !isRange(line),
               let date = date(in: String(line)) { return date }
        }
        return nil
    }

    private static let labels = [
        "date", "published", "posted", "updated", "发布", "日期", "时间", "發佈", "發布", "時間", "發表", "发表", "更新",
        "publié", "datum", "veröffentlicht",
    ]

    /// "29 June – 10 July 2026", "10.00am – 3.00pm": an event's span, not
    /// the day the page was published.
    private static func isRange(_ line: Substring) -> Bool {
        line.contains("–") || line.contains("—") || line.contains(" - ") || line.contains(" to ")
            || line.contains("~") || line.contains("至")
    }

    /// A label among the first words: at the start of a word, so that
    /// "Candidates" is not a "date" label.
    private static func isLabelled(_ line: Substring) -> Bool {
        let head = line.prefix(24).lowercased()
        return labels.contains { label in
            guard label.unicodeScalars.first!.isASCII else { return head.contains(label) }
            var searchStart = head.startIndex
            while let range = head[searchStart...].firstRange(of: label) {
                if range.lowerBound == head.startIndex || !head[head.index(before: range.lowerBound)].isLetter {
                    return true
                }
                searchStart = range.upperBound
            }
            return false
        }
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

    init(_ text: String) {
        var number = 0, digits = 0
        var word = ""
        func flush() {
            if digits > 0 { tokens.append(.number(digits > 9 ? Int.max : number, digits: digits)) }
            if !word.isEmpty { tokens.append(.word(word)) }
            number = 0; digits = 0; word = ""
        }
        for scalar in text.unicodeScalars {
            var value = scalar.value
            if value >= 0xFF10, value <= 0xFF19 { value -= 0xFF10 - 0x30 }  // full-width digits
            if value >= 0x30, value <= 0x39 {
                if !word.isEmpty { flush() }
                if digits < 10 { number = number * 10 + Int(value - 0x30) }
                digits += 1
            } else if (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) {
                if digits > 0 { flush() }
                word.unicodeScalars.append(Unicode.Scalar(value | 0x20)!)
            } else {
                flush()
                if !scalar.properties.isWhitespace { tokens.append(.mark(scalar)) }
            }
        }
        flush()
    }
}

