/// Turns the bytes of one saved page into the text Scour indexes.
///
/// The file name's extension is only a hint: the content is sniffed, so an
/// HTML page saved as `.txt` or without an extension is still read as HTML.
/// The charset is sniffed too (see `CharsetSniffer`) and the page transcoded
/// to UTF-8 before parsing, so a mislabelled or undeclared page still reads
/// correctly and one bad byte never costs the rest of the page.
///
/// ```swift
/// let document = try DocumentExtractor().extract(bytes, fileExtension: "html")
/// print(document.title, document.text)
/// ```
///
/// Safe to call from several threads at once: each call has its own parser
/// state, and libxml2 is initialised once.
public struct DocumentExtractor: Sendable {
    public init() {}

    /// Extracts one page.
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - fileExtension: lower-cased, without the dot, possibly empty; only
    ///     lowers the bar for sniffing HTML (so does a saved header's
    ///     `Content-Type: text/html`). What the file *is* comes from its bytes.
    ///   - options: `keepAll` keeps every visible line; `explain` fills
    ///     ``ExtractedDocument/explanation`` with each line's decision;
    ///     `cpuBudget` bounds the thread CPU time spent on the page.
    /// - Throws: `ExtractionError` when the file is empty, binary (and of
    ///   which kind), undecodable or too slow to extract — the indexer
    ///   reports it and skips the file.
    public func extract(
        _ bytes: [UInt8], fileExtension: String = "", options: ExtractionOptions = ExtractionOptions()
    ) throws(ExtractionError) -> ExtractedDocument {
        guard bytes.contains(where: { $0 > 0x20 }) else { throw .empty }
        // Honest extraction is linear, so a page past 1 MiB gets the budget once per MiB.
        let budget = CPUBudget(seconds: options.cpuBudget.map { $0 * max(1, Double(bytes.count) / 1_048_576) })
        try budget.check()
        // Magic numbers and byte statistics first, on the content after a
        // saved header block: a binary file costs a few KiB of reading,
        // not a charset sniff over all of it.
        let header = bytes.withUnsafeBufferPointer(HTTPHeaderBlock.init)
        let binaryKind = bytes.withUnsafeBufferPointer { file -> ContentKind? in
            let content = UnsafeBufferPointer(rebasing: file[(header?.length ?? 0)...])
            if let kind = ContentSniffer.binaryKind(content) { return kind }
            return !CharsetSniffer.isUTF16(content) && ContentSniffer.hasBinaryBytes(content) ? .otherBinary : nil
        }
        if let binaryKind { throw .binary(binaryKind) }
        let verdict = bytes.withUnsafeBufferPointer { CharsetSniffer.sniff($0, header: header) }
        let decoded = Transcoder.decode(bytes, as: verdict)
        try checkDecoded(decoded)
        try budget.check()
        let encoding = verdict.encoding.name
        let declaresHTML = header?.contentType == "text/html" || header?.contentType == "application/xhtml+xml"
        let isHTML = decoded.utf8.withUnsafeBufferPointer {
            ContentSniffer.isHTML($0, fileExtension: declaresHTML ? "html" : fileExtension.lowercased())
        }
        if !isHTML, !options.keepAll, decoded.utf8.withUnsafeBufferPointer(ContentSniffer.isScriptOrStylesheet) {
            throw .binary(.code)
        }
        let html = isHTML ? try HTMLExtractor.extract(decoded.utf8, encoding: encoding, options: options, budget: budget) : nil
        var document = html ?? PlainTextExtractor.extract(decoded.utf8, encoding: encoding, options: options)
        // Decomposed text ("e" + U+0301) as the query's "é" will be: NFC.
        document.title = CanonicalComposition.composed(document.title)
        document.text = CanonicalComposition.composed(document.text)
        document.headings = document.headings.map(CanonicalComposition.composed)
        try budget.check()
        guard !document.text.isEmpty || !document.title.isEmpty else { throw .empty }
        if let header {
            document.headerURL = header.url
            if document.date == nil { document.date = header.lastModified }
        }
        return document
    }

    /// Per byte: 1 for a visible character's first byte (not a continuation
    /// byte, space or DEL), 1 << 32 for a control other than tab, newlines
    /// and form feed — so one sum counts both.
    private static let byteClasses: [UInt64] = (0...255).map { byte in
        if byte > 0x20 { return byte & 0xC0 != 0x80 && byte != 0x7F ? 1 : 0 }
        return byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C ? 1 << 32 : 0
    }

    /// Rejects decodings that are mostly replacement or control characters.
    private func checkDecoded(_ decoded: Transcoder.Output) throws(ExtractionError) {
        // A table look-up and one add per byte, without branches: this reads
        // every byte of every page. Chunks of 1 GiB keep both counts in 32 bits.
        var visible = 0
        var controls = 0
        Self.byteClasses.withUnsafeBufferPointer { classes in
            decoded.utf8.withUnsafeBufferPointer { utf8 in
                var start = 0
                while start < utf8.count {
                    let end = min(utf8.count, start + (1 << 30))
                    var sum: UInt64 = 0
                    for byte in utf8[start..<end] { sum &+= classes[Int(byte)] }
                    visible += Int(sum & 0xFFFF_FFFF)
                    controls += Int(sum >> 32)
                    start = end
                }
            }
        }
        guard visible > 0 else { throw .empty }
        if decoded.replacements * 4 > visible || controls * 4 > visible { throw .undecodable }
    }
}
