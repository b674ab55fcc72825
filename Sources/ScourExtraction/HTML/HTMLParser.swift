import CLibXML2

/// Parses HTML with libxml2, always from clean UTF-8 and always told so:
/// the charset was settled by `CharsetSniffer` and the bytes transcoded, so
/// libxml2 must not switch encodings when it meets `<meta charset=gb2312>`
/// in the text (`HTML_PARSE_IGNORE_ENC`). `XML_PARSE_HUGE` lifts the
/// 256-level depth limit, past which libxml2 silently drops the rest of a
/// page — and old pages full of unclosed `<font>` tags nest that deep.
enum HTMLParser {
    /// libxml2 must be initialised once before parsing on several threads.
    private static let initialised: Void = { xmlInitParser() }()

    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue
            | XML_PARSE_HUGE.rawValue)

    /// Parses `utf8` and hands the document to `body`; the tree is freed
    /// afterwards. `nil` when libxml2 produced no document at all.
    static func withDocument<Result>(_ utf8: [UInt8], _ body: (htmlDocPtr) -> Result) -> Result? {
        _ = initialised
        // Error handlers are per thread in libxml2.
        scour_silenceLibXMLErrors()
        let document = utf8.withUnsafeBufferPointer { buffer -> htmlDocPtr? in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        return body(document)
    }
}
