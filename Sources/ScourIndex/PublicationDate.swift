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
}
