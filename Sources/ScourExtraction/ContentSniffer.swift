import ScourPrimitives

/// Looks at the first bytes of a file to say what it is, whatever its name:
/// which kind of binary (`ContentKind`, not worth decoding) or text, and
/// once decoded, HTML or plain text. Magic numbers come first, byte
/// statistics second; both read at most the first 8 KiB.
enum ContentSniffer {
    /// How much of the start of a file the byte statistics read.
    static let binaryWindow = 8192

    /// What a file that is not text is, from its magic number, or nil.
    /// `bytes` starts where the content starts (after a saved HTTP header
    /// block). Reads a few bytes at fixed offsets; SVG reads the first KiB.
    ///
    /// Signatures made only of printable ASCII ("GIF8", "OggS", "OTTO") are
    /// confirmed by a byte that text never holds, so that a page starting
    /// "OTTO von Bismarck" or "BMW" stays a page. Modelled on the magic
    /// tables of libmagic (`file`), Apache Tika and WHATWG MIME sniffing.
    static func binaryKind(_ bytes: UnsafeBufferPointer<UInt8>) -> ContentKind? {
        func has(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            guard offset + signature.count <= bytes.count else { return false }
            for index in signature.indices where bytes[offset + index] != signature[index] { return false }
            return true
        }
        func byte(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
        func ascii(_ text: StaticString, at offset: Int = 0) -> Bool {
            ASCIIBytes.matchesExactly(bytes, offset, text)
        }
        guard let first = bytes.first else { return nil }
        switch first {
        // "\x89PNG" is enough: 0x89 never starts UTF-8 text, and a cut-off
        // PNG is still no page.
        case 0x89 where has([0x89, 0x50, 0x4E, 0x47]): return .image
        case 0xFF:
            if has([0xFF, 0xD8, 0xFF]) { return .image }
            // An MP3 frame header without an ID3 tag: frame sync, a valid
            // version, layer III, a valid bitrate and sample rate. Layer III
            // is required because a UTF-16 byte-order mark (FF FE) reads as
            // a layer I header.
            if let second = byte(1), let third = byte(2), second & 0xE0 == 0xE0, second >> 3 & 3 != 1,
               second >> 1 & 3 == 1, third >> 4 != 15, third >> 2 & 3 != 3 {
                return .audioVideo
            }
        case UInt8(ascii: "G") where ascii("GIF87a") || ascii("GIF89a"): return .image
        case UInt8(ascii: "R"):
            if ascii("RIFF"), bytes.count >= 12 {
                if ascii("WEBP", at: 8) { return .image }
                for form: StaticString in ["WAVE", "AVI ", "AVIX", "RMID", "CDXA", "QLCM"] where ascii(form, at: 8) {
                    return .audioVideo
                }
            }
            if has(Array("Rar!".utf8) + [0x1A, 0x07]) { return .archive }
        case UInt8(ascii: "B"):
            // "BM", a file size, then four reserved bytes that are zero.
            if ascii("BM"), bytes.count >= 14, bytes[6] == 0, bytes[7] == 0, bytes[8] == 0, bytes[9] == 0 { return .image }
            if ascii("BZh"), let level = byte(3), level >= UInt8(ascii: "1"), level <= UInt8(ascii: "9"),
               has([0x31, 0x41, 0x59, 0x26, 0x53, 0x59], at: 4) || has([0x17, 0x72, 0x45, 0x38, 0x50, 0x90], at: 4) {
                return .archive
            }
        case 0x00:
            // ICO / CUR, TrueType, WebAssembly, MPEG program stream.
            if has([0x00, 0x00, 0x01, 0x00]) || has([0x00, 0x00, 0x02, 0x00]) { return .image }
            if has([0x00, 0x01, 0x00, 0x00]) { return .font }
            if has([0x00]) && ascii("asm", at: 1) { return .executable }
            if has([0x00, 0x00, 0x01, 0xBA]) || has([0x00, 0x00, 0x01, 0xB3]) { return .audioVideo }
        case UInt8(ascii: "I"):
            if has([0x49, 0x49, 0x2A, 0x00]) { return .image }  // TIFF, little-endian
            if ascii("ID3"), let major = byte(3), major >= 2, major <= 4, byte(4) == 0 { return .audioVideo }
        case UInt8(ascii: "M"):
            if has([0x4D, 0x4D, 0x00, 0x2A]) { return .image }  // TIFF, big-endian
            if ascii("MZ"), isPortableExecutable(bytes) { return .executable }
            if ascii("MThd"), has([0x00, 0x00, 0x00, 0x06], at: 4) { return .audioVideo }
            if ascii("MSCF"), has([0x00, 0x00, 0x00, 0x00], at: 4) { return .archive }  // Windows cabinet
        case UInt8(ascii: "%") where ascii("%PDF-"): return .pdf
        case UInt8(ascii: "P"):
            if has([0x50, 0x4B, 0x03, 0x04]) || has([0x50, 0x4B, 0x05, 0x06]) || has([0x50, 0x4B, 0x07, 0x08]) {
                return .archive
            }
        case 0x1F where byte(1) == 0x8B || byte(1) == 0x9D: return .archive  // gzip, compress
        case 0xFD where has([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]): return .archive  // xz
        case 0x28 where has([0x28, 0xB5, 0x2F, 0xFD]): return .archive  // zstd
        case 0x37 where has([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]): return .archive  // 7z
        case 0x7F where has([0x7F, 0x45, 0x4C, 0x46]): return .executable
        case 0xFE where has([0xFE, 0xED, 0xFA, 0xCE]) || has([0xFE, 0xED, 0xFA, 0xCF]): return .executable
        case 0xCE where has([0xCE, 0xFA, 0xED, 0xFE]): return .executable
        case 0xCF where has([0xCF, 0xFA, 0xED, 0xFE]): return .executable
        // Java class files and universal Mach-O binaries share CAFEBABE.
        case 0xCA where has([0xCA, 0xFE, 0xBA, 0xBE]): return .executable
        case UInt8(ascii: "d") where ascii("dex\n") && byte(7) == 0: return .executable
        case UInt8(ascii: "w") where (ascii("wOFF") || ascii("wOF2")) && bytes.count >= 12: return .font
        case UInt8(ascii: "O"):
            if ascii("OTTO"), byte(4) == 0 { return .font }
            if ascii("OggS"), byte(4) == 0 { return .audioVideo }
        case UInt8(ascii: "t") where ascii("ttcf") && byte(4) == 0: return .font
        case UInt8(ascii: "f") where ascii("fLaC") && byte(4).map({ $0 & 0x7F <= 6 }) == true: return .audioVideo
        case 0x1A where has([0x1A, 0x45, 0xDF, 0xA3]): return .audioVideo  // Matroska, WebM
        case UInt8(ascii: "F"):
            if ascii("FLV"), byte(3) == 1 { return .audioVideo }
            if ascii("FORM"), ascii("AIFF", at: 8) || ascii("AIFC", at: 8) { return .audioVideo }
        case 0x30 where has([0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]): return .audioVideo  // ASF, WMV
        case 0xD0 where has([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]): return .officeDocument
        case UInt8(ascii: "S") where ascii("SQLite format 3") && byte(15) == 0: return .sqlite
        default:
            break
        }
        // ISO base media: a box size, then "ftyp" and a brand.
        if ascii("ftyp", at: 4), bytes.count >= 12, bytes[0] == 0 {
            for brand: StaticString in ["avif", "avis", "heic", "heix", "heim", "heis", "mif1", "msf1"]
            where ascii(brand, at: 8) {
                return .image
            }
            return .audioVideo
        }
        // POSIX and GNU tar: "ustar" in the first header block.
        if ascii("ustar", at: 257), byte(262) == 0 || byte(262) == 0x20 { return .archive }
        if isSVG(bytes) { return .image }
        return nil
    }

    /// A DOS stub (`MZ`) is an executable when its `e_lfanew` points at a
    /// `PE\0\0` header, or when it has the usual stub bytes; "MZ" alone
    /// starts words too ("MZ Motorcycles").
    private static func isPortableExecutable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 64 else { return false }
        if bytes[2] == 0x90, bytes[3] == 0x00 { return true }
        let offset = Int(bytes[0x3C]) | Int(bytes[0x3D]) << 8 | Int(bytes[0x3E]) << 16 | Int(bytes[0x3F]) << 24
        return offset + 4 <= bytes.count && ASCIIBytes.matchesExactly(bytes, offset, "PE\0\0")
    }

    /// An SVG drawing: after an optional XML declaration, comments and a
    /// doctype, the root element is `<svg` and declares the SVG namespace
    /// (or the doctype names SVG). An HTML page that merely starts with an
    /// inline `<svg>` icon lacks both, since HTML5 needs no namespace.
    static func isSVG(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let window = UnsafeBufferPointer(rebasing: bytes.prefix(1024))
        var index = 0
        if window.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while true {
            while index < window.count, window[index] <= 0x20 { index += 1 }
            guard index + 4 < window.count, window[index] == UInt8(ascii: "<") else { return false }
            if ASCIIBytes.matches(window, index, "<svg"), window[index + 4] <= 0x20 || window[index + 4] == UInt8(ascii: ">") {
                var end = index
                while end < window.count, window[end] != UInt8(ascii: ">") { end += 1 }
                let tag = UnsafeBufferPointer(rebasing: window[index..<end])
                return ASCIIBytes.firstIndex(of: "http://www.w3.org/2000/svg", in: tag) != nil
            }
            if ASCIIBytes.matches(window, index, "<!doctype svg") { return true }
            // Skip a declaration, processing instruction or comment.
            let isComment = ASCIIBytes.matches(window, index, "<!--")
            guard isComment || window[index + 1] == UInt8(ascii: "?") || window[index + 1] == UInt8(ascii: "!") else { return false }
            if isComment {
                let rest = UnsafeBufferPointer(rebasing: window[(index + 4)...])
                guard let close = ASCIIBytes.firstIndex(of: "-->", in: rest) else { return false }
                index += 4 + close + 3
            } else {
                while index < window.count, window[index] != UInt8(ascii: ">") { index += 1 }
                index += 1
            }
        }
    }

    /// Bytes that text never holds, after WHATWG MIME sniffing's "binary
    /// data byte" (0x00–0x08, 0x0B, 0x0E–0x1A, 0x1C–0x1F). ESC (0x1B)
    /// occurs in ISO-2022 text; VT is counted as binary, as WHATWG does.
    private static let binaryDataBytes: [Bool] = (0...255).map { byte in
        byte <= 0x08 || byte == 0x0B || (byte >= 0x0E && byte <= 0x1A) || (byte >= 0x1C && byte <= 0x1F)
    }

    /// True when more than 1 in 32 of the first 8 KiB are binary data bytes.
    ///
    /// Statistics rather than "any NUL is binary" (as libmagic's text
    /// tables do): a page with a handful of NULs or stray controls is still
    /// a page — the decoder drops the NULs before libxml2 sees them —
    /// while compressed or encoded data holds about 28 such bytes in 256.
    /// Trailing NULs (a preallocated download) are not counted. Call only
    /// for encodings without NULs (not UTF-16). Reads 8 KiB and the NULs at the end.
    static func hasBinaryBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 { end -= 1 }
        end = min(end, binaryWindow)
        guard end > 0 else { return false }
        var binary = 0
        binaryDataBytes.withUnsafeBufferPointer { table in
            for index in 0..<end where table[Int(bytes[index])] { binary &+= 1 }
        }
        return binary * 32 > end
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
        where ASCIIBytes.matches(window, start, opening) {
            return true
        }
        for opening: StaticString in ["<?xml", "<!--", "<!doctype"] where ASCIIBytes.matches(window, start, opening) {
            return pageExtensions.contains(fileExtension) || markerCount(window) >= 1
        }
        // Text that opens with a common tag is markup.
        if start < window.count, window[start] == UInt8(ascii: "<"),
           markers.contains(where: { ASCIIBytes.matches(window, start, $0) }) {
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
                for marker in markers where ASCIIBytes.matches(window, index, marker) {
                    count += 1
                    if count >= limit { return count }
                    break
                }
            }
            index += 1
        }
        return count
    }

    /// JavaScript markers; four different ones in the first 16 KiB make a script.
    private static let scriptMarkers: [StaticString] = [
        "function", "var ", "=>", "this.", "document.", "window.", "prototype", "typeof", "===", "!==",
    ]
    /// CSS markers; four different ones make a stylesheet.
    private static let styleMarkers: [StaticString] = [
        "px;", "em;", "color:", "margin", "padding", "font-", "@media", "!important", "background", "border:", "display:",
    ]

    /// True when decoded text that is not HTML is a script, a stylesheet or
    /// minified data rather than something to read: dense with code
    /// punctuation (`{};()=[]` at more than 8 % of its letters) with four
    /// kinds of JavaScript or CSS markers and hardly any prose lines; or a
    /// line longer than 4 KiB thick with brackets, quotes and commas (a
    /// minified bundle, a JSON search index).
    ///
    /// Measured on Debian's /usr/share/doc (with python3-doc): 24 scripts
    /// and stylesheets caught (Sphinx's `jquery.js`, `doctools.js`,
    /// `searchindex.js`, `basic.css`, …) and one Perl example without an
    /// extension; no `.txt`, `.md` (Node's `events.md`, full of JavaScript
    /// samples, keeps its prose), `.rst` or `.c` file. A commented library
    /// (`underscore.js`) can pass as text. One pass over at most 16 KiB.
    static func isScriptOrStylesheet(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let window = UnsafeBufferPointer(rebasing: utf8.prefix(16384))
        var letters = 0, punctuation = 0, dataPunctuation = 0, braces = 0, lines = 1, proseLines = 0, longestLine = 0
        var lineStart = 0, lineWords = 0, linePunctuation = 0, inWord = false
        for (index, byte) in window.enumerated() {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A: letters += 1
            case UInt8(ascii: "{"), UInt8(ascii: "}"): braces += 1; punctuation += 1; linePunctuation += 1
            case UInt8(ascii: ";"), UInt8(ascii: "="):
                punctuation += 1
                linePunctuation += 1
            case UInt8(ascii: "("), UInt8(ascii: ")"):
                punctuation += 1
            case UInt8(ascii: "["), UInt8(ascii: "]"): braces += 1; punctuation += 1
            case UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: ":"): dataPunctuation += 1
            default: break
            }
            if byte == 0x0A {
                longestLine = max(longestLine, index - lineStart)
                // Prose: eight words or more without braces, `;` or `=`
                // (wrapped paragraphs end mid-sentence, so no full stop is asked).
                if lineWords >= 8, linePunctuation == 0 { proseLines += 1 }
                lines += 1
                lineStart = index + 1
                lineWords = 0
                linePunctuation = 0
                inWord = false
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                inWord = false
            } else {
                if !inWord { lineWords += 1 }
                inWord = true
            }
        }
        longestLine = max(longestLine, window.count - lineStart)
        guard braces >= 4 else { return false }
        // A minified bundle or a JSON index: one huge line thick with quotes,
        // commas and brackets (a long unwrapped paragraph has a few commas).
        if longestLine > 4096, (punctuation + dataPunctuation) * 100 > max(1, letters) * 15 { return true }
        guard punctuation * 100 > max(1, letters) * 8 else { return false }
        func kinds(_ markers: [StaticString]) -> Int {
            markers.reduce(0) { $0 + (ASCIIBytes.firstIndex(of: $1, in: window) == nil ? 0 : 1) }
        }
        return (kinds(scriptMarkers) >= 4 || kinds(styleMarkers) >= 4) && proseLines * 10 < lines
    }
}
