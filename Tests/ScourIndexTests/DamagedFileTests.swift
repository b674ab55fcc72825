import Foundation
import ScourTestSupport
import Testing
import ScourAnalysis
@testable import ScourIndex

@Suite("Damaged and foreign files")
struct DamagedFileTests {
    func segment(in directory: TemporaryDirectory) throws -> String {
        var builder = SegmentBuilder(analyzer: Analyzer())
        builder.add(StoredDocument(path: "a.txt", title: "Alpha", text: "alpha beta gamma"))
        builder.add(StoredDocument(path: "b.txt", title: "Beta", text: "beta gamma delta"))
        let path = directory.file("seg.scour")
        try SegmentWriter.write(builder, to: path)
        return path
    }

    func mutate(_ path: String, _ change: (inout [UInt8]) -> Void) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        change(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test(arguments: [0.0, 0.5, 0.99])
    func flippedByteIsFoundByTheFullChecksum(at fraction: Double) throws {
        let directory = TemporaryDirectory()
        let path = try segment(in: directory)
        try mutate(path) { bytes in
            // Between the header and the footer: opening reads neither.
            let span = bytes.count - SegmentLayout.footerSize - SegmentLayout.headerSize
            bytes[SegmentLayout.headerSize + Int(Double(span - 1) * fraction)] ^= 0x40
        }
        let reader = try SegmentReader(path: path)
        #expect(throws: IndexError.corrupted(file: path, reason: "checksum mismatch")) { try reader.verifyChecksum() }
    }

    @Test func intactSegmentPassesTheFullChecksum() throws {
        let directory = TemporaryDirectory()
        let path = try segment(in: directory)
        let reader = try SegmentReader(path: path)
        try reader.verifyChecksum()
        let sameAgain = try SegmentReader(path: path, expectedBytes: reader.byteCount, expectedChecksum: reader.storedChecksum)
        #expect(sameAgain.documentCount == 2)
    }

    @Test func segmentThatIsNotTheManifestsIsRejectedWhenOpened() throws {
        let directory = TemporaryDirectory()
        let path = try segment(in: directory)
        let reader = try SegmentReader(path: path)
        let stored = reader.storedChecksum
        let other = stored ^ 0xFFFF_FFFF
        #expect(throws: IndexError.corrupted(
            file: path,
            reason: "checksum mismatch: the file's is \(String(format: "%08x", stored)), the manifest says \(String(format: "%08x", other))")) {
            try SegmentReader(path: path, expectedBytes: reader.byteCount, expectedChecksum: other)
        }
        #expect(throws: IndexError.corrupted(file: path, reason: "\(reader.byteCount) bytes, the manifest says \(reader.byteCount + 1)")) {
            try SegmentReader(path: path, expectedBytes: reader.byteCount + 1, expectedChecksum: stored)
        }
    }

    @Test func truncatedFileIsRejected() throws {
        let directory = TemporaryDirectory()
        let path = try segment(in: directory)
        try mutate(path) { bytes in bytes.removeLast(30) }
        // The footer's magic is no longer where the footer should end.
        #expect(throws: IndexError.corrupted(file: path, reason: "bad footer")) { try SegmentReader(path: path) }
    }

    @Test func fileShorterThanHeaderAndFooterIsTruncated() throws {
        let directory = TemporaryDirectory()
        let path = try segment(in: directory)
        try mutate(path) { bytes in bytes.removeLast(bytes.count - 12) }
        #expect(throws: IndexError.corrupted(file: path, reason: "file is truncated")) { try SegmentReader(path: path) }
    }

    @Test func newerFormatVersionIsTooNew() throws {
        let directory = TemporaryDirectory()
        let path = try segment(in: directory)
        try mutate(path) { $0[8] = 9 }
        #expect(throws: IndexError.unsupportedVersion(file: path, found: 9, supported: SegmentLayout.supportedVersions)) {
            try SegmentReader(path: path)
        }
        let message = IndexError.unsupportedVersion(file: path, found: 9, supported: SegmentLayout.supportedVersions).description
        #expect(message == "index file \(path) has format version 9, too new for this scour (it reads versions 3 to 7): use a newer scour, or rebuild the index with this one")
    }

    @Test func olderFormatVersionIsTooOld() throws {
        let directory = TemporaryDirectory()
        let path = try segment(in: directory)
        try mutate(path) { $0[8] = 2 }
        #expect(throws: IndexError.unsupportedVersion(file: path, found: 2, supported: SegmentLayout.supportedVersions)) {
            try SegmentReader(path: path)
        }
        let message = IndexError.unsupportedVersion(file: path, found: 2, supported: SegmentLayout.supportedVersions).description
        #expect(message == "index file \(path) has format version 2, too old for this scour (it reads versions 3 to 7): rebuild the index with `scour index`")
    }

    @Test func foreignFileIsNotASegment() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("notes.scour")
        try Data(String(repeating: "hello world ", count: 20).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: IndexError.corrupted(file: path, reason: "not a Scour segment file")) {
            try SegmentReader(path: path)
        }
    }

    @Test func errorDescriptionsNameTheFileAndTheRemedy() {
        let message = IndexError.corrupted(file: "Index/seg-000001-000.scour", reason: "checksum mismatch").description
        #expect(message.contains("Index/seg-000001-000.scour"))
        #expect(message.contains("scour index"))
        #expect(!message.contains("\n"))
    }
}
