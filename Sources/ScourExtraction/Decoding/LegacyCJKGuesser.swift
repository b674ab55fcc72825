/// Tells GB18030 (GBK), Big5, Shift_JIS and EUC-KR apart for a page that
/// does not say — or says wrongly — which one it is.
///
/// Each candidate decodes a sample of the page; a candidate scores one
/// point for every decoded character among the most common of its script
/// (`CommonCharacters`) and loses two for every byte it could not decode.
/// The structure of the bytes alone cannot decide: GBK's byte ranges
/// cover all of Big5's and most of EUC-KR's, so wrong decodings often
/// succeed — but they produce rare characters, kana read as Greek, Hangul
/// read as obscure hanzi.
enum LegacyCJKGuesser {
    struct Guess: Sendable, Equatable {
        var encoding: TextEncoding
        /// Decoded characters among the common ones of the script.
        var hits: Int
        /// Non-ASCII characters decoded.
        var characters: Int
        /// Bytes the encoding could not decode.
        var errors: Int

        var score: Int { hits - 2 * errors }

        /// Evidence strong enough to overrule a label or the Latin default:
        /// a sixth of the characters are common ones and errors are rare.
        var isConfident: Bool { hits >= 2 && hits * 6 >= characters && errors * 20 <= characters }
    }

    /// How much of the page is decoded per candidate.
    static let sampleBytes = 64 * 1024

    static let candidates: [(TextEncoding, Set<Unicode.Scalar>)] = [
        (.gb18030, CommonCharacters.simplifiedChinese),
        (.big5, CommonCharacters.traditionalChinese),
        (.shiftJIS, CommonCharacters.japanese),
        (.eucKR, CommonCharacters.korean),
    ]

    /// The best-scoring candidate, earlier candidates winning ties.
    static func guess(_ bytes: UnsafeBufferPointer<UInt8>) -> Guess {
        var best: Guess?
        for guess in evaluations(bytes) where best == nil || guess.score > best!.score { best = guess }
        return best!
    }

    /// How well each candidate reads the bytes, in candidate order.
    static func evaluations(_ bytes: UnsafeBufferPointer<UInt8>) -> [Guess] {
        let sample = sampleOf(bytes)
        return candidates.map { evaluate(sample, as: $0.0, common: $0.1) }
    }

    private static func sampleOf(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var end = min(bytes.count, sampleBytes)
        // Cut at an ASCII byte so that the last character stays whole.
        while end < bytes.count, end > 0, bytes[end - 1] >= 0x80, end > sampleBytes - 64 { end -= 1 }
        return Array(bytes[0..<end])
    }

    private static func evaluate(_ sample: [UInt8], as encoding: TextEncoding, common: Set<Unicode.Scalar>) -> Guess {
        let output = Transcoder.decode(sample, as: .init(encoding: encoding, skippedPrefix: 0))
        var guess = Guess(encoding: encoding, hits: 0, characters: 0, errors: output.replacements)
        for scalar in String(decoding: output.utf8, as: UTF8.self).unicodeScalars where scalar.value >= 0x80 {
            guard scalar.value != 0xFFFD else { continue }
            guess.characters += 1
            if common.contains(scalar) { guess.hits += 1 }
        }
        return guess
    }
}
