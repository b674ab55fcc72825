import Foundation
import ScourTestSupport
import Testing
import ScourAnalysis
@testable import ScourIndex

/// Writes one one-document segment for `generation` and commits it.
@discardableResult
func commitOne(_ directory: IndexDirectory, generation: Int, text: String) throws -> Manifest {
    var builder = SegmentBuilder(analyzer: Analyzer())
    builder.add(StoredDocument(path: "doc-\(generation).txt", title: "Doc \(generation)", text: text))
    let info = try SegmentWriter.write(builder, to: directory.segmentPath(generation: generation, ordinal: 0))
    let manifest = Manifest(generation: generation, analyzer: .standard, segments: [info])
    try directory.commit(manifest)
    return manifest
}

@Suite("Manifest and commits")
struct CommitTests {
    @Test func manifestRoundTripsThroughItsTextForm() throws {
        let manifest = Manifest(
            generation: 3, createdAt: Date(timeIntervalSince1970: 1_790_000_000),
            analyzer: AnalyzerConfiguration(stemming: false, stopWords: true),
            segments: [SegmentInfo(name: "seg-000003-000.scour", documents: 5, terms: 40, bytes: 1234)])
        let bytes = try manifest.encoded()
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("SCOUR-MANIFEST \(Manifest.formatVersion)\n"))
        #expect(try Manifest.decode(bytes, path: "MANIFEST") == manifest)
    }

    @Test func damagedManifestIsAChecksumError() throws {
        let manifest = Manifest(generation: 1, analyzer: .standard, segments: [])
        var bytes = try manifest.encoded()
        bytes[25] ^= 0x01
        #expect(throws: IndexError.corrupted(file: "MANIFEST", reason: "checksum mismatch")) {
            try Manifest.decode(bytes, path: "MANIFEST")
        }
    }

    @Test func newCommitReplacesOldAndRemovesItsSegments() throws {
        let temporary = TemporaryDirectory()
        let directory = IndexDirectory(path: temporary.path)
        _ = try commitOne(directory, generation: 1, text: "first version")
        _ = try commitOne(directory, generation: 2, text: "second version")
        let reader = try IndexReader(path: temporary.path)
        #expect(reader.manifest.generation == 2)
        #expect(try reader.document(0).text == "second version")
        let files = try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted()
        #expect(files == ["MANIFEST", "seg-000002-000.scour"])
    }

    @Test func unpublishedSegmentsAreInvisible() throws {
        let temporary = TemporaryDirectory()
        let directory = IndexDirectory(path: temporary.path)
        _ = try commitOne(directory, generation: 1, text: "committed text")
        // A run that wrote a segment but died before its commit.
        var builder = SegmentBuilder(analyzer: Analyzer())
        builder.add(StoredDocument(path: "new.txt", title: "New", text: "uncommitted text"))
        try SegmentWriter.write(builder, to: directory.segmentPath(generation: 2, ordinal: 0))
        let reader = try IndexReader(path: temporary.path)
        #expect(reader.documentCount == 1)
        #expect(reader.documentFrequency("uncommit") == 0)
        #expect(reader.documentFrequency("commit") == 1)
    }

    @Test func missingIndexAndDamagedSegmentAreClearErrors() throws {
        let temporary = TemporaryDirectory()
        #expect(throws: IndexError.notFound(directory: temporary.path)) { try IndexReader(path: temporary.path) }
        let directory = IndexDirectory(path: temporary.path)
        let manifest = try commitOne(directory, generation: 1, text: "some text here")
        let segmentPath = temporary.file(manifest.segments[0].name)
        // Opening reads the header and footer only (a flipped byte inside is
        // `scour check`'s to find, see IndexCheckerTests), and compares the
        // file's size and checksum with the manifest's: cut the footer.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segmentPath)))
        let size = bytes.count
        bytes.removeLast(10)
        try Data(bytes).write(to: URL(fileURLWithPath: segmentPath))
        #expect(throws: IndexError.corrupted(file: segmentPath, reason: "\(size - 10) bytes, the manifest says \(size)")) {
            try IndexReader(path: temporary.path)
        }
    }

    @Test func secondWriterIsLockedOut() throws {
        let temporary = TemporaryDirectory()
        let directory = IndexDirectory(path: temporary.path)
        let lock = try directory.lockForWriting()
        // flock locks are per open file description, so a second open in the
        // same process conflicts just like another process would.
        do {
            _ = try directory.lockForWriting(command: "scour index")
            Issue.record("a second lock was granted")
        } catch {
            guard case .locked(let path, let holder?) = error else {
                Issue.record("expected a lock error naming its holder, got \(error)")
                return
            }
            #expect(path == temporary.path)
            #expect(holder.processID == getpid())
            #expect(error.description.hasPrefix("\(temporary.path) is being written by process \(getpid()) ("))
            #expect(error.description.hasSuffix("): wait for it to finish and try again"))
        }
        #expect(lock.tookOverFrom == nil)
        withExtendedLifetime(lock) {}
    }

    @Test func lockFileNamesItsHolderUntilReleased() throws {
        let temporary = TemporaryDirectory()
        let directory = IndexDirectory(path: temporary.path)
        let lockPath = temporary.file(WriteLock.fileName)
        do {
            let lock = try directory.lockForWriting(command: "scour index Corpus")
            let text = try String(contentsOfFile: lockPath, encoding: .utf8)
            #expect(WriteLock.Holder(text)?.processID == getpid())
            #expect(WriteLock.Holder(text)?.command == "scour index Corpus")
            withExtendedLifetime(lock) {}
        }
        #expect(try String(contentsOfFile: lockPath, encoding: .utf8) == "")
        // Released: the next writer takes it without a warning.
        let again = try directory.lockForWriting()
        #expect(again.tookOverFrom == nil)
    }

    @Test func staleLockOfAVanishedProcessIsTakenOver() throws {
        let temporary = TemporaryDirectory()
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let gone = finished.processIdentifier
        // What a killed `scour index` leaves: its record, no flock.
        _ = temporary.write(WriteLock.fileName, "pid \(gone)\ncommand scour index\nstarted 2026-01-01T00:00:00Z\n")
        let lock = try IndexDirectory(path: temporary.path).lockForWriting()
        #expect(lock.tookOverFrom == gone)
        let text = try String(contentsOfFile: temporary.file(WriteLock.fileName), encoding: .utf8)
        #expect(WriteLock.Holder(text)?.processID == getpid())
    }

    @Test func statisticsAcrossSegments() throws {
        let temporary = TemporaryDirectory()
        let directory = IndexDirectory(path: temporary.path)
        var infos: [SegmentInfo] = []
        for (ordinal, text) in ["alpha beta", "beta gamma", "gamma delta alpha"].enumerated() {
            var builder = SegmentBuilder(analyzer: Analyzer())
            builder.add(StoredDocument(path: "\(ordinal).txt", title: "", text: text))
            infos.append(try SegmentWriter.write(builder, to: directory.segmentPath(generation: 1, ordinal: ordinal)))
        }
        try directory.commit(Manifest(generation: 1, analyzer: .standard, segments: infos))
        let reader = try IndexReader(path: temporary.path)
        #expect(reader.documentCount == 3)
        #expect(reader.distinctTermCount() == 4)
        #expect(reader.postingCount() == 7)
        #expect(reader.documentFrequency("alpha") == 2)
        #expect(try reader.document(2).path == "2.txt")
    }
}

@Suite("A reader racing a commit")
struct ReaderRaceTests {
    @Test func readerThatReadTheOldManifestRetriesWithTheNewOne() throws {
        let temporary = TemporaryDirectory()
        let directory = IndexDirectory(path: temporary.path)
        let old = try commitOne(directory, generation: 1, text: "first version")
        try commitOne(directory, generation: 2, text: "second version")  // deletes generation 1's segment
        // The reader read the old manifest just before the commit renamed the
        // new one in; by the time it opens the segment, the file is gone.
        var reads = 0
        let reader = try IndexReader(path: temporary.path) { () throws(IndexError) -> Manifest? in
            reads += 1
            return reads == 1 ? old : try directory.readManifest()
        }
        #expect(reads == 2)
        #expect(reader.manifest.generation == 2)
        #expect(try reader.document(0).text == "second version")
    }

    @Test func aSegmentMissingForGoodIsStillAnError() throws {
        let temporary = TemporaryDirectory()
        let directory = IndexDirectory(path: temporary.path)
        let manifest = try commitOne(directory, generation: 1, text: "text")
        let segmentPath = temporary.file(manifest.segments[0].name)
        try FileManager.default.removeItem(atPath: segmentPath)
        // The reader retries a few times (the manifest does not change), then
        // reports the missing file itself.
        #expect(throws: IndexError.io(file: segmentPath, message: "No such file or directory")) {
            try IndexReader(path: temporary.path)
        }
    }
}
