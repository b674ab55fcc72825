import ScourIndex

/// Matches counted by site and by year (``SearchOptions/facets``).
public struct SearchFacets: Sendable, Equatable {
    /// One value and how many matches have it.
    public struct Count: Sendable, Equatable {
        public var value: String
        public var count: Int

        public init(value: String, count: Int) {
            self.value = value
            self.count = count
        }
    }

    /// Sites with the most matches first (a site counts its subdomains, as
    /// `site:` does; top-level domains alone are left out), at most
    /// ``maximumSites``.
    public var sites: [Count]
    /// Years, newest first; matches without a date are not counted.
    public var years: [Count]

    public static let maximumSites = 20
}

/// Counts matches by year (from each one's date) and by site (the site
/// terms' postings against the matches of each segment).
struct FacetCounter {
    private var years: [Int: Int] = [:]
    private var sites: [String: Int] = [:]

    mutating func count(year: Int) {
        if year > 0 { years[year, default: 0] += 1 }
    }

    /// Counts `matched` (a segment's local ids, ascending) under each of
    /// the segment's site terms that holds them.
    mutating func countSites(of matched: [Int], in segment: SegmentReader) {
        guard !matched.isEmpty, segment.hasSiteTerms else { return }
        var isMatch = [Bool](repeating: false, count: segment.documentCount)
        for local in matched { isMatch[local] = true }
        // Site terms start with a control byte: they sort first.
        let marker = SiteTerms.term(forDomain: "")
        var index = 0
        while index < segment.termCount {
            let term = segment.term(at: index)
            guard term.first == marker.utf8.first else { break }
            let domain = String(decoding: term.dropFirst(), as: UTF8.self)
            if domain.contains(".") {
                var cursor = segment.postings(segment.termInfo(at: index))
                var count = 0
                while cursor.next() {
                    let document = Int(cursor.document)
                    if document < isMatch.count, isMatch[document] { count += 1 }
                }
                if count > 0 { sites[domain, default: 0] += count }
            }
            index += 1
        }
    }

    func result() -> SearchFacets {
        let sites = sites.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(SearchFacets.maximumSites).map { SearchFacets.Count(value: $0.key, count: $0.value) }
        let years = years.sorted { $0.key > $1.key }.map { SearchFacets.Count(value: String($0.key), count: $0.value) }
        return SearchFacets(sites: Array(sites), years: years)
    }
}

/// Date order as one number a top-k heap can rank: the date (yyyymmdd)
/// plus the relevance squeezed into [0, 1), so that the newest come first
/// and, within a day, the most relevant.
enum DateOrder {
    static func key(date: UInt32, score: Double) -> Double {
        let score = max(0, score.isFinite ? score : 0)
        return Double(date) + score / (score + 1)
    }

    /// The relevance score a key was made from.
    static func score(of key: Double) -> Double {
        let fraction = key - key.rounded(.down)
        return fraction / (1 - fraction)
    }
}
