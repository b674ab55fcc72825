import Foundation
import ScourTestSupport
import ScourAnalysis
import Testing
@testable import ScourIndex
@testable import ScourSearch

/// Searching a segment damaged *with its checksum recomputed* (so opening
/// accepts it) must give results, fewer results or an error — never a
/// crash or a read outside the file. The damage hits the sections between
/// the header and the footer: term entries, postings, the document table
/// and store, the spelling dictionary.
@Suite("Searching hostile segments")
struct HostileSegmentSearchTests {
    static let queries = [
        "student union", "\"university of london\"", "lib*", "robotics OR library", "图书馆",
        "site:physics.example.edu quantum", "campus -music", "librery",
    ]

    @Test func searchingDamagedSegmentsNeverCrashes() throws {
        let fixture = try SearchFixture(segmentsOf: 8)
        let index = IndexDirectory(path: fixture.directory.path)
        var manifest = try #require(try index.readManifest())
        let segmentPath = index.filePath(manifest.segments[0].name)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segmentPath)))
        var generator = SeededGenerator(seed: 88)
        var searched = 0
        for round in 0..<150 {
            var bytes = original
            let body = SegmentLayout.headerSize..<(bytes.count - SegmentLayout.footerSize)
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                bytes[Int.random(in: body, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            let crc = CRC32.checksum(Array(bytes[..<(bytes.count - 4)]))
            withUnsafeBytes(of: crc.littleEndian) { bytes.replaceSubrange((bytes.count - 4)..., with: $0) }
            // A fresh name per round: a reader's mapping of the previous file stays valid.
            let name = String(format: "seg-%06d-000.scour", round + 2)
            try Data(bytes).write(to: URL(fileURLWithPath: index.filePath(name)))
            manifest.generation = round + 2
            manifest.segments[0].name = name
            manifest.segments[0].checksum = crc
            try index.commit(manifest)
            guard let reader = try? IndexReader(path: fixture.directory.path) else { continue }
            let searcher = Searcher(reader: reader)
            for query in Self.queries {
                if let results = try? searcher.search(query, options: SearchOptions(limit: 5)) {
                    for hit in results.hits { _ = hit.snippet }
                }
            }
            searched += 1
        }
        // Damage between header and footer never stops the segment opening.
        #expect(searched == 150)
    }
}
