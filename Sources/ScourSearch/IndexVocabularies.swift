import ScourIndex

/// A segment's index terms (stems) as a ``TermVocabulary``, for prefix and
/// fuzzy expansion.
struct SegmentTermVocabulary: TermVocabulary {
    let segment: SegmentReader
    var termCount: Int { segment.termCount }
    func term(at index: Int) -> UnsafeRawBufferPointer { segment.term(at: index) }
    func documentFrequency(at index: Int) -> Int { segment.termInfo(at: index).documentFrequency }
    func forEachTerm(_ body: (Int, UnsafeRawBufferPointer) -> Void) { segment.forEachTerm(body) }
}

/// A segment's spelling dictionary (surface words) as a ``TermVocabulary``,
/// for fuzzy matching and "did you mean".
struct SegmentSpellingVocabulary: TermVocabulary {
    let segment: SegmentReader
    var termCount: Int { segment.spellingCount }
    func term(at index: Int) -> UnsafeRawBufferPointer { segment.spellingWord(at: index) }
    func documentFrequency(at index: Int) -> Int { segment.spellingFrequency(at: index) }
    func forEachTerm(_ body: (Int, UnsafeRawBufferPointer) -> Void) { segment.forEachSpellingWord(body) }
}
