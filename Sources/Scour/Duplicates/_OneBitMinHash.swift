/// A 128-bit one-bit MinHash sketch (b-bit minwise hashing with b = 1;
/// Li & König, "b-Bit Minwise Hashing", WWW 2010), drawn by one-permutation
/// hashing in rounds instead of 128 hashes per shingle.
///
/// **Rounds.** In round `r` every shingle `x` gets one 64-bit hash
/// `hᵣ(x)` (round 0: the shingle hash itself; round `r`: splitmix64 of
/// `x + r·φ`); its top 7 bits pick one of 128 bins, and each bin keeps the
/// smallest hash that falls in it. A bin left empty by round `r` is filled
/// by the first later round that sends a shingle there, and only by that
/// round's hashes; rounds go on until no bin is empty. Bit `i` of the sketch
/// is the lowest bit of bin `i`'s minimum. This is one-permutation hashing
/// (Li, Owen & Zhang 2012) whose empty bins are filled by fresh rounds
/// rather than copied from a neighbour (the idea of Dahlgaard, Knudsen &
/// Thorup's "Fast similarity sketching", FOCS 2017).
///
/// **Why it is still MinHash.** Take the union `A ∪ B` of two texts'
/// shingle sets and a bin: the first round in which some shingle of the
/// union lands in it, and the smallest hash of the union there. Every
/// shingle is treated alike, so that winner is uniform over `A ∪ B`; when it
/// belongs to both texts it is both texts' minimum (neither has an earlier
/// round for the bin nor a smaller hash in it), and when it belongs to one
/// only, the other text's minimum is another shingle's hash. So each bin
/// agrees with probability exactly `J`, each bit differs with probability
/// `(1 − J) / 2` and the expected Hamming distance is `64 · (1 − J)`, as
/// with 128 independent permutations. Bins of one round sample the union
/// without replacement, so the distance varies a little *less* than a
/// binomial on long texts; copied-bin densification (rotation, "optimal")
/// instead makes bins of short texts move together and the distance vary
/// more, which is what the fresh rounds avoid. Measured on SciFact abstracts
/// against copies with 1–31 words replaced, and on the same abstracts cut to
/// 40–130 words: see the commit that made this sketch.
///
/// **Cost.** One pass hashes each shingle once (its hash is already
/// mixed); the rounds after it rehash the text's shingles until every bin
/// is hit, about `128 · ln 256 / n` rounds for `n` shingles — 3 or 4 for a
/// 200-word abstract, one for a page of 1,000 words, and about 700 hashes in
/// all for a text of a few words (the coupon collector's `128 · H₁₂₈`). The
/// 128 independent lanes this replaces cost 128 multiplies per shingle.
struct OneBitMinHash: ShingleSink {
    static let bins = 128
    /// Rounds after which a bin may stay empty (its bit is then 1). A text
    /// with one shingle needs about 700 rounds; 16,384 leave a bin empty
    /// with probability below 10⁻⁵³.
    static let maximumRounds = 16_384

    /// Smallest hash per bin (`.max` while empty).
    private var minima = InlineArray<128, UInt64>(repeating: .max)
    /// The text's shingle hashes, for the rounds after the first.
    private var seen: [UInt64] = []

    init() {}

    @inline(__always)
    mutating func take(_ shingle: UInt64) {
        seen.append(shingle)
        let bin = Int(truncatingIfNeeded: shingle &>> 57)
        if shingle < minima[bin] { minima[bin] = shingle }
    }

    /// Round `round`'s hash of a shingle (round ≥ 1).
    @inline(__always)
    static func hash(_ shingle: UInt64, round: Int) -> UInt64 {
        DuplicateHashing.avalanche(shingle &+ UInt64(truncatingIfNeeded: round) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The sketch: bit `i` is the lowest bit of bin `i`'s minimum (bins
    /// 0–63 in `low`, 64–127 in `high`); zero for a text without shingles.
    var sketch: ContentFingerprint.Sketch {
        guard !seen.isEmpty else { return ContentFingerprint.Sketch(low: 0, high: 0) }
        // Everything on `minima` stays in this getter: handing the inline
        // array to a helper copied its 1 KB at every subscript (176 M
        // instructions indexing SciFact).
        var minima = self.minima
        // Bins still empty, as bit masks (bins 0–63, 64–127).
        var empty = (low: UInt64(0), high: UInt64(0))
        for bin in 0..<64 {
            if minima[bin] == .max { empty.low |= 1 << UInt64(bin) }
            if minima[bin + 64] == .max { empty.high |= 1 << UInt64(bin) }
        }
        var round = 1
        while empty.low | empty.high != 0 && round < Self.maximumRounds {
            var filled = (low: UInt64(0), high: UInt64(0))
            for shingle in seen {
                let hash = Self.hash(shingle, round: round)
                let bin = Int(truncatingIfNeeded: hash &>> 57)
                let bit = UInt64(1) &<< UInt64(bin & 63)
                if bin < 64 {
                    guard empty.low & bit != 0 else { continue }
                    filled.low |= bit
                } else {
                    guard empty.high & bit != 0 else { continue }
                    filled.high |= bit
                }
                if hash < minima[bin] { minima[bin] = hash }
            }
            empty.low &= ~filled.low
            empty.high &= ~filled.high
            round += 1
        }
        var low: UInt64 = 0, high: UInt64 = 0
        for bin in 0..<64 {
            low |= (minima[bin] & 1) << UInt64(bin)
            high |= (minima[bin + 64] & 1) << UInt64(bin)
        }
        return ContentFingerprint.Sketch(low: low, high: high)
    }
}
