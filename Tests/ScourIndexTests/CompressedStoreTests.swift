import Foundation
import ScourTestSupport
import Testing
import ScourAnalysis
@testable import ScourIndex

/// The store of format 6 (``StoreBlocks``): bodies of every size
/// round-trip through compressed blocks, heads are read without
/// decompressing anything, damaged blocks and heads give clear errors,
/// merges keep the documents, and `scour check` finds the damage.
@Suite("Compressed store")
struct CompressedStoreTests {
    static let target = StoreBlocks.targetSize

    /// `document`'s head and body as a format-6 store holds them.
    static func head(_ document: StoredDocument) -> [UInt8] {
        var bytes: [UInt8] = []
        document.appendHead(to: &bytes)
        return bytes
    }

    static func body(_ document: StoredDocument) -> [UInt8] {
        var bytes: [UInt8] = []
        document.appendBody(to: &bytes)
        return bytes
    }

    /// `document` as a result list shows it: without text and headings.
    static func light(_ document: StoredDocument) -> StoredDocument {
        var light = document
        light.text = ""
        light.headings = []
        return light
    }

    // MARK: Blocks

    /// The records `addresses` name in `store`, read back independently of
    /// ``StoreRecords``: each block decompressed whole, each record running
    /// to the next one in its block or to the block's end.
    static func records(in store: [UInt8], addresses: [UInt64]) throws -> [[UInt8]] {
        try store.withUnsafeBytes { raw in
            try addresses.indices.map { index in
                let (offset, start) = StoreBlocks.split(addresses[index])
                let block = try StoreBlocks.block(in: raw, at: offset, file: "test")
                let bytes = try StoreBlocks.inflate(block, file: "test")
                var end = bytes.count
                if index + 1 < addresses.count, StoreBlocks.split(addresses[index + 1]).block == offset {
                    end = StoreBlocks.split(addresses[index + 1]).offset
                }
                return Array(bytes[start..<end])
            }
        }
    }

    /// Offsets of the blocks of `store`, walked from its start.
    static func blockOffsets(in store: [UInt8]) throws -> [(offset: UInt64, uncompressed: Int)] {
        try store.withUnsafeBytes { raw in
            var offsets: [(UInt64, Int)] = []
            var offset: UInt64 = 0
            while offset < UInt64(raw.count) {
                let block = try StoreBlocks.block(in: raw, at: offset, file: "test")
                offsets.append((offset, block.uncompressedCount))
                offset += UInt64(block.storedCount)
            }
            #expect(offset == UInt64(raw.count))
            return offsets
        }
    }

    @Test func recordsOfEverySizeRoundTrip() throws {
        let chinese = Array("图书馆开放时间延长。学生会举行交流会。".utf8)
        var records: [[UInt8]] = [[], [7], [UInt8](repeating: 1, count: Self.target)]
        records += (0..<500).map { Array("record \($0) of many small ones".utf8) }
        records.append((0..<(Self.target * 5 + 3)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
        records += [[], chinese, [UInt8](repeating: 2, count: Self.target), [UInt8](repeating: 3, count: Self.target + 1), [9]]
        var writer = StoreBlockWriter()
        var addresses: [UInt64] = []
        for record in records { addresses.append(record.withUnsafeBytes { writer.add($0) }) }
        var store = writer.output
        store += writer.pendingBlock()
        #expect(try Self.records(in: store, addresses: addresses) == records)

        // A record larger than the target opens a block of its own; a
        // block of several records stays under twice the target.
        for (record, address) in zip(records, addresses) where record.count > Self.target {
            #expect(StoreBlocks.split(address).offset == 0)
        }
        let blocks = try Self.blockOffsets(in: store)
        #expect(blocks.count > 5)
        for block in blocks {
            let holders = addresses.indices.filter { StoreBlocks.split(addresses[$0]).block == block.offset }
            #expect(!holders.isEmpty)
            #expect(holders.count == 1 || block.uncompressed < 2 * Self.target)
        }
        // Compressed: the repetitive records take far less room.
        #expect(store.count < records.reduce(0) { $0 + $1.count } / 2)
    }

    @Test func flushingAfterEveryRecordKeepsTheAddresses() throws {
        var writer = StoreBlockWriter()
        var addresses: [UInt64] = []
        let records = (0..<10).map { Array("record \($0)".utf8) }
        for record in records {
            addresses.append(record.withUnsafeBytes { writer.add($0) })
            writer.flush()
        }
        #expect(writer.pendingBlock().isEmpty)
        #expect(try Self.records(in: writer.output, addresses: addresses) == records)
        #expect(try Self.blockOffsets(in: writer.output).count == 10)
    }

    // MARK: Segments

    /// Documents whose bodies are 0 text bytes, 1, exactly the block
    /// target, several blocks long, many small ones, and Chinese; heads
    /// with long aliases and non-ASCII fields.
    static func documents() -> [StoredDocument] {
        var documents = [
            StoredDocument(path: "empty.txt", title: "", text: ""),
            StoredDocument(path: "one.txt", title: "One", text: "x", url: "https://one.example/x"),
        ]
        // Exactly the target: a text (its length a 2-byte varint) fills the rest.
        let base = StoredDocument(path: "exact.txt", title: "Exact", text: "")
        let exact = StoredDocument(path: "exact.txt", title: "Exact",
                                   text: String(repeating: "e", count: target - body(base).count - 1))
        documents.append(exact)
        documents.append(StoredDocument(
            path: "long.txt", title: "Long", text: (0..<(target / 2)).map { "w\($0 % 977)" }.joined(separator: " "),
            headings: ["Long heading"], url: "https://long.example/a", aliases: ["https://mirror.example/a"],
            location: "/data/long.txt", source: "/data"))
        for index in 0..<400 {
            documents.append(StoredDocument(
                path: "small-\(index).txt", title: "Small \(index)", text: "small text number \(index) alpha beta",
                format: index % 2 == 0 ? "html" : "text", fingerprint: UInt64(index), url: "https://s.example/\(index)"))
        }
        documents.append(StoredDocument(
            path: "zh.html", title: "图书馆", text: String(repeating: "图书馆开放时间延长。学生会举行交流会。\n", count: 200),
            format: "html", headings: ["学生会"], url: "https://zh.example/图书馆", language: "zh"))
        documents.append(StoredDocument(
            path: "文档/é.html", title: "Ünïcödé 标题 🚀", text: "mirrored", fingerprint: .max,
            url: "https://例子.example/路径?q=é", date: "2026-11-30", canonicalURL: "https://例子.example/canonical",
            language: "zh-hant", aliases: (0..<40).map { "https://mirror-\($0).example/" + String(repeating: "长", count: 300) },
            location: "/data/文档/é.html", source: "/data/文档"))
        documents.append(StoredDocument(path: "last.txt", title: "Last", text: "the end"))
        return documents
    }

    static func build(_ documents: [StoredDocument], at path: String) throws -> SegmentReader {
        var builder = SegmentBuilder(analyzer: Analyzer())
        for document in documents { builder.add(document) }
        try SegmentWriter.write(builder, to: path)
        return try SegmentReader(path: path)
    }

    @Test func aSegmentReadsBackDocumentByDocument() throws {
        let directory = TemporaryDirectory()
        let documents = Self.documents()
        #expect(Self.body(documents[2]).count == Self.target)
        #expect(Self.body(documents[3]).count > 2 * Self.target)
        let segment = try Self.build(documents, at: directory.file("seg.scour"))
        #expect(segment.hasCompressedStore)
        #expect(segment.blocksLength < UInt64(documents.reduce(0) { $0 + Self.body($1).count }) / 2)
        var records = StoreRecords(segment)
        for (id, document) in documents.enumerated() {
            #expect(try segment.document(id) == document)
            #expect(try segment.document(id, includingText: false) == Self.light(document))
            #expect(try segment.storedURL(of: id) == document.url)
            #expect(try records.withBody(id) { Array($0) } == Self.body(document))
            #expect(try records.withHead(id) { Array($0) } == Self.head(document))
        }
        // Backwards too: each read stands on its own.
        for id in documents.indices.reversed() { #expect(try segment.document(id) == documents[id]) }
        #expect(IndexChecker.problems(in: segment, name: "seg.scour").isEmpty)
        let blocks = try Self.blockOffsets(in: Array(segment.blockBytes))
        #expect(blocks.count >= 4)
        // The heads follow the blocks, in document order, to the store's end.
        let heads = documents.flatMap(Self.head)
        #expect(Array(segment.storeBytes[Int(segment.blocksLength)...]) == heads)
        #expect(segment.blocksLength + UInt64(heads.count) == segment.footer.storeLength)
    }

    @Test func anEmptySegmentHasAnEmptyStore() throws {
        let directory = TemporaryDirectory()
        let segment = try Self.build([], at: directory.file("seg.scour"))
        #expect(segment.footer.storeLength == 0)
        #expect(IndexChecker.problems(in: segment, name: "seg.scour").isEmpty)
    }

    // MARK: Damage

    /// A segment of the test documents (several blocks) as bytes, and its reader.
    static func segmentBytes() throws -> ([UInt8], SegmentReader) {
        let directory = TemporaryDirectory()
        let path = directory.file("seg.scour")
        let segment = try build(documents(), at: path)
        return ([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), segment)
    }

    /// The first and last document of the block at `offset`.
    static func documents(inBlockAt offset: UInt64, of segment: SegmentReader) -> ClosedRange<Int> {
        let ids = (0..<segment.documentCount).filter { StoreBlocks.split(segment.bodyAddress(of: $0)).block == offset }
        return ids.first!...ids.last!
    }

    /// `bytes` changed by `change` at the store block at `offset` (given
    /// the block's start in the file), its CRC recomputed, opened.
    static func damaged(_ bytes: [UInt8], block offset: UInt64, of segment: SegmentReader,
                        _ change: (inout [UInt8], Int) -> Void) throws -> SegmentReader {
        var bytes = bytes
        change(&bytes, Int(segment.footer.storeOffset + offset))
        HostileFileTests.recomputeChecksum(&bytes)
        return try SegmentReader(bytes: bytes, path: "hostile.scour")
    }

    @Test func aHugeDeclaredSizeIsRefusedBeforeAllocating() throws {
        let (bytes, segment) = try Self.segmentBytes()
        let blocks = try Self.blockOffsets(in: Array(segment.blockBytes))
        let block = blocks[2].offset
        let ids = Self.documents(inBlockAt: block, of: segment)
        for declared: UInt32 in [UInt32.max, 1 << 30 + 1, 0] {
            let damaged = try Self.damaged(bytes, block: block, of: segment) { bytes, start in
                withUnsafeBytes(of: declared.littleEndian) { bytes.replaceSubrange((start + 4)..<(start + 8), with: $0) }
            }
            let compressed = Int(UInt32(littleEndian: bytes.withUnsafeBytes {
                $0.loadUnaligned(fromByteOffset: Int(segment.footer.storeOffset + block), as: UInt32.self)
            }))
            #expect(throws: IndexError.corrupted(
                file: "hostile.scour",
                reason: "store block at \(block) declares \(declared) bytes from \(compressed) compressed, impossible")) {
                try damaged.document(ids.lowerBound)
            }
            // A result list reads the heads alone: the damage does not show.
            #expect(try damaged.storedURL(of: ids.upperBound) == Self.documents()[ids.upperBound].url)
            #expect(try damaged.document(ids.upperBound, includingText: false) == Self.light(Self.documents()[ids.upperBound]))
            #expect(try damaged.document(0) == Self.documents()[0])
            #expect(!IndexChecker.problems(in: damaged, name: "hostile.scour").isEmpty)
        }
    }

    @Test func aDeclaredSizeLargerThanTheStreamIsAnError() throws {
        let (bytes, segment) = try Self.segmentBytes()
        let block = try Self.blockOffsets(in: Array(segment.blockBytes))[2]
        let ids = Self.documents(inBlockAt: block.offset, of: segment)
        let damaged = try Self.damaged(bytes, block: block.offset, of: segment) { bytes, start in
            withUnsafeBytes(of: UInt32(block.uncompressed + 100).littleEndian) { bytes.replaceSubrange((start + 4)..<(start + 8), with: $0) }
        }
        // The last record runs to the (declared) end of the block.
        #expect(throws: IndexError.corrupted(
            file: "hostile.scour",
            reason: "store block at \(block.offset) holds \(block.uncompressed) bytes, not the \(block.uncompressed + 100) declared")) {
            try damaged.document(ids.upperBound)
        }
        // Records before it are read from a prefix and still come back.
        #expect(try damaged.document(ids.lowerBound) == Self.documents()[ids.lowerBound])
        let problems = IndexChecker.problems(in: damaged, name: "hostile.scour").map(\.message)
        #expect(problems.contains("store block at \(block.offset) holds \(block.uncompressed) bytes, not the \(block.uncompressed + 100) declared"))
    }

    @Test func aTruncatedBlockIsAnError() throws {
        let (bytes, segment) = try Self.segmentBytes()
        let block = try Self.blockOffsets(in: Array(segment.blockBytes))[2].offset
        let ids = Self.documents(inBlockAt: block, of: segment)
        let start = Int(segment.footer.storeOffset + block)
        let compressed = Int(UInt32(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: UInt32.self) }))
        // The header says fewer compressed bytes: the stream stops early.
        let truncated = try Self.damaged(bytes, block: block, of: segment) { bytes, start in
            withUnsafeBytes(of: UInt32(compressed / 2).littleEndian) { bytes.replaceSubrange(start..<(start + 4), with: $0) }
        }
        #expect {
            try truncated.document(ids.upperBound)
        } throws: { error in
            guard case .corrupted("hostile.scour", let reason) = error as? IndexError else { return false }
            return reason.hasPrefix("store block at \(block) is cut short after")
        }
        // The header says more compressed bytes than the store holds.
        let overlong = try Self.damaged(bytes, block: block, of: segment) { bytes, start in
            withUnsafeBytes(of: UInt32.max.littleEndian) { bytes.replaceSubrange(start..<(start + 4), with: $0) }
        }
        let left = Int(segment.blocksLength) - Int(block) - StoreBlocks.headerSize
        #expect(throws: IndexError.corrupted(
            file: "hostile.scour",
            reason: "store block at \(block) is cut short: \(UInt32.max) compressed bytes declared, \(left) left")) {
            try overlong.document(ids.lowerBound)
        }
        #expect(!IndexChecker.problems(in: truncated, name: "hostile.scour").isEmpty)
        #expect(!IndexChecker.problems(in: overlong, name: "hostile.scour").isEmpty)
    }

    @Test func aDamagedChecksumIsCaughtWhenTheWholeBlockIsRead() throws {
        let (bytes, segment) = try Self.segmentBytes()
        let block = try Self.blockOffsets(in: Array(segment.blockBytes))[2]
        let ids = Self.documents(inBlockAt: block.offset, of: segment)
        let compressed = try segment.bodyLocation(of: ids.lowerBound).block.compressed.count
        // The stream's last byte is part of its Adler-32.
        let damaged = try Self.damaged(bytes, block: block.offset, of: segment) { bytes, start in
            bytes[start + StoreBlocks.headerSize + compressed - 1] ^= 0x5A
        }
        #expect(throws: IndexError.corrupted(
            file: "hostile.scour", reason: "store block at \(block.offset) does not decompress (incorrect data check)")) {
            try damaged.document(ids.upperBound)
        }
        #expect(IndexChecker.problems(in: damaged, name: "hostile.scour").map(\.message).contains(
            "store block at \(block.offset) does not decompress (incorrect data check)"))
    }

    @Test func aBlockWhoseFirstBodyDoesNotStartItIsReported() throws {
        var (bytes, segment) = try Self.segmentBytes()
        // Document 0's body address moved one byte into its block.
        HostileFileTests.patch(&bytes, at: Int(segment.footer.documentsOffset) + 8, StoreBlocks.address(block: 0, offset: 1))
        let damaged = try SegmentReader(bytes: bytes, path: "hostile.scour")
        #expect(IndexChecker.problems(in: damaged, name: "hostile.scour").map(\.message) == [
            "document 0's body starts at byte 1 of its store block, not at its start",
            "document 0's stored body is malformed",
        ])
        #expect(try damaged.document(0, includingText: false) == Self.light(Self.documents()[0]))
    }

    @Test func bytesBetweenTheLastBlockAndTheHeadsAreReported() throws {
        var (bytes, segment) = try Self.segmentBytes()
        let blocks = segment.blocksLength
        // Document 0's head starts a byte later: a byte no block or head holds.
        HostileFileTests.patch(&bytes, at: Int(segment.footer.documentsOffset), blocks + 1)
        let damaged = try SegmentReader(bytes: bytes, path: "hostile.scour")
        #expect(IndexChecker.problems(in: damaged, name: "hostile.scour").map(\.message) == [
            "the store's blocks end at \(blocks), document 0's head starts at \(blocks + 1)",
            "document 0's stored head is malformed",
        ])
        #expect(try damaged.document(1) == Self.documents()[1])
    }

    @Test func bytesAfterTheLastHeadAreReported() throws {
        var (bytes, segment) = try Self.segmentBytes()
        let length = segment.footer.storeLength
        let last = segment.documentCount - 1
        // The store made one byte longer: the footer's store length. The
        // last head runs to the store's end, so it gains a byte.
        HostileFileTests.patch(&bytes, at: HostileFileTests.footerStart(bytes) + HostileFileTests.FooterField.storeLength.rawValue,
                               length + 1)
        let damaged = try SegmentReader(bytes: bytes, path: "hostile.scour")
        #expect(IndexChecker.problems(in: damaged, name: "hostile.scour").map(\.message)
            == ["document \(last)'s stored head is malformed"])
        #expect(throws: IndexError.corrupted(file: "hostile.scour", reason: "document \(last)'s stored head is malformed")) {
            try damaged.document(last, includingText: false)
        }
        #expect(try damaged.document(last - 1) == Self.documents()[last - 1])
    }

    /// Every byte of a small segment's store flipped in turn: reads give a
    /// document or an error, never a crash; `scour check` reports each one
    /// in the blocks (zlib's Adler-32 covers them). A head is covered by the
    /// file's CRC-32 alone, like the other uncompressed sections: a flipped
    /// letter of a title still reads as a title.
    @Test func flippingAnyStoreByteNeverCrashesAndIsReported() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("seg.scour")
        let small = [StoredDocument(path: "a.txt", title: "Alpha", text: "alpha beta gamma", url: "https://a.example/x"),
                     StoredDocument(path: "b.txt", title: "Beta", text: String(repeating: "beta gamma ", count: 3000)),
                     StoredDocument(path: "c.txt", title: "Gamma", text: "gamma epsilon alpha")]
        let segment = try Self.build(small, at: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        for index in 0..<Int(segment.footer.storeLength) {
            let damaged = try Self.damaged(bytes, block: UInt64(index), of: segment) { bytes, start in bytes[start] ^= 0xA5 }
            HostileFileTests.walk(damaged)
            let problems = IndexChecker.problems(in: damaged, name: "hostile.scour")
            if index < segment.blocksLength { #expect(!problems.isEmpty, "byte \(index)") }
        }
    }

    // MARK: Heads

    @Test func headsAndBodiesRoundTripAndSplitFromOldRecords() throws {
        for document in Self.documents() {
            let head = Self.head(document), body = Self.body(document)
            var decoded = try head.withUnsafeBytes { raw in
                var reader = ByteReader(raw)
                let decoded = try #require(StoredDocument.decodeHead(&reader))
                #expect(reader.isAtEnd)
                return decoded
            }
            #expect(decoded == Self.light(document))
            body.withUnsafeBytes { raw in
                var reader = ByteReader(raw)
                #expect(decoded.decodeBody(&reader) && reader.isAtEnd)
            }
            #expect(decoded == document)
            // A whole record of formats 4 and 5 splits into the same head and body.
            var (splitHead, splitBody): ([UInt8], [UInt8]) = ([], [])
            let record = document.encodedRecord()
            #expect(record.withUnsafeBytes { StoredDocument.splitRecord($0, hasIdentity: true, head: &splitHead, body: &splitBody) })
            #expect(splitHead == head && splitBody == body)
            // A format-3 record (no aliases, location, source) gets them empty.
            var old = document
            (old.aliases, old.location, old.source) = ([], "", "")
            (splitHead, splitBody) = ([], [])
            #expect(old.encodedRecord().dropLast(3).withUnsafeBytes {
                StoredDocument.splitRecord($0, hasIdentity: false, head: &splitHead, body: &splitBody)
            })
            #expect(splitHead == Self.head(old) && splitBody == body)
            // A record cut short anywhere does not split.
            for cut in [1, record.count / 2, record.count - 1] where cut < record.count {
                var (head, body): ([UInt8], [UInt8]) = ([], [])
                #expect(!record.prefix(cut).withUnsafeBytes { StoredDocument.splitRecord($0, hasIdentity: true, head: &head, body: &body) })
            }
        }
    }

    /// A result list (ids, titles, URLs for many hits) reads the heads and
    /// never inflates: with every block's bytes destroyed, the heads still
    /// come back whole, while reading a document's text throws.
    @Test func aResultListReadsTheHeadsWithoutDecompressing() throws {
        var (bytes, segment) = try Self.segmentBytes()
        let start = Int(segment.footer.storeOffset)
        for index in start..<(start + Int(segment.blocksLength)) { bytes[index] = 0xFF }
        HostileFileTests.recomputeChecksum(&bytes)
        let damaged = try SegmentReader(bytes: bytes, path: "hostile.scour")
        let documents = Self.documents()
        for (id, document) in documents.enumerated() {
            #expect(try damaged.document(id, includingText: false) == Self.light(document))
            #expect(try damaged.storedURL(of: id) == document.url)
            #expect(throws: IndexError.self) { try damaged.document(id) }
        }
        #expect(!IndexChecker.problems(in: damaged, name: "hostile.scour").isEmpty)
    }

    @Test func headOffsetsOutsideTheHeadsAreErrors() throws {
        let (bytes, segment) = try Self.segmentBytes()
        let length = segment.footer.storeLength, blocks = segment.blocksLength
        let entry = { (id: Int) in Int(segment.footer.documentsOffset) + id * segment.documentEntrySize }
        let id = 5
        let (start, end) = (segment.headOffset(of: id), segment.headOffset(of: id + 1))
        let outside = { (start: UInt64, end: UInt64) in
            "document \(id)'s head (store bytes \(start) to \(end)) lies outside the heads (\(blocks) to \(length))"
        }
        // Past the store, inside the blocks, after the next head: each
        // refused by the reader and reported by the checker.
        for (value, reason) in [(UInt64.max, outside(.max, end)), (length, outside(length, end)),
                                (blocks - 1, outside(blocks - 1, end)), (end, outside(end, end))] {
            var damagedBytes = bytes
            HostileFileTests.patch(&damagedBytes, at: entry(id), value)
            let damaged = try SegmentReader(bytes: damagedBytes, path: "hostile.scour")
            HostileFileTests.walk(damaged)
            #expect(throws: IndexError.corrupted(file: "hostile.scour", reason: reason)) {
                try damaged.document(id, includingText: false)
            }
            #expect(throws: IndexError.self) { try damaged.storedURL(of: id) }
            #expect(IndexChecker.problems(in: damaged, name: "hostile.scour").map(\.message).contains(reason))
            #expect(try damaged.document(0) == Self.documents()[0])
        }
        // One byte early: the head before it loses its last byte, this one
        // starts with it. Both are malformed, neither read past its bytes.
        var early = bytes
        HostileFileTests.patch(&early, at: entry(id), start - 1)
        let damaged = try SegmentReader(bytes: early, path: "hostile.scour")
        for broken in [id - 1, id] {
            #expect(throws: IndexError.corrupted(file: "hostile.scour", reason: "document \(broken)'s stored head is malformed")) {
                try damaged.document(broken, includingText: false)
            }
        }
        #expect(IndexChecker.problems(in: damaged, name: "hostile.scour").map(\.message)
            == ["document \(id - 1)'s stored head is malformed", "document \(id)'s stored head is malformed"])
        // Document 0's head past the store: the blocks end at most there.
        var past = bytes
        HostileFileTests.patch(&past, at: entry(0), length + 10)
        let pastStore = try SegmentReader(bytes: past, path: "hostile.scour")
        HostileFileTests.walk(pastStore)
        #expect(pastStore.blocksLength == length)
        #expect(IndexChecker.problems(in: pastStore, name: "hostile.scour").map(\.message).contains(
            "document 0's head starts at \(length + 10), past the store (\(length) bytes)"))
    }

    @Test func aHeadWithAHugeAliasCountIsMalformed() throws {
        var (bytes, segment) = try Self.segmentBytes()
        // Document 0's head ends with an alias count of 0 and an empty
        // location and source: three bytes, made a count of 2^21 aliases.
        let end = Int(segment.footer.storeOffset + segment.headOffset(of: 1))
        bytes.replaceSubrange((end - 3)..<end, with: [0x80, 0x80, 0x01])
        HostileFileTests.recomputeChecksum(&bytes)
        let damaged = try SegmentReader(bytes: bytes, path: "hostile.scour")
        #expect(throws: IndexError.corrupted(file: "hostile.scour", reason: "document 0's stored head is malformed")) {
            try damaged.document(0, includingText: false)
        }
        #expect(try damaged.storedURL(of: 0) == "")
        #expect(IndexChecker.problems(in: damaged, name: "hostile.scour").map(\.message) == ["document 0's stored head is malformed"])
    }

    // MARK: Merges and checks

    @Test func mergingCompressedSegmentsKeepsTheDocuments() throws {
        let directory = TemporaryDirectory()
        let documents = Self.documents()
        let halves = [Array(documents[..<200]), Array(documents[200...])]
        var inputs: [SegmentMerger.Input] = []
        var live: [StoredDocument] = []
        for (index, half) in halves.enumerated() {
            let segment = try Self.build(half, at: directory.file("input-\(index).scour"))
            var deletions = DeletedDocuments(documentCount: half.count)
            // The first input loses a few documents, the second none (its
            // full blocks are copied whole).
            if index == 0 { for id in [1, 3, 150] { deletions.insert(id) } }
            live += half.indices.filter { !deletions.contains($0) }.map { half[$0] }
            inputs.append(.init(segment: segment, deletions: index == 0 ? deletions : nil))
        }
        _ = try SegmentMerger.merge(inputs, to: directory.file("merged.scour"), chunkSize: 4096)
        let merged = try SegmentReader(path: directory.file("merged.scour"))
        #expect(merged.formatVersion == SegmentLayout.formatVersion)
        #expect(merged.documentCount == live.count)
        for (id, document) in live.enumerated() {
            #expect(try merged.document(id) == document)
            #expect(try merged.document(id, includingText: false) == Self.light(document))
        }
        #expect(Array(merged.storeBytes[Int(merged.blocksLength)...]) == live.flatMap(Self.head))
        #expect(IndexChecker.problems(in: merged, name: "merged.scour").isEmpty)
    }

    @Test func aFullBlockWhoseBodiesAreAllLiveIsCopiedWhole() throws {
        let directory = TemporaryDirectory()
        // Input 0 is one block, over half full; input 1 one small body.
        let big = StoredDocument(path: "big.txt", title: "Big", text: String(repeating: "big words ", count: Self.target / 14))
        #expect(Self.body(big).count >= Self.target / 2 && Self.body(big).count < Self.target)
        let small = StoredDocument(path: "small.txt", title: "Small", text: "small")
        let first = try Self.build([big], at: directory.file("input-0.scour"))
        let second = try Self.build([small], at: directory.file("input-1.scour"))
        try SegmentMerger.merge([.init(segment: first), .init(segment: second)], to: directory.file("merged.scour"))
        let merged = try SegmentReader(path: directory.file("merged.scour"))
        #expect(try merged.document(0) == big)
        #expect(try merged.document(1) == small)
        // Copied: the block is the input's, byte for byte, and the small
        // body starts a block of its own rather than joining it.
        #expect(Array(merged.blockBytes.prefix(Int(first.blocksLength))) == Array(first.blockBytes))
        #expect(StoreBlocks.split(merged.bodyAddress(of: 1)) == (first.blocksLength, 0))
        // With a deletion nothing is copied: the records are re-packed.
        var deletions = DeletedDocuments(documentCount: 2)
        deletions.insert(1)
        let both = try Self.build([big, small], at: directory.file("input-2.scour"))
        try SegmentMerger.merge([.init(segment: both, deletions: deletions), .init(segment: second)], to: directory.file("merged-2.scour"))
        let repacked = try SegmentReader(path: directory.file("merged-2.scour"))
        #expect(StoreBlocks.split(repacked.bodyAddress(of: 1)) == (0, Self.body(big).count))
        #expect(try repacked.document(1) == small)
    }

    /// The frozen format-4 and format-5 indexes: merged into the current
    /// format, their documents come back the same.
    @Test(arguments: ["index-format-4", "index-format-5"])
    func mergingAnOldFormatSegmentKeepsItsDocuments(_ fixture: String) throws {
        let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(fixture)").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".scour") }.sorted()
        try #require(!names.isEmpty)
        let olds = try names.map { try SegmentReader(path: "\(folder)/\($0)") }
        #expect(olds.allSatisfy { !$0.hasCompressedStore })
        let directory = TemporaryDirectory()
        try SegmentMerger.merge(olds.map { .init(segment: $0) }, to: directory.file("merged.scour"))
        let merged = try SegmentReader(path: directory.file("merged.scour"))
        #expect(merged.hasCompressedStore)
        let expected = try olds.flatMap { old in try (0..<old.documentCount).map { try old.document($0) } }
        #expect(merged.documentCount == expected.count)
        for (id, document) in expected.enumerated() {
            #expect(try merged.document(id) == document)
            #expect(try merged.document(id, includingText: false) == Self.light(document))
            #expect(try merged.storedURL(of: id) == document.url)
        }
        // The heads and bodies are the old records split, byte for byte.
        #expect(Array(merged.storeBytes[Int(merged.blocksLength)...]) == expected.flatMap(Self.head))
        #expect(IndexChecker.problems(in: merged, name: "merged.scour").isEmpty)
    }

    @Test func checkFindsADamagedBlock() throws {
        let temporary = TemporaryDirectory()
        let directory = IndexDirectory(path: temporary.path)
        var builder = SegmentBuilder(analyzer: Analyzer())
        for document in Self.documents() { builder.add(document) }
        var info = try SegmentWriter.write(builder, to: directory.segmentPath(generation: 1, ordinal: 0))
        let path = directory.filePath(info.name)
        let segment = try SegmentReader(path: path)
        let block = try Self.blockOffsets(in: Array(segment.blockBytes))[2].offset
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // A byte in the middle of the block's stream.
        let start = Int(segment.footer.storeOffset + block)
        let compressed = Int(UInt32(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: UInt32.self) }))
        bytes[start + StoreBlocks.headerSize + compressed / 2] ^= 0xFF
        HostileFileTests.recomputeChecksum(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        info.checksum = try SegmentReader(path: path).storedChecksum
        try directory.commit(Manifest(generation: 1, analyzer: .standard, segments: [info]))
        let report = IndexChecker(path: temporary.path).check()
        #expect(!report.isHealthy)
        #expect(report.problems.contains { $0.file == path && $0.message.hasPrefix("store block at \(block) ") }, "\(report.problems)")
    }
}
