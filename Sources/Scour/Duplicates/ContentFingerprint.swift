/// What a page's extracted text looks like to duplicate detection: an exact
/// hash of its normalised text, a 128-bit near-duplicate sketch and its
/// length in words. 32 bytes, computed once per document from the text the
/// indexer keeps (after chrome and template stripping), in one pass over
/// the UTF-8 bytes without allocating per word; pure, so workers can
/// fingerprint their documents in parallel.
///
/// ```swift
/// let a = ContentFingerprint(title: page.title, lines: page.lines)
/// let b = ContentFingerprint(title: reprint.title, lines: reprint.lines)
/// if a.exact == b.exact || a.distance(to: b) <= 8 { … }   // or NearDuplicateIndex
/// ```
///
/// **Normalisation** (shared by both hashes): case folded, punctuation and
/// spacing ignored, a word of digits only read as `0` so that hit counters,
/// dates and "page 2 of 7" lines do not make two scrapes differ; a Han or
/// kana character is a word of its own. See `ShingleScanner` for details.
///
/// **The sketch: one-bit MinHash, not SimHash.** Both give a few bits per
/// document compared by Hamming distance and searched with Manku et al.'s
/// block tables. SimHash bits differ with probability θ/π, θ the angle
/// between the two texts' shingle vectors, and θ grows like the *square
/// root* of the changed share: a 300-word article with one sidebar line
/// changed (Jaccard J = 0.93 over word trigrams) is 5.5 of 64 bits away on
/// average, so k = 3 finds it one time in five, while k large enough to find
/// it also finds pages sharing a template. One-bit MinHash (b-bit minwise
/// hashing with b = 1, Li & König 2010) bits differ with probability
/// (1 − J)/2, *linear* in the change, so the step from "same page" to
/// "different page" is much sharper. Full MinHash with LSH bands (as in
/// datasketch or text-dedup) estimates J better still but stores 128 or more
/// 32-bit values per document; one bit per permutation keeps it at 2 words
/// (the Rust crate find-simdoc makes the same choice). Measured on 2,290
/// SciFact abstracts against copies with 1–31 words replaced, pairs found
/// with J in [0.9, 0.95): 92 % (SimHash 64/k 3: 23 %, 64/k 6: 70 %); with
/// J in [0.6, 0.7): 0 of 391 (SimHash 64/k 6: 12).
///
/// **Why 128 bits.** With 64 bits and k = 3 (the first design), a pair with
/// J = 0.94 — the same syndicated story in two scrapes of the extraction dev
/// set — was 5 bits apart and missed: the binomial noise of 64 coin flips is
/// as wide as the gap between "same" and "different". 128 bits with
/// k = 8 (``NearDuplicateIndex``'s default) find, from the binomial law, a
/// pair with J = 0.97 always, 0.94 in 98.5 %, 0.9 in 81 %, 0.85 in 37 %,
/// 0.8 in 10 %, 0.7 in 0.2 %, 0.6 in 10⁻⁵ (64 bits, k = 3: 98 %, 87 %,
/// 60 %, 28 %, 11 %, 0.9 %, 0.05 %); unrelated texts essentially never.
/// The 128 samples are drawn by one-permutation hashing in rounds (see
/// `OneBitMinHash`): one hash per shingle, not 128, for the same law.
public struct ContentFingerprint: Sendable, Equatable, Hashable {
    /// 128 one-bit MinHash samples of a text's word-trigram set.
    public struct Sketch: Sendable, Equatable, Hashable {
        /// Samples 0–63 and 64–127.
        public var low: UInt64, high: UInt64
        public init(low: UInt64, high: UInt64) {
            self.low = low
            self.high = high
        }
    }

    /// Hash of the whole normalised word sequence, title first: equal for
    /// pages whose text differs only in case, spacing, punctuation or
    /// figures.
    public var exact: UInt64
    /// One-bit MinHash sketch of the set of word trigrams (title and text as
    /// one stream); zero when the text has no words.
    public var sketch: Sketch
    /// Words in title and text; a Han or kana character counts as one word.
    public var words: Int
    /// The normalised title's words (hashes, digits kept; at most 32). Near
    /// duplicates must have compatible titles: the same words, or one title
    /// running whole inside the other ("Print version: X" and "X"). Re-scrapes
    /// and copies of one page keep their title, while different pages that
    /// share most of their text — a manual's front page that is mostly its
    /// licence and a package's copyright file, release notes that differ only
    /// in their version — have titles of their own (seen on a wget mirror of
    /// Debian's /usr/share/doc).
    public var titleWords: [UInt32] = []

    /// True when one title's words run whole, in order, inside the other's.
    public func titleIsCompatible(with other: ContentFingerprint) -> Bool {
        let (short, long) = titleWords.count <= other.titleWords.count
            ? (titleWords, other.titleWords) : (other.titleWords, titleWords)
        guard !short.isEmpty else { return long.isEmpty }
        guard short.count <= long.count else { return false }
        for start in 0...(long.count - short.count) where long[start] == short[0] {
            if long[start..<(start + short.count)].elementsEqual(short) { return true }
        }
        return false
    }

    public init(exact: UInt64, sketch: Sketch, words: Int) {
        self.exact = exact
        self.sketch = sketch
        self.words = words
    }

    /// Fingerprints a page from its title and text lines.
    public init<Lines: Sequence>(title: some StringProtocol, lines: Lines) where Lines.Element: StringProtocol {
        var scanner = ShingleScanner(sink: OneBitMinHash())
        scanner.capturedWords = []
        scanner.scan(title)
        let titleWords = scanner.capturedWords ?? []
        scanner.capturedWords = nil
        scanner.mark(Self.titleBoundary)
        for line in lines { scanner.scan(line) }
        scanner.finish()
        self.init(exact: DuplicateHashing.avalanche(scanner.exact), sketch: scanner.sink.sketch, words: scanner.words)
        self.titleWords = titleWords
    }

    /// Fingerprints a page from its title and text (lines separated by
    /// newlines; a line break is just a space here).
    public init(title: some StringProtocol, text: some StringProtocol) {
        self.init(title: title, lines: CollectionOfOne(text))
    }

    /// Bits in which the two sketches differ: about 64 · (1 − J), where J
    /// is the Jaccard similarity of the two texts' word-trigram sets.
    public func distance(to other: ContentFingerprint) -> Int {
        (sketch.low ^ other.sketch.low).nonzeroBitCount + (sketch.high ^ other.sketch.high).nonzeroBitCount
    }

    /// Mixed into the exact hash between title and text, so that a word
    /// moving from the title into the text changes it.
    static let titleBoundary: UInt64 = 0x5449_544C_45  // "TITLE"
}
