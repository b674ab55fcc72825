/// The postings encoding: the one place that knows how a term's list of
/// (document, frequency, positions) is laid out in bytes.
///
/// Format version 2, per document in ascending document order:
///
///     varint  document delta (from the previous document; the first is the id itself)
///     byte    field mask: bit f set when the term occurs in field f (see ``IndexField``)
///     varint* the term's frequency in each field whose bit is set, in field order
///     varint  byte length of the positions that follow
///     varint* position deltas (the first is the position itself)
///
/// Storing the positions' byte length lets a scorer that does not need
/// positions skip them without decoding. A faster codec (blocks, bit
/// packing, skip data) replaces this type and ``PostingsCursor`` only.
public enum PostingsCodec {
    /// Codec identifier stored in each segment's header.
    public static let identifier: UInt32 = 2

    /// Appends one document's postings for a term.
    ///
    /// - Parameters:
    ///   - positions: ascending token positions of the term in the document.
    static func append(
        document: UInt32, previousDocument: UInt32?, frequencies: FieldCounts,
        positions: UnsafeBufferPointer<UInt32>, to buffer: inout [UInt8]
    ) {
        let delta = previousDocument.map { document - $0 } ?? document
        buffer.appendVarint(delta)
        var mask: UInt8 = 0
        for field in IndexField.allCases where frequencies[field] > 0 { mask |= 1 << UInt8(field.rawValue) }
        buffer.append(mask)
        for field in IndexField.allCases where frequencies[field] > 0 { buffer.appendVarint(frequencies[field]) }
        var length = 0
        var previous: UInt32 = 0
        for position in positions {
            length += varintSize(position - previous)
            previous = position
        }
        buffer.appendVarint(UInt32(length))
        previous = 0
        for position in positions {
            buffer.appendVarint(position - previous)
            previous = position
        }
    }
}

/// Walks one term's postings in document order.
///
/// A cursor is a small value over memory-mapped bytes; decoding damaged
/// bytes stops the walk instead of crashing.
public struct PostingsCursor {
    private var reader: ByteReader
    private let documentLimit: UInt32
    /// The current document (segment-local id); valid after ``next()`` returned true.
    public private(set) var document: UInt32 = 0
    /// Occurrences of the term in the current document, all fields.
    public var frequency: UInt32 { frequencies.total }
    /// Occurrences per field.
    public private(set) var frequencies = FieldCounts()
    private var positionsOffset = 0
    private var positionsLength = 0
    private var started = false
    /// Set when the bytes turned out to be inconsistent.
    public private(set) var isDamaged = false
    /// Skip entries (``PostingsSkips``), one per block; empty for a term in
    /// one block or a segment before format 5.
    private let skips: UnsafeRawBufferPointer
    /// The blocks' impacts (see ``PostingsSkips``).
    private let impacts: UnsafeRawBufferPointer
    /// Postings decoded so far (which block the cursor is in).
    private var decoded = 0

    init(bytes: UnsafeRawBufferPointer, documentLimit: UInt32,
         skips: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0),
         impacts: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)) {
        reader = ByteReader(bytes)
        self.documentLimit = documentLimit
        self.skips = skips
        self.impacts = impacts
    }

    /// Calls `body` with each impact of block `index`: a field, a
    /// frequency and a field length such that every document of the block
    /// holding the term in that field has at most that frequency or at
    /// least that length. False when the impacts are damaged (then only
    /// the entry's largest frequencies and shortest lengths are to be used).
    public func forEachImpact(ofBlock index: Int, _ body: (IndexField, UInt32, UInt32) -> Void) -> Bool {
        let start = Int(SkipEntry(skips, index: index).impactsOffset)
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

    /// Where the current posting ends in the term's postings (bytes).
    var byteOffset: Int { reader.offset }

    /// Blocks with skip entries (0 without skip data).
    public var blockCount: Int { skips.count / PostingsSkips.entrySize }

    /// Block `index`'s skip entry.
    public func skipEntry(_ index: Int) -> SkipEntry { SkipEntry(skips, index: index) }

    /// The first block whose last document is at or after `document`; nil
    /// without skip data, or when no block reaches it.
    public func block(reaching document: Int) -> Int? {
        var low = 0, high = blockCount
        guard high > 0 else { return nil }
        while low < high {
            let middle = (low + high) / 2
            if Int(skipEntry(middle).lastDocument) < document { low = middle + 1 } else { high = middle }
        }
        return low < blockCount ? low : nil
    }

    /// The block the cursor is on (the next posting's block before the first).
    public var currentBlock: Int { max(0, decoded - 1) / PostingsSkips.blockSize }

    /// An empty cursor over a dictionary entry that points outside the file.
    init(damaged: Void) {
        reader = ByteReader(UnsafeRawBufferPointer(start: nil, count: 0))
        documentLimit = 0
        isDamaged = true
        skips = UnsafeRawBufferPointer(start: nil, count: 0)
        impacts = UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// Advances to the next document; false at the end.
    @inline(__always)
    public mutating func next() -> Bool {
        guard !reader.isAtEnd else { return false }
        guard let delta = reader.varint(), let mask = reader.byte(), mask != 0, mask < 1 << IndexField.allCases.count
        else { return fail() }
        var counts = FieldCounts()
        for field in IndexField.allCases where mask & (1 << UInt8(field.rawValue)) != 0 {
            guard let count = reader.varint(), count > 0, count <= UInt64(UInt32.max) else { return fail() }
            counts[field] = UInt32(count)
        }
        guard let length = reader.varint(), length <= UInt64(reader.end - reader.offset) else { return fail() }
        // delta < documentLimit keeps the sum from overflowing.
        guard delta < UInt64(documentLimit), !started || delta > 0 else { return fail() }
        let candidate = started ? UInt64(document) + delta : delta
        guard candidate < UInt64(documentLimit) else { return fail() }
        started = true
        decoded += 1
        document = UInt32(candidate)
        frequencies = counts
        positionsOffset = reader.offset
        positionsLength = Int(length)
        reader.offset += Int(length)
        return true
    }

    private mutating func fail() -> Bool {
        isDamaged = true
        reader.offset = reader.end
        return false
    }

    /// Advances to the first document ≥ `target`; false at the end.
    public mutating func advance(to target: UInt32) -> Bool {
        if started && document >= target { return true }
        if !skips.isEmpty { skip(to: target) }
        while next() {
            if document >= target { return true }
        }
        return false
    }

    /// Jumps over the blocks that end before `target`: to just after the
    /// last of them, as if its postings had been read. Entries that do not
    /// move forward inside the postings mark the cursor damaged.
    private mutating func skip(to target: UInt32) {
        let blocks = blockCount
        let current = decoded / PostingsSkips.blockSize   // the block the next posting is in
        var block = current
        while block < blocks, SkipEntry(skips, index: block).lastDocument < target { block += 1 }
        guard block > current else { return }
        guard block < blocks else {
            // Past the last block's last document: nothing is left.
            reader.offset = reader.end
            return
        }
        let previous = SkipEntry(skips, index: block - 1)
        guard Int(previous.end) >= reader.offset, Int(previous.end) <= reader.end,
              previous.lastDocument < documentLimit, !started || previous.lastDocument >= document
        else {
            _ = fail()
            return
        }
        reader.offset = Int(previous.end)
        document = previous.lastDocument
        started = true
        decoded = block * PostingsSkips.blockSize
    }

    /// Decodes the current document's positions into `positions` (replacing
    /// its contents). Decoding stays inside the document's slice and stops
    /// at a damaged varint or a position past `UInt32.max` (see
    /// ``positionsAreValid()``).
    public func positions(into positions: inout [UInt32]) {
        positions.removeAll(keepingCapacity: true)
        var sub = positionsReader
        var previous: UInt64 = 0
        while !sub.isAtEnd, let delta = sub.varint() {
            let (next, overflow) = previous.addingReportingOverflow(delta)
            guard !overflow, next <= UInt64(UInt32.max) else { return }
            previous = next
            positions.append(UInt32(previous))
        }
    }

    /// Whether the current document's positions decode completely: whole
    /// varints, non-decreasing, within `UInt32`. What
    /// ``IndexChecker`` checks for every posting.
    public func positionsAreValid() -> Bool {
        var sub = positionsReader
        // Non-decreasing: a Han character is indexed on its own as well as
        // in the bigrams around it, and can repeat a position.
        var previous: UInt64 = 0
        while !sub.isAtEnd {
            guard let delta = sub.varint() else { return false }
            let (next, overflow) = previous.addingReportingOverflow(delta)
            guard !overflow, next <= UInt64(UInt32.max) else { return false }
            previous = next
        }
        return true
    }

    private var positionsReader: ByteReader {
        ByteReader(UnsafeRawBufferPointer(start: reader.base + positionsOffset, count: positionsLength))
    }
}
