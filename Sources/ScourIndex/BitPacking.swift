/// Fixed-width bit packing of 128 unsigned integers, the block unit of
/// the postings codec (Lucene's `ForUtil`, tantivy's `BitPacker4x`, in
/// plain scalar code).
///
/// 128 values of `width` bits take exactly `16 × width` bytes: `2 × width`
/// little-endian 64-bit words, value i in bits `i·width ..< (i+1)·width`.
/// A width of 0 stores nothing (every value is 0).
enum BitPacking {
    static let count = 128

    /// Bytes that 128 values of `width` bits take.
    @inline(__always)
    static func byteCount(width: Int) -> Int { 16 * width }

    /// The bits the largest of `values` needs (0 when all are 0).
    static func width(_ values: UnsafeBufferPointer<UInt32>) -> Int {
        var union: UInt32 = 0
        for value in values { union |= value }
        return UInt32.bitWidth - union.leadingZeroBitCount
    }

    /// Appends the 128 `values`, `width` bits each; every value must fit.
    static func pack(_ values: UnsafeBufferPointer<UInt32>, width: Int, to bytes: inout [UInt8]) {
        precondition(values.count == count && (0...32).contains(width))
        guard width > 0 else { return }
        var word: UInt64 = 0
        var filled = 0
        for value in values {
            let value = UInt64(value)
            word |= value << UInt64(filled)
            filled += width
            if filled >= 64 {
                bytes.appendInteger(word)
                filled -= 64
                // The value's bits that did not fit start the next word.
                word = filled > 0 ? value >> UInt64(width - filled) : 0
            }
        }
        assert(filled == 0)
    }

    /// Value `index` (0..<128) of 128 packed at `width` bits in `source`,
    /// which holds at least ``byteCount(width:)`` bytes: one or two of
    /// its 64-bit words, never a byte beyond them.
    @inline(__always)
    static func value(at index: Int, width: Int, in source: UnsafeRawPointer) -> UInt32 {
        guard width > 0 else { return 0 }
        let bit = index &* width
        let word = bit >> 6, shift = bit & 63
        var value = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: word &* 8, as: UInt64.self)) >> UInt64(shift)
        if shift &+ width > 64 {
            value |= UInt64(littleEndian: source.loadUnaligned(fromByteOffset: (word &+ 1) &* 8, as: UInt64.self)) << UInt64(64 &- shift)
        }
        return UInt32(truncatingIfNeeded: value & ((UInt64(1) << UInt64(width)) &- 1))
    }

    /// Decodes 128 values of `width` bits from `source`, which holds at
    /// least ``byteCount(width:)`` bytes. One loop per width, so that its
    /// shifts and mask are constants.
    static func unpack(_ source: UnsafeRawPointer, width: Int, into values: UnsafeMutablePointer<UInt32>) {
        switch width {
        case 0: values.update(repeating: 0, count: count)
        case 1: unpack(source, fixed: 1, into: values)
        case 2: unpack(source, fixed: 2, into: values)
        case 3: unpack(source, fixed: 3, into: values)
        case 4: unpack(source, fixed: 4, into: values)
        case 5: unpack(source, fixed: 5, into: values)
        case 6: unpack(source, fixed: 6, into: values)
        case 7: unpack(source, fixed: 7, into: values)
        case 8: unpack(source, fixed: 8, into: values)
        case 9: unpack(source, fixed: 9, into: values)
        case 10: unpack(source, fixed: 10, into: values)
        case 11: unpack(source, fixed: 11, into: values)
        case 12: unpack(source, fixed: 12, into: values)
        case 13: unpack(source, fixed: 13, into: values)
        case 14: unpack(source, fixed: 14, into: values)
        case 15: unpack(source, fixed: 15, into: values)
        case 16: unpack(source, fixed: 16, into: values)
        default: unpack(source, fixed: width, into: values)   // wide gaps and frequencies: rare
        }
    }

    @inline(__always)
    private static func unpack(_ source: UnsafeRawPointer, fixed width: Int, into values: UnsafeMutablePointer<UInt32>) {
        let mask = (UInt64(1) << UInt64(width)) - 1
        // 64 values take exactly `width` words: decode them two halves at a time.
        for half in 0..<2 {
            let words = source + half * width * 8
            let out = values + half * 64
            var bit = 0
            for index in 0..<64 {
                let word = bit >> 6, shift = bit & 63
                var value = UInt64(littleEndian: words.loadUnaligned(fromByteOffset: word << 3, as: UInt64.self)) >> UInt64(shift)
                if shift + width > 64 {
                    value |= UInt64(littleEndian: words.loadUnaligned(fromByteOffset: (word + 1) << 3, as: UInt64.self)) << UInt64(64 - shift)
                }
                out[index] = UInt32(truncatingIfNeeded: value & mask)
                bit += width
            }
        }
    }
}
