/// Finds, document by document, the earlier document each new one
/// duplicates: the same normalised text (``ContentFingerprint/exact``), or,
/// for texts of at least ``minimumWords`` words, a sketch at most
/// ``maximumDistance`` bits away.
///
/// ```swift
/// var index = NearDuplicateIndex()
/// for (ordinal, page) in pages.enumerated() {
///     if let kept = index.add(ordinal, page.fingerprint) {
///         aliases[kept, default: []].append(page.url)   // not indexed again
///     } else {
///         index(page)
///     }
/// }
/// ```
///
/// **Grouping.** Only kept documents are remembered; a new document is
/// compared with them and becomes an alias of the *lowest-ordinal* kept
/// document it matches. Aliases never attract further documents, so groups
/// cannot drift along a chain of small edits (A ≈ B ≈ C with A ≉ C) and a
/// group is always one kept page plus pages close to *it*. Feed ordinals in
/// increasing order (document order) for "the first one is kept" to hold;
/// the index itself only compares ordinals. Not thread-safe (a value type):
/// fingerprint in parallel, then add in document order on one thread.
///
/// **Search.** The pigeonhole method of Manku, Jain and Das Sarma
/// ("Detecting near-duplicates for web crawling", WWW 2007): the 128 sketch
/// bits are cut into 8 blocks of 16, so two sketches at most 7 bits apart
/// agree exactly on at least one block (and 8 bits apart in 99.7 % of
/// cases). Each block has a table from its value to a chain of kept
/// documents; a look-up walks the 8 chains and checks each candidate with
/// two XORs and popcounts. No pair within 7 bits is missed, and no pair is
/// looked at unless it shares a block. A chain holds about
/// `kept / 65,536` unrelated documents, so a look-up costs ≈ 8 × that many
/// checks (120 at a million kept pages; beyond tens of millions, wider
/// blocks from more tables would be needed).
///
/// **Memory.** 8 × 65,536 chain heads (2 MB), then per *kept* document:
/// sketch (2 words), ordinal, eight 32-bit chain links (4 words), and an
/// entry of the exact-hash dictionary (≈ 3 words) — about 10 words. Aliases
/// cost nothing.
public struct NearDuplicateIndex: Sendable {
    /// The largest Hamming distance between two sketches (of 128 bits) that
    /// still makes the texts duplicates.
    public let maximumDistance: Int
    /// Texts shorter than this (in ``ContentFingerprint/words``) are only
    /// ever exact duplicates: a few words give too few shingles for their
    /// overlap to mean "the same page" — "Page not found" on one site and
    /// "Page not found, sorry" on another, two empty listing pages of
    /// different shops.
    public let minimumWords: Int

    /// The default ``maximumDistance``: about J ≥ 0.9 over word trigrams
    /// (see ``ContentFingerprint`` for the odds at each J).
    public static let defaultMaximumDistance = 8
    /// The default ``minimumWords``: 40 words give 38 shingles, about a
    /// paragraph; below it a single changed word already moves a text
    /// further than ``defaultMaximumDistance``, so a "match" would mostly
    /// be a shared template line or phrase.
    public static let defaultMinimumWords = 40

    /// Documents kept so far (added without being found a duplicate).
    public private(set) var keptCount = 0

    private static let blockCount = 8
    private static let blockBits = 16
    private var heads: [Int32]
    /// Sketches, ordinals and chain links (8 per entry) of kept documents
    /// long enough for near-duplicate search, by entry.
    private var sketches: [ContentFingerprint.Sketch] = []
    private var ordinals: [Int] = []
    private var links: [Int32] = []
    /// Exact hash → ordinal of every kept document.
    private var exact: [UInt64: Int] = [:]

    /// - Parameters:
    ///   - maximumDistance: k, in 0...128; see ``maximumDistance``. Every
    ///     pair up to 7 bits apart is found; above that only pairs that
    ///     share a 16-bit block (99.7 % at 8 bits, fewer beyond).
    ///   - minimumWords: see ``minimumWords``.
    public init(maximumDistance: Int = NearDuplicateIndex.defaultMaximumDistance,
                minimumWords: Int = NearDuplicateIndex.defaultMinimumWords) {
        precondition((0...128).contains(maximumDistance), "maximumDistance must be in 0...128")
        self.maximumDistance = maximumDistance
        self.minimumWords = max(1, minimumWords)
        heads = Array(repeating: -1, count: Self.blockCount << Self.blockBits)
    }

    /// Adds the document `ordinal`: returns the ordinal of the kept document
    /// it duplicates, or nil when it is kept itself (and so becomes a
    /// candidate for later documents).
    ///
    /// Cost: one dictionary look-up, plus, for a text of at least
    /// ``minimumWords`` words, 8 chain walks.
    public mutating func add(_ ordinal: Int, _ fingerprint: ContentFingerprint) -> Int? {
        if let kept = duplicate(of: fingerprint) { return kept }
        keptCount += 1
        exact[fingerprint.exact] = ordinal
        guard fingerprint.words >= minimumWords else { return nil }
        let entry = sketches.count
        precondition(entry < Int(Int32.max), "too many kept documents for 32-bit chain links")
        sketches.append(fingerprint.sketch)
        ordinals.append(ordinal)
        for block in 0..<Self.blockCount {
            let head = Self.headIndex(block, fingerprint.sketch)
            links.append(heads[head])
            heads[head] = Int32(entry)
        }
        return nil
    }

    /// The ordinal of the lowest-ordinal kept document that `fingerprint`
    /// duplicates, without adding it; nil if none.
    public func duplicate(of fingerprint: ContentFingerprint) -> Int? {
        var found = exact[fingerprint.exact]
        guard fingerprint.words >= minimumWords else { return found }
        let sketch = fingerprint.sketch
        sketches.withUnsafeBufferPointer { sketches in
            links.withUnsafeBufferPointer { links in
                for block in 0..<Self.blockCount {
                    var entry = Int(heads[Self.headIndex(block, sketch)])
                    while entry >= 0 {
                        let other = sketches[entry]
                        let distance = (other.low ^ sketch.low).nonzeroBitCount
                            + (other.high ^ sketch.high).nonzeroBitCount
                        if distance <= maximumDistance {
                            let ordinal = ordinals[entry]
                            if ordinal < found ?? .max { found = ordinal }
                        }
                        entry = Int(links[entry * Self.blockCount + block])
                    }
                }
            }
        }
        return found
    }

    /// The chain head of `block` (0–3 in `low`, 4–7 in `high`).
    @inline(__always)
    private static func headIndex(_ block: Int, _ sketch: ContentFingerprint.Sketch) -> Int {
        let word = block < 4 ? sketch.low : sketch.high
        let value = Int(truncatingIfNeeded: (word >> UInt64((block & 3) * blockBits)) & 0xFFFF)
        return block << blockBits | value
    }

    /// Groups a whole collection at once: element `i` is the ordinal (the
    /// position) of the kept document that document `i` duplicates, or nil
    /// when document `i` is kept.
    public static func duplicates(
        _ fingerprints: some Sequence<ContentFingerprint>,
        maximumDistance: Int = NearDuplicateIndex.defaultMaximumDistance,
        minimumWords: Int = NearDuplicateIndex.defaultMinimumWords
    ) -> [Int?] {
        var index = NearDuplicateIndex(maximumDistance: maximumDistance, minimumWords: minimumWords)
        return fingerprints.enumerated().map { index.add($0.offset, $0.element) }
    }
}
