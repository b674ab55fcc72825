/// Extracts a plain-text scrape: splits decoded UTF-8 into lines, drops
/// chrome lines by shape and position, and finds the headline.
enum PlainTextExtractor {
    static func extract(_ utf8: [UInt8], encoding: String) -> ExtractedDocument {
        let lines = splitLines(utf8)
        let result = ChromeLineFilter().filter(lines.map { ChromeLineFilter.Candidate(text: $0) })
        var text = ""
        for index in result.shapes.indices where result.kept[index] {
            if !text.isEmpty { text.append("\n") }
            text.append(result.shapes[index].text)
        }
        return ExtractedDocument(
            title: HeadlineFinder.title(of: result), text: text, format: .plainText, encoding: encoding)
    }

    /// Non-empty lines with Unicode spaces normalised, ends trimmed, runs of
    /// spaces kept (they separate trail segments).
    static func splitLines(_ utf8: [UInt8]) -> [String] {
        var accumulator = LineAccumulator(capacity: utf8.count, collapsing: false)
        var ranges: [Range<Int>] = []
        utf8.withUnsafeBufferPointer { buffer in
            var start = 0
            for index in 0...buffer.count {
                guard index == buffer.count || buffer[index] == 0x0A || buffer[index] == 0x0D else { continue }
                accumulator.append(UnsafeBufferPointer(rebasing: buffer[start..<index]))
                if let range = accumulator.endLine() { ranges.append(range) }
                start = index + 1
            }
        }
        return accumulator.storage.withUnsafeBufferPointer { storage in
            ranges.map { String(decoding: UnsafeBufferPointer(rebasing: storage[$0]), as: UTF8.self) }
        }
    }
}
