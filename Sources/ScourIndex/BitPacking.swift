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

    /// Decodes 128 values of `width` bits from `source`, which holds at
    /// least ``byteCount(width:)`` bytes.
    @inline(__always)
    static func unpack(_ source: UnsafeRawPointer, width: Int, into values: UnsafeMutablePointer<UInt32>) {
        guard width > 0 else {
            values.update(repeating: 0, count: count)
            return
        }
        let mask = (UInt64(1) << UInt64(width)) - 1
        var bit = 0
        for index in 0..<count {
            let word = bit >> 6, shift = bit & 63
            var value = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: word << 3, as: UInt64.self)) >> UInt64(shift)
            if shift + width > 64 {
                value |= UInt64(littleEndian: source.loadUnaligned(fromByteOffset: (word + 1) << 3, as: UInt64.self)) << UInt64(64 - shift)
            }
            values[index] = UInt32(truncatingIfNeeded: value & mask)
            bit += width
        }
    }
}
