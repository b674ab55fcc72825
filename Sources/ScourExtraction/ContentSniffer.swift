/// Looks at the first bytes of a file to say what it is, whatever its name:
/// binary (not worth decoding) or text, and once decoded, HTML or plain text.
enum ContentSniffer {
    /// How much of the start of a file decides "binary".
    static let binaryWindow = 8192

    /// Signatures of common binary formats that can start with printable
    /// bytes (a PDF header is ASCII; its streams come later).
    private static let signatures: [[UInt8]] = [
        Array("%PDF-".utf8), [0x89, 0x50, 0x4E, 0x47], Array("GIF8".utf8), [0xFF, 0xD8, 0xFF],
        [0x50, 0x4B, 0x03, 0x04], [0x1F, 0x8B], Array("Rar!".utf8), [0x37, 0x7A, 0xBC, 0xAF],
        Array("ID3".utf8), Array("OggS".utf8), [0x7F, 0x45, 0x4C, 0x46], Array("%!PS".utf8),
        [0xD0, 0xCF, 0x11, 0xE0], Array("wOFF".utf8), Array("wOF2".utf8), [0x42, 0x5A, 0x68],
        [0xFD, 0x37, 0x7A, 0x58, 0x5A], [0x28, 0xB5, 0x2F, 0xFD], Array("RIFF".utf8), [0x00, 0x00, 0x01, 0x00],
        Array("SQLite format 3".utf8), [0xCA, 0xFE, 0xBA, 0xBE], Array("MZ".utf8) + [0x90, 0x00],
    ]

    /// True when the file starts with the signature of a binary format.
    static func hasBinarySignature(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        signatures.contains { bytes.starts(with: $0) }
    }

    /// True for NUL bytes or mostly control bytes in the first 8 KiB. Call
    /// only for encodings without NULs (not UTF-16).
    static func hasBinaryBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let window = bytes.prefix(binaryWindow)
        var controls = 0
        for byte in window {
            if byte == 0 { return true }
            // Tab, LF, VT, FF, CR and ESC (ISO-2022) occur in text.
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0B, byte != 0x0C, byte != 0x0D, byte != 0x1B {
                controls += 1
            }
        }
        return controls * 10 > window.count
    }

    /// Extensions whose files are pages: a single tag is enough evidence.
    private static let pageExtensions: Set<String> = [
        "html", "htm", "xhtml", "shtml", "shtm", "php", "asp", "aspx", "jsp", "cfm",
    ]

    /// Tags whose openings mark markup; plain prose rarely contains them.
    private static let markers: [StaticString] = [
        "<p>", "<p ", "<div", "<br", "<a href", "<a ", "<span", "<table", "<td", "<tr", "<li", "<ul",
        "<h1", "<h2", "<h3", "<img", "<b>", "<i>", "<strong", "<em>", "<font", "<meta", "<link",
        "<script", "<style", "<title", "<form", "<center", "</",
    ]

    /// True when decoded UTF-8 is HTML: it starts like a document, or its
    /// first 4 KiB hold several tags. The extension only lowers the bar.
    static func isHTML(_ utf8: UnsafeBufferPointer<UInt8>, fileExtension: String) -> Bool {
        let window = UnsafeBufferPointer(rebasing: utf8.prefix(4096))
        var start = 0
        while start < window.count, window[start] <= 0x20 { start += 1 }
        for opening: StaticString in ["<!doctype html", "<html", "<head", "<body"]
        where DeclaredCharset.matches(window, start, opening) {
            return true
        }
        for opening: StaticString in ["<?xml", "<!--", "<!doctype"] where DeclaredCharset.matches(window, start, opening) {
            return pageExtensions.contains(fileExtension) || markerCount(window) >= 1
        }
        // Text that opens with a common tag is markup.
        if start < window.count, window[start] == UInt8(ascii: "<"),
           markers.contains(where: { DeclaredCharset.matches(window, start, $0) }) {
            return true
        }
        let needed = pageExtensions.contains(fileExtension) ? 1 : 3
        return markerCount(window, upTo: needed) >= needed
    }

    /// Counts marker occurrences in `window`, stopping once `limit` is reached.
    private static func markerCount(_ window: UnsafeBufferPointer<UInt8>, upTo limit: Int = 1) -> Int {
        var count = 0
        var index = 0
        while index < window.count {
            if window[index] == UInt8(ascii: "<") {
                for marker in markers where DeclaredCharset.matches(window, index, marker) {
                    count += 1
                    if count >= limit { return count }
                    break
                }
            }
            index += 1
        }
        return count
    }
}
