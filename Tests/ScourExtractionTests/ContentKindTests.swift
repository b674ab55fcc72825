import Testing
@testable import ScourExtraction

/// What a file that is not a page is, from its bytes whatever its name, and
/// pages that only look binary at a glance (NULs, controls, UTF-16).
@Suite("Content kinds")
struct ContentKindTests {
    static func bytes(_ parts: Any...) -> [UInt8] {
        parts.flatMap { part -> [UInt8] in
            switch part {
            case let text as String: Array(text.utf8)
            case let raw as [UInt8]: raw
            case let raw as [Int]: raw.map { UInt8($0) }
            case let count as Int: [UInt8](repeating: 0, count: count)
            default: []
            }
        }
    }

    /// Pseudo-random bytes, as compressed or encrypted data looks.
    static func noise(_ count: Int, seed: UInt64 = 42) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// The first bytes of real files of each kind, followed by data.
    static let samples: [(String, [UInt8], ContentKind)] = [
        ("PNG", bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "IHDR"), .image),
        ("JPEG", bytes([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10], "JFIF", [0]), .image),
        ("GIF", bytes("GIF89a", [0x10, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00]), .image),
        ("WebP", bytes("RIFF", [0x24, 0x08, 0, 0], "WEBPVP8 "), .image),
        ("BMP", bytes("BM", [0x36, 0x04, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0]), .image),
        ("ICO", bytes([0, 0, 1, 0, 1, 0, 16, 16, 0, 0]), .image),
        ("TIFF", bytes([0x49, 0x49, 0x2A, 0x00, 0x08, 0, 0, 0]), .image),
        ("AVIF", bytes([0, 0, 0, 0x20], "ftypavif", [0, 0, 0, 0]), .image),
        ("SVG", bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Generator: Inkscape -->\n"
                      + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"24\"><title>Logo</title>"
                      + "<path d=\"M0 0h24v24H0z\"/></svg>\n"), .image),
        ("SVG doctype", bytes("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\">\n<svg><text>Hi</text></svg>"), .image),
        ("PDF", bytes("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), .pdf),
        ("zip", bytes([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), .archive),
        ("gzip", bytes([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 3]), .archive),
        ("bzip2", bytes("BZh91AY&SY", [0x4E, 0xEC]), .archive),
        ("xz", bytes([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00, 0x04]), .archive),
        ("zstd", bytes([0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x00]), .archive),
        ("7z", bytes([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0x00, 0x04]), .archive),
        ("rar", bytes("Rar!", [0x1A, 0x07, 0x01, 0x00]), .archive),
        ("tar", bytes("notes/readme.txt", 241, "ustar", [0], "00", 200), .archive),
        ("ELF", bytes([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]), .executable),
        ("Mach-O", bytes([0xCF, 0xFA, 0xED, 0xFE, 0x07, 0x00, 0x00, 0x01]), .executable),
        ("PE", bytes("MZ", [0x90, 0x00, 0x03, 0x00], 58), .executable),
        ("Java class", bytes([0xCA, 0xFE, 0xBA, 0xBE, 0x00, 0x00, 0x00, 0x34]), .executable),
        ("wasm", bytes([0x00], "asm", [0x01, 0, 0, 0]), .executable),
        ("WOFF", bytes("wOFF", [0, 1, 0, 0, 0, 0, 0x30, 0x2C, 0, 0x0D]), .font),
        ("WOFF2", bytes("wOF2", [0, 1, 0, 0, 0, 0, 0x1E, 0x2C, 0, 0x0D]), .font),
        ("TrueType", bytes([0x00, 0x01, 0x00, 0x00, 0x00, 0x0F, 0x00, 0x80]), .font),
        ("OpenType", bytes("OTTO", [0x00, 0x0C, 0x00, 0x80]), .font),
        ("MP3 with ID3", bytes("ID3", [0x03, 0x00, 0x00, 0x00, 0x00, 0x1F, 0x76]), .audioVideo),
        ("MP3 frame", bytes([0xFF, 0xFB, 0x90, 0x64, 0x00]), .audioVideo),
        ("Ogg", bytes("OggS", [0x00, 0x02, 0, 0, 0, 0]), .audioVideo),
        ("WAVE", bytes("RIFF", [0x24, 0x08, 0, 0], "WAVEfmt "), .audioVideo),
        ("AVI", bytes("RIFF", [0x24, 0x08, 0, 0], "AVI LIST"), .audioVideo),
        ("MP4", bytes([0, 0, 0, 0x18], "ftypisom", [0, 0, 2, 0]), .audioVideo),
        ("FLAC", bytes("fLaC", [0x00, 0x00, 0x00, 0x22]), .audioVideo),
        ("WebM", bytes([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81]), .audioVideo),
        ("OLE (doc, xls)", bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), .officeDocument),
        ("SQLite", bytes("SQLite format 3", [0x00, 0x10, 0x00]), .sqlite),
        ("noise", noise(4096), .otherBinary),
    ]

    @Test func eachKindIsRecognisedWhateverTheName() {
        for (name, data, kind) in Self.samples {
            // Padded with noise so the file is as binary as the real thing.
            let file = kind == .image && name.hasPrefix("SVG") ? data : data + Self.noise(600, seed: 7)
            for fileExtension in ["html", "txt", ""] {
                #expect(throws: ExtractionError.binary(kind), "\(name) as .\(fileExtension)") {
                    try DocumentExtractor().extract(file, fileExtension: fileExtension)
                }
            }
        }
    }

    @Test func everyKindHasASummaryNoun() {
        let nouns = ContentKind.allCases.map { ExtractionError.binary($0).category }
        #expect(nouns == ["images", "PDFs", "archives", "executables", "fonts", "audio/video files", "office documents",
                          "SQLite databases", "other binary", "scripts and stylesheets"])
        #expect(ExtractionError.empty.category == "empty")
        #expect(ExtractionError.undecodable.category == "undecodable")
        #expect(ExtractionError.tooSlow.category == "too slow to extract")
    }

    /// A binary body behind a saved HTTP head is still binary.
    @Test func imageBehindAHeaderBlock() {
        let file = Self.bytes("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 4096\r\n\r\n")
            + Self.samples[0].1 + Self.noise(600)
        #expect(throws: ExtractionError.binary(.image)) { try DocumentExtractor().extract(file) }
    }

    // MARK: Text that looks binary at a glance

    /// Text that starts with the letters of a signature stays text.
    @Test(arguments: [
        "BMW opened a new plant in the region, employing two thousand people from the valley.",
        "OTTO von Bismarck unified Germany in 1871 after a series of wars with its neighbours.",
        "MZ Motorcycles were built in Zschopau for most of the twentieth century, in large numbers.",
        "ID3 tags hold the title and the artist of a song inside the audio file itself, at its start.",
        "PK is the abbreviation of pharmacokinetics in the course notes of this department.",
        "RIFF is a container format; this note explains how its chunks are laid out on disk.",
    ])
    func proseStartingLikeASignatureIsText(line: String) throws {
        let document = try extract(line + "\nA second line follows the first one here.", fileExtension: "txt")
        #expect(document.text.hasPrefix(line))
    }

    /// An HTML page that opens with an inline icon is a page, not an SVG.
    @Test func pageStartingWithAnInlineSVGIsAPage() throws {
        let page = "<svg width=16 height=16><path d='M0 0'/></svg><div><p>The page content starts after the icon "
            + "and goes on for a while.</p></div>"
        #expect(try extract(page).text.contains("The page content starts after the icon"))
    }

    @Test func pageWithAFewNULsIsStillHTML() throws {
        let page = Self.bytes("<html><head><title>Course notes</title></head><body><p>Week one covers sets", [0],
                              " and functions.</p>", [0, 0], "<p>Week two covers relations\u{01} and orders.</p></body></html>")
        let document = try DocumentExtractor().extract(page, fileExtension: "html")
        #expect(document.format == .html)
        #expect(document.title == "Course notes")
        // Nothing after a NUL is lost: libxml2 stops at one, so they never reach it.
        #expect(document.text.contains("Week one covers sets and functions."))
        #expect(document.text.contains("Week two covers relations"))
        #expect(document.text.contains("and orders."))
    }

    @Test func pagePaddedWithNULsIsStillHTML() throws {
        let page = Self.bytes("<html><body><p>A page saved into a preallocated file, with zeros after it.</p></body></html>", 20_000)
        #expect(try DocumentExtractor().extract(page).text == "A page saved into a preallocated file, with zeros after it.")
    }

    @Test func binaryStatistics() {
        func isBinary(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(ContentSniffer.hasBinaryBytes) }
        let text = Array(String(repeating: "Plain prose with punctuation, digits 123 and tabs\t.\n", count: 40).utf8)
        #expect(!isBinary(text))
        #expect(!isBinary(text + [0, 1, 2, 0] + text))  // a handful of controls in text
        #expect(!isBinary(text + [UInt8](repeating: 0, count: 9000)))  // trailing NULs
        #expect(!isBinary(Array("\u{1B}$B$3$s$K$A$O\u{1B}(B ISO-2022-JP uses escapes".utf8)))
        #expect(isBinary(Self.noise(8192)))
        #expect(isBinary(Array(text.prefix(2000)) + Self.noise(2000)))  // half text, half data
    }
}
