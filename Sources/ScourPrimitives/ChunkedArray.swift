/// An array stored in fixed-size chunks: appending never copies the
/// elements already held, so a list of a million items grows without the
/// moment a contiguous array has when it doubles (old and new buffers both
/// alive), and without up to half its capacity standing empty.
///
/// It is a random-access, mutable collection (`swapAt`, subscripts,
/// iteration); `sortInPlace(by:)` sorts without a second copy of the
/// elements, which the standard `sort` makes for storage that is not
/// contiguous.
public struct ChunkedArray<Element>: RandomAccessCollection, MutableCollection {
    /// Elements per chunk.
    public let chunkSize: Int
    private var chunks: [[Element]] = []
    public private(set) var count = 0

    public init(chunkSize: Int = 4096) {
        precondition(chunkSize > 0)
        self.chunkSize = chunkSize
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < count, "index out of range")
            return chunks[position / chunkSize][position % chunkSize]
        }
        _modify {
            precondition(position >= 0 && position < count, "index out of range")
            yield &chunks[position / chunkSize][position % chunkSize]
        }
        set {
            precondition(position >= 0 && position < count, "index out of range")
            chunks[position / chunkSize][position % chunkSize] = newValue
        }
    }

    public mutating func append(_ element: Element) {
        if count == chunks.count * chunkSize {
            var chunk: [Element] = []
            chunk.reserveCapacity(chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    public mutating func append(contentsOf elements: some Sequence<Element>) {
        for element in elements { append(element) }
    }

    /// Removes the last `k` elements, freeing the chunks left empty.
    public mutating func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= count, "cannot remove more elements than there are")
        var left = k
        while left > 0 {
            let last = chunks.count - 1
            let take = Swift.min(left, chunks[last].count)
            chunks[last].removeLast(take)
            if chunks[last].isEmpty { chunks.removeLast() }
            left -= take
            count -= take
        }
    }

    public mutating func removeAll() {
        chunks = []
        count = 0
    }

    /// Sorts the elements in place: a permutation (two integers per
    /// element) is sorted, then the elements are moved along its cycles.
    public mutating func sortInPlace(by areInIncreasingOrder: (Element, Element) throws -> Bool) rethrows {
        var order = Array(0..<count)
        try order.sort { try areInIncreasingOrder(self[$0], self[$1]) }
        // order[i] is the element that belongs at i.
        var placed = [Bool](repeating: false, count: count)
        for start in 0..<count where !placed[start] {
            var position = start
            while true {
                placed[position] = true
                let source = order[position]
                if source == start { break }
                swapAt(position, source)
                position = source
            }
        }
    }
}

extension ChunkedArray: Sendable where Element: Sendable {}
