import Foundation
import ScourAnalysis
import ScourTestSupport
import Testing
@testable import ScourIndex

/// Skip data after long postings (format 5; with positions ends from format 6): cursors that jump with it land
/// where reading every posting would, the entries describe their blocks,
/// merged segments carry it too, and damaged entries never crash.
@Suite("Postings skip data")
struct PostingsSkipsTests {
    /// A segment where "common" occurs in every document, "every" in every
    /// `stride`-th, and each document has some words of its own; the title
    /// holds "common" in every 50th document.
    static func segment(documents: Int, in directory: TemporaryDirectory, name: String = "seg.scour") throws -> SegmentReader {
        var builder = SegmentBuilder(analyzer: Analyzer())
        for number in 0..<documents {
            var words = ["common", "word\(number % 7)"]
            if number % 3 == 0 { words.append("third") }
            words += Array(repeating: "common", count: number % 5)
            builder.add(StoredDocument(path: "d\(number)", title: number % 50 == 0 ? "common title" : "title",
                                       text: words.joined(separator: " ")))
        }
        return try SegmentReader(path: try SegmentWriter.write(builder, to: directory.file(name)).path(in: directory))
    }

    /// Where a term's skip data ends, its region ending at `regionEnd`:
    /// before the positions' length, a backward varint.
    static func trailerEnd(in bytes: [UInt8], regionEnd: Int) -> Int {
        var end = regionEnd - 1
        while bytes[end] & 0x80 != 0 { end -= 1 }
        return end
    }

    /// Where a term's first skip entry starts, its region ending at `regionEnd`.
    static func firstEntry(in bytes: [UInt8], regionEnd: Int, blocks: Int) -> Int {
        let end = trailerEnd(in: bytes, regionEnd: regionEnd)
        let impactsLength = bytes[(end - 8)..<(end - 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
        return end - 8 - impactsLength - blocks * PostingsSkips.entrySizeWithPositions
    }

    /// Every (document, frequencies) of a term, read one posting at a time.
    static func postings(_ term: String, in segment: SegmentReader) throws -> [(UInt32, FieldCounts)] {
        var cursor = segment.postings(try #require(segment.lookup(term)))
        var all: [(UInt32, FieldCounts)] = []
        while cursor.next() { all.append((cursor.document, cursor.frequencies)) }
        #expect(!cursor.isDamaged)
        return all
    }

    @Test(arguments: [1, 128, 129, 256, 257, 1000])
    func advancingWithSkipsLandsWhereReadingEveryPostingWould(documents: Int) throws {
        let directory = TemporaryDirectory()
        let segment = try Self.segment(documents: documents, in: directory)
        for term in ["common", "third", "word3"] {
            guard segment.lookup(term) != nil else {
                #expect(documents == 1)   // only a one-document segment lacks "word3"
                continue
            }
            let all = try Self.postings(term, in: segment)
            let info = try #require(segment.lookup(term))
            #expect(segment.postings(info).blockCount == (all.count > 128 ? (all.count + 127) / 128 : 0))
            var random = SeededGenerator(seed: UInt64(documents))
            // Increasing targets, some far apart (whole blocks skipped), some near.
            var cursor = segment.postings(info)
            var target: UInt32 = 0
            while true {
                target += UInt32.random(in: 0...UInt32(max(1, documents / 4)), using: &random)
                let expected = all.first { $0.0 >= target }
                let found: Bool = cursor.advance(to: target)
                #expect(found == (expected != nil), "\(term) \(target)")
                guard let expected, found else { break }
                #expect(cursor.document == expected.0)
                #expect(cursor.frequencies == expected.1)
                target = cursor.document + 1
            }
            #expect(!cursor.isDamaged)
        }
    }

    @Test func impactsKeepTheUnbeatenPairsAndMergeThemIntoPairsThatBeatBoth() {
        // Longer documents with more occurrences: all 20 unbeaten.
        let pairs: [(frequency: UInt32, length: UInt32)] = (1...20).map { (UInt32($0), UInt32(10 * $0)) }
            + [(3, 500), (1, 1000)]   // beaten by (3, 30) and (1, 10)
        let frontier = PostingsSkips.frontier(pairs)
        #expect(frontier.count <= PostingsSkips.maximumImpacts)
        for pair in pairs {
            #expect(frontier.contains { $0.frequency >= pair.frequency && $0.length <= pair.length })
        }
        #expect(zip(frontier, frontier.dropFirst()).allSatisfy { $0.length < $1.length && $0.frequency < $1.frequency })
        let few = PostingsSkips.frontier([(2, 40), (1, 10), (2, 50), (5, 40)])
        #expect(few.map(\.frequency) == [1, 5] && few.map(\.length) == [10, 40])
    }

    @Test func entriesDescribeTheirBlocks() throws {
        let directory = TemporaryDirectory()
        let segment = try Self.segment(documents: 300, in: directory)
        let all = try Self.postings("common", in: segment)
        let cursor = segment.postings(try #require(segment.lookup("common")))
        #expect(cursor.blockCount == 3)
        for block in 0..<3 {
            let slice = all[(block * 128)..<min(all.count, (block + 1) * 128)]
            let entry = cursor.skipEntry(block)
            #expect(entry.lastDocument == slice.last!.0)
            for field in IndexField.allCases {
                let holding = slice.filter { $0.1[field] > 0 }
                #expect(entry.maximumFrequencies[field] == holding.map { $0.1[field] }.max() ?? 0)
                let shortest = holding.map { segment.lengths(of: Int($0.0))[field] }.min() ?? .max
                #expect(entry.shortestLengths[field] == shortest)
                // Each document is beaten or matched by one of the field's
                // impacts, and each impact is a document's when not merged.
                var impacts: [(UInt32, UInt32)] = []
                #expect(cursor.forEachImpact(ofBlock: block) { impactField, frequency, length in
                    if impactField == field { impacts.append((frequency, length)) }
                })
                #expect(impacts.count <= PostingsSkips.maximumImpacts)
                #expect(holding.isEmpty == impacts.isEmpty)
                for posting in holding {
                    let length = segment.lengths(of: Int(posting.0))[field]
                    #expect(impacts.contains { $0.0 >= posting.1[field] && $0.1 <= length })
                }
                if impacts.count < PostingsSkips.maximumImpacts {
                    for impact in impacts {
                        #expect(holding.contains { $0.1[field] == impact.0 && segment.lengths(of: Int($0.0))[field] == impact.1 })
                    }
                }
            }
        }
    }

    @Test func mergedSegmentsCarrySkipDataToo() throws {
        let directory = TemporaryDirectory()
        let first = try Self.segment(documents: 200, in: directory, name: "a.scour")
        let second = try Self.segment(documents: 150, in: directory, name: "b.scour")
        var deleted = DeletedDocuments(documentCount: 200)
        for id in stride(from: 0, to: 200, by: 4) { deleted.insert(id) }
        let info = try SegmentMerger.merge([.init(segment: first, deletions: deleted), .init(segment: second)],
                                           to: directory.file("merged.scour"))
        let merged = try SegmentReader(path: directory.file(info.name))
        let all = try Self.postings("common", in: merged)
        #expect(all.count == 150 + 150)
        var cursor = merged.postings(try #require(merged.lookup("common")))
        #expect(cursor.blockCount == 3)
        #expect(cursor.skipEntry(0).lastDocument == all[127].0)
        let landed = cursor.advance(to: all[200].0)
        #expect(landed)
        #expect(cursor.document == all[200].0 && cursor.frequencies == all[200].1)
    }

    @Test func damagedSkipDataIsReportedNotFollowed() throws {
        let directory = TemporaryDirectory()
        let segment = try Self.segment(documents: 300, in: directory)
        let info = try #require(segment.lookup("common"))
        let path = directory.file("seg.scour")
        // The term's region ends with its entries and their count.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let regionEnd = Int(segment.footer.postingsOffset) + info.postingsOffset + info.postingsLength
        // An entry whose block ends past the postings.
        let firstEntry = Self.firstEntry(in: bytes, regionEnd: regionEnd, blocks: 3)
        bytes.replaceSubrange((firstEntry + 4)..<(firstEntry + 8), with: [0xFF, 0xFF, 0xFF, 0x7F])
        try Data(bytes).write(to: URL(fileURLWithPath: directory.file("bad-entry.scour")))
        let badEntry = try SegmentReader(path: directory.file("bad-entry.scour"))
        var cursor = badEntry.postings(try #require(badEntry.lookup("common")))
        let landed = cursor.advance(to: 250)
        #expect(!landed)
        #expect(cursor.isDamaged)
        // A count that disagrees with the document frequency.
        bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[Self.trailerEnd(in: bytes, regionEnd: regionEnd) - 4] = 200
        try Data(bytes).write(to: URL(fileURLWithPath: directory.file("bad-count.scour")))
        let badCount = try SegmentReader(path: directory.file("bad-count.scour"))
        let damaged = badCount.postings(try #require(badCount.lookup("common")))
        #expect(damaged.isDamaged)
    }

    @Test func scourCheckFindsSkipDataThatLies() throws {
        let temporary = TemporaryDirectory()
        let directory = IndexDirectory(path: temporary.path)
        var builder = SegmentBuilder(analyzer: Analyzer())
        for number in 0..<300 { builder.add(StoredDocument(path: "d\(number)", title: "", text: "common word\(number)")) }
        var info = try SegmentWriter.write(builder, to: directory.segmentPath(generation: 1, ordinal: 0))
        try directory.commit(Manifest(generation: 1, analyzer: .standard, segments: [info]))
        #expect(IndexChecker(path: temporary.path).check().problems.isEmpty)
        // Block 0 says it ends at document 100 (it ends at 127): a search
        // would jump over documents. The checksum is recomputed.
        let path = temporary.file(info.name)
        let segment = try SegmentReader(path: path)
        let term = try #require(segment.lookup("common"))
        let regionEnd = Int(segment.footer.postingsOffset) + term.postingsOffset + term.postingsLength
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let firstEntry = Self.firstEntry(in: bytes, regionEnd: regionEnd, blocks: 3)
        withUnsafeBytes(of: UInt32(100).littleEndian) { bytes.replaceSubrange(firstEntry..<(firstEntry + 4), with: $0) }
        HostileFileTests.recomputeChecksum(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        info.checksum = try SegmentReader(path: path).storedChecksum
        try directory.commit(Manifest(generation: 1, analyzer: .standard, segments: [info]))
        let problems = IndexChecker(path: temporary.path).check().problems
        #expect(problems.map(\.message).contains { $0.contains("(\"common\")'s postings are not as the codec writes them") }, "\(problems)")
    }
}

extension SegmentInfo {
    func path(in directory: TemporaryDirectory) -> String { directory.file(name) }
}
