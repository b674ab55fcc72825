import ScourIndex

/// Why an indexing run stopped. Nothing is committed when one is thrown:
/// the previous index stays in force.
public enum IndexingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path given to index does not exist.
    case noSuchPath(String)
    /// The paths hold no file Scour can index.
    case nothingToIndex(paths: [String])
    /// Writing the index failed.
    case index(IndexError)

    public var description: String {
        switch self {
        case .noSuchPath(let path):
            return "no such file or folder: \(path)"
        case .nothingToIndex(let paths):
            return "found nothing to index in \(paths.joined(separator: ", ")) (looked for .html, .htm, .xhtml, .txt and extensionless pages); the existing index is unchanged"
        case .index(let error):
            return error.description
        }
    }
}
