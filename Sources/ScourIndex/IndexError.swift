/// Everything that can go wrong reading or writing an index on disk.
///
/// Each description is one line that names the file and says what to do,
/// because these reach users verbatim through the CLI.
public enum IndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directory holds no manifest: nothing was ever indexed there.
    case notFound(directory: String)
    /// A file's checksum, magic number or structure is wrong.
    case corrupted(file: String, reason: String)
    /// A file was written by another version of Scour's format.
    case unsupportedVersion(file: String, found: UInt32, supported: UInt32)
    /// The operating system refused a read or write.
    case io(file: String, message: String)
    /// Another `scour index` holds the index's write lock.
    case locked(directory: String)
    /// The index's analyzer needs data this machine lacks (OpenCC's
    /// dictionaries for Chinese folding); `message` says what to install.
    case analyzerUnavailable(message: String)

    public var description: String {
        switch self {
        case .notFound(let directory):
            return "no index found in \(directory): build one with `scour index --index \(directory)`"
        case .corrupted(let file, let reason):
            return "index file \(file) is damaged (\(reason)): rebuild the index with `scour index`"
        case .unsupportedVersion(let file, let found, let supported):
            return "index file \(file) has format version \(found), but this scour reads version \(supported): rebuild the index with `scour index`"
        case .io(let file, let message):
            return "cannot access \(file): \(message)"
        case .locked(let directory):
            return "another `scour index` is writing to \(directory): wait for it to finish and try again"
        case .analyzerUnavailable(let message):
            return message
        }
    }
}
