/// Why a file yielded no document. The indexer reports these per file and
/// moves on, so each case says what is wrong with the *file*, not the code.
public enum ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No bytes, only whitespace, or no visible text at all once decoded.
    case empty
    /// NUL bytes, a known binary signature or mostly control bytes near the
    /// start: an image, PDF, archive or executable rather than a page.
    case binary
    /// Decoding left mostly replacement characters: no encoding fits.
    case undecodable

    public var description: String {
        switch self {
        case .empty: "the file is empty or has no text"
        case .binary: "the file is binary (an image, PDF, archive or similar), not a page"
        case .undecodable: "the file's text could not be decoded in any known character encoding"
        }
    }
}
