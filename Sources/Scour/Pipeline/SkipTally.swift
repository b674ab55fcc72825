/// Counts of what a run did not index, by reason, for the summary line
/// (`skipped 212: 180 images, 20 other binary, 12 empty`) and the JSON
/// summary. Categories are plural nouns chosen by whoever skipped the item
/// (the walker, the extractor, a WARC or JSON Lines reader).
public struct SkipTally: Sendable, Equatable, Codable {
    /// Count per category, e.g. `["images": 180, "empty": 12]`.
    public private(set) var counts: [String: Int] = [:]

    public init() {}

    /// Items skipped in all.
    public var total: Int { counts.values.reduce(0, +) }

    public mutating func add(_ category: String, count: Int = 1) {
        counts[category, default: 0] += count
    }

    public mutating func merge(_ other: SkipTally) {
        for (category, count) in other.counts { add(category, count: count) }
    }

    /// Categories, largest first (ties by name), for a stable summary.
    public var ordered: [(category: String, count: Int)] {
        counts.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    /// `skipped 0`, or `skipped 212: 180 images, 20 other binary, 12 empty`
    /// (`1 image`, `1 HTTP error`: a category of one reads in the singular).
    public var summary: String {
        guard total > 0 else { return "skipped 0" }
        return "skipped \(total): " + ordered.map { "\($0.count) \($0.count == 1 ? Self.singular($0.category) : $0.category)" }
            .joined(separator: ", ")
    }

    /// The category's last word in the singular: "images" → "image",
    /// "undecodable bodies" → "undecodable body"; adjectives ("empty",
    /// "hidden", "other binary") stay as they are.
    static func singular(_ category: String) -> String {
        guard let lastSpace = category.lastIndex(of: " ").map(category.index(after:)) ?? Optional(category.startIndex)
        else { return category }
        let head = category[..<lastSpace], word = category[lastSpace...]
        if word.hasSuffix("ies"), word.count > 4 { return String(head) + String(word.dropLast(3)) + "y" }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 { return String(head) + String(word.dropLast()) }
        return category
    }
}
