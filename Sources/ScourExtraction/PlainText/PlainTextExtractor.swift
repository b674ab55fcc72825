/// Extracts a plain-text scrape: splits decoded UTF-8 into lines, drops
/// chrome lines by shape and position, and finds the headline.
enum PlainTextExtractor {
    static func extract(
        _ utf8: [UInt8], encoding: String, options: ExtractionOptions = ExtractionOptions()
    ) -> ExtractedDocument {
        let lines = splitLines(utf8)
        var result = ChromeLineFilter().filter(lines.map { ChromeLineFilter.Candidate(text: $0) })
        // The title is still found among the lines the rules would keep.
        let title = HeadlineFinder.title(of: result)
        if options.keepAll {
            result.kept = result.kept.map { _ in true }
            result.shapes = lines.map(LineShape.init)
        }
        var text = ""
        for index in result.shapes.indices where result.kept[index] {
            if !text.isEmpty { text.append("\n") }
            text.append(result.shapes[index].text)
        }
        var document = ExtractedDocument(title: title, text: text, format: .plainText, encoding: encoding)
        // A dateline above the content left the text but still dates the page.
        let datelines = result.rules.indices.filter { result.rules[$0] == .dateline }.map { result.shapes[$0].text }
        document.date = datelines.isEmpty ? DateFinder.visibleDate(inText: text)
            : DateFinder.visibleDate(inText: datelines.joined(separator: "\n")) ?? DateFinder.visibleDate(inText: text)
        if options.explain {
            document.explanation = lines.indices.map { index in
                let reason = options.keepAll ? "kept: keep all"
                    : result.rules[index]?.description ?? "kept: no chrome rule matched"
                return BlockDecision(
                    text: LineShape.collapsingSpaces(lines[index]), kept: result.kept[index], reason: reason)
            }
        }
        return document
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
