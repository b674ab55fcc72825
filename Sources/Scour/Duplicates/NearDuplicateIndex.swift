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
/// the index itself only compares ordinals.
///
/// **Search.** The pigeonhole method of Manku, Jain and Das Sarma
/// ("Detecting near-duplicates for web crawling", WWW 2007): the 64 bits are
/// cut into `maximumDistance + 1` blocks, so two sketches at most k bits
/// apart agree exactly on at least one block. Each block has a table from
/// its value to a chain of kept documents; a look-up walks the `k + 1`
/// chains and verifies each candidate with one XOR and popcount. No pair is
/// missed, and no other pair is looked at beyond those sharing a block.
/// For k = 3 the blocks are 16 bits wide, so a chain holds about
/// `kept / 65,536` unrelated documents: a look-up costs ≈ 4 × that many
/// candidate checks (60 at a million kept pages).
///
/// **Memory.** A fixed `(k + 1) × 65,536` chain heads (1 MB for k = 3), then
/// per *kept* document: sketch, ordinal and `k + 1` 32-bit chain links, plus
/// an entry of the exact-hash dictionary — about 7 words at k = 3. Aliases
/// cost nothing.
public struct NearDuplicateIndex: Sendable {
    /// The largest Hamming distance between two sketches that still makes
    /// them duplicates.
    public let maximumDistance: Int
    /// Texts shorter than this (in ``ContentFingerprint/words``) are only
    /// ever exact duplicates: a few words give too few shingles for their
    /// overlap to mean "the same page" — "Page not found" on one site and
    /// "Page not found, sorry" on another, two empty listing pages of
    /// different shops.
    public let minimumWords: Int

    /// The default ``minimumWords``: 40 words give 38 shingles, about a
    /// paragraph; below it a single changed word already moves a text
    /// several bits, and a shared template line is a large share of it.
    public static let defaultMinimumWords = 40

    /// Documents kept so far (added without being found a duplicate).
    public private(set) var keptCount = 0

    private let blocks: [(shift: UInt64, mask: UInt64)]
    /// Bits of a chain-head index per block: block values up to 16 bits are
    /// used as they are, wider ones (k < 3) are hashed down to 16.
    private static let headBits = 16
    private var heads: [Int32]
    /// Sketches, ordinals and chain links of kept documents long enough for
    /// near-duplicate search, by entry.
    private var sketches: [UInt64] = []
    private var ordinals: [Int] = []
    private var links: [Int32] = []
    /// Exact hash → ordinal of every kept document.
    private var exact: [UInt64: Int] = [:]

    /// - Parameters:
    ///   - maximumDistance: k, in 0...7; the default 3 finds texts sharing
    ///     about 90 % or more of their word trigrams (see
    ///     ``ContentFingerprint``).
    ///   - minimumWords: see ``minimumWords``.
    public init(maximumDistance: Int = 3, minimumWords: Int = NearDuplicateIndex.defaultMinimumWords) {
        precondition((0...7).contains(maximumDistance), "maximumDistance must be in 0...7")
        self.maximumDistance = maximumDistance
        self.minimumWords = max(1, minimumWords)
        let count = maximumDistance + 1
        blocks = (0..<count).map { block in
            let start = 64 * block / count, end = 64 * (block + 1) / count
            let width = UInt64(end - start)
            return (UInt64(start), width == 64 ? ~0 : (1 << width) - 1)
        }
        heads = Array(repeating: -1, count: count << Self.headBits)
    }

    /// Adds the document `ordinal`: returns the ordinal of the kept document
    /// it duplicates, or nil when it is kept itself (and so becomes a
    /// candidate for later documents).
    ///
    /// Cost: one dictionary look-up, plus, for a text of at least
    /// ``minimumWords`` words, `k + 1` chain walks.
    public mutating func add(_ ordinal: Int, _ fingerprint: ContentFingerprint) -> Int? {
        if let kept = duplicate(of: fingerprint) { return kept }
        keptCount += 1
        exact[fingerprint.exact] = ordinal
        guard fingerprint.words >= minimumWords else { return nil }
        let entry = sketches.count
        precondition(entry < Int(Int32.max), "too many kept documents for 32-bit chain links")
        sketches.append(fingerprint.sketch)
        ordinals.append(ordinal)
        for block in blocks.indices {
            let head = headIndex(block, fingerprint.sketch)
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
        let stride = blocks.count
        sketches.withUnsafeBufferPointer { sketches in
            links.withUnsafeBufferPointer { links in
                for block in 0..<stride {
                    var entry = Int(heads[headIndex(block, sketch)])
                    while entry >= 0 {
                        if (sketches[entry] ^ sketch).nonzeroBitCount <= maximumDistance {
                            let ordinal = ordinals[entry]
                            if ordinal < found ?? .max { found = ordinal }
                        }
                        entry = Int(links[entry * stride + block])
                    }
                }
            }
        }
        return found
    }

    @inline(__always)
    private func headIndex(_ block: Int, _ sketch: UInt64) -> Int {
        let (shift, mask) = blocks[block]
        var value = (sketch >> shift) & mask
        if mask >> Self.headBits != 0 {
            value = (value &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - Self.headBits)
        }
        return block << Self.headBits | Int(value)
    }

    /// Groups a whole collection at once: element `i` is the ordinal (the
    /// position) of the kept document that document `i` duplicates, or nil
    /// when document `i` is kept.
    public static func duplicates(
        _ fingerprints: some Sequence<ContentFingerprint>,
        maximumDistance: Int = 3, minimumWords: Int = NearDuplicateIndex.defaultMinimumWords
    ) -> [Int?] {
        var index = NearDuplicateIndex(maximumDistance: maximumDistance, minimumWords: minimumWords)
        return fingerprints.enumerated().map { index.add($0.offset, $0.element) }
    }
}
