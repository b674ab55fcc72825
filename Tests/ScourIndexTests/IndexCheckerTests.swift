import Foundation
import ScourTestSupport
import Testing
import ScourAnalysis
@testable import ScourIndex

/// `scour check`'s checker on a good index and on each kind of damage.
@Suite("Index checker")
struct IndexCheckerTests {
    /// A committed two-segment index (3 + 2 documents); the first segment
    /// has a deletion file deleting one document.
    static func makeIndex(_ temporary: TemporaryDirectory) throws -> Manifest {
        let directory = IndexDirectory(path: temporary.path)
        var infos: [SegmentInfo] = []
        for (ordinal, texts) in [["alpha beta", "beta gamma", "gamma delta"], ["delta epsilon", "alpha zeta"]].enumerated() {
            var builder = SegmentBuilder(analyzer: Analyzer())
            for (number, text) in texts.enumerated() {
                builder.add(StoredDocument(path: "\(ordinal)-\(number).txt", title: "T\(number)", text: text))
            }
            infos.append(try SegmentWriter.write(builder, to: directory.segmentPath(generation: 1, ordinal: ordinal)))
        }
        var deleted = DeletedDocuments(documentCount: 3)
        deleted.insert(1)
        let deletionsPath = directory.deletionsPath(segment: infos[0].name, generation: 1)
        try deleted.write(to: deletionsPath)
        infos[0].deletions = (deletionsPath as NSString).lastPathComponent
        infos[0].deleted = 1
        var manifest = Manifest(generation: 1, analyzer: .standard, segments: infos)
        manifest.catalog = "catalog-000001.bin"
        _ = temporary.write(manifest.catalog!, "catalog contents")
        try directory.commit(manifest)
        return manifest
    }

    static func check(_ temporary: TemporaryDirectory) -> IndexCheckReport {
        IndexChecker(path: temporary.path).check()
    }

    static func mutate(_ path: String, recomputingChecksum: Bool = false, _ change: (inout [UInt8]) -> Void) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        change(&bytes)
        if recomputingChecksum { HostileFileTests.recomputeChecksum(&bytes) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func goodIndexIsHealthy() throws {
        let temporary = TemporaryDirectory()
        _ = try Self.makeIndex(temporary)
        let report = Self.check(temporary)
        #expect(report.problems == [])
        #expect(report.notes == [])
        #expect(report.isHealthy)
        #expect(report.documents == 5)
        #expect(report.liveDocuments == 4)
        #expect(report.segments == 2)
    }

    @Test func flippedByteInsideASegmentIsAChecksumMismatch() throws {
        let temporary = TemporaryDirectory()
        let manifest = try Self.makeIndex(temporary)
        let path = temporary.file(manifest.segments[1].name)
        try Self.mutate(path) { $0[$0.count / 2] ^= 0x10 }
        #expect(Self.check(temporary).problems == [IndexProblem(file: path, message: "checksum mismatch")])
    }

    @Test func segmentFromAnotherCommitDoesNotMatchTheManifest() throws {
        let temporary = TemporaryDirectory()
        let manifest = try Self.makeIndex(temporary)
        let first = temporary.file(manifest.segments[0].name), second = temporary.file(manifest.segments[1].name)
        try FileManager.default.removeItem(atPath: second)
        try FileManager.default.copyItem(atPath: first, toPath: second)
        let problems = Self.check(temporary).problems
        #expect(problems.count == 1)
        #expect(problems.first?.file == second)
        #expect(problems.first.map { $0.message.contains("the manifest says") } == true, "\(problems)")
    }

    @Test func missingSegmentIsNamed() throws {
        let temporary = TemporaryDirectory()
        let manifest = try Self.makeIndex(temporary)
        let path = temporary.file(manifest.segments[0].name)
        try FileManager.default.removeItem(atPath: path)
        #expect(Self.check(temporary).problems == [IndexProblem(file: path, message: "the segment the manifest names is missing")])
    }

    @Test func damagedManifestIsTheOnlyProblem() throws {
        let temporary = TemporaryDirectory()
        _ = try Self.makeIndex(temporary)
        let path = temporary.file(Manifest.fileName)
        try Self.mutate(path) { $0[30] ^= 0x01 }
        #expect(Self.check(temporary).problems == [IndexProblem(file: path, message: "checksum mismatch")])
        #expect(!Self.check(TemporaryDirectory()).isHealthy)
    }

    @Test func postingsDamagedWithARecomputedChecksumAreFound() throws {
        let temporary = TemporaryDirectory()
        let manifest = try Self.makeIndex(temporary)
        let info = manifest.segments[0]
        let path = temporary.file(info.name)
        let segment = try SegmentReader(path: path)
        // The first block's smallest document frequency, from which each
        // term's is counted (format 7's packed table, ``TermDictionary``).
        let smallest = Int(segment.footer.termsOffset) + 16
        let term = String(decoding: segment.term(at: 0), as: UTF8.self)
        // Every term of the block says 8 documents more: from format 6 the
        // count frames the term's blocks, so their postings no longer decode.
        let stored = segment.packedTerms.load(UInt32.self, at: smallest)
        try Self.mutate(path, recomputingChecksum: true) { bytes in
            withUnsafeBytes(of: (stored + 8).littleEndian) { bytes.replaceSubrange(smallest..<(smallest + 4), with: $0) }
        }
        var manifestNow = manifest
        manifestNow.segments[0].checksum = try SegmentReader(path: path).storedChecksum
        try IndexDirectory(path: temporary.path).commit(manifestNow)
        let problems = Self.check(temporary).problems
        #expect(problems.first == IndexProblem(
            file: path,
            message: "term 0 (\(term.debugDescription))'s postings do not decode (after 0 documents)"))
        #expect(problems.count > 1 && problems.allSatisfy { $0.message.contains("postings") })
    }

    @Test func termsOutOfOrderAreFound() throws {
        let temporary = TemporaryDirectory()
        let manifest = try Self.makeIndex(temporary)
        let path = temporary.file(manifest.segments[0].name)
        let segment = try SegmentReader(path: path)
        // Term 1's first byte becomes 0: it now sorts before term 0.
        let start = Int(segment.footer.termBytesOffset) + segment.term(at: 0).count
        let term = String(decoding: [0] + segment.term(at: 1).dropFirst(), as: UTF8.self)
        try Self.mutate(path, recomputingChecksum: true) { bytes in bytes[start] = 0 }
        var manifestNow = manifest
        manifestNow.segments[0].checksum = try SegmentReader(path: path).storedChecksum
        try IndexDirectory(path: temporary.path).commit(manifestNow)
        #expect(Self.check(temporary).problems == [IndexProblem(
            file: path, message: "term 1 (\(term.debugDescription)) does not sort after the one before it")])
    }

    @Test func storedDocumentThatDoesNotDecodeIsFound() throws {
        let temporary = TemporaryDirectory()
        let manifest = try Self.makeIndex(temporary)
        let path = temporary.file(manifest.segments[1].name)
        let segment = try SegmentReader(path: path)
        // Document 1's body address: the second u64 of its entry.
        let entry = Int(segment.footer.documentsOffset) + segment.documentEntrySize + 8
        try Self.mutate(path, recomputingChecksum: true) { bytes in
            withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { bytes.replaceSubrange(entry..<(entry + 8), with: $0) }
        }
        var manifestNow = manifest
        manifestNow.segments[1].checksum = try SegmentReader(path: path).storedChecksum
        try IndexDirectory(path: temporary.path).commit(manifestNow)
        // Document 0's body now runs to its block's end, over document 1's.
        let blocks = segment.blocksLength
        #expect(Self.check(temporary).problems == [
            IndexProblem(file: path, message: "document 0's stored body is malformed"),
            IndexProblem(file: path, message: "document 1's body is in the store block at 65536, the next block starts at \(blocks)"),
            IndexProblem(file: path, message: "store block at 65536 lies past the store's blocks (\(blocks) bytes)"),
        ])
    }

    @Test func footerTokenTotalsMustBeTheDocumentsLengths() throws {
        let temporary = TemporaryDirectory()
        let manifest = try Self.makeIndex(temporary)
        let path = temporary.file(manifest.segments[1].name)
        let segment = try SegmentReader(path: path)
        let body = segment.tokens(in: .body)
        // The body total (third of the footer's four, after 12 section fields and 2 counts).
        let offset = segment.byteCount - SegmentLayout.footerSize + 12 * 8 + 8 + IndexField.body.rawValue * 8
        try Self.mutate(path, recomputingChecksum: true) { bytes in
            withUnsafeBytes(of: (body + 5).littleEndian) { bytes.replaceSubrange(offset..<(offset + 8), with: $0) }
        }
        var manifestNow = manifest
        manifestNow.segments[1].checksum = try SegmentReader(path: path).storedChecksum
        try IndexDirectory(path: temporary.path).commit(manifestNow)
        #expect(Self.check(temporary).problems == [IndexProblem(
            file: path, message: "the footer's body token total is \(body + 5), its documents' lengths add up to \(body)")])
    }

    @Test func segmentCountsMustMatchTheManifest() throws {
        let temporary = TemporaryDirectory()
        var manifest = try Self.makeIndex(temporary)
        manifest.segments[1].documents = 7
        manifest.segments[1].terms = 1
        try IndexDirectory(path: temporary.path).commit(manifest)
        let path = temporary.file(manifest.segments[1].name)
        let problems = Self.check(temporary).problems
        #expect(problems == [
            IndexProblem(file: path, message: "holds 2 documents, the manifest says 7"),
            IndexProblem(file: path, message: "holds \(try SegmentReader(path: path).termCount) terms, the manifest says 1"),
        ])
    }

    @Test func deletionFileProblems() throws {
        let temporary = TemporaryDirectory()
        var manifest = try Self.makeIndex(temporary)
        let deletions = temporary.file(manifest.segments[0].deletions!)
        // The manifest's count disagrees.
        manifest.segments[0].deleted = 2
        try IndexDirectory(path: temporary.path).commit(manifest)
        #expect(Self.check(temporary).problems == [IndexProblem(file: deletions, message: "deletes 1 documents, the manifest says 2")])
        // A deletion file made for another segment (2 documents, not 3).
        try DeletedDocuments(documentCount: 2).write(to: deletions)
        #expect(Self.check(temporary).problems == [IndexProblem(file: deletions, message: "made for 2 documents, the segment has 3")])
        // Damaged.
        try Self.mutate(deletions) { $0[$0.count - 6] ^= 0x01 }
        #expect(Self.check(temporary).problems.map(\.file) == [deletions])
        // Missing.
        try FileManager.default.removeItem(atPath: deletions)
        #expect(Self.check(temporary).problems == [IndexProblem(file: deletions, message: "no such file")])
    }

    @Test func catalogAndTemplatesMustExistAndHoldSomething() throws {
        let temporary = TemporaryDirectory()
        var manifest = try Self.makeIndex(temporary)
        manifest.templates = "templates-000001.json"
        try IndexDirectory(path: temporary.path).commit(manifest)
        let catalog = temporary.file(manifest.catalog!), templates = temporary.file(manifest.templates!)
        _ = temporary.write(manifest.catalog!, "")
        #expect(Self.check(temporary).problems == [
            IndexProblem(file: catalog, message: "the catalog is empty"),
            IndexProblem(file: templates, message: "the templates file the manifest names is missing"),
        ])
    }

    @Test func additionalChecksRunOnTheManifest() throws {
        let temporary = TemporaryDirectory()
        _ = try Self.makeIndex(temporary)
        var checker = IndexChecker(path: temporary.path)
        checker.additionalChecks.append { manifest, directory in
            [IndexProblem(file: directory.filePath(manifest.catalog ?? "?"), message: "catalog says no")]
        }
        #expect(checker.check().problems == [IndexProblem(file: temporary.file("catalog-000001.bin"), message: "catalog says no")])
    }

    @Test func unreferencedFilesAreNotesNotProblems() throws {
        let temporary = TemporaryDirectory()
        _ = try Self.makeIndex(temporary)
        let stray = temporary.write("seg-000009-000.scour", "left by a killed run")
        let temporaryManifest = temporary.write("MANIFEST.tmp", "half")
        let report = Self.check(temporary)
        #expect(report.isHealthy)
        #expect(report.notes.map(\.file) == [temporaryManifest, stray])
        #expect(report.notes.first?.message == "not named by the manifest (left by an interrupted run; the next commit removes it)")
    }
}
