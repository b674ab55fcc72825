import Foundation

/// Okapi BM25 with Lucene's idf, over a title and a body field.
///
/// The title counts `titleWeight` times in both the term frequency and the
/// document length before saturation (the BM25F simplification with one
/// shared `b`): a title match outweighs a body match, yet repeating a word
/// in a title cannot blow the score up.
public struct BM25: Sendable, Equatable {
    /// Term-frequency saturation.
    public var k1: Double
    /// Length normalisation strength (0 = none, 1 = full).
    public var b: Double
    /// How much a title occurrence is worth relative to a body occurrence.
    public var titleWeight: Double

    public init(k1: Double = 1.2, b: Double = 0.75, titleWeight: Double = 2.0) {
        self.k1 = k1
        self.b = b
        self.titleWeight = titleWeight
    }

    /// Lucene's idf: ln(1 + (N − df + 0.5) / (df + 0.5)); never negative.
    public static func idf(documentFrequency df: Int, documentCount n: Int) -> Double {
        log(1 + (Double(n) - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    /// The per-document part of the score, to be multiplied by idf.
    @inline(__always)
    public func termWeight(bodyFrequency: UInt32, titleFrequency: UInt32,
                           titleLength: UInt32, bodyLength: UInt32, averageLength: Double) -> Double {
        let tf = titleWeight * Double(titleFrequency) + Double(bodyFrequency)
        let length = titleWeight * Double(titleLength) + Double(bodyLength)
        let norm = k1 * (1 - b + b * length / max(averageLength, 1e-9))
        return tf * (k1 + 1) / (tf + norm)
    }
}
