/// One pass over bytes that says how well they read as UTF-8. The charset
/// sniffer uses it to trust or overrule a declared label, and the decoder to
/// know whether the bytes can go to the parser untouched.
struct UTF8Scan: Sendable {
    /// Well-formed sequences of two to four bytes.
    var multibyteSequences = 0
    /// Bytes that start no well-formed sequence.
    var invalidBytes = 0
    /// NUL bytes, which no text contains and the parser must not see.
    var nulBytes = 0

    /// True when the bytes are well-formed UTF-8 and can be parsed as they are.
    var isCleanUTF8: Bool { invalidBytes == 0 && nulBytes == 0 }

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return }
        var index = 0
        while index < count {
            // Skip ASCII eight bytes at a time: most pages are mostly ASCII.
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 {
                    for offset in 0..<8 where base[index + offset] == 0 { nulBytes += 1 }
                }
                index += 8
            }
            guard index < count else { break }
            let byte = base[index]
            if byte < 0x80 {
                if byte == 0 { nulBytes += 1 }
                index += 1
                continue
            }
            let length = UTF8Scan.sequenceLength(base, index, count)
            if length == 0 {
                invalidBytes += 1
                index += 1
            } else {
                multibyteSequences += 1
                index += length
            }
        }
    }

    /// The length of the well-formed multi-byte sequence at `index`, or 0.
    /// Rejects overlongs, surrogates and code points above U+10FFFF.
    @inline(__always)
    static func sequenceLength(_ base: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> Int {
        let lead = base[index]
        @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            index + offset < count && base[index + offset] >= low && base[index + offset] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }
}
