/// Writes one term's postings as a block-postings region (see
/// ``PostingsCodec``): documents added in ascending order, then
/// ``finish(into:)``.
///
/// Memory: one block of pending documents, the term's document stream and
/// skip data, and its positions stream — which a streaming writer can move
/// out as it grows (``drainPositions(into:)``), since positions come first
/// in the region.
struct PostingsEncoder {
    private var documents: [UInt8] = []
    private var positions: [UInt8] = []
    /// Positions bytes already handed out by ``drainPositions(into:)``.
    private var positionsDrained = 0
    private var skips = PostingsSkips.Builder(withPositions: true)
    private var hasPositions: Bool?
    private var pendingDocuments: [UInt32] = []
    private var pendingFrequencies: [FieldCounts] = []
    private var pendingLengths: [FieldCounts] = []
    private var scratch = [UInt32](repeating: 0, count: BitPacking.count)
    private var previous: Int64 = -1
    private(set) var documentFrequency = 0

    init() {
        pendingDocuments.reserveCapacity(BitPacking.count)
        pendingFrequencies.reserveCapacity(BitPacking.count)
        pendingLengths.reserveCapacity(BitPacking.count)
    }

    /// Empties the encoder for the next term, keeping its buffers: a
    /// segment has many more rare terms than common ones, and allocating
    /// per term was most of writing a rare term's postings.
    mutating func reset() {
        documents.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        positionsDrained = 0
        skips.reset()
        hasPositions = nil
        pendingDocuments.removeAll(keepingCapacity: true)
        pendingFrequencies.removeAll(keepingCapacity: true)
        pendingLengths.removeAll(keepingCapacity: true)
        previous = -1
        lastWritten = 0
        documentFrequency = 0
    }

    /// Positions bytes held (not yet drained).
    var pendingPositionsBytes: Int { positions.count }

    /// Positions bytes written so far, drained or not.
    private var positionsLength: Int { positionsDrained + positions.count }

    /// Adds a document after the previous one. `positions` are its
    /// ascending positions, as many as its frequencies add up to, or none
    /// for a term without positions (then for every document). `lengths`
    /// are its field lengths, for the skip data's impacts. False (and
    /// nothing added) when the document does not come after the last one,
    /// has no frequency, or breaks the positions rule.
    mutating func add(document: UInt32, frequencies: FieldCounts, positions: UnsafeBufferPointer<UInt32>,
                      lengths: FieldCounts) -> Bool {
        let total = UInt64(frequencies.title) + UInt64(frequencies.headings) + UInt64(frequencies.body) + UInt64(frequencies.url)
        guard Int64(document) > previous, total > 0 else { return false }
        let positional = !positions.isEmpty
        if let hasPositions {
            guard hasPositions == positional else { return false }
        } else {
            hasPositions = positional
        }
        if positional {
            guard UInt64(positions.count) == total else { return false }
            var last: UInt32 = 0
            for position in positions {
                guard position >= last else { return false }
                self.positions.appendVarint(position - last)
                last = position
            }
        }
        pendingDocuments.append(document)
        pendingFrequencies.append(frequencies)
        pendingLengths.append(lengths)
        previous = Int64(document)
        documentFrequency += 1
        if pendingDocuments.count == BitPacking.count { writeFullBlock() }
        return true
    }

    /// Moves the positions written so far to the end of `buffer` (the
    /// region's first bytes: nothing else of the term may have been written).
    mutating func drainPositions(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: positions)
        positionsDrained += positions.count
        positions.removeAll(keepingCapacity: true)
    }

    /// Whether the region's offsets fit the format's 32-bit fields.
    var fits: Bool { skips.fits && documents.count <= Int(UInt32.max) && positionsLength <= Int(UInt32.max) }

    /// Appends the rest of the region to `buffer`: the positions not yet
    /// drained, the documents, the skip data and the positions' length.
    mutating func finish(into buffer: inout [UInt8]) {
        if !pendingDocuments.isEmpty { writePartialBlock() }
        buffer.append(contentsOf: positions)
        buffer.append(contentsOf: documents)
        buffer.append(contentsOf: skips.finish(documentFrequency: documentFrequency))
        PostingsCodec.appendBackwardVarint(UInt64(positionsLength), to: &buffer)
    }

    /// The region as one array (what tests and the checker compare).
    mutating func finish() -> [UInt8] {
        var region: [UInt8] = []
        finish(into: &region)
        return region
    }

    private mutating func writeFullBlock() {
        var base = blockBase
        for (index, document) in pendingDocuments.enumerated() {
            scratch[index] = UInt32(Int64(document) - base - 1)
            base = Int64(document)
        }
        pack()
        var mask: UInt8 = 0
        for frequencies in pendingFrequencies { mask |= Self.mask(of: frequencies) }
        documents.append(mask)
        for field in IndexField.allCases where mask & (1 << UInt8(field.rawValue)) != 0 {
            for (index, frequencies) in pendingFrequencies.enumerated() { scratch[index] = frequencies[field] }
            pack()
        }
        closeBlock()
    }

    /// The last document of the block before the pending one (−1 for the first).
    private var blockBase: Int64 {
        documentFrequency > pendingDocuments.count ? Int64(lastWritten) : -1
    }
    private var lastWritten: UInt32 = 0

    private mutating func pack() {
        scratch.withUnsafeBufferPointer { values in
            let width = BitPacking.width(values)
            documents.append(UInt8(width))
            BitPacking.pack(values, width: width, to: &documents)
        }
    }

    private mutating func writePartialBlock() {
        var base = blockBase
        for (document, frequencies) in zip(pendingDocuments, pendingFrequencies) {
            let gap = UInt64(Int64(document) - base - 1)
            let mask = Self.mask(of: frequencies)
            if mask == Self.bodyOnly {
                // The common case: the term in the body alone.
                if frequencies.body == 1 {
                    documents.appendVarint(gap << 2 | PostingsCodec.TailCode.bodyOnce)
                } else {
                    documents.appendVarint(gap << 2 | PostingsCodec.TailCode.body)
                    documents.appendVarint(frequencies.body)
                }
            } else {
                documents.appendVarint(gap << 2 | PostingsCodec.TailCode.fields)
                documents.append(mask)
                for field in IndexField.allCases where mask & (1 << UInt8(field.rawValue)) != 0 {
                    documents.appendVarint(frequencies[field])
                }
            }
            base = Int64(document)
        }
        // Written at the end: the document frequency is final.
        closeBlock(record: PostingsSkips.present(documentFrequency: documentFrequency))
    }

    /// Records the written block in the skip data (unless `record` is
    /// false: the last block of a term that has no skip data) and empties it.
    private mutating func closeBlock(record: Bool = true) {
        for index in pendingDocuments.indices where record {
            skips.add(document: pendingDocuments[index], frequencies: pendingFrequencies[index],
                      lengths: pendingLengths[index], end: UInt64(documents.count), positionsEnd: UInt64(positionsLength))
        }
        lastWritten = pendingDocuments.last ?? lastWritten
        pendingDocuments.removeAll(keepingCapacity: true)
        pendingFrequencies.removeAll(keepingCapacity: true)
        pendingLengths.removeAll(keepingCapacity: true)
    }

    static let bodyOnly: UInt8 = 1 << UInt8(IndexField.body.rawValue)

    @inline(__always)
    static func mask(of frequencies: FieldCounts) -> UInt8 {
        (frequencies.title > 0 ? 1 : 0) | (frequencies.headings > 0 ? 2 : 0)
            | (frequencies.body > 0 ? 4 : 0) | (frequencies.url > 0 ? 8 : 0)
    }
}
