import ScourPrimitives

/// Finds the charset a page declares about itself near its start:
/// `<meta charset=…>`, `<meta http-equiv="Content-Type" content="…charset=…">`
/// or `<?xml … encoding="…"?>`. Only ASCII-compatible bytes are read, which
/// is all a declaration can be (UTF-16 pages announce themselves by BOM).
enum DeclaredCharset {
    /// How far into the page to look. Real pages put a long `<head>` of
    /// scripts before their meta tags, so read a little more than the 1 KiB
    /// the HTML standard prescans.
    static let window = 4096

    /// The declared label, lowercased and trimmed, or `nil`.
    static func label(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let limit = min(bytes.count, window)
        guard limit > 8 else { return nil }
        if let label = xmlDeclarationEncoding(bytes, limit) { return label }
        var index = 0
        while index + 7 < limit {
            // Look for "charset" in any case, then check it sits inside <meta …>.
            if ASCIIBytes.lower(bytes[index]) == UInt8(ascii: "c"), ASCIIBytes.matches(bytes, index, "charset"),
               insideMetaTag(bytes, before: index) {
                var cursor = index + 7
                skipSpaces(bytes, &cursor, limit)
                if cursor < limit, bytes[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    skipSpaces(bytes, &cursor, limit)
                    if let label = token(bytes, &cursor, limit) { return label }
                }
            }
            index += 1
        }
        return nil
    }

    private static func xmlDeclarationEncoding(_ bytes: UnsafeBufferPointer<UInt8>, _ limit: Int) -> String? {
        var start = 0
        skipSpaces(bytes, &start, limit)
        guard ASCIIBytes.matches(bytes, start, "<?xml") else { return nil }
        var index = start + 5
        while index + 8 < limit, bytes[index] != UInt8(ascii: ">") {
            if ASCIIBytes.matches(bytes, index, "encoding") {
                var cursor = index + 8
                skipSpaces(bytes, &cursor, limit)
                guard cursor < limit, bytes[cursor] == UInt8(ascii: "=") else { return nil }
                cursor += 1
                skipSpaces(bytes, &cursor, limit)
                return token(bytes, &cursor, limit)
            }
            index += 1
        }
        return nil
    }

    /// True when the nearest `<` before `index` opens a `meta` tag that has
    /// not been closed yet: "charset" in a script or in prose does not count.
    private static func insideMetaTag(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        var cursor = index - 1
        while cursor >= 0 {
            switch bytes[cursor] {
            case UInt8(ascii: ">"): return false
            case UInt8(ascii: "<"): return ASCIIBytes.matches(bytes, cursor, "<meta")
            default: cursor -= 1
            }
            if index - cursor > 512 { return false }
        }
        return false
    }

    /// A label: optional quote, then letters, digits and `-_.:()`.
    private static func token(_ bytes: UnsafeBufferPointer<UInt8>, _ cursor: inout Int, _ limit: Int) -> String? {
        if cursor < limit, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
            cursor += 1
            skipSpaces(bytes, &cursor, limit)
        }
        var label: [UInt8] = []
        while cursor < limit, label.count < 40 {
            let byte = bytes[cursor]
            let isLabelByte = (byte >= 0x30 && byte <= 0x39) || (ASCIIBytes.lower(byte) >= 0x61 && ASCIIBytes.lower(byte) <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
            guard isLabelByte else { break }
            label.append(ASCIIBytes.lower(byte))
            cursor += 1
        }
        return label.isEmpty ? nil : String(decoding: label, as: UTF8.self)
    }

    private static func skipSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ cursor: inout Int, _ limit: Int) {
        while cursor < limit, bytes[cursor] == 0x20 || (bytes[cursor] >= 0x09 && bytes[cursor] <= 0x0D) {
            cursor += 1
        }
    }
}
