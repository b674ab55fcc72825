import ScourPrimitives

/// The term dictionary and the spelling dictionary of a segment, as
/// written from format 7 (``SegmentLayout/packedDictionaryVersion``), and
/// the older layouts readers still accept.
///
/// **Terms.** Terms are sorted by their bytes, and both their bytes and
/// their postings are laid out in that order, so where one ends is where
/// the next begins. From format 7 the terms come in blocks of
/// ``blockSize`` (128); a block has a 24-byte header
///
///     u64 where its first term's postings start in the postings section
///     u32 where its first term's bytes start in the term bytes
///     u32 where its packed values start, from the end of the headers
///     u32 its smallest document frequency
///     u8 × 3 the widths of its three packed arrays, u8 0
///
/// After all the headers comes the block index (``BlockIndex``): a u32 per
/// block, where its first term ends in the bytes that follow, then the
/// blocks' first terms one after another; a lookup binary-searches these
/// few pages for its block and reads that block alone. Then each block's
/// packed values (``BitPacking``, 128
/// values each, the last block padded with zeros): each term's bytes'
/// start from the block's, its document frequency less the smallest, and
/// its postings' start from the block's. A term's bytes and postings end
/// where the next term's start (the next block's first, or the section's
/// end for the last term). A block of rare words packs a term's entry in
/// about 3 bytes, and random access by index stays a few loads, so
/// vocabulary searches (prefix, fuzzy, spelling) still hand out pointers
/// into the mapped file without copying; front coding the term bytes
/// would save more but give that up.
///
/// Format 6 had a 12-byte entry per term (u32 term-bytes start, u32
/// document frequency, u32 postings start from a u64 base per 64 terms
/// that followed the entries); before it an entry was 24 bytes: u64
/// postings offset, u32 postings length, u32 term-bytes offset, u32 term
/// length, u32 document frequency.
///
/// **Spelling words** (surface words with their document frequencies)
/// are sorted by bytes. A word that is also a term (an unstemmed word) is
/// not stored again: it refers to the term by index. Any other word is
/// stored in the spelling bytes as a varint length and its UTF-8 and is
/// referred to by where that starts. From format 7 words come in blocks
/// of 128 with a 24-byte header
///
///     u32 the term index the block's term references count from
///     u32 the spelling-bytes offset its own words' references count from
///     u32 its smallest frequency
///     u32 where its packed values start, from the end of the headers
///     u8 × 2 the widths of its two packed arrays, u8 × 6 0
///
/// and packed values: per word its reference from the base of its kind,
/// shifted left by one, with the low bit set for a term's index; and its
/// frequency less the smallest. In format 6 an entry was 8 bytes: u32
/// reference (bit 31 set for a term's index) and u32 frequency; before it
/// 12 bytes: u32 offset, u32 length, u32 frequency.
enum TermDictionary {
    /// Terms or spelling words per block (``BitPacking/count``).
    static let blockSize = BitPacking.count
    static let headerSize = 24
    static let spellingHeaderSize = 24

    /// Bytes of the block headers of `count` terms or words
    /// (`UInt64.max` when that overflows: a damaged footer's count).
    static func headersLength(count: UInt64) -> UInt64 {
        let blocks = count / UInt64(blockSize) + (count % UInt64(blockSize) == 0 ? 0 : 1)
        let (length, overflow) = blocks.multipliedReportingOverflow(by: UInt64(headerSize))
        return overflow ? .max : length
    }

    // MARK: Older layouts (read only)

    /// Format 6's terms per postings base.
    static let compactBlockSize = 64
    static let compactEntrySize = 12
    /// Before format 6.
    static let wideEntrySize = 24
    /// Marks a format-6 spelling word's reference as a term's index.
    static let inTermBytes: UInt32 = 1 << 31
    static let compactSpellingEntrySize = 8
    /// Before format 6.
    static let wideSpellingEntrySize = 12

    /// Bytes of format 6's term table for `count` terms.
    static func compactTableLength(count: UInt64) -> (length: UInt64, overflow: Bool) {
        let (entries, first) = count.multipliedReportingOverflow(by: UInt64(compactEntrySize))
        let (bases, second) = ((count + UInt64(compactBlockSize) - 1) / UInt64(compactBlockSize)).multipliedReportingOverflow(by: 8)
        let (total, third) = entries.addingReportingOverflow(bases)
        return (total, first || second || third)
    }

    // MARK: Writing

    /// Packs blocks of up to 128 rows into 24-byte headers and packed
    /// columns, for the term and the spelling tables alike: a header is 12
    /// bytes of the table's own bases, u32 where the block's packed values
    /// start (from the end of the headers), u32 the smallest value of
    /// column 1 (the frequencies, stored less it), a u8 width per column
    /// and zeros.
    struct BlockPacker {
        private var headers: [UInt8] = []
        private var packed: [UInt8] = []
        private(set) var columns: [[UInt32]]

        init(columns: Int) {
            self.columns = Array(repeating: [], count: columns)
            for column in self.columns.indices { self.columns[column].reserveCapacity(BitPacking.count) }
        }

        /// Rows added since the last ``pack(bases:)``.
        var pending: Int { columns[0].count }

        mutating func append(_ row: UInt32, to column: Int) { columns[column].append(row) }

        /// Packs the pending rows (if any) under a header with `bases` (12
        /// bytes). False when the packed values outgrow 32-bit offsets.
        mutating func pack(bases: [UInt8]) -> Bool {
            guard pending > 0 else { return true }
            guard packed.count <= Int(UInt32.max) else { return false }
            assert(bases.count == 12)
            let smallest = columns[1].min() ?? 0
            for row in columns[1].indices { columns[1][row] -= smallest }
            var header = bases
            header.appendInteger(UInt32(packed.count))
            header.appendInteger(smallest)
            for column in columns.indices {
                columns[column].append(contentsOf: repeatElement(0, count: BitPacking.count - columns[column].count))
                let width = columns[column].withUnsafeBufferPointer(BitPacking.width)
                header.append(UInt8(width))
                columns[column].withUnsafeBufferPointer { BitPacking.pack($0, width: width, to: &packed) }
                columns[column].removeAll(keepingCapacity: true)
            }
            header.append(contentsOf: repeatElement(0, count: TermDictionary.headerSize - header.count))
            headers.append(contentsOf: header)
            return true
        }

        /// Headers, then `between`, then the packed values (after ``pack(bases:)``).
        func table(between: [UInt8] = []) -> [UInt8] { headers + between + packed }
    }

    /// Collects the terms, in order, with where their postings start.
    struct Writer {
        private(set) var termBytes: [UInt8] = []
        /// Where each term's bytes start (for the spelling words' merge-join).
        private(set) var starts: [UInt32] = []
        private(set) var count = 0
        private var packer = BlockPacker(columns: 3)   // bytes' starts, frequencies, postings' starts
        private var postingsBase: UInt64 = 0
        private var termBase: UInt32 = 0
        /// The block index: where each block's first term ends in `firstTerms`.
        private var firstTermEnds: [UInt8] = []
        private var firstTerms: [UInt8] = []

        /// Adds the next term (after the previous one in byte order), whose
        /// postings start at `postingsStart` in the postings section. False
        /// when the term bytes or a block's postings outgrow the format's
        /// 32-bit offsets.
        mutating func add(_ term: UnsafeRawBufferPointer, documentFrequency: UInt32, postingsStart: UInt64) -> Bool {
            guard termBytes.count + term.count <= Int(UInt32.max) else { return false }
            if packer.pending == TermDictionary.blockSize { guard pack() else { return false } }
            if packer.pending == 0 {
                guard firstTerms.count + term.count <= Int(UInt32.max) else { return false }
                (postingsBase, termBase) = (postingsStart, UInt32(termBytes.count))
                firstTerms.append(contentsOf: term)
                firstTermEnds.appendInteger(UInt32(firstTerms.count))
            }
            guard postingsStart - postingsBase <= UInt64(UInt32.max) else { return false }
            packer.append(UInt32(termBytes.count) - termBase, to: 0)
            packer.append(documentFrequency, to: 1)
            packer.append(UInt32(postingsStart - postingsBase), to: 2)
            starts.append(UInt32(termBytes.count))
            termBytes.append(contentsOf: term)
            count += 1
            return true
        }

        private mutating func pack() -> Bool {
            var bases: [UInt8] = []
            bases.appendInteger(postingsBase)
            bases.appendInteger(termBase)
            return packer.pack(bases: bases)
        }

        /// The term table: block headers, the block index (a u32 end per
        /// block, then the blocks' first terms), then packed values. Nil
        /// when the packed values outgrow the format's 32-bit offsets.
        var table: [UInt8]? {
            var copy = self
            return copy.pack() ? copy.packer.table(between: firstTermEnds + firstTerms) : nil
        }

        /// Term `index` compared with `word` in byte order (negative: the term sorts first).
        func compareTerm(_ index: Int, with word: UnsafeRawBufferPointer) -> Int {
            let range = Int(starts[index])..<(index + 1 < count ? Int(starts[index + 1]) : termBytes.count)
            return termBytes.withUnsafeBytes { ByteOrder.compare(UnsafeRawBufferPointer(rebasing: $0[range]), word) }
        }
    }

    /// Collects the spelling words, in order, storing only those that are
    /// not terms (found by walking the sorted terms alongside).
    struct SpellingWriter {
        private(set) var words: [UInt8] = []
        private(set) var count: UInt64 = 0
        private var termIndex = 0
        private var packer = BlockPacker(columns: 2)   // references, frequencies
        /// The block's bases: its first term reference's index, its first
        /// own word's offset (nil until the block has one).
        private var termBase: Int?
        private var wordBase: Int?

        /// Adds the next word (after the previous one in byte order). False
        /// when the spelling bytes outgrow the format's 32-bit offsets.
        mutating func add(_ word: UnsafeRawBufferPointer, frequency: UInt32, terms: Writer) -> Bool {
            if packer.pending == TermDictionary.blockSize { guard pack() else { return false } }
            while termIndex < terms.count, terms.compareTerm(termIndex, with: word) < 0 { termIndex += 1 }
            let reference: Int
            if termIndex < terms.count, terms.compareTerm(termIndex, with: word) == 0 {
                let base = termBase ?? termIndex
                termBase = base
                reference = (termIndex - base) << 1 | 1
            } else {
                guard words.count + word.count + 10 < Int(UInt32.max) else { return false }
                let base = wordBase ?? words.count
                wordBase = base
                reference = (words.count - base) << 1
                words.appendVarint(UInt64(word.count))
                words.append(contentsOf: word)
            }
            guard reference <= Int(UInt32.max) else { return false }
            packer.append(UInt32(reference), to: 0)
            packer.append(frequency, to: 1)
            count += 1
            return true
        }

        private mutating func pack() -> Bool {
            var bases: [UInt8] = []
            bases.appendInteger(UInt32(termBase ?? 0))
            bases.appendInteger(UInt32(wordBase ?? 0))
            bases.appendInteger(UInt32(0))
            (termBase, wordBase) = (nil, nil)
            return packer.pack(bases: bases)
        }

        /// The spelling table: block headers, then packed values. Nil when
        /// the packed values outgrow the format's 32-bit offsets.
        var table: [UInt8]? {
            var copy = self
            return copy.pack() ? copy.packer.table() : nil
        }
    }

    // MARK: Reading

    /// The term table's block index: each block's first term, stored after
    /// the headers, so that a lookup picks its block from a few pages
    /// (Lucene's terms index) and then reads that block alone.
    struct BlockIndex: @unchecked Sendable {
        /// The u32 ends, one per block, then the first terms' bytes; empty
        /// when damaged (a lookup then finds nothing, and ``IndexChecker``
        /// names the damage).
        private let ends: UnsafeRawBufferPointer
        private let terms: UnsafeRawBufferPointer
        let blocks: Int

        init() { (ends, terms, blocks) = (.init(start: nil, count: 0), .init(start: nil, count: 0), 0) }

        /// The index of a term table at `offset` of `bytes` holding `count`
        /// terms, whose sections end at `limit`; nil when it lies outside.
        init?(bytes: UnsafeRawBufferPointer, offset: UInt64, count: Int, limit: Int) {
            let blocks = (count + TermDictionary.blockSize - 1) / TermDictionary.blockSize
            let start = Int(offset) + blocks * TermDictionary.headerSize
            guard start + 4 * blocks <= limit else { return nil }
            let ends = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + 4 * blocks)])
            let length = blocks == 0 ? 0 : Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * (blocks - 1), as: UInt32.self)))
            guard start + 4 * blocks + length <= limit else { return nil }
            self.ends = ends
            terms = UnsafeRawBufferPointer(rebasing: bytes[(start + 4 * blocks)..<(start + 4 * blocks + length)])
            self.blocks = blocks
        }

        /// Bytes the index takes (where the packed values start after it).
        var length: Int { 4 * blocks + terms.count }

        /// Block `block`'s first term as the index holds it (empty when damaged).
        func firstTerm(of block: Int) -> UnsafeRawBufferPointer {
            guard block >= 0, block < blocks else { return .init(start: nil, count: 0) }
            let start = block == 0 ? 0 : end(block - 1), stop = end(block)
            guard start <= stop, stop <= terms.count else { return .init(start: nil, count: 0) }
            return UnsafeRawBufferPointer(rebasing: terms[start..<stop])
        }

        private func end(_ block: Int) -> Int {
            Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * block, as: UInt32.self)))
        }

        /// How many blocks start at or before `term` (their first term sorts
        /// before it or equals it), and whether the last of them starts
        /// with `term` itself; (0, false) when the index is damaged.
        func blocks(upTo term: UnsafeRawBufferPointer) -> (count: Int, exact: Bool) {
            var low = 0, high = blocks
            while low < high {
                let middle = (low + high) / 2
                let start = middle == 0 ? 0 : end(middle - 1), stop = end(middle)
                guard start <= stop, stop <= terms.count else { return (0, false) }
                let order = ByteOrder.compare(UnsafeRawBufferPointer(rebasing: terms[start..<stop]), term)
                if order == 0 { return (middle + 1, true) }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return (low, false)
        }
    }

    /// A packed table (terms or spelling words) in a mapped segment: where
    /// its headers and packed values lie, and its rows' values. Every read
    /// is checked against `limit` (where the footer starts): a damaged
    /// header gives nil, never a read outside the file. It points into
    /// the read-only mapping its ``SegmentReader`` owns and outlives.
    struct PackedTable: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
        let headers: Int
        let packed: Int
        let count: Int
        let limit: Int

        /// A table at `offset` of `bytes` with `count` rows, whose packed
        /// values start `gap` bytes after its headers (the term table's
        /// block index lies between).
        init(bytes: UnsafeRawBufferPointer, offset: UInt64, count: Int, gap: Int = 0, limit: Int) {
            self.bytes = bytes
            headers = Int(offset)
            packed = headers + Int(TermDictionary.headersLength(count: UInt64(count))) + gap
            self.count = count
            self.limit = limit
        }

        /// Where the header of row `row`'s block starts.
        @inline(__always)
        func header(ofRow row: Int) -> Int { headers + (row / TermDictionary.blockSize) * TermDictionary.headerSize }

        @inline(__always)
        func load<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
            T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        }

        /// Row `row`'s value in `column` (column 1 with its block's smallest
        /// added back); nil when the block's header is damaged.
        @inline(__always)
        func value(_ row: Int, column: Int) -> UInt32? {
            block(ofRow: row)?.value(row % TermDictionary.blockSize, column: column)
        }

        /// Row `row`'s block, its header checked once for the values read
        /// from it; nil when the header is damaged.
        @inline(__always)
        func block(ofRow row: Int) -> Block? {
            let header = header(ofRow: row)
            // The widths, one byte each (columns 2 or 3, then zeros).
            let widths = load(UInt32.self, at: header + 20)
            let first = Int(widths & 0xFF), second = Int((widths >> 8) & 0xFF), third = Int((widths >> 16) & 0xFF)
            guard first <= 32, second <= 32, third <= 32, widths >> 24 == 0, let base = bytes.baseAddress else { return nil }
            let start = packed + Int(load(UInt32.self, at: header + 12))
            guard start + BitPacking.byteCount(width: first + second + third) <= limit else { return nil }
            return Block(packed: base + start, header: base + header, widths: (first, second, third))
        }

        /// One block's packed columns.
        struct Block {
            let packed: UnsafeRawPointer
            let header: UnsafeRawPointer
            let widths: (Int, Int, Int)

            /// The block's base at `offset` of its header (u32).
            @inline(__always)
            func base(at offset: Int) -> UInt32 { UInt32(littleEndian: header.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }

            /// Column 0's 128 values (as stored), decoded at once into `values`.
            @inline(__always)
            func unpackFirstColumn(into values: UnsafeMutablePointer<UInt32>) {
                BitPacking.unpack(packed, width: widths.0, into: values)
            }

            /// Value `index` (0..<128) of `column`; nil when column 1's
            /// smallest added back overflows.
            @inline(__always)
            func value(_ index: Int, column: Int) -> UInt32? {
                switch column {
                case 0: return BitPacking.value(at: index, width: widths.0, in: packed)
                case 1:
                    let (sum, overflow) = BitPacking.value(at: index, width: widths.1, in: packed + BitPacking.byteCount(width: widths.0))
                        .addingReportingOverflow(base(at: 16))
                    return overflow ? nil : sum
                default:
                    return BitPacking.value(at: index, width: widths.2, in: packed + BitPacking.byteCount(width: widths.0 + widths.1))
                }
            }
        }
    }
}
