/// Walks one term's postings in document order, a block of up to 128
/// documents at a time, in either codec (see ``PostingsCodec``).
///
/// A cursor is a value over memory-mapped bytes: a block's documents are
/// decoded into a buffer at once, and ``next()`` reads them from there; a
/// full block's frequencies are decoded when first asked for, positions
/// only when asked for. Copies of a cursor share the buffer until one of
/// them decodes another block (copy on write). Decoding damaged bytes stops
/// the walk (``isDamaged``) instead of crashing.
public struct PostingsCursor {
    private enum Codec { case blocks, interleaved }
    private let codec: Codec
    /// The document stream (block postings) or the whole interleaved postings.
    private var reader: ByteReader
    private let positionsStream: UnsafeRawBufferPointer
    private let documentLimit: UInt32
    private let documentFrequency: Int
    /// Skip entries (``PostingsSkips``), one per block; empty for a term in
    /// one block or a segment before format 5.
    private let skips: UnsafeRawBufferPointer
    private let entrySize: Int
    /// The blocks' impacts (see ``PostingsSkips``).
    private let impacts: UnsafeRawBufferPointer

    /// The decoded block, shared by copies of the cursor until one of them
    /// decodes another block (copy on write).
    private var storage = PostingsBlock()
    private var documents: UnsafeMutablePointer<UInt32> { storage.documents }
    private var frequencyTable: UnsafeMutablePointer<UInt32> { storage.frequencies }
    private var positionSlices: UnsafeMutablePointer<UInt64> { storage.positionSlices }
    private var count = 0
    private var index = -1
    /// Where the buffered full block's field mask is in the document
    /// stream while its frequencies are not decoded yet; −1 once they are.
    private var pendingFrequencies = -1
    /// The block that ``next()`` decodes when the buffered one is used up.
    private var nextBlock = 0
    /// The last document before the next block (−1 before the first).
    private var previousLast: Int64 = -1
    // Positions reading (block postings): the document whose positions
    // start at `positionsOffset`, and where the asked-for document's began.
    private var positionsBlock = -1
    private var positionsDocument = 0
    private var positionsOffset = 0
    private var currentPositionsStart = -1

    /// The current document (segment-local id); valid after ``next()`` returned true.
    public private(set) var document: UInt32 = 0
    /// Set when the bytes turned out to be inconsistent.
    public private(set) var isDamaged = false

    /// A cursor over interleaved postings (formats 3 to 5).
    init(interleaved bytes: UnsafeRawBufferPointer, documentFrequency: Int, documentLimit: UInt32,
         skips: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
         impacts: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) {
        codec = .interleaved
        reader = ByteReader(bytes)
        positionsStream = UnsafeRawBufferPointer(start: nil, count: 0)
        self.documentLimit = documentLimit
        self.documentFrequency = documentFrequency
        self.skips = skips
        entrySize = PostingsSkips.entrySize
        self.impacts = impacts
    }

    /// A cursor over block postings (format 6), from the streams of
    /// ``PostingsCodec/split(blockRegion:documentFrequency:)``.
    init(documents: UnsafeRawBufferPointer, positions: UnsafeRawBufferPointer, documentFrequency: Int,
         documentLimit: UInt32, skips: UnsafeRawBufferPointer, impacts: UnsafeRawBufferPointer) {
        codec = .blocks
        reader = ByteReader(documents)
        positionsStream = positions
        self.documentLimit = documentLimit
        self.documentFrequency = documentFrequency
        self.skips = skips
        entrySize = PostingsSkips.entrySizeWithPositions
        self.impacts = impacts
    }

    /// An empty cursor over a dictionary entry that points outside the file.
    init(damaged: Void) {
        codec = .interleaved
        reader = ByteReader(UnsafeRawBufferPointer(start: nil, count: 0))
        positionsStream = UnsafeRawBufferPointer(start: nil, count: 0)
        documentLimit = 0
        documentFrequency = 0
        skips = UnsafeRawBufferPointer(start: nil, count: 0)
        entrySize = PostingsSkips.entrySize
        impacts = skips
        isDamaged = true
    }

    /// Occurrences of the term in the current document, all fields.
    public var frequency: UInt32 {
        mutating get { frequencies.total }
    }

    /// All fields' frequencies of block slot `slot`, added up.
    private func totalFrequency(at slot: Int) -> Int {
        Int(frequencyTable[slot]) + Int(frequencyTable[128 + slot]) + Int(frequencyTable[256 + slot]) + Int(frequencyTable[384 + slot])
    }

    /// Occurrences per field in the current document.
    /// A full block's frequencies are decoded on first use: a search that
    /// only moves through a block (to a later document, or past a block
    /// that cannot make the top k) never decodes them.
    public var frequencies: FieldCounts {
        @inline(__always) mutating get {
            if pendingFrequencies >= 0 { decodeFrequencies() }
            return FieldCounts(title: frequencyTable[index], headings: frequencyTable[128 + index],
                               body: frequencyTable[256 + index], url: frequencyTable[384 + index])
        }
    }

    // MARK: Skip data

    /// Blocks with skip entries (0 without skip data).
    public var blockCount: Int { skips.count / entrySize }

    /// Block `index`'s skip entry.
    public func skipEntry(_ index: Int) -> SkipEntry { SkipEntry(skips, index: index, size: entrySize) }

    /// Block `index`'s last document (its skip entry's first field).
    @inline(__always)
    public func lastDocument(ofBlock index: Int) -> UInt32 {
        UInt32(littleEndian: skips.loadUnaligned(fromByteOffset: index * entrySize, as: UInt32.self))
    }

    /// The first block whose last document is at or after `document`; nil
    /// without skip data, or when no block reaches it.
    public func block(reaching document: Int) -> Int? {
        var low = 0, high = blockCount
        guard high > 0 else { return nil }
        while low < high {
            let middle = (low + high) / 2
            if Int(lastDocument(ofBlock: middle)) < document { low = middle + 1 } else { high = middle }
        }
        return low < blockCount ? low : nil
    }

    /// Calls `body` with each impact of block `index`: a field, a
    /// frequency and a field length such that every document of the block
    /// holding the term in that field has at most that frequency or at
    /// least that length. False when the impacts are damaged (then only
    /// the entry's largest frequencies and shortest lengths are to be used).
    public func forEachImpact(ofBlock index: Int, _ body: (IndexField, UInt32, UInt32) -> Void) -> Bool {
        let start = Int(skipEntry(index).impactsOffset)
        guard start <= impacts.count else { return false }
        var reader = ByteReader(impacts, offset: start)
        for field in IndexField.allCases {
            guard let count = reader.byte(), Int(count) <= PostingsSkips.maximumImpacts else { return false }
            for _ in 0..<count {
                guard let frequency = reader.varint(), let length = reader.varint(),
                      frequency <= UInt64(UInt32.max), length <= UInt64(UInt32.max) else { return false }
                body(field, UInt32(frequency), UInt32(length))
            }
        }
        return true
    }

    // MARK: Walking

    /// Advances to the next document; false at the end.
    @inline(__always)
    public mutating func next() -> Bool {
        index += 1
        if index < count {
            document = documents[index]
            return true
        }
        return decodeNextBlock()
    }

    /// Advances to the first document ≥ `target`; false at the end.
    public mutating func advance(to target: UInt32) -> Bool {
        if index >= 0 && index < count {
            if document >= target { return true }
            if documents[count - 1] >= target {
                // In the buffered block.
                repeat { index += 1 } while documents[index] < target
                document = documents[index]
                return true
            }
        }
        if !skips.isEmpty { skip(to: target) }
        while next() {
            if document >= target { return true }
        }
        return false
    }

    /// Jumps over the blocks that end before `target`: to just after the
    /// last of them, as if it had been read. Entries that do not move
    /// forward in the stream mark the cursor damaged.
    private mutating func skip(to target: UInt32) {
        let blocks = blockCount
        var block = nextBlock
        while block < blocks, lastDocument(ofBlock: block) < target { block += 1 }
        guard block > nextBlock else { return }
        guard block < blocks else {
            // Past the last block's last document: nothing is left.
            finishWalk()
            return
        }
        let previous = SkipEntry(skips, index: block - 1, size: entrySize)
        guard Int(previous.end) >= reader.offset, Int(previous.end) <= reader.end,
              previous.lastDocument < documentLimit, Int64(previous.lastDocument) >= previousLast
        else {
            fail()
            return
        }
        reader.offset = Int(previous.end)
        previousLast = Int64(previous.lastDocument)
        nextBlock = block
        count = 0
        index = -1
    }

    private mutating func finishWalk() {
        reader.offset = reader.end
        nextBlock = Int.max
        count = 0
        index = 0
    }

    private mutating func fail() {
        isDamaged = true
        finishWalk()
    }

    /// Decodes the next block and moves to its first document; false at the
    /// end of the postings or on damage.
    private mutating func decodeNextBlock() -> Bool {
        let decoded = nextBlock < Int.max ? nextBlock * PostingsSkips.blockSize : documentFrequency
        guard decoded < documentFrequency else {
            finishWalk()
            return false
        }
        let size = min(PostingsSkips.blockSize, documentFrequency - decoded)
        if !isKnownUniquelyReferenced(&storage) { storage = PostingsBlock() }
        pendingFrequencies = -1
        let intact: Bool
        switch codec {
        case .blocks: intact = size == PostingsSkips.blockSize ? decodeFullBlock() : decodePartialBlock(size)
        case .interleaved: intact = decodeInterleaved(size)
        }
        guard intact else {
            fail()
            return false
        }
        count = size
        index = 0
        nextBlock += 1
        previousLast = Int64(documents[size - 1])
        document = documents[0]
        return true
    }

    private mutating func decodeFullBlock() -> Bool {
        guard let width = reader.byte(), width <= 32,
              let packed = reader.bytes(BitPacking.byteCount(width: Int(width))) else { return false }
        var running = UInt64(bitPattern: previousLast)   // −1 wraps; the first + 1 wraps back
        let values = documents
        BitPacking.unpack(packed.baseAddress!, width: Int(width), into: values)
        for index in 0..<BitPacking.count {
            running = running &+ UInt64(values[index]) &+ 1
            values[index] = UInt32(truncatingIfNeeded: running)
        }
        // 128 gaps below 2^32 cannot wrap a UInt64 started at −1 or a UInt32.
        guard running < UInt64(documentLimit) else { return false }
        // The frequencies: checked to lie in the stream, decoded when asked for.
        let maskOffset = reader.offset
        guard let mask = reader.byte(), mask != 0, mask < 1 << IndexField.allCases.count else { return false }
        for field in 0..<IndexField.allCases.count where mask & (1 << UInt8(field)) != 0 {
            guard let width = reader.byte(), width <= 32, reader.bytes(BitPacking.byteCount(width: Int(width))) != nil
            else { return false }
        }
        pendingFrequencies = maskOffset
        return true
    }

    /// Decodes the buffered full block's frequencies (their bounds were
    /// checked when the block was read). A document whose frequencies are
    /// all 0 is damage that `scour check` reports; a search scores it 0.
    private mutating func decodeFrequencies() {
        if !isKnownUniquelyReferenced(&storage) { storage = PostingsBlock(copying: storage) }
        var fields = ByteReader(UnsafeRawBufferPointer(start: reader.base, count: reader.end), offset: pendingFrequencies)
        pendingFrequencies = -1
        let mask = fields.byte() ?? 0
        for field in 0..<IndexField.allCases.count {
            let target = frequencyTable + field * BitPacking.count
            guard mask & (1 << UInt8(field)) != 0, let width = fields.byte(),
                  let packed = fields.bytes(BitPacking.byteCount(width: Int(width))) else {
                target.update(repeating: 0, count: BitPacking.count)
                continue
            }
            BitPacking.unpack(packed.baseAddress!, width: Int(width), into: target)
        }
    }

    private mutating func decodePartialBlock(_ size: Int) -> Bool {
        var previous = previousLast
        for slot in 0..<size {
            guard let word = reader.varint() else { return false }
            let gap = word >> 2
            guard gap < UInt64(documentLimit) else { return false }
            let candidate = previous + 1 + Int64(gap)
            guard candidate < Int64(documentLimit) else { return false }
            switch word & 3 {
            case PostingsCodec.TailCode.bodyOnce:
                setBodyOnly(slot, frequency: 1)
            case PostingsCodec.TailCode.body:
                guard let frequency = reader.varint(), frequency > 0, frequency <= UInt64(UInt32.max) else { return false }
                setBodyOnly(slot, frequency: UInt32(frequency))
            case PostingsCodec.TailCode.fields:
                guard readFrequencies(into: slot) else { return false }
            default:
                return false
            }
            documents[slot] = UInt32(candidate)
            previous = candidate
        }
        return true
    }

    @inline(__always)
    private func setBodyOnly(_ slot: Int, frequency: UInt32) {
        frequencyTable[slot] = 0
        frequencyTable[128 + slot] = 0
        frequencyTable[256 + slot] = frequency
        frequencyTable[384 + slot] = 0
    }

    private mutating func decodeInterleaved(_ size: Int) -> Bool {
        var previous = previousLast
        for slot in 0..<size {
            guard let delta = reader.varint(), readFrequencies(into: slot),
                  let length = reader.varint(), length <= UInt64(reader.end - reader.offset)
            else { return false }
            // delta < documentLimit keeps the sum from overflowing.
            guard delta < UInt64(documentLimit), previous < 0 || delta > 0 else { return false }
            let candidate = previous < 0 ? Int64(delta) : previous + Int64(delta)
            guard candidate < Int64(documentLimit) else { return false }
            documents[slot] = UInt32(candidate)
            positionSlices[slot] = UInt64(reader.offset) << 32 | length
            reader.offset += Int(length)
            previous = candidate
        }
        return true
    }

    /// Reads a field mask and its frequencies into block slot `slot`.
    @inline(__always)
    private mutating func readFrequencies(into slot: Int) -> Bool {
        guard let mask = reader.byte(), mask != 0, mask < 1 << IndexField.allCases.count else { return false }
        for field in 0..<IndexField.allCases.count {
            var value: UInt32 = 0
            if mask & (1 << UInt8(field)) != 0 {
                guard let frequency = reader.varint(), frequency > 0, frequency <= UInt64(UInt32.max) else { return false }
                value = UInt32(frequency)
            }
            frequencyTable[field * 128 + slot] = value
        }
        return true
    }

    // MARK: Positions

    /// Where the current posting ends in interleaved postings (bytes).
    var byteOffset: Int {
        let slice = positionSlices[index]
        return Int(slice >> 32) + Int(slice & 0xFFFF_FFFF)
    }

    /// Decodes the current document's positions into `positions` (replacing
    /// its contents). Decoding stops at damaged bytes or a position past
    /// `UInt32.max` (see ``positionsAreValid()``).
    public mutating func positions(into positions: inout [UInt32]) {
        positions.removeAll(keepingCapacity: true)
        _ = readPositions { positions.append($0) }
    }

    /// Whether the current document's positions decode completely: whole
    /// varints, non-decreasing, within `UInt32`, as many as its
    /// frequencies add up to. What ``IndexChecker`` checks for every posting.
    public mutating func positionsAreValid() -> Bool {
        readPositions { _ in }
    }

    /// Calls `body` with each position of the current document; false when
    /// they do not decode completely.
    private mutating func readPositions(_ body: (UInt32) -> Void) -> Bool {
        guard index >= 0, index < count else { return true }
        if pendingFrequencies >= 0 { decodeFrequencies() }
        var sub: ByteReader
        var expected = Int.max
        switch codec {
        case .interleaved:
            let slice = positionSlices[index]
            sub = ByteReader(UnsafeRawBufferPointer(start: reader.base + Int(slice >> 32), count: Int(slice & 0xFFFF_FFFF)))
        case .blocks:
            guard !positionsStream.isEmpty else { return true }   // a term without positions
            guard let start = positionsStart() else { return false }
            sub = ByteReader(positionsStream, offset: start)
            expected = totalFrequency(at: index)
        }
        var previous: UInt64 = 0
        var read = 0
        // Non-decreasing: a Han character is indexed on its own as well as
        // in the bigrams around it, and can repeat a position.
        while read < expected && !(expected == Int.max && sub.isAtEnd) {
            guard let delta = sub.varint() else { return false }
            let (next, overflow) = previous.addingReportingOverflow(delta)
            guard !overflow, next <= UInt64(UInt32.max) else { return false }
            previous = next
            body(UInt32(previous))
            read += 1
        }
        if codec == .blocks {
            positionsOffset = sub.offset
            positionsDocument = index + 1
        }
        return true
    }

    /// The offset just after the `count` varints starting at `offset`;
    /// nil when `bytes` ends first. Eight bytes at a time while all their
    /// varint ends are wanted.
    static func skipVarints(_ count: Int, in bytes: UnsafeRawBufferPointer, from offset: Int) -> Int? {
        var remaining = count
        var offset = offset
        while remaining >= 8 && offset + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let ends = (~word & 0x8080_8080_8080_8080).nonzeroBitCount
            // Fewer ends than wanted: the word holds no byte past the last one wanted.
            guard ends < remaining else { break }
            remaining -= ends
            offset += 8
        }
        while remaining > 0 {
            guard offset < bytes.count else { return nil }
            if bytes[offset] < 0x80 { remaining -= 1 }
            offset += 1
        }
        return offset
    }

    /// The offset of the current document's positions in the positions
    /// stream: found from its block's start by stepping over the positions
    /// of the documents before it; nil when the stream is damaged.
    private mutating func positionsStart() -> Int? {
        let block = nextBlock - 1
        if positionsBlock != block || positionsDocument > index + 1 {
            let start = block == 0 ? 0 : Int(SkipEntry(skips, index: block - 1, size: entrySize).positionsEnd)
            guard block == 0 || block - 1 < blockCount, start <= positionsStream.count else { return nil }
            positionsBlock = block
            positionsDocument = 0
            positionsOffset = start
        }
        if positionsDocument == index + 1 { return currentPositionsStart }   // asked again
        // Step over as many varints as the documents before it have
        // positions: a varint ends at each byte below 0x80.
        var remaining = 0
        while positionsDocument < index {
            remaining += totalFrequency(at: positionsDocument)
            positionsDocument += 1
        }
        guard let offset = Self.skipVarints(remaining, in: positionsStream, from: positionsOffset) else { return nil }
        positionsOffset = offset
        currentPositionsStart = offset
        return offset
    }
}

/// One decoded block of a ``PostingsCursor``: documents, frequencies field
/// by field (field f's at `f × 128 ..< (f + 1) × 128`) and, for interleaved
/// postings, each document's positions as offset << 32 | length.
private final class PostingsBlock {
    let documents: UnsafeMutablePointer<UInt32>
    let frequencies: UnsafeMutablePointer<UInt32>
    let positionSlices: UnsafeMutablePointer<UInt64>

    convenience init(copying other: PostingsBlock) {
        self.init()
        documents.update(from: other.documents, count: 128)
        frequencies.update(from: other.frequencies, count: 512)
        positionSlices.update(from: other.positionSlices, count: 128)
    }

    init() {
        documents = .allocate(capacity: 128)
        documents.initialize(repeating: 0, count: 128)
        frequencies = .allocate(capacity: 512)
        frequencies.initialize(repeating: 0, count: 512)
        positionSlices = .allocate(capacity: 128)
        positionSlices.initialize(repeating: 0, count: 128)
    }

    deinit {
        documents.deallocate()
        frequencies.deallocate()
        positionSlices.deallocate()
    }
}
