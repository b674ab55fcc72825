import ScourPrimitives

/// A `Content-Type` value (`text/html; charset="Windows-1251"`) split into
/// its base type and its charset parameter: the one parser behind the
/// heads saved in front of pages (``HTTPHeaderBlock``) and the WARC reader's
/// HTTP responses and resource records.
package struct MediaType: Sendable, Equatable {
    /// The type without parameters, lowercased (`text/html`); nil when empty.
    package var base: String?
    /// The `charset` parameter, lowercased, without quotes; nil when absent
    /// or empty.
    package var charset: String?

    /// Parameters are matched by name, so `boundary=xcharset=…` is not a
    /// charset; spaces around `=` are allowed. A label stops at a space,
    /// `;` or quote and is at most 40 bytes, as in `DeclaredCharset`.
    package init(_ value: String) {
        var parts = value.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        let base = parts.next().map { $0.trimmingASCIISpaces().lowercased() }
        self.base = base?.isEmpty == false ? base : nil
        while let part = parts.next() {
            guard let equals = part.firstIndex(of: "="),
                  part[..<equals].trimmingASCIISpaces().lowercased() == "charset"
            else { continue }
            var label: [UInt8] = []
            for byte in part[part.index(after: equals)...].trimmingASCIISpaces().utf8.drop(while: Self.isQuote) {
                if byte <= 0x20 || byte == UInt8(ascii: ";") || Self.isQuote(byte) || label.count == 40 { break }
                label.append(ASCIIBytes.lower(byte))
            }
            if !label.isEmpty { charset = String(decoding: label, as: UTF8.self) }
            break
        }
    }

    private static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
