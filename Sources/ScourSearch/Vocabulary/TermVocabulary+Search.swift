/// Binary searches over a ``TermVocabulary``'s sorted term list, so prefix
/// ranges and exact look-ups cost O(log n) term comparisons instead of a scan.
extension TermVocabulary {
    /// Index of the first term that is not bytewise less than `key`
    /// (`termCount` when every term is less).
    func lowerBound(_ key: UnsafeRawBufferPointer) -> Int {
        partitionPoint { VocabularyBytes.compare(term(at: $0), key) < 0 }
    }

    /// The indices of the terms that start with `prefix`. Such terms are
    /// contiguous in memcmp order, right after everything less than `prefix`.
    func range(withPrefix prefix: UnsafeRawBufferPointer) -> Range<Int> {
        let start = lowerBound(prefix)
        let end = partitionPoint { index in
            let candidate = term(at: index)
            return VocabularyBytes.compare(candidate, prefix) < 0 || VocabularyBytes.hasPrefix(candidate, prefix)
        }
        return start..<max(start, end)
    }

    /// The document frequency of exactly `key`, or `nil` when it is not a term.
    func documentFrequency(of key: UnsafeRawBufferPointer) -> Int? {
        let index = lowerBound(key)
        guard index < termCount, VocabularyBytes.compare(term(at: index), key) == 0 else { return nil }
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

/// Byte-string helpers in the order the vocabulary protocol promises
/// (memcmp, shorter first on ties), kept in one place so sorting, searching and
/// merging can never disagree about it.
enum VocabularyBytes {
    /// Negative, zero or positive as `a` sorts before, equal to or after `b`.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let shared = min(a.count, b.count)
        for offset in 0..<shared where a[offset] != b[offset] {
            return Int(a[offset]) - Int(b[offset])
        }
        return a.count - b.count
    }

    static func hasPrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= prefix.count else { return false }
        for offset in 0..<prefix.count where bytes[offset] != prefix[offset] { return false }
        return true
    }

    /// Whether `a` sorts strictly before `b` (for sorting byte arrays).
    static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { a in b.withUnsafeBytes { b in compare(a, b) < 0 } }
    }
}
