/// Keeps the `limit` best elements of a stream, for "top terms by frequency"
/// over a prefix range that may hold a large part of the dictionary: memory is
/// O(limit) and each offer O(log limit), however many terms stream past.
///
/// A binary heap whose root is the worst element kept, so a newcomer only has
/// to beat the root. `isBetter` must be a strict total order (break every tie).
struct BestCandidates<Element> {
    let limit: Int
    private let isBetter: (Element, Element) -> Bool
    private var heap: [Element] = []

    init(limit: Int, isBetter: @escaping (Element, Element) -> Bool) {
        self.limit = max(0, limit)
        self.isBetter = isBetter
    }

    mutating func offer(_ element: Element) {
        if heap.count < limit {
            heap.append(element)
            siftUp(from: heap.count - 1)
        } else if let worst = heap.first, isBetter(element, worst) {
            heap[0] = element
            siftDown(from: 0)
        }
    }

    /// The kept elements, best first.
    func sorted() -> [Element] { heap.sorted(by: isBetter) }

    private mutating func siftUp(from start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard isBetter(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            var worst = parent
            let left = 2 * parent + 1
            if left < heap.count, isBetter(heap[worst], heap[left]) { worst = left }
            if left + 1 < heap.count, isBetter(heap[worst], heap[left + 1]) { worst = left + 1 }
            guard worst != parent else { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
