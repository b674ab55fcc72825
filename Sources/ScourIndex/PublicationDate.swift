/// A page's publication date as the documents table stores it (format 7):
/// the number yyyymmdd (`2026-11-30` → 20261130), so that numbers sort as
/// dates; a month or year alone has zeros for what is missing (`2026-11` →
/// 20261100), and 0 means no date.
public enum PublicationDate {
    /// The number of a stored date (`yyyy-MM-dd`, `yyyy-MM` or `yyyy`, as
    /// metadata gives it); 0 for none or anything else.
    public static func number(_ text: String) -> UInt32 {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = UInt32(parts[0]), year > 0 else { return 0 }
        var number = year * 10_000
        if parts.count > 1 {
            guard parts[1].count == 2, let month = UInt32(parts[1]), (1...12).contains(month) else { return 0 }
            number += month * 100
        }
        if parts.count > 2 {
            guard parts[2].count == 2, let day = UInt32(parts[2]), (1...31).contains(day) else { return 0 }
            number += day
        }
        return number
    }

    /// The year of a date number (0 for none).
    public static func year(_ number: UInt32) -> Int { Int(number / 10_000) }

    /// Why `after` or `before` cannot be a period (one line for users).
    public struct RangeError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// `after` and `before` (each a year, a month or a day: `2024`,
    /// `2024-06`, `2024-06-30`) as a range of date numbers; both ends are
    /// included whole, so `before: "2024"` keeps all of 2024. Nil when
    /// neither is given.
    public static func range(after: String?, before: String?) throws(RangeError) -> ClosedRange<UInt32>? {
        guard after != nil || before != nil else { return nil }
        func number(_ text: String, _ name: String) throws(RangeError) -> UInt32 {
            let value = Self.number(text)
            guard value > 0 else { throw RangeError(description: "\(name) must be a date like 2024, 2024-06 or 2024-06-30, not \(text.debugDescription)") }
            return value
        }
        let low = try after.map { text throws(RangeError) in try number(text, "after") } ?? 1
        let high = try before.map { text throws(RangeError) in endOfPeriod(try number(text, "before")) } ?? 99_991_231
        guard low <= high else { throw RangeError(description: "after (\(after ?? "")) is later than before (\(before ?? ""))") }
        return low...high
    }

    /// The last date number of the period `number` names: a year's last
    /// month and day, a month's last day, a day itself.
    public static func endOfPeriod(_ number: UInt32) -> UInt32 {
        number % 10_000 == 0 ? number + 1299 : number % 100 == 0 ? number + 99 : number
    }
}
