import ScourPrimitives

/// A dictionary term that a query term expanded to.
public struct ExpandedTerm: Sendable, Equatable {
    public var term: String
    /// Documents containing the term, summed over every vocabulary that has it.
    public var documentFrequency: Int
    /// Edits between the query term and this term (0 for prefix expansion).
    public var distance: Int

    public init(term: String, documentFrequency: Int, distance: Int) {
        self.term = term
        self.documentFrequency = documentFrequency
        self.distance = distance
    }
}

/// Turns one query term into the dictionary terms it stands for: `univ*`
/// style prefixes and typo-tolerant (fuzzy) matches. Works on any
/// ``TermVocabulary``, so it does not depend on how segments are stored, and
/// merges several vocabularies (one per segment) into one answer.
public enum TermExpander {
    /// Terms starting with `prefix` (UTF-8 bytewise), found by binary search for the range (no full scan), merged over several vocabularies
    /// (same term in several → frequencies summed), best `limit` by document frequency (ties: term order). distance = 0.
    ///
    /// The per-vocabulary ranges are walked together in term order (a k-way
    /// merge), so equal terms meet without hashing, and only the best `limit`
    /// are kept while walking, so a short prefix over a huge range stays cheap
    /// in memory.
    public static func prefix(_ prefix: String, in vocabularies: [any TermVocabulary], limit: Int) -> [ExpandedTerm] {
        guard limit > 0 else { return [] }
        let key = Array(prefix.utf8)
        let ranges = key.withUnsafeBytes { key in vocabularies.map { $0.range(withPrefix: key) } }
        var cursors = ranges.map(\.lowerBound)
        var best = BestCandidates<PrefixHit>(limit: limit)
        var order = 0
        while let first = smallestCurrentTerm(vocabularies, cursors, ranges) {
            let term = vocabularies[first].term(at: cursors[first])
            let index = cursors[first]
            var frequency = 0
            for source in first..<vocabularies.count where cursors[source] < ranges[source].upperBound {
                let vocabulary = vocabularies[source]
                guard ByteOrder.compare(vocabulary.term(at: cursors[source]), term) == 0 else { continue }
                frequency += vocabulary.documentFrequency(at: cursors[source])
                cursors[source] += 1
            }
            best.offer(PrefixHit(source: first, index: index, frequency: frequency, order: order))
            order += 1
        }
        return best.sorted().map { hit in
            ExpandedTerm(term: String(decoding: vocabularies[hit.source].term(at: hit.index), as: UTF8.self),
                         documentFrequency: hit.frequency, distance: 0)
        }
    }

    /// Terms within `maxEdits` (1 or 2) Damerau–Levenshtein edits (optimal string alignment: insert, delete, substitute, transpose adjacent)
    /// of `term`, measured in Unicode scalars, merged over vocabularies; the term itself included with distance 0 if present.
    /// Ordered by distance, then document frequency (desc), then term; at most `limit`.
    ///
    /// Edits can fall anywhere, even on the first character, so no range of
    /// the sorted dictionary can be skipped: this is a full scan, made cheap
    /// per term by ``BoundedEditDistance`` (length check first, banded table,
    /// early exit, no allocation per term). Larger `maxEdits` work but the
    /// band widens and far more terms pass the length check.
    public static func fuzzy(_ term: String, maxEdits: Int, in vocabularies: [any TermVocabulary], limit: Int) -> [ExpandedTerm] {
        fuzzy(term, maxEdits: maxEdits, in: vocabularies, limit: limit, deadline: nil)
    }

    /// ``fuzzy(_:maxEdits:in:limit:)`` that stops scanning once `deadline`
    /// has passed (checked every 4,096 words; the caller then throws).
    static func fuzzy(_ term: String, maxEdits: Int, in vocabularies: [any TermVocabulary], limit: Int,
                      deadline: SearchDeadline?) -> [ExpandedTerm] {
        guard limit > 0 else { return [] }
        let matcher = BoundedEditDistance(query: term, maxEdits: maxEdits)
        var found: [[UInt8]: FuzzyHit] = [:]
        for vocabulary in vocabularies where !deadline.check() {
            collectMatches(in: vocabulary, matcher: matcher, deadline: deadline, into: &found)
        }
        let ordered = found.sorted { a, b in
            if a.value.distance != b.value.distance { return a.value.distance < b.value.distance }
            if a.value.frequency != b.value.frequency { return a.value.frequency > b.value.frequency }
            return ByteOrder.precedes(a.key, b.key)
        }
        return ordered.prefix(limit).map { entry in
            ExpandedTerm(term: String(decoding: entry.key, as: UTF8.self),
                         documentFrequency: entry.value.frequency, distance: entry.value.distance)
        }
    }

    /// A term of one prefix range, by position (its bytes are only copied
    /// into a `String` if it makes the final list).
    /// Better (greater) with more documents, then earlier in term order.
    private struct PrefixHit: Comparable {
        var source: Int
        var index: Int
        var frequency: Int
        /// Position in merged term order, the tie-breaker between equal frequencies.
        var order: Int

        static func < (a: Self, b: Self) -> Bool {
            a.frequency != b.frequency ? a.frequency < b.frequency : a.order > b.order
        }
    }

    private struct FuzzyHit {
        var frequency: Int
        var distance: Int
    }

    /// The vocabulary whose next in-range term sorts first (the lowest index
    /// among equals), or `nil` when every range is used up.
    private static func smallestCurrentTerm(_ vocabularies: [any TermVocabulary], _ cursors: [Int], _ ranges: [Range<Int>]) -> Int? {
        ByteOrder.firstSource(among: vocabularies.count) { source in
            cursors[source] < ranges[source].upperBound ? vocabularies[source].term(at: cursors[source]) : nil
        }?.source
    }

    /// Scans one vocabulary. Generic so the per-term calls are made on the
    /// concrete type rather than through the existential.
    private static func collectMatches<Vocabulary: TermVocabulary>(
        in vocabulary: Vocabulary, matcher: BoundedEditDistance, deadline: SearchDeadline?, into found: inout [[UInt8]: FuzzyHit]
    ) {
        var stopped = false
        vocabulary.forEachTerm { index, bytes in
            if index & 4095 == 0, deadline.check() { stopped = true }
            guard !stopped, let distance = matcher.distance(toUTF8: bytes) else { return }
            found[Array(bytes), default: FuzzyHit(frequency: 0, distance: distance)].frequency
                += vocabulary.documentFrequency(at: index)
        }
    }
}
