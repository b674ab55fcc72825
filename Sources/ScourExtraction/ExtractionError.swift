/// Why a file yielded no document. The indexer reports these per file and
/// moves on, so each case says what is wrong with the *file*, not the code.
///
/// ``category`` groups them for a summary line:
/// ```swift
/// // skipped 212: 180 images, 20 other binary, 12 empty
/// let counts = Dictionary(grouping: errors, by: \.category).mapValues(\.count)
/// ```
public enum ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No bytes, only whitespace, or no visible text at all once decoded.
    case empty
    /// Not text: a known binary signature (what it is says which), or too
    /// many bytes that text never holds (``ContentKind/otherBinary``).
    case binary(ContentKind)
    /// Decoding left mostly replacement characters: no encoding fits.
    case undecodable
    /// Extraction used up ``ExtractionOptions/cpuBudget``: a hostile or
    /// pathological page, given up on so that it cannot stall a crawl.
    case tooSlow

    /// The plural noun this error is counted under in a summary line:
    /// "images", "PDFs", "archives", "executables", "fonts", "audio/video
    /// files", "office documents", "SQLite databases", "other binary",
    /// "empty", "undecodable", "too slow to extract".
    public var category: String {
        switch self {
        case .empty: "empty"
        case .binary(let kind): kind.pluralNoun
        case .undecodable: "undecodable"
        case .tooSlow: "too slow to extract"
        }
    }

    public var description: String {
        switch self {
        case .empty: "the file is empty or has no text"
        case .binary(.code): "the file is a script or stylesheet (JavaScript, CSS or minified data), not a page; --keep-all indexes it"
        case .binary(let kind): "the file is binary (\(kind.withArticle)), not a page"
        case .undecodable: "the file's text could not be decoded in any known character encoding"
        case .tooSlow: "the page took longer to extract than the CPU budget allows (hostile or pathological markup)"
        }
    }
}
