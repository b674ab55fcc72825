import HeapModule

/// Keeps the `limit` best elements of a stream, for "top terms by frequency"
/// over a prefix range that may hold a large part of the dictionary: memory is
/// O(limit) and each offer O(log limit), however many terms stream past.
///
/// A `HeapModule.Heap` (as in ``TopDocuments``) whose minimum is the worst
/// element kept, so a newcomer only has to beat it. `Element`'s order must
/// be strict and total (break every tie): greater is better.
struct BestCandidates<Element: Comparable> {
    let limit: Int
    private var heap = Heap<Element>()

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    mutating func offer(_ element: Element) {
        if heap.count < limit {
            heap.insert(element)
        } else if let worst = heap.min, element > worst {
            heap.replaceMin(with: element)
        }
    }

    /// The kept elements, best first.
    func sorted() -> [Element] { heap.unordered.sorted(by: >) }
}
