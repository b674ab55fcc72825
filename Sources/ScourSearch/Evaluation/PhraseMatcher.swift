import ScourIndex

/// Finds where the words of a phrase occur together.
enum PhraseMatcher {
    /// Start positions of matches. With slop 0 term i must sit at start + i;
    /// with slop N the terms must all occur, in any order, within a window of
    /// (number of terms + N) positions (a proximity match, like Lucene's
    /// sloppy phrases without their edit-distance weighting).
    static func matchStarts<Lists: RandomAccessCollection>(_ lists: Lists, slop: Int) -> [UInt32] where Lists.Element == [UInt32] {
        guard let first = lists.first else { return [] }
        var starts: [UInt32] = []
        if slop == 0 {
            for start in first where lists.dropFirst().enumerated().allSatisfy({ contains($0.element, start + UInt32($0.offset + 1)) }) {
                starts.append(start)
            }
            return starts
        }
        let window = UInt32(lists.count + slop)
        // Every occurrence of any term can anchor a window; take the earliest
        // anchor of each non-overlapping match.
        var anchors = lists.flatMap { $0 }
        anchors.sort()
        var lastEnd: UInt32? = nil
        for anchor in anchors {
            if let end = lastEnd, anchor < end { continue }
            let limit = anchor + window
            let ok = lists.allSatisfy { list in
                let i = lowerBound(list, anchor)
                return i < list.count && list[i] < limit
            }
            if ok {
                starts.append(anchor)
                lastEnd = limit
            }
        }
        return starts
    }

    static func contains(_ sorted: [UInt32], _ value: UInt32) -> Bool {
        let i = lowerBound(sorted, value)
        return i < sorted.count && sorted[i] == value
    }

    static func lowerBound(_ sorted: [UInt32], _ value: UInt32) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
