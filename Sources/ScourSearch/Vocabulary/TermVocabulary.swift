/// A sorted dictionary of terms with document frequencies (one index segment, or several merged).
///
/// Prefix and fuzzy expansion and spelling suggestions work against this
/// protocol rather than a concrete index format, so they keep working when the
/// on-disk layout changes: a segment only has to expose its term list in order.
public protocol TermVocabulary {
    /// Number of terms.
    var termCount: Int { get }
    /// The term at `index`, as UTF-8 bytes; terms are sorted by bytewise comparison (memcmp order, shorter first on ties).
    ///
    /// The bytes stay valid for as long as the vocabulary itself is alive
    /// (a memory-mapped segment, or ``ArrayVocabulary``'s own storage).
    func term(at index: Int) -> UnsafeRawBufferPointer
    /// Documents containing the term at `index`.
    func documentFrequency(at index: Int) -> Int
    /// Calls `body` with every term's index and bytes, in order: what a
    /// scan of the whole vocabulary (fuzzy words) uses, and what a packed
    /// dictionary decodes a block at a time.
    func forEachTerm(_ body: (Int, UnsafeRawBufferPointer) -> Void)
}

extension TermVocabulary {
    public func forEachTerm(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
        for index in 0..<termCount { body(index, term(at: index)) }
    }
}
