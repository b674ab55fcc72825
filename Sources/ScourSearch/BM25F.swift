import Foundation
import ScourIndex

/// BM25F: Okapi BM25 over several fields, combined before saturation.
///
/// Each field f has a weight wᶠ and its own length normalisation bᶠ. A
/// term's per-field frequencies are normalised by their field's length and
/// summed into one pseudo-frequency,
///
///     tf̃ = Σᶠ wᶠ · tfᶠ / (1 − bᶠ + bᶠ · lenᶠ / avglenᶠ)
///
/// which is saturated once: score = idf · tf̃ · (k1 + 1) / (tf̃ + k1), with
/// Lucene's idf = ln(1 + (N − df + 0.5) / (df + 0.5)). Saturating after the
/// sum (rather than adding per-field BM25 scores) keeps a word repeated in
/// the title and the body from counting as two independent pieces of
/// evidence (Robertson & Zaragoza, "The Probabilistic Relevance Framework").
///
/// The title and body defaults were measured on SciFact (see the README's
/// ranking section). Headings and URL words could not be: SciFact has
/// neither, and every `Corpus/` test query ranks its page first at any
/// headings weight from 1 to 3 and URL weight from 0 to 2. They sit between
/// the body and the title (headings 1.5) and at the body's weight (url 1)
/// until a judged collection with such fields is at hand.
public struct BM25F: Sendable, Equatable {
    /// Term-frequency saturation.
    public var k1: Double
    /// Weight of each field, in ``IndexField`` order.
    public var weights: [Double]
    /// Length normalisation of each field (0 = none, 1 = full), in ``IndexField`` order.
    public var b: [Double]

    public init(k1: Double = 1.2,
                weights: [IndexField: Double] = [:],
                b: [IndexField: Double] = [:]) {
        self.k1 = k1
        self.weights = IndexField.allCases.map { weights[$0] ?? Self.defaultWeights[$0.rawValue] }
        self.b = IndexField.allCases.map { b[$0] ?? Self.defaultB[$0.rawValue] }
    }

    /// title, headings, body, url.
    public static let defaultWeights: [Double] = [3.0, 1.5, 1.0, 1.0]
    /// title, headings, body, url.
    public static let defaultB: [Double] = [0.75, 0.75, 0.75, 0.75]

    /// Accepted k1: beyond 100 saturation is effectively off anyway.
    public static let k1Range: ClosedRange<Double> = 0...100
    /// Accepted field weights.
    public static let weightRange: ClosedRange<Double> = 0...1000
    /// Accepted length normalisation.
    public static let bRange: ClosedRange<Double> = 0...1

    /// Throws when a parameter is not finite or outside its range: a NaN or
    /// infinite k1 or weight would make every score NaN or infinite.
    public func validate() throws(SearchError) {
        guard Self.k1Range.contains(k1) else {
            throw .invalidRankingParameter(name: "k1", value: k1, allowed: Self.k1Range)
        }
        for field in IndexField.allCases {
            guard Self.weightRange.contains(weights[field.rawValue]) else {
                throw .invalidRankingParameter(name: "weight of \(field.name)", value: weights[field.rawValue], allowed: Self.weightRange)
            }
            guard Self.bRange.contains(b[field.rawValue]) else {
                throw .invalidRankingParameter(name: "b of \(field.name)", value: b[field.rawValue], allowed: Self.bRange)
            }
        }
    }

    public func weight(_ field: IndexField) -> Double { weights[field.rawValue] }
    public func b(_ field: IndexField) -> Double { b[field.rawValue] }

    /// Lucene's idf; never negative.
    public static func idf(documentFrequency df: Int, documentCount n: Int) -> Double {
        log(1 + (Double(n) - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    /// Per-document length normalisers, computed once per query: per
    /// field, in ``IndexField`` order, what a share of the pseudo-frequency
    /// needs (no arrays: a matcher holds one by value and scores a posting
    /// without reference counting).
    public struct Normalizer: Sendable {
        let weights: SIMD4<Double>
        /// 1 − b.
        let complements: SIMD4<Double>
        /// b / the average length (at least 1e-9).
        let slopes: SIMD4<Double>
        /// Term-frequency saturation.
        let k1: Double

        init(weights: [Double], b: [Double], averages: [Double], k1: Double) {
            func vector(_ values: [Double], _ transform: (Double) -> Double = { $0 }) -> SIMD4<Double> {
                var vector = SIMD4<Double>(repeating: 0)
                for field in IndexField.allCases where field.rawValue < values.count {
                    vector[field.rawValue] = transform(values[field.rawValue])
                }
                return vector
            }
            self.weights = vector(weights)
            complements = vector(b) { 1 - $0 }
            slopes = vector(b) / vector(averages) { max($0, 1e-9) }
            self.k1 = k1
        }

        private init(weights: SIMD4<Double>, copying other: Normalizer) {
            self.weights = weights
            complements = other.complements
            slopes = other.slopes
            k1 = other.k1
        }

        /// This normaliser counting `field` only (every other weight zero:
        /// a zero share adds nothing to a sum of shares, which are never
        /// negative, so this is exactly skipping the other fields); itself
        /// for nil.
        public func restricted(to field: IndexField?) -> Normalizer {
            guard let field else { return self }
            var weights = SIMD4<Double>(repeating: 0)
            weights[field.rawValue] = self.weights[field.rawValue]
            return Normalizer(weights: weights, copying: self)
        }

        /// The weighted, length-normalised pseudo-frequency, summed in field order.
        @inline(__always)
        public func pseudoFrequency(_ frequencies: FieldCounts, lengths: FieldCounts) -> Double {
            var total = 0.0
            if frequencies.title > 0 { total += share(0, frequency: frequencies.title, length: lengths.title) }
            if frequencies.headings > 0 { total += share(1, frequency: frequencies.headings, length: lengths.headings) }
            if frequencies.body > 0 { total += share(2, frequency: frequencies.body, length: lengths.body) }
            if frequencies.url > 0 { total += share(3, frequency: frequencies.url, length: lengths.url) }
            return total
        }

        /// The pseudo-frequency in `field` only (nil: every field).
        @inline(__always)
        public func pseudoFrequency(_ frequencies: FieldCounts, lengths: FieldCounts, only field: IndexField?) -> Double {
            restricted(to: field).pseudoFrequency(frequencies, lengths: lengths)
        }

        /// One field's share of the pseudo-frequency. It grows with the
        /// frequency and shrinks with the length (weights ≥ 0, b in 0…1),
        /// which is what lets pruning bound a block's scores.
        @inline(__always)
        public func contribution(of field: IndexField, frequency: UInt32, length: UInt32) -> Double {
            share(field.rawValue, frequency: frequency, length: length)
        }

        /// wᶠ · tfᶠ / (1 − bᶠ + bᶠ/avglenᶠ · lenᶠ): b / avglen is worked
        /// out once, so a share costs one division.
        @inline(__always)
        private func share(_ i: Int, frequency: UInt32, length: UInt32) -> Double {
            let norm = complements[i] + slopes[i] * Double(length)
            return weights[i] * Double(frequency) / max(norm, 1e-9)
        }

        /// The saturated part of the score, to be multiplied by idf.
        @inline(__always)
        public func saturate(_ pseudoFrequency: Double) -> Double {
            BM25F.saturate(pseudoFrequency, k1: k1)
        }
    }

    /// A normaliser for an index with these average field lengths.
    public func normalizer(averageLengths: [Double]) -> Normalizer {
        Normalizer(weights: weights, b: b, averages: averageLengths, k1: k1)
    }

    /// tf̃ · (k1 + 1) / (tf̃ + k1); 0 for no occurrence.
    @inline(__always)
    static func saturate(_ pseudoFrequency: Double, k1: Double) -> Double {
        pseudoFrequency <= 0 ? 0 : pseudoFrequency * (k1 + 1) / (pseudoFrequency + k1)
    }

    /// The saturated part of the score, to be multiplied by idf.
    @inline(__always)
    public func saturate(_ pseudoFrequency: Double) -> Double {
        Self.saturate(pseudoFrequency, k1: k1)
    }
}
