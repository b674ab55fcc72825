/// A line's UTF-8 bytes with ASCII letters lower-cased: the chrome patterns
/// are ASCII words and CJK phrases, so byte search is exact for them and
/// far cheaper than `String` searching.
struct LowercasedLine {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
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

    /// True when `raw` (spaces not collapsed) holds any of the bytes that
    /// can separate the segments of a trail: a cheap test before parsing one.
    static func mayBeTrail(_ raw: String) -> Bool {
        var previousSpace = false
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "|"), 0xC2, 0xE2, 0xE3, 0xEF:
                // 0xC2: » ›, 0xE2: → ›, 0xE3: 〉 》, 0xEF: full-width ＞ ｜ ／
                return true
            case 0x20:
                if previousSpace { return true }
                previousSpace = true
                continue
            default:
                break
            }
            previousSpace = false
        }
        return false
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
    }
}
