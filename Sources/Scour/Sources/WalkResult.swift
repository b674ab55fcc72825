/// What ``SourceWalker/walk(_:options:)`` takes and leaves out.
public struct WalkOptions: Sendable, Equatable {
    /// When not empty, only files matching one of these globs are taken
    /// (folders are still walked). Syntax: see ``PathGlob``.
    public var include: [String]
    /// Files and folders matching one of these globs are left out. (Files
    /// given directly as roots are always taken: the user named them.)
    public var exclude: [String]
    /// Folders never walked, compared by device and inode (so `scour index .`
    /// skips its own index folder however it is spelled). Paths that do not
    /// exist are ignored.
    public var excludedFolders: [String]

    /// The id prefix of each root's files (root as given → prefix, "" for
    /// none), overriding the default (none for one root, the root as given
    /// for several): an index keeps each source's prefix, so ids stay the
    /// same whichever sources one run reads.
    public var idPrefixes: [String: String] = [:]

    public init(include: [String] = [], exclude: [String] = [], excludedFolders: [String] = []) {
        self.include = include
        self.exclude = exclude
        self.excludedFolders = excludedFolders
    }
}

/// Why the walk left a path out.
public enum WalkSkipReason: Sendable, Equatable, Hashable {
    /// Its name starts with `.` (a hidden folder counts once, contents unseen).
    case hidden
    /// Matched `--exclude`, missed every `--include`, or is an excluded folder.
    case excluded
    /// The folder could not be listed or the file cannot be read (the `errno` message).
    case unreadable(String)
    /// A FIFO, socket or device: reading one could block or never end.
    case notRegularFile(String)
    /// A symlink whose target does not exist.
    case danglingSymlink
    /// A symlink leading back into a folder already on the way down (or a
    /// chain of links the kernel gives up on).
    case symlinkLoop
    /// The same file or folder (device and inode) was already taken under
    /// another path: a symlink, a hard link or overlapping roots.
    case duplicatePath(of: String)
    /// HTTrack's own bookkeeping (`hts-cache/`, `hts-log.txt`, …), not pages.
    case crawlerBookkeeping

    /// One line for messages, e.g. "symlink loop".
    public var description: String {
        switch self {
        case .hidden: return "hidden"
        case .excluded: return "excluded"
        case .unreadable(let reason): return "unreadable (\(reason))"
        case .notRegularFile(let type): return "not a regular file (\(type))"
        case .danglingSymlink: return "dangling symlink"
        case .symlinkLoop: return "symlink loop"
        case .duplicatePath(let first): return "same file as \(first)"
        case .crawlerBookkeeping: return "HTTrack bookkeeping"
        }
    }

    /// The plural noun for a summary line ("3 hidden, 2 symlink loops").
    public var category: String {
        switch self {
        case .hidden: return "hidden"
        case .excluded: return "excluded"
        case .unreadable: return "unreadable"
        case .notRegularFile: return "not regular files"
        case .danglingSymlink: return "dangling symlinks"
        case .symlinkLoop: return "symlink loops"
        case .duplicatePath: return "duplicate paths"
        case .crawlerBookkeeping: return "crawler files"
        }
    }
}

/// A path the walk left out, and why.
public struct WalkSkip: Sendable, Equatable {
    public var displayPath: String
    public var reason: WalkSkipReason

    public init(displayPath: String, reason: WalkSkipReason) {
        self.displayPath = displayPath
        self.reason = reason
    }
}

/// Everything a walk found.
public struct WalkResult: Sendable, Equatable {
    /// In walk order: roots as given, each folder's entries by raw bytes.
    public var files: [SourceFile]
    public var skipped: [WalkSkip]

    public init(files: [SourceFile], skipped: [WalkSkip]) {
        self.files = files
        self.skipped = skipped
    }

    /// Skips counted by ``WalkSkipReason/category``, in first-seen order,
    /// e.g. `[("hidden", 3), ("symlink loops", 1)]`, for a summary line.
    public var skipCounts: [(category: String, count: Int)] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for skip in skipped {
            let category = skip.reason.category
            if counts[category] == nil { order.append(category) }
            counts[category, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }
    }
}
