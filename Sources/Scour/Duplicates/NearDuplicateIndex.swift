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
/// cases). For each block, kept documents are grouped by their value of
/// it; a look-up checks the documents that share one of its 8 block values
/// (two XORs and popcounts each). No pair within 7 bits is missed, and no
/// pair is looked at unless it shares a block.
///
/// The groups are sorted tables (a counting sort; each entry carries the
/// next two blocks of its sketch, which rule out all but 0.35 % of
/// unrelated candidates without a cache miss), plus chains for documents
/// added since the last rebuild; the tables are rebuilt when the chained
/// documents reach a quarter of them, O(1) amortised per document. A block
/// value is shared by about `kept / 65,536` unrelated documents, so the
/// work per look-up still grows with the index: adding 1 M fingerprints
/// takes 1.5 s, 2 M 4.9 s, 5 M 29 s (release build, one core; 90 % kept).
/// Tens of millions would want wider blocks from more tables.
///
/// **Memory.** Per *kept* document: sketch (2 words), ordinal, 8 table
/// entries of 8 bytes (8 words), chain links while recent (≤ 1 word on
/// average), an entry of the exact-hash dictionary (≈ 3 words): about 15
/// words, 120 bytes; plus 4 MB of chain heads and table starts. Aliases
/// cost nothing. A rebuild briefly holds the old and new tables.
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
    private static let blockValues = 1 << blockBits
    /// Sketches and ordinals of kept documents long enough for
    /// near-duplicate search, by entry.
    private var sketches: [ContentFingerprint.Sketch] = []
    private var ordinals: [Int32] = []
    /// Entries `0..<frozen` sit in sorted tables: for each block, the
    /// entries grouped by their value of that block (a counting sort), so a
    /// look-up reads one contiguous run per block.
    /// `starts[block * (blockValues + 1) + value]` is where a run begins in
    /// `sorted[block * frozen ..< (block + 1) * frozen]`; an item is the
    /// entry's ``tag(_:_:)`` in the high 32 bits and its number in the low.
    private var frozen = 0
    private var starts: [Int32] = []
    private var sorted: [UInt64] = []
    /// Later entries are in per-block chains: `heads` (a chain per block
    /// value) and `links[(entry - frozen) * blockCount + block]`. When they
    /// reach a quarter of the frozen ones the tables are rebuilt with them,
    /// so the chains — one dependent cache miss per step — stay short, and
    /// rebuilding costs O(1) amortised per document.
    private var heads: [Int32]
    private var links: [Int32] = []
    /// Fewest chained entries before a rebuild: below this chains average
    /// at most one entry per block value. (Smaller in tests, to exercise
    /// the tables.)
    private let minimumChained: Int
    /// The title words of each entry: a near duplicate needs a compatible
    /// title (see ``ContentFingerprint/titleIsCompatible(with:)``).
    private var titles: [[UInt32]] = []
    /// Exact hash → ordinal of every kept document.
    private var exact: [UInt64: Int] = [:]

    /// - Parameters:
    ///   - maximumDistance: k, in 0...128; see ``maximumDistance``. Every
    ///     pair up to 7 bits apart is found; above that only pairs that
    ///     share a 16-bit block (99.7 % at 8 bits, fewer beyond).
    ///   - minimumWords: see ``minimumWords``.
    public init(maximumDistance: Int = NearDuplicateIndex.defaultMaximumDistance,
                minimumWords: Int = NearDuplicateIndex.defaultMinimumWords) {
        self.init(maximumDistance: maximumDistance, minimumWords: minimumWords, minimumChained: 1 << 16)
    }

    init(maximumDistance: Int, minimumWords: Int, minimumChained: Int) {
        precondition((0...128).contains(maximumDistance), "maximumDistance must be in 0...128")
        self.maximumDistance = maximumDistance
        self.minimumWords = max(1, minimumWords)
        self.minimumChained = max(1, minimumChained)
        heads = Array(repeating: -1, count: Self.blockCount * Self.blockValues)
    }

    private static func compatible(_ words: [UInt32], _ fingerprint: ContentFingerprint) -> Bool {
        var kept = ContentFingerprint(exact: 0, sketch: .init(low: 0, high: 0), words: 0)
        kept.titleWords = words
        return kept.titleIsCompatible(with: fingerprint)
    }

    /// Adds the document `ordinal`: returns the ordinal of the kept document
    /// it duplicates, or nil when it is kept itself (and so becomes a
    /// candidate for later documents).
    ///
    /// Cost: one dictionary look-up, plus, for a text of at least
    /// ``minimumWords`` words, 8 table runs and 8 short chains.
    public mutating func add(_ ordinal: Int, _ fingerprint: ContentFingerprint) -> Int? {
        if let kept = duplicate(of: fingerprint) { return kept }
        insert(ordinal, fingerprint)
        return nil
    }

    /// Adds document `ordinal` as kept without looking for what it
    /// duplicates: for documents known to be distinct (an index's existing
    /// documents, folded when they were indexed), which an update seeds the
    /// index with at a fraction of ``add(_:_:)``'s cost.
    public mutating func insert(_ ordinal: Int, _ fingerprint: ContentFingerprint) {
        keptCount += 1
        if exact[fingerprint.exact] == nil { exact[fingerprint.exact] = ordinal }
        guard fingerprint.words >= minimumWords else { return }
        let entry = sketches.count
        precondition(entry < Int(Int32.max), "too many kept documents for 32-bit entry numbers")
        sketches.append(fingerprint.sketch)
        titles.append(fingerprint.titleWords)
        precondition(ordinal >= 0 && ordinal < Int(Int32.max), "ordinals must fit in 32 bits")
        ordinals.append(Int32(ordinal))
        for block in 0..<Self.blockCount {
            let head = Self.headIndex(block, fingerprint.sketch)
            links.append(heads[head])
            heads[head] = Int32(entry)
        }
        if sketches.count - frozen >= max(minimumChained, frozen / 4) { rebuild() }
    }

    /// The ordinal of the lowest-ordinal kept document that `fingerprint`
    /// duplicates, without adding it; nil if none.
    public func duplicate(of fingerprint: ContentFingerprint) -> Int? {
        var found = exact[fingerprint.exact]
        guard fingerprint.words >= minimumWords else { return found }
        let sketch = fingerprint.sketch
        sketches.withUnsafeBufferPointer { sketches in
            func check(_ entry: Int) {
                guard Self.compatible(titles[entry], fingerprint) else { return }
                let other = sketches[entry]
                let distance = (other.low ^ sketch.low).nonzeroBitCount + (other.high ^ sketch.high).nonzeroBitCount
                if distance <= maximumDistance, Int(ordinals[entry]) < found ?? .max { found = Int(ordinals[entry]) }
            }
            if frozen > 0 {
                starts.withUnsafeBufferPointer { starts in
                    sorted.withUnsafeBufferPointer { sorted in
                        for block in 0..<Self.blockCount {
                            let value = Self.headIndex(block, sketch) - block * Self.blockValues
                            let table = block * (Self.blockValues + 1) + value
                            let base = block * frozen
                            let tag = Self.tag(block, sketch)
                            for position in Int(starts[table])..<Int(starts[table + 1]) {
                                let item = sorted[base + position]
                                // The other bits it carries rule out most candidates
                                // without touching their sketches.
                                if (UInt32(truncatingIfNeeded: item >> 32) ^ tag).nonzeroBitCount <= maximumDistance {
                                    check(Int(truncatingIfNeeded: item & 0xFFFF_FFFF))
                                }
                            }
                        }
                    }
                }
            }
            links.withUnsafeBufferPointer { links in
                for block in 0..<Self.blockCount {
                    var entry = Int(heads[Self.headIndex(block, sketch)])
                    while entry >= 0 {
                        check(entry)
                        entry = Int(links[(entry - frozen) * Self.blockCount + block])
                    }
                }
            }
        }
        return found
    }

    /// Moves every entry into the sorted tables (a counting sort per
    /// block) and empties the chains: O(entries + 8 × 65,536).
    private mutating func rebuild() {
        let count = sketches.count
        // The tables are made again from the sketches: the old ones go
        // first, so the two are never held at once.
        sorted = []
        starts = []
        links = []
        var newStarts = [Int32](repeating: 0, count: Self.blockCount * (Self.blockValues + 1))
        var newSorted = [UInt64](repeating: 0, count: Self.blockCount * count)
        sketches.withUnsafeBufferPointer { sketches in
            newStarts.withUnsafeMutableBufferPointer { starts in
                newSorted.withUnsafeMutableBufferPointer { sorted in
                    for block in 0..<Self.blockCount {
                        let table = block * (Self.blockValues + 1)
                        for sketch in sketches {
                            starts[table + Self.headIndex(block, sketch) - block * Self.blockValues + 1] += 1
                        }
                        for value in 0..<Self.blockValues { starts[table + value + 1] += starts[table + value] }
                        // Fill with a moving cursor per value, then shift back.
                        for (entry, sketch) in sketches.enumerated() {
                            let slot = table + Self.headIndex(block, sketch) - block * Self.blockValues
                            sorted[block * count + Int(starts[slot])] = UInt64(Self.tag(block, sketch)) << 32 | UInt64(entry)
                            starts[slot] += 1
                        }
                        for value in stride(from: Self.blockValues, to: 0, by: -1) {
                            starts[table + value] = starts[table + value - 1]
                        }
                        starts[table] = 0
                    }
                }
            }
        }
        starts = newStarts
        sorted = newSorted
        frozen = count
        links = []
        heads = Array(repeating: -1, count: Self.blockCount * Self.blockValues)
    }

    /// The two blocks after `block`, stored beside its table entries: two
    /// sketches within k bits differ in at most k of these 32 bits, while an
    /// unrelated one passes with odds 0.0035 at k = 8.
    @inline(__always)
    private static func tag(_ block: Int, _ sketch: ContentFingerprint.Sketch) -> UInt32 {
        let next = headIndex((block + 1) & 7, sketch) & 0xFFFF, after = headIndex((block + 2) & 7, sketch) & 0xFFFF
        return UInt32(next << 16 | after)
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
