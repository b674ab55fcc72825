import ScourTestSupport
import Testing
@testable import ScourIndex

/// Block postings (segment format 6): what ``PostingsEncoder`` writes,
/// ``PostingsCursor`` reads back exactly — walking, jumping and reading
/// positions in any pattern — and damaged bytes stop the walk.
@Suite("Postings codec")
struct PostingsCodecTests {
    struct Posting: Equatable {
        var document: UInt32
        var frequencies: FieldCounts
        var positions: [UInt32]
    }

    /// Random postings: `count` documents with gaps up to `maximumGap`,
    /// frequencies up to `maximumFrequency` in random fields, positions
    /// (non-decreasing, repeats allowed) unless `positional` is false.
    static func postings(count: Int, maximumGap: UInt32, maximumFrequency: UInt32, positional: Bool,
                         seed: UInt64, first: UInt32 = 0) -> [Posting] {
        var random = SeededGenerator(seed: seed)
        var result: [Posting] = []
        var document = first
        for number in 0..<count {
            if number > 0 { document += UInt32.random(in: 1...maximumGap, using: &random) }
            var frequencies = FieldCounts()
            repeat {
                for field in IndexField.allCases where Bool.random(using: &random) {
                    frequencies[field] = UInt32.random(in: 1...maximumFrequency, using: &random)
                }
            } while frequencies.total == 0
            var positions: [UInt32] = []
            if positional {
                var position = UInt32.random(in: 0...1000, using: &random)
                for _ in 0..<frequencies.total {
                    positions.append(position)
                    position += UInt32.random(in: 0...9, using: &random)
                }
            }
            result.append(Posting(document: document, frequencies: frequencies, positions: positions))
        }
        return result
    }

    static func encode(_ postings: [Posting]) -> [UInt8] {
        var encoder = PostingsEncoder()
        for posting in postings {
            let added = posting.positions.withUnsafeBufferPointer {
                encoder.add(document: posting.document, frequencies: posting.frequencies, positions: $0,
                            lengths: FieldCounts(title: 3, headings: 5, body: 100 + posting.document % 50, url: 4))
            }
            #expect(added)
        }
        return encoder.finish()
    }

    /// Runs `body` with a cursor over `region`; nil when the framing is damaged.
    static func withCursor<T>(_ region: [UInt8], documentFrequency: Int, limit: UInt32,
                              _ body: (inout PostingsCursor) -> T) -> T? {
        region.withUnsafeBytes { raw in
            guard let streams = PostingsCodec.split(blockRegion: raw, documentFrequency: documentFrequency) else { return nil }
            var cursor = PostingsCursor(documents: streams.documents, positions: streams.positions,
                                        documentFrequency: documentFrequency, documentLimit: limit,
                                        skips: streams.entries, impacts: streams.impacts)
            return body(&cursor)
        }
    }

    /// Every posting, positions included, read one by one.
    static func readAll(_ region: [UInt8], documentFrequency: Int, limit: UInt32 = .max) -> [Posting]? {
        let read: [Posting]?? = withCursor(region, documentFrequency: documentFrequency, limit: limit) { cursor -> [Posting]? in
            var all: [Posting] = []
            var positions: [UInt32] = []
            while cursor.next() {
                cursor.positions(into: &positions)
                all.append(Posting(document: cursor.document, frequencies: cursor.frequencies, positions: positions))
            }
            return cursor.isDamaged ? nil : all
        }
        return read ?? nil
    }

    @Test func everyWidthPacksAndUnpacks() {
        var random = SeededGenerator(seed: 7)
        for width in 0...32 {
            let limit: UInt64 = width == 0 ? 0 : (UInt64(1) << UInt64(width)) - 1
            var values = (0..<BitPacking.count).map { _ in UInt32(UInt64.random(in: 0...limit, using: &random)) }
            values[5] = UInt32(limit)   // the largest value of the width
            var bytes: [UInt8] = []
            values.withUnsafeBufferPointer { buffer in
                #expect(BitPacking.width(buffer) == width)
                BitPacking.pack(buffer, width: width, to: &bytes)
            }
            #expect(bytes.count == BitPacking.byteCount(width: width))
            var decoded = [UInt32](repeating: 99, count: BitPacking.count)
            bytes.append(0xEE)   // a neighbour the decoder must not take in
            bytes.withUnsafeBytes { raw in
                decoded.withUnsafeMutableBufferPointer { BitPacking.unpack(raw.baseAddress!, width: width, into: $0.baseAddress!) }
            }
            #expect(decoded == values, "width \(width)")
            // Random access reads each value alone, the same.
            let single = bytes.withUnsafeBytes { raw in
                (0..<BitPacking.count).map { BitPacking.value(at: $0, width: width, in: raw.baseAddress!) }
            }
            #expect(single == values, "width \(width)")
        }
    }

    @Test(arguments: [1, 2, 127, 128, 129, 255, 256, 257, 1000, 5000])
    func randomPostingsRoundTrip(count: Int) throws {
        for (seed, gap, frequency) in [(UInt64(count), UInt32(3), UInt32(4)), (UInt64(count) + 1, 1000, 300)] {
            let postings = Self.postings(count: count, maximumGap: gap, maximumFrequency: frequency, positional: true, seed: seed)
            let region = Self.encode(postings)
            #expect(Self.readAll(region, documentFrequency: count) == postings)
        }
    }

    @Test func edgeCasesRoundTrip() throws {
        let cases: [(String, [Posting])] = [
            ("one document", [Posting(document: 0, frequencies: FieldCounts(body: 1), positions: [0])]),
            ("a huge frequency", [Posting(document: 3, frequencies: FieldCounts(title: UInt32.max / 2, body: 1), positions: [])]),
            ("ids near 2^32", Self.postings(count: 300, maximumGap: 5, maximumFrequency: 2, positional: true,
                                            seed: 1, first: UInt32.max - 2000)),
            ("gaps near 2^32", [0, 1, UInt32.max - 3, UInt32.max - 2].map {
                Posting(document: $0, frequencies: FieldCounts(url: 1), positions: [])
            }),
            ("129 with one consecutive block", (0..<129).map {
                Posting(document: UInt32($0), frequencies: FieldCounts(body: 1), positions: [UInt32($0)])
            }),
            ("site term (no positions) over blocks", Self.postings(count: 300, maximumGap: 9, maximumFrequency: 1,
                                                                   positional: false, seed: 4)),
        ]
        for (name, postings) in cases {
            let region = Self.encode(postings)
            #expect(Self.readAll(region, documentFrequency: postings.count) == postings, "\(name)")
        }
        // A full block of consecutive documents packs its gaps in 0 bits.
        let consecutive = (0..<128).map { Posting(document: UInt32($0), frequencies: FieldCounts(body: 1), positions: []) }
        #expect(Self.encode(consecutive).count < 128 / 4)
    }

    @Test func advancingAndReadingSomePositionsMatchesReadingEverything() throws {
        let postings = Self.postings(count: 3000, maximumGap: 40, maximumFrequency: 6, positional: true, seed: 11)
        let region = Self.encode(postings)
        var random = SeededGenerator(seed: 12)
        for round in 0..<20 {
            let checked = Self.withCursor(region, documentFrequency: postings.count, limit: .max) { cursor -> Int in
                var target: UInt32 = 0
                var visited = 0
                var positions: [UInt32] = []
                while true {
                    target += UInt32.random(in: 0...(round % 2 == 0 ? 60 : 9000), using: &random)
                    let expected = postings.first { $0.document >= target }
                    let found = cursor.advance(to: target)
                    #expect(found == (expected != nil))
                    guard let expected, found else { break }
                    #expect(cursor.document == expected.document && cursor.frequencies == expected.frequencies)
                    // Positions asked for some documents only, sometimes twice.
                    if Bool.random(using: &random) {
                        cursor.positions(into: &positions)
                        #expect(positions == expected.positions)
                        if Bool.random(using: &random) {
                            cursor.positions(into: &positions)
                            #expect(positions == expected.positions)
                        }
                    }
                    visited += 1
                    target = cursor.document + 1
                }
                #expect(!cursor.isDamaged)
                return visited
            }
            #expect((checked ?? 0) > 0)
        }
    }

    @Test func copiesOfACursorWalkOnTheirOwn() throws {
        // A copy shares the decoded block until one of them decodes another
        // block or the frequencies it has not decoded yet.
        let postings = Self.postings(count: 400, maximumGap: 3, maximumFrequency: 5, positional: true, seed: 21)
        let region = Self.encode(postings)
        let checked = Self.withCursor(region, documentFrequency: 400, limit: .max) { cursor -> Int in
            var checked = 0
            for step in [3, 140, 1, 200] {
                var copy = cursor
                for _ in 0..<step { _ = copy.next() }   // the copy moves on, maybe into other blocks
                var positions: [UInt32] = []
                copy.positions(into: &positions)
                let moved = cursor.next()
                #expect(moved)
                let expected = postings.first { $0.document == cursor.document }
                #expect(cursor.frequencies == expected?.frequencies)
                cursor.positions(into: &positions)
                #expect(positions == expected?.positions)
                checked += 1
            }
            return checked
        }
        #expect(checked == 4)
    }

    @Test func skippingVarintsLandsWhereDecodingThemDoes() {
        var random = SeededGenerator(seed: 31)
        var bytes: [UInt8] = []
        var ends: [Int] = [0]   // offset after each varint
        for _ in 0..<2000 {
            let bits = [3, 7, 8, 14, 15, 21, 28, 32].randomElement(using: &random)!
            bytes.appendVarint(UInt64.random(in: 0..<(UInt64(1) << UInt64(bits)), using: &random))
            ends.append(bytes.count)
        }
        bytes.withUnsafeBytes { raw in
            for _ in 0..<3000 {
                let first = Int.random(in: 0..<ends.count, using: &random)
                let count = Int.random(in: 0...min(40, ends.count - 1 - first), using: &random)
                #expect(PostingsCursor.skipVarints(count, in: raw, from: ends[first]) == ends[first + count])
            }
            #expect(PostingsCursor.skipVarints(3, in: raw, from: ends[ends.count - 2]) == nil)   // runs out
        }
    }

    @Test func aResetEncoderWritesWhatAFreshOneWrites() {
        var encoder = PostingsEncoder()
        for (count, seed) in [(300, UInt64(41)), (5, 42), (129, 43), (128, 44), (1, 45), (700, 46)] {
            let postings = Self.postings(count: count, maximumGap: 20, maximumFrequency: 4, positional: seed % 2 == 0, seed: seed)
            encoder.reset()
            for posting in postings {
                let added = posting.positions.withUnsafeBufferPointer {
                    encoder.add(document: posting.document, frequencies: posting.frequencies, positions: $0,
                                lengths: FieldCounts(title: 3, headings: 5, body: 100 + posting.document % 50, url: 4))
                }
                #expect(added)
            }
            #expect(encoder.finish() == Self.encode(postings), "\(count) postings")
        }
    }

    @Test func skipEntriesDescribeTheBlocks() throws {
        let postings = Self.postings(count: 300, maximumGap: 3, maximumFrequency: 4, positional: true, seed: 5)
        let region = Self.encode(postings)
        let entries = Self.withCursor(region, documentFrequency: 300, limit: .max) { cursor in
            (0..<cursor.blockCount).map { cursor.skipEntry($0) }
        }
        let blocks = try #require(entries)
        #expect(blocks.map(\.lastDocument) == [postings[127].document, postings[255].document, postings[299].document])
        let positionBytes = postings.map { posting in
            var bytes: [UInt8] = []
            var previous: UInt32 = 0
            for position in posting.positions { bytes.appendVarint(position - previous); previous = position }
            return bytes.count
        }
        let ends: [Int] = [positionBytes[..<128].reduce(0, +), positionBytes[..<256].reduce(0, +), positionBytes.reduce(0, +)]
        let stored: [Int] = blocks.map { Int($0.positionsEnd) }
        #expect(stored == ends)
        #expect(blocks[0].maximumFrequencies.body == postings[..<128].map(\.frequencies.body).max())
    }

    @Test func theEncoderRefusesWhatTheFormatCannotHold() {
        var encoder = PostingsEncoder()
        let none = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
        let first = encoder.add(document: 5, frequencies: FieldCounts(body: 1), positions: none, lengths: FieldCounts())
        // Not after the last document; no frequency.
        let again = encoder.add(document: 5, frequencies: FieldCounts(body: 1), positions: none, lengths: FieldCounts())
        let noFrequency = encoder.add(document: 6, frequencies: FieldCounts(), positions: none, lengths: FieldCounts())
        #expect(first && !again && !noFrequency)
        // Positions for one document of a term without them; a count that
        // is not the frequency.
        let two: [UInt32] = [1, 2]
        let mixed = two.withUnsafeBufferPointer { positions in
            encoder.add(document: 7, frequencies: FieldCounts(body: 2), positions: positions, lengths: FieldCounts())
        }
        #expect(!mixed)
        var positional = PostingsEncoder()
        let (miscounted, counted) = two.withUnsafeBufferPointer { positions in
            (positional.add(document: 1, frequencies: FieldCounts(body: 3), positions: positions, lengths: FieldCounts()),
             positional.add(document: 1, frequencies: FieldCounts(body: 2), positions: positions, lengths: FieldCounts()))
        }
        #expect(!miscounted && counted)
        #expect(positional.documentFrequency == 1)
    }

    @Test func damagedBlocksStopTheWalkWithoutCrashing() throws {
        let postings = Self.postings(count: 200, maximumGap: 5, maximumFrequency: 3, positional: true, seed: 9)
        let region = Self.encode(postings)
        let intact = try #require(Self.readAll(region, documentFrequency: 200))
        #expect(intact == postings)
        let positionsLength = Self.withCursor(region, documentFrequency: 200, limit: .max) { cursor in
            Int(cursor.skipEntry(1).positionsEnd)
        }
        let documentsStart = try #require(positionsLength)
        // The first block's width byte past 32; the field mask empty; a
        // frequency width past 32.
        for (offset, value) in [(0, UInt8(33)), (1 + BitPacking.byteCount(width: Int(region[documentsStart])), 0)] {
            var damaged = region
            damaged[documentsStart + offset] = value
            #expect(Self.readAll(damaged, documentFrequency: 200) == nil, "byte \(offset) = \(value)")
        }
        // Ids past the segment's documents.
        #expect(Self.readAll(region, documentFrequency: 200, limit: postings[150].document) == nil)
        // A document frequency that does not frame the region.
        #expect(Self.readAll(region, documentFrequency: 400) == nil)
        #expect(Self.readAll(region, documentFrequency: 1000) == nil)
        // Truncated anywhere: never a crash, never more documents than written.
        for cut in stride(from: 1, to: region.count, by: 7) {
            if let read = Self.readAll(Array(region[..<cut]), documentFrequency: 200) { #expect(read.count <= 200) }
        }
        // Every byte flipped in turn: decoding stays inside the region.
        for index in region.indices {
            var damaged = region
            damaged[index] ^= 0x5A
            _ = Self.readAll(damaged, documentFrequency: 200, limit: 100_000)
        }
    }
}
