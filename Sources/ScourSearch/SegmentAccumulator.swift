import ScourIndex

/// Per-segment scoring state of one query: scores, how many required
/// clauses each document matched, and exclusions.
struct SegmentAccumulator {
    var scores: [Double]
    private var requiredHits: [UInt16]
    private var matched: [Bool]
    private var excluded: [Bool]
    private var positions: [[UInt32]] = []

    init(count: Int) {
        scores = [Double](repeating: 0, count: count)
        requiredHits = [UInt16](repeating: 0, count: count)
        matched = [Bool](repeating: false, count: count)
        excluded = [Bool](repeating: false, count: count)
    }

    func qualifies(_ document: Int, required: Int) -> Bool {
        !excluded[document] && Int(requiredHits[document]) == required && (matched[document] || required > 0)
    }

    /// Scores (or excludes) the documents of this segment that match `unit`.
    mutating func apply(_ unit: CompiledQuery.Unit, weights: [Double], segment: SegmentReader,
                        bm25: BM25, averageLength: Double) {
        if unit.isPhrase {
            applyPhrase(unit, weights: weights, segment: segment, bm25: bm25, averageLength: averageLength)
            return
        }
        guard let info = segment.lookup(unit.terms[0]) else { return }
        var cursor = segment.postings(info)
        while cursor.next() {
            let document = Int(cursor.document)
            let lengths = segment.lengths(of: document)
            let score = weights[0] * bm25.termWeight(
                bodyFrequency: cursor.frequency - cursor.titleFrequency, titleFrequency: cursor.titleFrequency,
                titleLength: lengths.title, bodyLength: lengths.body, averageLength: averageLength)
            record(document, score: score, occur: unit.occur)
        }
    }

    private mutating func record(_ document: Int, score: Double, occur: Query.Occur) {
        switch occur {
        case .mustNot:
            excluded[document] = true
        case .must:
            requiredHits[document] &+= 1
            scores[document] += score
            matched[document] = true
        case .should:
            scores[document] += score
            matched[document] = true
        }
    }

    /// Intersects the phrase's postings, then checks positions: term i must
    /// sit at position start + i.
    private mutating func applyPhrase(_ unit: CompiledQuery.Unit, weights: [Double], segment: SegmentReader,
                                      bm25: BM25, averageLength: Double) {
        var cursors: [PostingsCursor] = []
        for term in unit.terms {
            guard let info = segment.lookup(term) else { return }
            cursors.append(segment.postings(info))
        }
        if positions.count < cursors.count {
            positions = [[UInt32]](repeating: [], count: cursors.count)
        }
        let phraseWeight = weights.reduce(0, +)
        var target: UInt32 = 0
        search: while true {
            var index = 0
            while index < cursors.count {
                guard cursors[index].advance(to: target) else { break search }
                if cursors[index].document > target {
                    target = cursors[index].document
                    index = 0
                    continue
                }
                index += 1
            }
            let document = Int(target)
            let lengths = segment.lengths(of: document)
            for i in cursors.indices { cursors[i].positions(into: &positions[i]) }
            var frequency: UInt32 = 0
            var titleFrequency: UInt32 = 0
            for start in positions[0] where phraseMatches(at: start, count: cursors.count) {
                frequency += 1
                if start < lengths.title { titleFrequency += 1 }
            }
            if frequency > 0 {
                let score = phraseWeight * bm25.termWeight(
                    bodyFrequency: frequency - titleFrequency, titleFrequency: titleFrequency,
                    titleLength: lengths.title, bodyLength: lengths.body, averageLength: averageLength)
                record(document, score: score, occur: unit.occur)
            }
            target += 1
        }
    }

    private func phraseMatches(at start: UInt32, count: Int) -> Bool {
        for i in 1..<count {
            if !Self.contains(positions[i], start + UInt32(i)) { return false }
        }
        return true
    }

    private static func contains(_ sorted: [UInt32], _ value: UInt32) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
    }
}
