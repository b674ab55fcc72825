/// The short lines between an article's headline and its first paragraph
/// that say when it was published and who wrote it: "Updated 0339 GMT (1139
/// HKT) November 19, 2019", "19.11.2019, 08:57", "22 de janeiro de 2018 às
/// 0:13", "By Jill Disis, CNN Business". They are about the article, not of
/// it; the date they carry is the page's date.
///
/// Only lines above the first paragraph are asked, so a date or a "by" in
/// the body (an event's day, "written by a committee") is never taken.
enum Byline {
    /// A dateline or byline is no longer than this (characters).
    static let maximumCharacters = 80
    /// A day number this many words from a year makes a date in any
    /// language: "November 19, 2019", "22 de janeiro de 2018", "11 октября 2018".
    static let dayDistance = 4

    /// A short line that is mostly a date: a year with a day or a time
    /// near it, or a numeric date (`19.11.2019`, `2019-11-19`, `11/19/2019`).
    /// A year alone ("Stock Car 2018", "Top 10 of 2018" has no time) is not
    /// enough unless a day number sits within `dayDistance` words of it.
    static func isDateline(_ shape: LineShape) -> Bool {
        guard shape.characters <= maximumCharacters, !shape.endsLikeSentence || shape.words <= 8 else { return false }
        let bytes = Array(shape.text.utf8)
        var numbers: [Number] = []
        var word = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 {
                word += 1
            } else if byte >= 0x30, byte <= 0x39 {
                let start = index
                var value = 0
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    value = min(value * 10 + Int(bytes[index] - 0x30), 100_000)
                    index += 1
                }
                numbers.append(Number(value: value, digits: index - start, word: word, start: start, end: index,
                                      before: start > 0 ? bytes[start - 1] : 0x20,
                                      after: index < bytes.count ? bytes[index] : 0x20))
                continue
            }
            index += 1
        }
        guard numbers.contains(where: \.isYear) else { return false }
        for (position, number) in numbers.enumerated() {
            let next = position + 1 < numbers.count ? numbers[position + 1] : nil
            // h:mm
            if number.digits <= 2, number.after == 0x3A, let next, next.start == number.end + 1, next.digits == 2 {
                return true
            }
            // 19.11.2019, 2019-11-19, 11/19/2019: three numbers joined by one separator, one a year.
            if let next, position + 2 < numbers.count, next.start == number.end + 1,
               number.after == next.after, [0x2E, 0x2F, 0x2D].contains(number.after) {
                let third = numbers[position + 2]
                if third.start == next.end + 1, number.isYear || third.isYear { return true }
            }
            // A day number near the year.
            if number.digits <= 2, (1...31).contains(number.value), number.before != 0x3A, number.after != 0x3A,
               numbers.contains(where: { $0.isYear && abs($0.word - number.word) <= dayDistance }) {
                return true
            }
        }
        return false
    }

    private struct Number {
        var value: Int, digits: Int, word: Int
        /// Byte range in the line, and the bytes around it.
        var start: Int, end: Int
        var before: UInt8, after: UInt8
        var isYear: Bool { digits == 4 && (1900...2100).contains(value) }
    }

    /// "By Paul Takahashi", "Posted by Vortex on November 19, 2019",
    /// "September 10, 2018 | by Catherine": the line names who wrote the
    /// article, so it is kept even when it is also a dateline.
    static func namesAuthor(_ lower: LowercasedLine) -> Bool {
        lower.containsWord(by)
    }

    private static let by = Array("by".utf8)
}
