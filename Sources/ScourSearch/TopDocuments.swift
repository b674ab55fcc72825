import HeapModule

/// A scored document, ordered so that "greater" means "ranks higher":
/// higher score first, then lower document id, so equal scores always come
/// out in the same order.
struct ScoredDocument: Comparable {
    var score: Double
    var document: Int

    static func < (a: ScoredDocument, b: ScoredDocument) -> Bool {
        a.score != b.score ? a.score < b.score : a.document > b.document
    }
}

/// Keeps the `k` best documents seen, in O(n log k) with a min-heap — no
/// full sort of every match.
struct TopDocuments {
    private var heap = Heap<ScoredDocument>()
    let k: Int

    init(k: Int) {
        self.k = k
    }

    @inline(__always)
    mutating func offer(_ candidate: ScoredDocument) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.insert(candidate)
        } else if let worst = heap.min, worst < candidate {
            heap.replaceMin(with: candidate)
        }
    }

    /// The kept documents, best first.
    /// The score a new document must beat once k are held (ties go to the
    /// earlier document, and documents are offered in increasing order);
    /// nil before.
    var threshold: Double? {
        heap.count >= k && k > 0 ? heap.min?.score : nil
    }

    func ranked() -> [ScoredDocument] {
        heap.unordered.sorted(by: >)
    }
}
