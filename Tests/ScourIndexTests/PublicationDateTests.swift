import Foundation
import ScourAnalysis
import ScourTestSupport
import Testing
@testable import ScourIndex

/// Format 7 keeps each document's publication date in the documents table.
@Suite("Publication dates")
struct PublicationDateTests {
    @Test func datesBecomeNumbersThatSortAsDates() {
        #expect(PublicationDate.number("2026-11-30") == 20261130)
        #expect(PublicationDate.number("2026-11") == 20261100)
        #expect(PublicationDate.number("2026") == 20260000)
        for bad in ["", "26-11-30", "2026-13-01", "2026-11-32", "2026/11/30", "2026-1-5", "yesterday", "2026-11-30-01"] {
            #expect(PublicationDate.number(bad) == 0, "\(bad)")
        }
        #expect(PublicationDate.year(20261130) == 2026)
        #expect(PublicationDate.number("2025-12-31") < PublicationDate.number("2026-01-01"))
    }

    static func documents() -> [StoredDocument] {
        ["2026-11-30", "", "2019-02", "1999-12-31", "not a date"].enumerated().map { number, date in
            StoredDocument(path: "d\(number)", title: "Page \(number)", text: "dated page number \(number)", date: date)
        }
    }

    @Test func theDocumentsTableHoldsEachDateThroughWritesAndMerges() throws {
        let directory = TemporaryDirectory()
        var builder = SegmentBuilder(analyzer: Analyzer())
        for document in Self.documents() { builder.add(document) }
        let written = try SegmentReader(path: directory.file(try SegmentWriter.write(builder, to: directory.file("a.scour")).name))
        #expect((0..<5).map(written.publicationDate(of:)) == [20261130, 0, 20190200, 19991231, 0])
        #expect(written.publicationDate(of: 5) == 0 && written.publicationDate(of: -1) == 0)
        #expect(IndexChecker.problems(in: written, name: "a.scour").isEmpty)
        // The field lengths are still each entry's last 16 bytes.
        #expect(written.lengths(of: 0).body == 4)
        let merged = try SegmentReader(path: directory.file(try SegmentMerger.merge([.init(segment: written)], to: directory.file("m.scour")).name))
        #expect((0..<5).map(merged.publicationDate(of:)) == [20261130, 0, 20190200, 19991231, 0])
    }

    @Test func aFormatSixSegmentsDatesAreReadFromItsStoreAndMergedIntoTheTable() throws {
        let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/index-format-6").path
        let old = try SegmentReader(path: "\(folder)/seg-000001-000.scour")
        let expected = try (0..<old.documentCount).map { PublicationDate.number(try old.document($0, includingText: false).date) }
        #expect((0..<old.documentCount).map(old.publicationDate(of:)) == expected)
        let directory = TemporaryDirectory()
        let merged = try SegmentReader(path: directory.file(try SegmentMerger.merge([.init(segment: old)], to: directory.file("m.scour")).name))
        #expect((0..<merged.documentCount).map(merged.publicationDate(of:)) == expected)
        #expect(IndexChecker.problems(in: merged, name: "m.scour").isEmpty)
    }

    @Test func aDateThatDisagreesWithTheStoreIsFound() throws {
        let directory = TemporaryDirectory()
        var builder = SegmentBuilder(analyzer: Analyzer())
        for document in Self.documents() { builder.add(document) }
        let path = directory.file(try SegmentWriter.write(builder, to: directory.file("a.scour")).name)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let segment = try SegmentReader(path: path)
        let entry = Int(segment.footer.documentsOffset) + 2 * SegmentLayout.documentEntrySize(version: 7) + 16
        withUnsafeBytes(of: UInt32(20200101).littleEndian) { bytes.replaceSubrange(entry..<(entry + 4), with: $0) }
        let damaged = try SegmentReader(bytes: bytes, path: "d.scour")
        #expect(damaged.publicationDate(of: 2) == 20200101)
        #expect(IndexChecker.problems(in: damaged, name: "d.scour").contains(IndexProblem(
            file: "d.scour", message: "document 2's date in the documents table is 20200101, its stored date says \"2019-02\"")))
    }
}
