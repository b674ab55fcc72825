import Foundation
import ScourTestSupport
import Testing
@testable import ScourIndex

/// A deletion file that does not agree with itself, its segment or the
/// manifest stops the reader with one line naming the file.
@Suite("Damaged deletion files")
struct DeletionFileTests {
    let temporary = TemporaryDirectory()
    var directory: IndexDirectory { IndexDirectory(path: temporary.path) }

    /// Commits one segment of five documents with documents 1 and 3 deleted;
    /// returns the deletion file's path and the segment's entry.
    func commitWithDeletions() throws -> (path: String, segment: SegmentInfo) {
        var segment = try directory.writeSegment(generation: 1, texts: ["a b", "b c", "c d", "d e", "e f"])
        let path = try directory.writeDeletions(of: &segment, generation: 1, deleted: [1, 3])
        try directory.commit(generation: 1, segments: [segment])
        return (path, segment)
    }

    func expectOneLineError(_ expected: IndexError, naming file: String) {
        #expect(throws: expected) { try IndexReader(path: temporary.path) }
        #expect(!expected.description.contains("\n"))
        #expect(expected.description.contains(file))
    }

    @Test func aFlippedBitIsAChecksumError() throws {
        let (path, _) = try commitWithDeletions()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[DeletedDocuments.headerSize] ^= 0x04
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        expectOneLineError(.corrupted(file: path, reason: "checksum mismatch"), naming: path)
    }

    @Test func aCountTheManifestDoesNotShareIsAnError() throws {
        var (path, segment) = try commitWithDeletions()
        segment.deleted = 3
        try directory.commit(generation: 2, segments: [segment])
        expectOneLineError(.corrupted(file: path, reason: "holds 2 deleted documents, the manifest says 3"), naming: path)
    }

    @Test func deletedDocumentsWithoutAFileAreAnError() throws {
        var segment = try directory.writeSegment(generation: 1, texts: ["a", "b"])
        segment.deleted = 1
        try directory.commit(generation: 1, segments: [segment])
        let manifestPath = temporary.file(Manifest.fileName)
        expectOneLineError(.corrupted(file: manifestPath, reason: "segment \(segment.name) has 1 deleted documents but no deletion file"),
                           naming: manifestPath)
    }

    @Test func aFileMadeForAnotherSegmentIsAnError() throws {
        var (path, segment) = try commitWithDeletions()
        var other = DeletedDocuments(documentCount: 9)
        other.insert(1)
        other.insert(3)
        try Data(other.encoded()).write(to: URL(fileURLWithPath: path))
        segment.deleted = 2
        try directory.commit(generation: 2, segments: [segment])
        expectOneLineError(.corrupted(file: path, reason: "made for 9 documents, the segment has 5"), naming: path)
    }

    @Test func aMissingFileIsAnError() throws {
        let (path, _) = try commitWithDeletions()
        try FileManager.default.removeItem(atPath: path)
        expectOneLineError(.io(file: path, message: "no such file"), naming: path)
    }
}
