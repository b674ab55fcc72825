/// What a file that is not a page turned out to be, decided from its bytes
/// (magic numbers, then byte statistics), never from its name — so a crawl
/// can report "180 images, 20 other binary" instead of one "binary" count.
public enum ContentKind: String, Sendable, CaseIterable, Equatable, Codable {
    /// PNG, JPEG, GIF, WebP, BMP, ICO/CUR, TIFF, AVIF/HEIC, and SVG (text,
    /// but a drawing rather than a page).
    case image
    /// PDF documents.
    case pdf
    /// zip (and zip-based docx/xlsx/epub/jar), gzip, bzip2, xz, zstd, 7z, rar, tar, …
    case archive
    /// ELF, Mach-O, PE (`MZ`), Java class files, WebAssembly, Dalvik.
    case executable
    /// WOFF, WOFF2, TrueType, OpenType, TrueType collections.
    case font
    /// MP3/ID3, Ogg, RIFF (WAVE, AVI), MP4/QuickTime, FLAC, Matroska/WebM, …
    case audioVideo = "audio/video"
    /// Legacy Microsoft Office files (OLE compound documents: doc, xls, ppt, msg).
    case officeDocument = "office document"
    /// SQLite database files.
    case sqlite = "SQLite"
    /// No known signature, but too many bytes that text never holds.
    case otherBinary = "other binary"
    /// Text, but a program or data rather than a page: JavaScript, CSS, a
    /// minified bundle or a search index (`searchindex.js`), which would
    /// otherwise rank first for words that occur in every page.
    case code = "script or stylesheet"

    /// The plural noun for a count in a summary line ("180 images").
    public var pluralNoun: String {
        switch self {
        case .image: "images"
        case .pdf: "PDFs"
        case .archive: "archives"
        case .executable: "executables"
        case .font: "fonts"
        case .audioVideo: "audio/video files"
        case .officeDocument: "office documents"
        case .sqlite: "SQLite databases"
        case .otherBinary: "other binary"
        case .code: "scripts and stylesheets"
        }
    }

    /// "an image", "a PDF", … for one-line error descriptions.
    var withArticle: String {
        switch self {
        case .image: "an image"
        case .pdf: "a PDF document"
        case .archive: "an archive or compressed file"
        case .executable: "an executable or object file"
        case .font: "a font"
        case .audioVideo: "an audio or video file"
        case .officeDocument: "an office document"
        case .sqlite: "an SQLite database"
        case .otherBinary: "binary data of no known kind"
        case .code: "a script or stylesheet"
        }
    }
}
