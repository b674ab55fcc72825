/// Decides which segments to merge after a commit, so that an index
/// updated by many small commits keeps few segments and reclaims the space
/// of deleted documents, while each byte is rewritten only a logarithmic
/// number of times. A simplified form of Lucene's `TieredMergePolicy`.
///
/// **Sizes and tiers.** A segment's size is its live bytes, estimated as
/// `bytes × liveDocuments / documents`. Tier 0 holds the segments smaller
/// than ``floorSegmentBytes``: they count as equally small, so tiny commits
/// are merged with one another and rewriting them costs at most about the
/// floor each time. Tier 1 holds sizes from the floor to
/// `floor × segmentsPerTier`, tier 2 up to `floor × segmentsPerTier²`, and
/// so on. When a tier holds more than ``segmentsPerTier`` segments, its
/// smallest ones are merged, ``maxMergeAtOnce`` at a time, until it holds
/// no more than that. Ten segments of tier *t* ≥ 1 merge into one of tier
/// *t* + 1 or above, so above the floor a byte is rewritten about once per
/// tier: the bytes written grow as *n* log *n* in the bytes indexed, and the
/// segment count stays at most `segmentsPerTier × (tier of the index's
/// size + 1)`.
///
/// **Deletions.** A segment whose deleted documents exceed
/// ``deletedFractionToReclaim`` of its documents is merged: together with
/// the other such segments of its tier, or alone, which rewrites it without
/// its deleted documents. Its cost (at most its live bytes) is paid once
/// per that fraction of its documents deleted. A segment with no live
/// document at all is a merge of its own whose result is empty: the writer
/// may drop it instead of writing it.
///
/// Segments of at least half ``maxMergedSegmentBytes`` take part in tier
/// merges no more (Lucene's "max merged segment"); they are still
/// rewritten to reclaim deletions.
///
/// The writer applies the merges returned (each merged segment in the
/// place of its first input) and asks again, until no merge is returned:
/// a merge can fill the next tier (a cascade). Every merge lowers the
/// segment count or clears a segment's deletions, so this ends.
public struct TieredMergePolicy: Sendable, Equatable {
    /// Segments smaller than this (live bytes) form tier 0, whatever their size.
    public var floorSegmentBytes: Int = 2 << 20
    /// Segments a tier may hold before its smallest are merged.
    public var segmentsPerTier: Int = 10
    /// Most segments merged into one by a tier merge.
    public var maxMergeAtOnce: Int = 10
    /// Largest size a tier merge produces (bytes); segments of at least half
    /// this size are left out of tier merges.
    public var maxMergedSegmentBytes: Int = 5 << 30
    /// A segment with a larger fraction of its documents deleted is merged.
    public var deletedFractionToReclaim: Double = 0.3

    public init() {}

    /// The merges to run on `segments` (the manifest's, in order): sets of
    /// indexes into `segments`, each ascending, none sharing a segment,
    /// ordered by their first index. Empty when nothing needs merging.
    public func merges(for segments: [SegmentInfo]) -> [[Int]] {
        var merges: [[Int]] = []
        var chosen = Set<Int>()

        // Segments with too many deleted documents, grouped by tier.
        let reclaimable = segments.indices.filter { deletedFraction(of: segments[$0]) > deletedFractionToReclaim }
        for group in Dictionary(grouping: reclaimable, by: { tier(of: segments[$0]) }).values {
            let bySize = group.sorted { (Self.liveBytes(of: segments[$0]), $0) < (Self.liveBytes(of: segments[$1]), $1) }
            for start in stride(from: 0, to: bySize.count, by: maxMergeAtOnce) {
                let merge = Array(bySize[start..<min(start + maxMergeAtOnce, bySize.count)])
                merges.append(merge)
                chosen.formUnion(merge)
            }
        }

        // Tiers holding too many segments: merge their smallest.
        let candidates = segments.indices.filter { !chosen.contains($0) && Self.liveBytes(of: segments[$0]) < maxMergedSegmentBytes / 2 }
        for tier in Dictionary(grouping: candidates, by: { tier(of: segments[$0]) }).values {
            var remaining = tier.sorted { (Self.liveBytes(of: segments[$0]), $0) < (Self.liveBytes(of: segments[$1]), $1) }
            while remaining.count > segmentsPerTier {
                var merge: [Int] = []
                var total = 0
                for index in remaining where merge.count < maxMergeAtOnce {
                    let size = Self.liveBytes(of: segments[index])
                    if merge.count >= 2 && total + size > maxMergedSegmentBytes { break }
                    merge.append(index)
                    total += size
                }
                merges.append(merge)
                remaining.removeFirst(merge.count)
            }
        }
        return merges.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// What `scour optimize` runs: every segment merged into one, dropping
    /// all deleted documents. Empty when there is one segment without
    /// deletions, or none.
    public func forceMergeAll(_ segments: [SegmentInfo]) -> [[Int]] {
        guard segments.count > 1 || segments.first.map({ ($0.deleted ?? 0) > 0 }) == true else { return [] }
        return [Array(segments.indices)]
    }

    /// The segment's bytes scaled by its fraction of live documents.
    public static func liveBytes(of segment: SegmentInfo) -> Int {
        guard segment.documents > 0 else { return 0 }
        return Int(Double(segment.bytes) * Double(max(0, segment.liveDocuments)) / Double(segment.documents))
    }

    /// The tier of the segment's live bytes (see ``tier(ofSize:)``).
    public func tier(of segment: SegmentInfo) -> Int {
        tier(ofSize: Self.liveBytes(of: segment))
    }

    /// The tier of a segment of `bytes` live bytes: 0 below the floor, then
    /// one more for each factor of ``segmentsPerTier`` above it.
    public func tier(ofSize bytes: Int) -> Int {
        var tier = 0
        var limit = Double(floorSegmentBytes)
        while Double(bytes) >= limit {
            tier += 1
            limit *= Double(segmentsPerTier)
        }
        return tier
    }

    private func deletedFraction(of segment: SegmentInfo) -> Double {
        guard segment.documents > 0 else { return 0 }
        return Double(segment.deleted ?? 0) / Double(segment.documents)
    }
}
