/// Header-block parsing on bytes for WARC and HTTP headers: field names are
/// matched in place, and only the few values a reader wants become Strings.
///
/// Names are matched with `ASCIIBytes` (ScourPrimitives), the matcher
/// ScourExtraction's `HTTPHeaderBlock` and `DeclaredCharset` use too.
enum HeaderBytes {
    /// Finds the blank line ending a header block in `bytes[range]`: returns
    /// the end of the fields (just past the last field's line feed) and the
    /// start of what follows the blank line. Accepts CRLF and bare LF.
    static func blankLine(in bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> (fieldsEnd: Int, next: Int)? {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == 0x0A {
                if index + 1 < range.upperBound && bytes[index + 1] == 0x0A { return (index + 1, index + 2) }
                if index + 2 < range.upperBound && bytes[index + 1] == 0x0D && bytes[index + 2] == 0x0A {
                    return (index + 1, index + 3)
                }
            }
            index += 1
        }
        return nil
    }

    /// Calls `body(name, value)` for each `Name: value` line of
    /// `bytes[range]`, value trimmed; a continuation line (starting with a
    /// space or tab) extends the previous value. Lines without a colon are ignored.
    static func forEachField(in bytes: UnsafeRawBufferPointer, _ range: Range<Int>,
                             _ body: (_ name: Range<Int>, _ value: Range<Int>) -> Void) {
        var pending: (name: Range<Int>, value: Range<Int>)?
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            var lineEnd = lineStart
            while lineEnd < range.upperBound && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd + 1
            if lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd > lineStart && (bytes[lineStart] == 0x20 || bytes[lineStart] == 0x09) {
                if let field = pending { pending = (field.name, field.value.lowerBound..<trimmedEnd(bytes, lineStart, lineEnd)) }
            } else {
                if let field = pending { body(field.name, field.value) }
                pending = nil
                var colon = lineStart
                while colon < lineEnd && bytes[colon] != 0x3A { colon += 1 }
                if colon < lineEnd {
                    var valueStart = colon + 1
                    while valueStart < lineEnd && (bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09) { valueStart += 1 }
                    pending = (lineStart..<trimmedEnd(bytes, lineStart, colon),
                               valueStart..<max(valueStart, trimmedEnd(bytes, valueStart, lineEnd)))
                }
            }
            lineStart = next
        }
        if let field = pending { body(field.name, field.value) }
    }

    private static func trimmedEnd(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D) { end -= 1 }
        return end
    }

    /// The value as a String; folded continuation lines become single spaces.
    static func string(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        guard slice.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return String(decoding: slice, as: UTF8.self) }
        var folded: [UInt8] = []
        var lastWasSpace = false
        for byte in slice {
            let space = byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09
            if space && lastWasSpace { continue }
            folded.append(space ? 0x20 : byte)
            lastWasSpace = space
        }
        return String(decoding: folded, as: UTF8.self)
    }

    /// A non-negative decimal such as a Content-Length; nil when not all
    /// digits or absurdly large.
    static func decimal(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for position in range {
            let digit = bytes[position] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}
