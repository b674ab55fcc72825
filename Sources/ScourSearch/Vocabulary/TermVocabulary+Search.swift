import ScourPrimitives

/// Binary searches over a ``TermVocabulary``'s sorted term list, so prefix
/// ranges and exact look-ups cost O(log n) term comparisons instead of a scan.
extension TermVocabulary {
    /// Index of the first term that is not bytewise less than `key`
    /// (`termCount` when every term is less).
    func lowerBound(_ key: UnsafeRawBufferPointer) -> Int {
        partitionPoint { ByteOrder.compare(term(at: $0), key) < 0 }
    }

    /// The indices of the terms that start with `prefix`. Such terms are
    /// contiguous in memcmp order, right after everything less than `prefix`.
    func range(withPrefix prefix: UnsafeRawBufferPointer) -> Range<Int> {
        let start = lowerBound(prefix)
        let end = partitionPoint { index in
            let candidate = term(at: index)
            return ByteOrder.compare(candidate, prefix) < 0 || ByteOrder.hasPrefix(candidate, prefix)
        }
        return start..<max(start, end)
    }

    /// The document frequency of exactly `key`, or `nil` when it is not a term.
    func documentFrequency(of key: UnsafeRawBufferPointer) -> Int? {
        let index = lowerBound(key)
        guard index < termCount, ByteOrder.compare(term(at: index), key) == 0 else { return nil }
        return documentFrequency(at: index)
    }

    /// The first index for which `isBefore` is false, given that it is true
    /// for a (possibly empty) leading run of indices and false afterwards.
    private func partitionPoint(_ isBefore: (Int) -> Bool) -> Int {
        var low = 0
        var high = termCount
        while low < high {
            let middle = low + (high - low) / 2
            if isBefore(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
