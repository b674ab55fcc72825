import Foundation
import ScourSearch

/// The JSON shape of `scour search --format json` and of `scour serve`'s
/// `/search`: one object per query,
/// also when nothing matched (`"total":0,"results":[]`). `suggestion`,
/// and each result's `url` and `location`, are `null` when unknown.
public struct SearchResultsJSON: Encodable, Sendable {
    public struct Result: Encodable, Sendable {
        public var rank: Int
        public var score: Double
        /// The document id (same as `path`, kept for compatibility).
        public var id: String
        public var path: String
        /// The page's web address, when known.
        public var url: String?
        /// The source file, relative to the current directory, when the
        /// document came from a file.
        public var location: String?
        /// Other URLs or ids of the same page.
        public var aliases: [String]
        public var title: String
        /// Publication date, `yyyy-MM-dd`, when known.
        public var date: String?
        public var snippet: String
        /// UTF-8 byte offsets [start, end) into `snippet`.
        public var highlights: [[Int]]

        enum CodingKeys: String, CodingKey {
            case rank, score, id, path, url, location, aliases, title, date, snippet, highlights
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(rank, forKey: .rank)
            try container.encode(score, forKey: .score)
            try container.encode(id, forKey: .id)
            try container.encode(path, forKey: .path)
            try container.encode(url, forKey: .url)
            try container.encode(location, forKey: .location)
            try container.encode(aliases, forKey: .aliases)
            try container.encode(title, forKey: .title)
            try container.encodeIfPresent(date, forKey: .date)
            try container.encode(snippet, forKey: .snippet)
            try container.encode(highlights, forKey: .highlights)
        }
    }

    public var qid: String?
    public var query: String
    public var total: Int
    /// Present (and true) only when `total` is a lower bound: documents that
    /// could not reach the results were skipped uncounted (`--exact-total`
    /// counts them).
    public var totalIsLowerBound: Bool
    public var results: [Result]
    /// A spelling correction ("did you mean"), or null.
    public var suggestion: String?

    enum CodingKeys: String, CodingKey {
        case qid, query, total, totalIsLowerBound, results, suggestion
    }

    /// The JSON of `results`; `location` says how a hit's source file is
    /// shown (the command line: relative to the current directory; a
    /// server: not at all, returning nil).
    public init(_ results: SearchResults, location: (String) -> String?) {
        query = results.query
        total = results.total
        totalIsLowerBound = results.totalIsLowerBound
        suggestion = results.suggestion
        self.results = results.hits.map {
            Result(rank: $0.rank, score: Self.rounded($0.score), id: $0.id,
                   path: $0.path, url: $0.url, location: $0.location.flatMap(location),
                   aliases: $0.aliases, title: $0.title, date: $0.date, snippet: $0.snippet.text,
                   highlights: $0.snippet.highlights.map { [$0.lowerBound, $0.upperBound] })
        }
    }

    /// Four decimals, always finite (see ``finite(_:)``).
    static func rounded(_ score: Double) -> Double {
        finite((finite(score) * 10000).rounded() / 10000)
    }

    /// `value` made finite for output: NaN → 0, ±∞ → ±the largest Double.
    public static func finite(_ value: Double) -> Double {
        if value.isNaN { return 0 }
        if value.isInfinite { return value > 0 ? .greatestFiniteMagnitude : -.greatestFiniteMagnitude }
        return value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(qid, forKey: .qid)
        try container.encode(query, forKey: .query)
        try container.encode(total, forKey: .total)
        if totalIsLowerBound { try container.encode(true, forKey: .totalIsLowerBound) }
        try container.encode(results, forKey: .results)
        try container.encode(suggestion, forKey: .suggestion)
    }
}

