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

    @Test(arguments: [0.1, 0.5, 0.9])
    func flippedByteIsAChecksumError(at fraction: Double) throws {
        let directory = TemporaryDirectory()
        let path = try segment(in: directory)
        try mutate(path) { bytes in
            let index = max(16, Int(Double(bytes.count - 5) * fraction))
            bytes[index] ^= 0x40
        }
        #expect(throws: IndexError.corrupted(file: path, reason: "checksum mismatch")) {
            try SegmentReader(path: path)
        }
    }

    @Test func truncatedFileIsRejected() throws {
        let directory = TemporaryDirectory()
        let path = try segment(in: directory)
        try mutate(path) { bytes in bytes.removeLast(30) }
        // The checksum is read from the new last four bytes, which hold something else.
        #expect(throws: IndexError.corrupted(file: path, reason: "checksum mismatch")) { try SegmentReader(path: path) }
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
        #expect(throws: IndexError.unsupportedVersion(file: path, found: 9, supported: 3...4)) {
            try SegmentReader(path: path)
        }
        let message = IndexError.unsupportedVersion(file: path, found: 9, supported: 3...4).description
        #expect(message == "index file \(path) has format version 9, too new for this scour (it reads versions 3 to 4): use a newer scour, or rebuild the index with this one")
    }

    @Test func olderFormatVersionIsTooOld() throws {
        let directory = TemporaryDirectory()
        let path = try segment(in: directory)
        try mutate(path) { $0[8] = 2 }
        #expect(throws: IndexError.unsupportedVersion(file: path, found: 2, supported: 3...4)) {
            try SegmentReader(path: path)
        }
        let message = IndexError.unsupportedVersion(file: path, found: 2, supported: 3...4).description
        #expect(message == "index file \(path) has format version 2, too old for this scour (it reads versions 3 to 4): rebuild the index with `scour index`")
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
