import Scour

/// `after` and `before` as a range of ``PublicationDate`` numbers. Each
/// may be a year, a month or a day (`2024`, `2024-06`, `2024-06-30`), and
/// both ends are included whole: `before=2024` keeps all of 2024.
enum DateBounds {
    static func range(after: String?, before: String?) throws(APIError) -> ClosedRange<UInt32>? {
        guard after != nil || before != nil else { return nil }
        let low = try after.map { text throws(APIError) in try number(text, name: "after") } ?? 0
        var high = UInt32(99_991_231)
        if let before {
            let number = try number(before, name: "before")
            // The end of the period named: a year's last month and day, a month's last day.
            high = number % 10_000 == 0 ? number + 1299 : number % 100 == 0 ? number + 99 : number
        }
        guard low <= high else { throw APIError(.badRequest, "after (\(after ?? "")) is later than before (\(before ?? ""))") }
        return max(low, 1)...high
    }

    private static func number(_ text: String, name: String) throws(APIError) -> UInt32 {
        let number = PublicationDate.number(text)
        guard number > 0 else { throw APIError(.badRequest, "\(name) must be a date like 2024, 2024-06 or 2024-06-30, not \(text.debugDescription)") }
        return number
    }
}
