/// What a page's extracted text looks like to duplicate detection: an exact
/// hash of its normalised text, a 64-bit near-duplicate sketch and its
/// length in words. 24 bytes, computed once per document from the text the
/// indexer keeps (after chrome and template stripping), in one pass over
/// the UTF-8 bytes without allocating per word.
///
/// ```swift
/// let a = ContentFingerprint(title: page.title, lines: page.lines)
/// let b = ContentFingerprint(title: reprint.title, lines: reprint.lines)
/// if a.exact == b.exact || a.distance(to: b) <= 3 { … }   // or NearDuplicateIndex
/// ```
///
/// **Normalisation** (shared by both hashes): case folded, punctuation and
/// spacing ignored, each run of digits read as one `0` so that hit counters,
/// dates and "page 2 of 7" lines do not make two scrapes differ; CJK
/// characters are words of their own. See `ShingleScanner` for details.
///
/// **Why one-bit MinHash rather than SimHash.** Both give one 64-bit word per
/// document, compared by Hamming distance and found by the same
/// block-permutation tables. But SimHash bits differ with probability θ/π,
/// where θ is the angle between the shingle vectors, and θ grows like the
/// *square root* of the changed fraction: a 300-word article with one
/// sidebar line changed (Jaccard 0.93) is already 6–8 bits away on average,
/// beyond Manku et al.'s k = 3, which works for them because their pages
/// have thousands of features. One-bit MinHash bits differ with
/// probability (1 − J)/2, *linear* in the change: the same article is
/// about 2 bits away, while two texts sharing half their shingles
/// (J = 0.5, a common template with different stories) are about 16 bits
/// away and land within 3 with probability ≈ 10⁻⁵. Full MinHash with LSH
/// bands (datasketch, text-dedup) estimates J more precisely but keeps
/// 128+ values per document; here memory stays at one word.
///
/// With k = 3 (``NearDuplicateIndex``) the share of pairs found, from the
/// binomial law: J = 0.95 → 92 %, 0.9 → 60 %, 0.8 → 11 %, 0.7 → 1 %,
/// 0.6 → 0.02 %; unrelated texts 2·10⁻¹⁵ per pair.
public struct ContentFingerprint: Sendable, Equatable, Hashable {
    /// Hash of the whole normalised word sequence, title first: equal for
    /// pages whose text differs only in case, spacing, punctuation or
    /// figures.
    public var exact: UInt64
    /// One-bit MinHash sketch of the set of word trigrams (title and text as
    /// one stream); 0 when the text has no words.
    public var sketch: UInt64
    /// Words in title and text; a Han or kana character counts as one word.
    public var words: Int

    public init(exact: UInt64, sketch: UInt64, words: Int) {
        self.exact = exact
        self.sketch = sketch
        self.words = words
    }

    /// Fingerprints a page from its title and text lines.
    public init<Lines: Sequence>(title: some StringProtocol, lines: Lines) where Lines.Element: StringProtocol {
        let seeds = OneBitMinHash.seeds
        self = seeds.withUnsafeBufferPointer { seeds in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: OneBitMinHash.lanes) { minima in
                var scanner = ShingleScanner(sink: OneBitMinHash(minima: minima.baseAddress!, seeds: seeds.baseAddress!))
                scanner.scan(title)
                scanner.mark(Self.titleBoundary)
                for line in lines { scanner.scan(line) }
                scanner.finish()
                return ContentFingerprint(exact: DuplicateHashing.avalanche(scanner.exact),
                                          sketch: scanner.sink.sketch, words: scanner.words)
            }
        }
    }

    /// Fingerprints a page from its title and text (lines separated by
    /// newlines; a line break is just a space here).
    public init(title: some StringProtocol, text: some StringProtocol) {
        self.init(title: title, lines: CollectionOfOne(text))
    }

    /// Bits in which the two sketches differ: about 32 · (1 − J), where J
    /// is the Jaccard similarity of the two texts' word-trigram sets.
    public func distance(to other: ContentFingerprint) -> Int {
        (sketch ^ other.sketch).nonzeroBitCount
    }

    /// Mixed into the exact hash between title and text, so that a word
    /// moving from the title into the text changes it.
    static let titleBoundary: UInt64 = 0x5449_544C_45  // "TITLE"
}
