/// Everything that can go wrong reading or writing an index on disk.
///
/// Each description is one line that names the file and says what to do,
/// because these reach users verbatim through the CLI.
public enum IndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directory holds no manifest: nothing was ever indexed there.
    case notFound(directory: String)
    /// A file's checksum, magic number or structure is wrong.
    case corrupted(file: String, reason: String)
    /// A file was written in a format version outside the range this
    /// Scour reads: too old (rebuild) or too new (upgrade scour).
    case unsupportedVersion(file: String, found: UInt32, supported: ClosedRange<UInt32>)
    /// The operating system refused a read or write.
    case io(file: String, message: String)
    /// Another `scour index` holds the index's write lock; `holder` is what
    /// it wrote into `write.lock` (nil when it had not written it yet).
    case locked(directory: String, holder: WriteLock.Holder? = nil)
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
            let readable = supported.count == 1 ? "version \(supported.lowerBound)"
                                                : "versions \(supported.lowerBound) to \(supported.upperBound)"
            if found < supported.lowerBound {
                return "index file \(file) has format version \(found), too old for this scour (it reads \(readable)): rebuild the index with `scour index`"
            }
            return "index file \(file) has format version \(found), too new for this scour (it reads \(readable)): use a newer scour, or rebuild the index with this one"
        case .io(let file, let message):
            return "cannot access \(file): \(message)"
        case .locked(let directory, let holder?):
            return "\(directory) is being written by process \(holder.processID) (\(holder.command), started \(holder.started)): wait for it to finish and try again"
        case .locked(let directory, nil):
            return "another `scour index` is writing to \(directory): wait for it to finish and try again"
        case .analyzerUnavailable(let message):
            return message
        }
    }
}
