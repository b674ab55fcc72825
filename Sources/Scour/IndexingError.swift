import ScourIndex

/// Why an indexing run stopped. Nothing is committed when one is thrown:
/// the previous index stays in force.
public enum IndexingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path given to index does not exist.
    case noSuchPath(String)
    /// The paths hold no file Scour can index.
    case nothingToIndex(paths: [String], skipped: Int)
    /// Writing the index failed.
    case index(IndexError)
    /// The analyzer settings asked for differ from the index's: an update
    /// must analyse like the documents already indexed.
    case analyzerChanged(index: String)

    public var description: String {
        switch self {
        case .noSuchPath(let path):
            return "no such file or folder: \(path)"
        case .nothingToIndex(let paths, let skipped):
            let files = skipped == 0 ? "it holds no files" : "\(skipped) item\(skipped == 1 ? " was" : "s were") skipped (--verbose lists why)"
            return "found no page or text to index in \(paths.joined(separator: ", ")): \(files); the existing index is unchanged"
        case .index(let error):
            return error.description
        case .analyzerChanged(let index):
            return "the index in \(index) was built with other analyzer settings: leave the analyzer options out to update it, or add --full to rebuild it with the new ones"
        }
    }
}
