import ScourIndex

/// A query node's matches in one segment, one document at a time, in
/// increasing document order (Lucene's DocIdSetIterator and Scorer in one).
///
/// `document` is -1 before the first call, then the current match, then
/// ``end``. ``advance(to:)`` moves to the first match at or after a
/// document and never backwards; ``score()`` is the current match's score
/// and is asked at most once per match, in order (a Boolean match's
/// optional clauses are moved to it then).
///
/// Evaluation costs in proportion to the postings read, not to the
/// segment's size: no array as long as the segment is made per query.
class MatchIterator {
    static let end = Int.max
    /// The current match; -1 before the first, ``end`` after the last.
    var document = -1

    /// Moves to the first match at or after `target` (staying put when the
    /// current match is already there); returns it, or ``end``.
    func advance(to target: Int) -> Int { fatalError("subclasses implement advance(to:)") }

    /// Moves to the next match.
    final func next() -> Int {
        document == Self.end ? Self.end : advance(to: document + 1)
    }

    /// The current match's score.
    func score() -> Double { 0 }

    /// The current match's score, given its document's field lengths
    /// (which a caller scoring several clauses of one document reads once).
    func score(lengths: FieldCounts) -> Double { score() }

    /// About how many documents it visits (its postings): conjunctions
    /// lead with their cheapest clause.
    var cost: Int { Int.max }

    /// No match scores more (for pruning: a clause whose bound cannot lift
    /// a document into the top k need not drive the search).
    var maxScore: Double { 0 }

    /// A bound on the score of matches from `document` up to the returned
    /// last document (`Int.max`: no end), tighter than ``maxScore`` where
    /// skip data says what a block holds.
    func blockBound(at document: Int) -> (bound: Double, last: Int) { (maxScore, Int.max) }
}

/// Matches nothing (a term no segment holds, a query that analysed to nothing).
final class EmptyIterator: MatchIterator {
    override func advance(to target: Int) -> Int {
        document = Self.end
        return document
    }
}

/// A matcher's clauses, called without reference counting: the array
/// keeps them alive, and the calls borrow them (in a disjunction over
/// common words, retaining each clause for each document was half the time).
/// `Clause` is ``MatchIterator`` for any clauses, or a final matcher class
/// whose calls then need no dynamic dispatch (and can be inlined).
struct Clauses<Clause: MatchIterator> {
    private let owned: [Clause]
    private let references: [Unmanaged<Clause>]

    init(_ clauses: [Clause]) {
        owned = clauses
        references = clauses.map { Unmanaged.passUnretained($0) }
    }

    var count: Int { references.count }
    var isEmpty: Bool { references.isEmpty }

    @inline(__always)
    func with<Result>(_ index: Int, _ body: (Clause) -> Result) -> Result {
        references[index]._withUnsafeGuaranteedRef(body)
    }

    /// Adds each clause's block bound at `document` to `sum`, and lowers
    /// `last` to the first of their window ends.
    func addBlockBounds(at document: Int, to sum: inout Double, last: inout Int) {
        for index in 0..<references.count {
            let (bound, end) = with(index) { $0.blockBound(at: document) }
            sum += bound
            last = min(last, end)
        }
    }
}

/// What pruning shares.
enum Pruning {
    /// Whether documents whose score is at most `bound` cannot enter a
    /// top k whose k-th score is `threshold` (a later document must beat it:
    /// it loses ties). Rounding in sums of a few bounds is far below the
    /// margin.
    @inline(__always)
    static func beaten(_ bound: Double, _ threshold: Double) -> Bool { bound < threshold * (1 - 1e-9) }

    /// Offers `matcher`'s matches in one segment to `top`, skipping windows
    /// of documents that cannot beat the k-th score so far: before each
    /// step, `windowBound` bounds the scores from the target up to a last
    /// document (`Int.max`: to the end), and a beaten window is jumped over
    /// whole; `next` gives the first candidate at or after a document, which
    /// `accepts` may still turn down. Returns the matches seen, and whether
    /// any window was skipped (then that count is a lower bound).
    static func collect(_ matcher: MatchIterator, into top: inout TopDocuments, base: Int, deleted: DeletedDocuments?,
                        windowBound: (Int) -> (bound: Double, last: Int), next: (Int) -> Int,
                        accepts: (Int) -> Bool) -> (matches: Int, pruned: Bool) {
        var matches = 0, pruned = false
        var target = 0
        // The window last bounded: up to its last document the same
        // blocks bound the scores, whatever the threshold.
        var windowLast = -1, windowScore = 0.0
        while true {
            if let threshold = top.threshold {
                if target > windowLast { (windowScore, windowLast) = windowBound(target) }
                let last = windowLast
                if beaten(windowScore, threshold) {
                    // (A matcher with nothing left, a word this segment
                    // lacks, loses nothing.)
                    pruned = pruned || matcher.document != MatchIterator.end
                    guard last != Int.max else { break }
                    target = last + 1
                    continue
                }
            }
            let candidate = next(target)
            guard candidate != MatchIterator.end else { break }
            target = candidate + 1
            guard accepts(candidate), deleted?.contains(candidate) != true else { continue }
            matches += 1
            matcher.document = candidate
            top.offer(ScoredDocument(score: matcher.score(), document: base + candidate))
        }
        matcher.document = MatchIterator.end
        return (matches, pruned)
    }
}
