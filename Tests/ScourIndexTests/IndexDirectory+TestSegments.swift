import Foundation
import ScourAnalysis
@testable import ScourIndex

extension IndexDirectory {
    /// Writes segment `ordinal` of commit `generation`, one document per
    /// text (`<generation>-<ordinal>-<i>.txt`), and returns its manifest entry.
    func writeSegment(generation: Int, ordinal: Int = 0, texts: [String]) throws -> SegmentInfo {
        var builder = SegmentBuilder(analyzer: Analyzer())
        for (i, text) in texts.enumerated() {
            builder.add(StoredDocument(path: "\(generation)-\(ordinal)-\(i).txt", title: "", text: text))
        }
        return try SegmentWriter.write(builder, to: segmentPath(generation: generation, ordinal: ordinal))
    }

    /// Writes commit `generation`'s deletion file for `segment`, marking the
    /// local ids `deleted`, and records it in the entry. Returns the file's path.
    @discardableResult
    func writeDeletions(of segment: inout SegmentInfo, generation: Int, deleted ids: [Int]) throws -> String {
        var deleted = DeletedDocuments(documentCount: segment.documents)
        for id in ids { deleted.insert(id) }
        let path = deletionsPath(segment: segment.name, generation: generation)
        try deleted.write(to: path)
        segment.deletions = (path as NSString).lastPathComponent
        segment.deleted = deleted.count
        return path
    }

    /// Commits `segments` as commit `generation`.
    @discardableResult
    func commit(generation: Int, segments: [SegmentInfo]) throws -> Manifest {
        let manifest = Manifest(generation: generation, analyzer: .standard, segments: segments)
        try commit(manifest)
        return manifest
    }
}
