import Foundation
import ScourAnalysis
@testable import ScourIndex
import ScourPrimitives
import ScourTestSupport
import Testing

/// A merge is right when its segment is the one ``SegmentBuilder`` would
/// have built from the live documents in the same order: same terms, same
/// postings, same documents, same statistics — compared through
/// ``SegmentReader``.
@Suite("Segment merging")
struct SegmentMergerTests {
    static let analyzer = Analyzer(configuration: AnalyzerConfiguration(stemming: false))

    static let words = ["harbour", "ferry", "lighthouse", "museum", "tide", "union", "library", "student",
                        "exchange", "river", "bridge", "market", "garden", "station", "archive", "signal"]
    static let chinese = ["图书馆开放时间延长", "学生会举办交流活动", "渡轮码头重新开放", "灯塔博物馆", "潮汐记录"]
    static let hosts = ["https://example.edu", "https://www.cs.example.edu", "http://news.example.org", "https://harbour.example.com"]

    /// `count` reproducible documents: English words, some Chinese, URLs on
    /// a few hosts (site terms), aliases, headings, and files without a URL.
    static func documents(count: Int, seed: UInt64, prefix: String) -> [StoredDocument] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { index in
            func sentence(_ length: Int) -> String {
                (0..<length).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            }
            var text = sentence(Int.random(in: 3...25, using: &random))
            if index % 3 == 0 { text += "\n" + chinese.randomElement(using: &random)! }
            let headings = index % 4 == 0 ? [sentence(2)] : []
            if !headings.isEmpty { text = headings[0] + "\n" + text }
            let host = hosts.randomElement(using: &random)!
            let url = index % 5 == 4 ? "" : "\(host)/\(prefix)/\(index).html"
            let aliases = index % 7 == 1 ? ["\(hosts[(index / 7) % hosts.count])/mirror/\(prefix)-\(index)"] : []
            return StoredDocument(
                path: "\(prefix)/\(index).html", title: sentence(Int.random(in: 0...4, using: &random)), text: text,
                format: index % 2 == 0 ? "html" : "text", fingerprint: UInt64(index) &* 0x9E37_79B9 &+ seed,
                headings: headings, url: url, date: index % 2 == 0 ? "2026-01-\(10 + index % 18)" : "",
                language: index % 3 == 0 ? "zh" : "en", aliases: aliases,
                location: url.isEmpty ? "/data/\(prefix)/\(index).txt" : "", source: "/data/\(prefix)")
        }
    }

    static func build(_ documents: [StoredDocument], at path: String) throws -> SegmentReader {
        var builder = SegmentBuilder(analyzer: analyzer)
        for document in documents { builder.add(document) }
        try SegmentWriter.write(builder, to: path)
        return try SegmentReader(path: path)
    }

    /// One input of a merge test: its documents and which of them are deleted.
    struct Part {
        var documents: [StoredDocument]
        var deleted: Set<Int> = []
        var live: [StoredDocument] { documents.indices.filter { !deleted.contains($0) }.map { documents[$0] } }
    }

    /// Builds each part as a segment, merges them, builds the live
    /// documents directly, and returns both readers.
    static func mergeAndBuildDirectly(_ parts: [Part], in directory: TemporaryDirectory, chunkSize: Int = 1 << 20) throws
        -> (merged: SegmentReader, direct: SegmentReader, info: SegmentInfo)
    {
        var inputs: [SegmentMerger.Input] = []
        for (index, part) in parts.enumerated() {
            let segment = try build(part.documents, at: directory.file("input-\(index).scour"))
            var deletions: DeletedDocuments?
            if !part.deleted.isEmpty {
                var set = DeletedDocuments(documentCount: part.documents.count)
                for id in part.deleted { set.insert(id) }
                deletions = set
            }
            inputs.append(SegmentMerger.Input(segment: segment, deletions: deletions))
        }
        let info = try SegmentMerger.merge(inputs, to: directory.file("merged.scour"), chunkSize: chunkSize)
        let merged = try SegmentReader(path: directory.file("merged.scour"))
        let direct = try build(parts.flatMap(\.live), at: directory.file("direct.scour"))
        return (merged, direct, info)
    }

    struct Posting: Equatable {
        var document: UInt32
        var frequencies: FieldCounts
        var positions: [UInt32]
    }

    static func postings(_ reader: SegmentReader, term index: Int) -> [Posting] {
        var cursor = reader.postings(reader.termInfo(at: index))
        var result: [Posting] = []
        var positions: [UInt32] = []
        while cursor.next() {
            cursor.positions(into: &positions)
            result.append(Posting(document: cursor.document, frequencies: cursor.frequencies, positions: positions))
        }
        #expect(!cursor.isDamaged)
        return result
    }

    static func index(of term: String, in reader: SegmentReader) -> Int? {
        Array(term.utf8).withUnsafeBytes { reader.index(of: $0) }
    }

    static func terms(_ reader: SegmentReader) -> [String] {
        (0..<reader.termCount).map { String(decoding: reader.term(at: $0), as: UTF8.self) }
    }

    static func spelling(_ reader: SegmentReader) -> [String: Int] {
        var words: [String: Int] = [:]
        for index in 0..<reader.spellingCount {
            words[String(decoding: reader.spellingWord(at: index), as: UTF8.self)] = reader.spellingFrequency(at: index)
        }
        return words
    }

    /// Compares everything a reader exposes. The spelling dictionary is
    /// equal when nothing was deleted; otherwise the merged one may still
    /// count deleted documents (see ``SegmentMerger``), so it holds at
    /// least the direct one's words with at least their frequencies.
    static func expectEquivalent(_ merged: SegmentReader, _ direct: SegmentReader, nothingDeleted: Bool) throws {
        #expect(merged.formatVersion == SegmentLayout.formatVersion)
        #expect(merged.documentCount == direct.documentCount)
        for field in IndexField.allCases { #expect(merged.tokens(in: field) == direct.tokens(in: field)) }
        for id in 0..<direct.documentCount {
            #expect(merged.lengths(of: id) == direct.lengths(of: id))
            #expect(try merged.document(id) == direct.document(id))
        }
        #expect(terms(merged) == terms(direct))
        #expect(merged.termCount == direct.termCount)
        for index in 0..<min(merged.termCount, direct.termCount) {
            #expect(merged.termInfo(at: index).documentFrequency == direct.termInfo(at: index).documentFrequency)
            #expect(postings(merged, term: index) == postings(direct, term: index))
        }
        let mergedWords = spelling(merged), directWords = spelling(direct)
        if nothingDeleted {
            #expect(mergedWords == directWords)
        } else {
            for (word, frequency) in directWords { #expect((mergedWords[word] ?? 0) >= frequency, "\(word)") }
        }
    }

    @Test func mergingOneSegmentDropsItsDeletedDocuments() throws {
        let directory = TemporaryDirectory()
        let part = Part(documents: Self.documents(count: 40, seed: 1, prefix: "one"), deleted: [0, 3, 4, 17, 39])
        let (merged, direct, info) = try Self.mergeAndBuildDirectly([part], in: directory)
        #expect(merged.documentCount == 35)
        try Self.expectEquivalent(merged, direct, nothingDeleted: false)
        #expect(info.documents == 35 && info.terms == merged.termCount && info.deleted == nil)
    }

    @Test func mergingTwoSegmentsWithoutDeletionsEqualsBuildingThemAsOne() throws {
        let directory = TemporaryDirectory()
        let parts = [Part(documents: Self.documents(count: 30, seed: 2, prefix: "a")),
                     Part(documents: Self.documents(count: 25, seed: 3, prefix: "b"))]
        let (merged, direct, _) = try Self.mergeAndBuildDirectly(parts, in: directory)
        #expect(merged.documentCount == 55)
        try Self.expectEquivalent(merged, direct, nothingDeleted: true)
    }

    @Test func mergingFiveSegmentsWithDeletions() throws {
        let directory = TemporaryDirectory()
        var random = SeededGenerator(seed: 99)
        let parts = (0..<5).map { index in
            let documents = Self.documents(count: 10 + index * 7, seed: UInt64(10 + index), prefix: "s\(index)")
            let deleted = Set(documents.indices.filter { _ in Int.random(in: 0..<4, using: &random) == 0 })
            return Part(documents: documents, deleted: deleted)
        }
        #expect(parts.contains { !$0.deleted.isEmpty })
        let (merged, direct, _) = try Self.mergeAndBuildDirectly(parts, in: directory)
        #expect(merged.documentCount == parts.reduce(0) { $0 + $1.live.count })
        try Self.expectEquivalent(merged, direct, nothingDeleted: false)
    }

    /// Written in 16-byte chunks, most terms' postings are flushed in
    /// pieces: their offsets and lengths must still be right.
    @Test func postingsWrittenInManyChunksReadBackTheSame() throws {
        let directory = TemporaryDirectory()
        let parts = [Part(documents: Self.documents(count: 30, seed: 5, prefix: "c"), deleted: [1, 2, 29]),
                     Part(documents: Self.documents(count: 20, seed: 6, prefix: "d"), deleted: [0])]
        let (merged, direct, _) = try Self.mergeAndBuildDirectly(parts, in: directory, chunkSize: 16)
        #expect(merged.lookup("harbour").map { $0.documentFrequency > 10 } == true)
        try Self.expectEquivalent(merged, direct, nothingDeleted: false)
    }

    @Test func aSegmentWhoseDocumentsAreAllDeletedContributesNothing() throws {
        let directory = TemporaryDirectory()
        let gone = Self.documents(count: 12, seed: 20, prefix: "gone")
        let parts = [Part(documents: Self.documents(count: 9, seed: 21, prefix: "first"), deleted: [2]),
                     Part(documents: gone, deleted: Set(gone.indices)),
                     Part(documents: Self.documents(count: 11, seed: 22, prefix: "last"))]
        let (merged, direct, _) = try Self.mergeAndBuildDirectly(parts, in: directory)
        #expect(merged.documentCount == 8 + 11)
        try Self.expectEquivalent(merged, direct, nothingDeleted: false)
        // Its paths' words ("gone") were in no live document: neither the
        // term nor its spelling word survives.
        #expect(merged.lookup("gone") == nil)
        #expect(Self.spelling(merged)["gone"] == nil)
    }

    @Test func mergingOnlyDeletedDocumentsGivesAnEmptySegment() throws {
        let directory = TemporaryDirectory()
        let documents = Self.documents(count: 6, seed: 30, prefix: "all")
        let (merged, direct, info) = try Self.mergeAndBuildDirectly(
            [Part(documents: documents, deleted: Set(documents.indices))], in: directory)
        #expect(merged.documentCount == 0 && merged.termCount == 0 && merged.spellingCount == 0)
        #expect(info.documents == 0 && info.terms == 0)
        try Self.expectEquivalent(merged, direct, nothingDeleted: true)
    }

    @Test func aTermOnlyInDeletedDocumentsIsDropped() throws {
        let directory = TemporaryDirectory()
        var documents = Self.documents(count: 8, seed: 40, prefix: "t")
        documents[5].text += " zeppelin 飞艇"
        documents[6].url = "https://only-deleted.example.net/page"
        let part = Part(documents: documents, deleted: [5, 6])
        let (merged, direct, _) = try Self.mergeAndBuildDirectly([part], in: directory)
        let input = try SegmentReader(path: directory.file("input-0.scour"))
        #expect(input.lookup("zeppelin")?.documentFrequency == 1)
        #expect(input.lookup("飞艇") != nil)
        #expect(input.lookup("\u{1}only-deleted.example.net") != nil)
        #expect(merged.lookup("zeppelin") == nil)
        #expect(merged.lookup("飞艇") == nil)
        #expect(merged.lookup("\u{1}only-deleted.example.net") == nil)
        #expect(merged.lookup("\u{1}example.net") == nil)
        try Self.expectEquivalent(merged, direct, nothingDeleted: false)
    }

    @Test func chineseTextAndSiteTermsKeepTheirPostings() throws {
        let directory = TemporaryDirectory()
        let parts = [
            Part(documents: [
                StoredDocument(path: "a", title: "图书馆", text: "图书馆开放时间延长。", url: "https://lib.example.edu/hours"),
                StoredDocument(path: "b", title: "Deleted", text: "图书 deleted", url: "https://lib.example.edu/old"),
            ], deleted: [1]),
            Part(documents: [
                StoredDocument(path: "c", title: "Exchange", text: "学生会 图书馆 exchange", url: "https://www.cs.example.edu/x",
                               aliases: ["https://mirror.example.org/x"]),
            ]),
        ]
        let (merged, direct, _) = try Self.mergeAndBuildDirectly(parts, in: directory)
        try Self.expectEquivalent(merged, direct, nothingDeleted: false)
        #expect(merged.lookup("\u{1}example.edu")?.documentFrequency == 2)
        #expect(merged.lookup("\u{1}lib.example.edu")?.documentFrequency == 1)
        #expect(merged.lookup("\u{1}example.org")?.documentFrequency == 1)
        #expect(merged.lookup("图书")?.documentFrequency == 2)
        let siteIndex = try #require(Self.index(of: "\u{1}example.edu", in: merged))
        #expect(Self.postings(merged, term: siteIndex) == [
            Posting(document: 0, frequencies: FieldCounts(url: 1), positions: []),
            Posting(document: 1, frequencies: FieldCounts(url: 1), positions: []),
        ])
    }

    @Test func theReturnedInfoDescribesTheFile() throws {
        let directory = TemporaryDirectory()
        let (merged, _, info) = try Self.mergeAndBuildDirectly(
            [Part(documents: Self.documents(count: 15, seed: 50, prefix: "i"), deleted: [1])], in: directory)
        let bytes = try #require(FileManager.default.contents(atPath: directory.file("merged.scour")))
        #expect(info.name == "merged.scour")
        #expect(info.bytes == bytes.count && info.bytes == merged.byteCount)
        let stored = bytes.suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(info.checksum == stored)
        #expect(info.checksum == CRC32.checksum(Array(bytes.dropLast(4))))
    }

    @Test func deletionsOfAnotherSizeAreRefusedAndNoFileIsLeft() throws {
        let directory = TemporaryDirectory()
        let segment = try Self.build(Self.documents(count: 5, seed: 60, prefix: "x"), at: directory.file("x.scour"))
        let output = directory.file("merged.scour")
        #expect(throws: IndexError.self) {
            try SegmentMerger.merge([.init(segment: segment, deletions: DeletedDocuments(documentCount: 6))], to: output)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// Damaged postings under a valid checksum (a buggy writer) are
    /// reported, not carried into the merged segment.
    @Test func damagedPostingsAreReported() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("damaged.scour")
        let segment = try Self.build(Self.documents(count: 5, seed: 70, prefix: "p"), at: path)
        var bytes = try #require(FileManager.default.contents(atPath: path).map(Array.init))
        // The first posting of term 0: a one-byte document delta, then the
        // field mask, which must not be 0.
        let mask = Int(segment.footer.postingsOffset) + segment.termInfo(at: 0).postingsOffset + 1
        #expect(bytes[mask] != 0)
        bytes[mask] = 0
        bytes.replaceSubrange((bytes.count - 4)..., with: withUnsafeBytes(of: CRC32.checksum(Array(bytes.dropLast(4))).littleEndian, Array.init))
        let damagedPath = directory.write("rewritten.scour", bytes)
        let damaged = try SegmentReader(path: damagedPath)
        let output = directory.file("merged.scour")
        #expect(throws: IndexError.corrupted(file: damagedPath, reason: "the postings of term 0 are damaged")) {
            try SegmentMerger.merge([.init(segment: damaged)], to: output)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// `Tests/Fixtures/index-format-3` (written by the format-3 scour):
    /// merging upgrades it to the current format with site terms.
    @Test func aFormatThreeSegmentIsUpgradedWithSiteTerms() throws {
        let fixture = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/index-format-3/seg-000001-000.scour").path
        let old = try SegmentReader(path: fixture)
        #expect(old.formatVersion == 3)
        var deletions = DeletedDocuments(documentCount: old.documentCount)
        deletions.insert(0)
        let directory = TemporaryDirectory()
        try SegmentMerger.merge([.init(segment: old, deletions: deletions)], to: directory.file("merged.scour"))
        let merged = try SegmentReader(path: directory.file("merged.scour"))
        #expect(merged.formatVersion == SegmentLayout.formatVersion && merged.hasSiteTerms)
        #expect(merged.documentCount == old.documentCount - 1)
        for id in 0..<merged.documentCount {
            #expect(try merged.document(id) == old.document(id + 1))
            #expect(merged.lengths(of: id) == old.lengths(of: id + 1))
        }
        // Every site term is derived from a live document's stored URL.
        var expectedSites: [String: [UInt32]] = [:]
        for id in 0..<merged.documentCount {
            for term in SiteTerms.terms(forURLs: [try merged.storedURL(of: id)]) { expectedSites[term, default: []].append(UInt32(id)) }
        }
        #expect(!expectedSites.isEmpty)
        var sites: [String: [UInt32]] = [:]
        for index in 0..<merged.termCount {
            let term = String(decoding: merged.term(at: index), as: UTF8.self)
            let postings = Self.postings(merged, term: index)
            if term.hasPrefix(String(SiteTerms.marker)) {
                #expect(postings.allSatisfy { $0.frequencies == FieldCounts(url: 1) && $0.positions.isEmpty })
                sites[term] = postings.map(\.document)
                continue
            }
            // Other terms keep their postings, less the deleted document.
            let oldPostings = try Self.postings(old, term: #require(Self.index(of: term, in: old)))
            #expect(postings == oldPostings.filter { $0.document != 0 }.map {
                Posting(document: $0.document - 1, frequencies: $0.frequencies, positions: $0.positions)
            })
        }
        #expect(sites == expectedSites)
    }
}

@Suite("Tiered merge policy")
struct TieredMergePolicyTests {
    static let megabyte = 1 << 20
    let policy = TieredMergePolicy()

    static func segment(_ name: String, megabytes: Double, documents: Int = 1000, deleted: Int? = nil) -> SegmentInfo {
        SegmentInfo(name: name, documents: documents, terms: 1, bytes: Int(megabytes * Double(megabyte)), deleted: deleted)
    }

    @Test func aFullTierIsLeftAlone() {
        let segments = (0..<10).map { Self.segment("s\($0)", megabytes: 1) }
        #expect(policy.merges(for: segments).isEmpty)
    }

    @Test func anOverfullTierMergesItsSmallestSegments() {
        // Eleven segments in tier 1 (2 to 20 MB): the ten smallest merge.
        var segments = (0..<10).map { Self.segment("s\($0)", megabytes: 3 + Double($0) / 10) }
        segments.insert(Self.segment("big", megabytes: 15), at: 4)
        #expect(segments.allSatisfy { policy.tier(of: $0) == 1 })
        #expect(policy.merges(for: segments) == [[0, 1, 2, 3, 5, 6, 7, 8, 9, 10]])
        // A segment in a higher tier does not count towards tier 1.
        segments[4] = Self.segment("bigger", megabytes: 30)
        #expect(policy.tier(of: segments[4]) == 2)
        #expect(policy.merges(for: segments).isEmpty)
    }

    @Test func aSegmentWithManyDeletionsIsRewritten() {
        var segments = (0..<5).map { Self.segment("s\($0)", megabytes: 50) }
        segments[1].deleted = 300  // 30 %: not yet
        #expect(policy.merges(for: segments).isEmpty)
        segments[1].deleted = 301
        #expect(policy.merges(for: segments) == [[1]])
        // Two such segments of one tier (by live size: 35 and 32.5 MB) merge together.
        segments[3].deleted = 350
        #expect(policy.merges(for: segments) == [[1, 3]])
        // A segment with nothing live is a merge of its own.
        segments[0] = Self.segment("gone", megabytes: 400, deleted: 1000)
        #expect(policy.merges(for: segments) == [[0], [1, 3]])
    }

    @Test func largeSegmentsStayOutOfTierMerges() {
        var policy = TieredMergePolicy()
        policy.maxMergedSegmentBytes = 100 * Self.megabyte
        let segments = (0..<12).map { Self.segment("s\($0)", megabytes: 60) }
        #expect(policy.merges(for: segments).isEmpty)
        #expect(TieredMergePolicy().merges(for: segments).count == 1)
    }

    @Test func forceMergeAllMergesEverythingIntoOne() {
        let segments = (0..<3).map { Self.segment("s\($0)", megabytes: 1) }
        #expect(policy.forceMergeAll(segments) == [[0, 1, 2]])
        #expect(policy.forceMergeAll([segments[0]]).isEmpty)
        #expect(policy.forceMergeAll([Self.segment("d", megabytes: 1, deleted: 1)]) == [[0]])
        #expect(policy.forceMergeAll([]).isEmpty)
    }

    /// What a merge of `indexes` gives: their live documents and live bytes.
    static func merged(_ indexes: [Int], of segments: [SegmentInfo], name: String) -> SegmentInfo {
        let inputs = indexes.map { segments[$0] }
        return SegmentInfo(name: name, documents: inputs.reduce(0) { $0 + $1.liveDocuments }, terms: 1,
                           bytes: inputs.reduce(0) { $0 + TieredMergePolicy.liveBytes(of: $1) })
    }

    /// `commits` commits, each deleting a few documents of older segments and
    /// adding a small segment, then applying the policy's merges until it
    /// returns none (a merged segment: the inputs' live documents and live
    /// bytes). Returns the final segments, the bytes merges wrote and commits
    /// added, the worst excess of the segment count over
    /// `segmentsPerTier × (tier of the live size + 1)`, and the most merge
    /// rounds one commit needed.
    static func simulate(commits: Int, documentsPerCommit: ClosedRange<Int>, bytesPerDocument: Int,
                         deletionsPerCommit: ClosedRange<Int>, seed: UInt64)
        -> (segments: [SegmentInfo], written: Int, added: Int, worstExcess: Int, rounds: Int)
    {
        let policy = TieredMergePolicy()
        var random = SeededGenerator(seed: seed)
        var segments: [SegmentInfo] = []
        var written = 0, added = 0, names = 0, worstExcess = Int.min, rounds = 0
        for _ in 0..<commits {
            for _ in 0..<Int.random(in: deletionsPerCommit, using: &random) where !segments.isEmpty {
                let index = Int.random(in: 0..<segments.count, using: &random)
                if segments[index].liveDocuments > 0 { segments[index].deleted = (segments[index].deleted ?? 0) + 1 }
            }
            let documents = Int.random(in: documentsPerCommit, using: &random)
            names += 1
            segments.append(SegmentInfo(name: "c\(names)", documents: documents, terms: 1, bytes: documents * bytesPerDocument))
            added += documents * bytesPerDocument
            var round = 0
            while case let merges = policy.merges(for: segments), !merges.isEmpty, round < 20 {
                round += 1
                // Each merged segment takes the place of its first input.
                let firstOf = Dictionary(uniqueKeysWithValues: merges.map { ($0[0], $0) })
                let merging = Set(merges.joined())
                #expect(merging.count == merges.reduce(0) { $0 + $1.count })
                var next: [SegmentInfo] = []
                for index in segments.indices {
                    if let merge = firstOf[index] {
                        names += 1
                        let result = merged(merge, of: segments, name: "m\(names)")
                        written += result.bytes
                        next.append(result)
                    } else if !merging.contains(index) {
                        next.append(segments[index])
                    }
                }
                segments = next
            }
            rounds = max(rounds, round)
            let live = segments.reduce(0) { $0 + TieredMergePolicy.liveBytes(of: $1) }
            let bound = policy.segmentsPerTier * (policy.tier(ofSize: live) + 1)
            worstExcess = max(worstExcess, segments.count - bound)
        }
        return (segments, written, added, worstExcess, rounds)
    }

    @Test func manySmallCommitsKeepFewSegmentsAndWriteNLogNBytes() {
        let runs = [(commits: 200, perDocument: 1_000, deletions: 0...6), (200, 20_000, 0...6), (200, 20_000, 20...120), (1_000, 20_000, 0...30)]
        for (seed, (commits, perDocument, deletions)) in runs.enumerated() {
            let run = Self.simulate(commits: commits, documentsPerCommit: 20...200, bytesPerDocument: perDocument,
                                    deletionsPerCommit: deletions, seed: UInt64(seed))
            // Never more segments than segmentsPerTier per tier of the index's size.
            #expect(run.worstExcess <= 0)
            // Cascades settle within a few rounds.
            #expect(run.rounds <= 5)
            // No segment is left with more than 30 % of its documents deleted.
            #expect(run.segments.allSatisfy { Double($0.deleted ?? 0) <= 0.3 * Double($0.documents) })
            // Each byte is rewritten about once per tier it climbs: at most
            // the bytes indexed times the number of tiers (powers of 10)
            // between the smallest commit and the whole index, plus one.
            let tiers = log10(Double(run.added) / Double(20 * perDocument)) + 1
            #expect(Double(run.written) <= Double(run.added) * tiers)
            #expect(run.written > 0)
        }
    }
}
