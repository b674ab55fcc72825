import ScourPrimitives

/// A line's UTF-8 bytes with ASCII letters lower-cased: the chrome patterns
/// are ASCII words and CJK phrases, so byte search is exact for them and
/// far cheaper than `String` searching.
struct LowercasedLine {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = text.utf8.map(ASCIIBytes.lower)
    }

    func contains(_ needle: [UInt8]) -> Bool {
        range(of: needle, from: 0) != nil
    }

    func hasPrefix(_ needle: [UInt8]) -> Bool {
        bytes.starts(with: needle)
    }

    func range(of needle: [UInt8], from start: Int) -> Range<Int>? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        let last = bytes.count - needle.count
        var index = start
        while index <= last {
            if bytes[index] == first {
                var offset = 1
                while offset < needle.count, bytes[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index..<index + needle.count }
            }
            index += 1
        }
        return nil
    }

    /// `needle` occurs with no ASCII letter or digit on either side.
    func containsWord(_ needle: [UInt8]) -> Bool {
        var start = 0
        while let range = range(of: needle, from: start) {
            let before = range.lowerBound == 0 ? 0x20 : bytes[range.lowerBound - 1]
            let after = range.upperBound == bytes.count ? 0x20 : bytes[range.upperBound]
            if !LowercasedLine.isAlphanumeric(before), !LowercasedLine.isAlphanumeric(after) { return true }
            start = range.lowerBound + 1
        }
        return false
    }

    /// True when `raw` (spaces not collapsed) holds one of the separators
    /// `NavigationTrail` splits on, or a run of spaces: a cheap test before
    /// parsing one. Multi-byte separators are matched exactly, so curly
    /// quotes and dashes (also led by 0xE2) do not send prose to the parser.
    static func mayBeTrail(_ raw: String) -> Bool {
        let utf8 = raw.utf8
        return utf8.withContiguousStorageIfAvailable(mayBeTrail) ?? Array(utf8).withUnsafeBufferPointer(mayBeTrail)
    }

    private static func mayBeTrail(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = false
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            let second: UInt8 = index + 1 < count ? bytes[index + 1] : 0
            let third: UInt8 = index + 2 < count ? bytes[index + 2] : 0
            switch byte {
            case UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "|"):
                return true
            case 0x20:
                if previousSpace { return true }
                previousSpace = true
                index += 1
                continue
            case 0xC2:
                if second == 0xBB { return true }  // »
            case 0xE2:
                if second == 0x80 && third == 0xBA || second == 0x86 && third == 0x92 { return true }  // › →
            case 0xE3:
                if second == 0x80 && (third == 0x89 || third == 0x8B) { return true }  // 〉 》
            case 0xEF:
                if second == 0xBC && (third == 0x9E || third == 0x8F) || second == 0xBD && third == 0x9C {
                    return true  // ＞ ／ ｜
                }
            default:
                break
            }
            previousSpace = false
            index += 1
        }
        return false
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
    }
}
