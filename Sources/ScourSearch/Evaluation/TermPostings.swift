import ScourIndex

/// One index term's postings in one segment, moved and scored: the state
/// of a term matcher.
///
/// Matchers keep it behind a pointer (``TermGroupIterator``), not in a
/// class property: moving a cursor stored in a class is a long access that
/// the runtime checks for exclusivity on every call, and copying a struct
/// holding arrays out of one retains them. Everything a posting's score
/// needs is here by value, so scoring touches no reference count.
struct TermPostings {
    private(set) var cursor: PostingsCursor
    /// idf × weight.
    let factor: Double
    /// The scoring constants, counting only the term's field when it has one.
    let normalizer: BM25F.Normalizer
    let field: IndexField?
    /// Documents holding the term (in any field).
    let documentFrequency: Int
    private let documentCount: Int
    /// The current posting's document: -1 before the first, ``MatchIterator/end`` after the last.
    private(set) var document = -1
    /// The most any posting scores.
    private(set) var bound = 0.0
    /// Per block, the bound its skip entry gives (the largest frequencies
    /// with the shortest lengths); empty without skip data.
    private var blockBounds: UnsafeMutableBufferPointer<Double>
    /// The block last asked about by ``blockBound(at:)``: it holds the
    /// documents after `previousLast` up to `last`, which score at most `bound`.
    private var window = (block: -1, previousLast: Int.min, last: Int.min, bound: 0.0)

    /// Without `bounded`, the bounds are infinite (see ``TermGroupIterator``).
    init(_ info: TermInfo, factor: Double, field: IndexField?, segment: SegmentReader, normalizer: BM25F.Normalizer,
         bounded: Bool = true) {
        cursor = segment.postings(info)
        self.factor = factor
        self.field = field
        self.normalizer = normalizer.restricted(to: field)
        documentFrequency = info.documentFrequency
        documentCount = segment.documentCount
        let blocks = bounded ? cursor.blockCount : 0
        blockBounds = .allocate(capacity: blocks)
        guard bounded else {
            bound = .infinity
            return
        }
        if blocks > 0 {
            var largest = 0.0
            for block in 0..<blocks {
                let skip = cursor.skipEntry(block)
                let pseudoFrequency = self.normalizer.pseudoFrequency(skip.maximumFrequencies, lengths: skip.shortestLengths)
                let bound = factor * self.normalizer.saturate(pseudoFrequency)
                blockBounds.initializeElement(at: block, to: bound)
                largest = max(largest, bound)
            }
            bound = largest
        } else {
            // No skip data (a list in one block, or an older segment): the
            // saturation's limit. Reading a short list once more for its
            // largest score cost more than the pruning it bought (measured:
            // 4 % of an OR query, 7 % of an AND query at 100k passages).
            bound = factor * (self.normalizer.k1 + 1)
        }
    }

    /// Frees the block bounds; the postings are not used after.
    mutating func release() {
        blockBounds.deallocate()
        blockBounds = UnsafeMutableBufferPointer(start: nil, count: 0)
    }

    /// To the first posting at or after `target` (in the field); returns
    /// its document, or ``MatchIterator/end``. Stays put when the current
    /// posting is already there.
    @inline(__always)
    mutating func advance(to target: Int) -> Int {
        if document >= target { return document }
        return move(to: target)
    }

    private mutating func move(to target: Int) -> Int {
        guard target < documentCount, cursor.advance(to: UInt32(target)) else {
            document = MatchIterator.end
            return document
        }
        if let field {
            while cursor.frequencies[field] == 0 {
                guard cursor.next() else {
                    document = MatchIterator.end
                    return document
                }
            }
        }
        document = Int(cursor.document)
        return document
    }

    /// The current posting's score, given its document's field lengths.
    @inline(__always)
    mutating func score(lengths: FieldCounts) -> Double {
        factor * normalizer.saturate(normalizer.pseudoFrequency(cursor.frequencies, lengths: lengths))
    }

    /// The most a posting at or after `document` and up to the returned
    /// last document can score: its block's bound, tightened with the
    /// block's impacts (without skip data: the whole list's bound, and no
    /// end; nothing left at or after `document`: 0, no end).
    mutating func blockBound(at document: Int) -> (bound: Double, last: Int) {
        if document > window.previousLast && document <= window.last { return (window.bound, window.last) }
        guard blockBounds.count > 0 else { return (bound, Int.max) }
        guard let block = cursor.block(reaching: document) else { return (0, Int.max) }
        let last = Int(cursor.lastDocument(ofBlock: block))
        let previousLast = block > 0 ? Int(cursor.lastDocument(ofBlock: block - 1)) : Int.min
        window = (block, previousLast, last, tightBound(ofBlock: block))
        return (window.bound, last)
    }

    /// Block `block`'s bound from its impacts: per field the largest share
    /// any of its impacts gives, summed in field order as scores are; the
    /// loose bound when the impacts are damaged.
    private func tightBound(ofBlock block: Int) -> Double {
        var shares = SIMD4<Double>(repeating: 0)   // per field, by raw value
        let normalizer = self.normalizer
        let intact = cursor.forEachImpact(ofBlock: block) { field, frequency, length in
            let share = normalizer.contribution(of: field, frequency: frequency, length: length)
            shares[field.rawValue] = max(shares[field.rawValue], share)
        }
        guard intact else { return blockBounds[block] }
        var pseudoFrequency = 0.0
        for field in 0..<4 { pseudoFrequency += shares[field] }   // field order, as scored
        return min(blockBounds[block], factor * normalizer.saturate(pseudoFrequency))
    }
}
