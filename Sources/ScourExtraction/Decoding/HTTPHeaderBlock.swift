/// The HTTP response head some crawlers save in front of a page
/// (`HTTP/1.1 200 OK`, header lines, a blank line, then the HTML).
///
/// It is not part of the page: left in, its lines would be indexed as text
/// and the `<html>` after it would not be seen as the start of a document.
/// Its `Content-Type: text/html; charset=…` is the server's label for the
/// bytes, which the charset sniffer weighs like a `<meta charset>`.
struct HTTPHeaderBlock: Sendable, Equatable {
    /// Bytes from the start of the file to the first byte of the page.
    var length: Int
    /// The `charset` parameter of `Content-Type`, lowercased, if any.
    var charset: String?

    /// A head longer than this is not a head: the page would be lost.
    static let maximumLength = 16 * 1024

    /// Recognises a head at the very start of `bytes` (after blank lines),
    /// or returns `nil`.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < bytes.count, bytes[start] == 0x0D || bytes[start] == 0x0A || bytes[start] == 0x20 { start += 1 }
        guard DeclaredCharset.matches(bytes, start, "http/1."), start + 8 < bytes.count,
              bytes[start + 8] == 0x20 else { return nil }
        let limit = min(bytes.count, start + Self.maximumLength)
        var lineStart = start
        var charset: String?
        while lineStart < limit {
            var lineEnd = lineStart
            while lineEnd < limit, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            guard lineEnd < limit else { return nil }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == lineStart {
                self.length = lineEnd + 1
                self.charset = charset
                return
            }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<contentEnd])
            if lineStart != start {
                // Every line of a head is "Name: value" (or a folded continuation).
                guard Self.isHeaderLine(line) else { return nil }
                if charset == nil, DeclaredCharset.matches(line, 0, "content-type:") {
                    charset = Self.charsetParameter(line)
                }
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    private static func isHeaderLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        if line.first == 0x20 || line.first == 0x09 { return true }
        for (index, byte) in line.enumerated() {
            if byte == UInt8(ascii: ":") { return index > 0 }
            let isNameByte = (byte >= 0x30 && byte <= 0x39) || (DeclaredCharset.lower(byte) >= 0x61
                && DeclaredCharset.lower(byte) <= 0x7A) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            if !isNameByte { return false }
        }
        return false
    }

    private static func charsetParameter(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        while index < line.count {
            if DeclaredCharset.matches(line, index, "charset=") {
                var cursor = index + 8
                if cursor < line.count, line[cursor] == UInt8(ascii: "\"") || line[cursor] == UInt8(ascii: "'") {
                    cursor += 1
                }
                var label: [UInt8] = []
                while cursor < line.count, label.count < 40 {
                    let byte = line[cursor]
                    if byte <= 0x20 || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\"")
                        || byte == UInt8(ascii: "'") { break }
                    label.append(DeclaredCharset.lower(byte))
                    cursor += 1
                }
                return label.isEmpty ? nil : String(decoding: label, as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
