#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the files to index under the paths a user gives.
///
/// Every regular file is a candidate whatever its name (`news.jsp`,
/// `item.php?id=7`, `page.html.1`): the extractor reads the content and
/// decides. What is left out is counted in ``WalkResult/skipped`` with a
/// reason, never dropped silently: hidden names (`.` prefix), `--exclude`
/// matches, unreadable folders and files, FIFOs, sockets and devices,
/// dangling symlinks, symlink loops, files reached twice, and HTTrack's
/// bookkeeping in a project folder (the one holding `hts-cache/`):
/// `hts-cache/`, its logs, `cookies.txt`, and its generated `index.html`,
/// `backblue.gif` and `fade.gif`.
///
/// Uses `opendir`/`readdir`/`lstat`/`stat` on raw bytes, not FileManager,
/// which turns names that are not UTF-8 into text it then cannot open.
/// Costs one `lstat` and one `access` per entry (plus a `stat` per symlink).
///
/// Symlinks are followed, a root given as one always. A folder already on
/// the way down (same device and inode) is a loop; a folder or file reached
/// a second time by any path (links, `scour index site site/news`) is a
/// duplicate, taken once under the path it was first reached by.
///
/// Order is deterministic: roots as given, each folder's entries sorted by
/// raw bytes, depth first. Document ids:
/// - one root folder: the path under it (`news/2025/a.html`);
/// - several roots: that path prefixed by the root as given, trimmed of a
///   leading `./` and trailing `/` (`siteA/index.html`, `siteB/index.html`);
/// - a file given as a root: its name (one root) or trimmed path (several);
/// - should two ids still collide (`\xNN` display of a byte against a name
///   literally spelled so, or a root `.` next to a folder), the later one
///   gets `#2`, `#3`…, deterministic since the order is.
public enum SourceWalker {
    /// Walks `roots` in order.
    /// - Throws: ``IndexingError/noSuchPath(_:)`` when a root does not exist
    ///   (or is a dangling symlink), before anything is walked.
    public static func walk(_ roots: [String], options: WalkOptions = WalkOptions()) throws(IndexingError) -> WalkResult {
        for root in roots {
            var info = stat()
            let status = RawPath.withCString(Array(root.utf8)) { stat($0, &info) }
            if status != 0 && (errno == ENOENT || errno == ENOTDIR) { throw .noSuchPath(root) }
        }
        var walk = Walk(options: options, multipleRoots: roots.count > 1)
        for root in roots { walk.walkRoot(root) }
        return WalkResult(files: DocumentIDs.uniqued(walk.files), skipped: walk.skipped)
    }
}

/// Device and inode: what makes two paths the same file.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }
}

/// The state of one ``SourceWalker/walk(_:options:)`` call.
private struct Walk {
    /// Root may read any file (what `access` would say for each): the walk
    /// saves a system call per file. Where root cannot (a squashed NFS
    /// mount), reading the file reports it unreadable instead.
    static let readsEverything = geteuid() == 0

    let include: [PathGlob]
    let exclude: [PathGlob]
    let excludedFolders: Set<FileIdentity>
    let multipleRoots: Bool
    let idPrefixes: [String: String]
    var files: [SourceFile] = []
    var skipped: [WalkSkip] = []
    /// First display path of every file and folder taken, by identity.
    var seen: [FileIdentity: String] = [:]

    /// The root being walked.
    var root = ""
    /// The root as ids and displayed paths start it (worked out once per root).
    var trimmedRoot = ""
    var displayBase = ""
    var rootBytes: [UInt8] = []
    var rootRealComponents: [[UInt8]] = []

    init(options: WalkOptions, multipleRoots: Bool) {
        include = options.include.map(PathGlob.init)
        exclude = options.exclude.map(PathGlob.init)
        var folders = Set<FileIdentity>()
        for folder in options.excludedFolders {
            var info = stat()
            if RawPath.withCString(Array(folder.utf8), { stat($0, &info) }) == 0 { folders.insert(FileIdentity(info)) }
        }
        excludedFolders = folders
        self.multipleRoots = multipleRoots
        idPrefixes = options.idPrefixes
    }

    mutating func walkRoot(_ root: String) {
        self.root = root
        rootBytes = Array(root.utf8)
        trimmedRoot = DocumentIDs.trimmed(root)
        var base = root
        while base.utf8.count > 1 && base.hasSuffix("/") { base.removeLast() }
        displayBase = base
        var info = stat()
        guard RawPath.withCString(rootBytes, { stat($0, &info) }) == 0 else {
            skip(root, errno == ELOOP ? .symlinkLoop : .unreadable(RawPath.message(errno)))
            return
        }
        let real = RawPath.withCString(rootBytes) { realpath($0, nil) }
        var realPath = rootBytes
        if let real {
            realPath = Array(UnsafeBufferPointer(start: UnsafeRawPointer(real).assumingMemoryBound(to: UInt8.self), count: strlen(real)))
            free(real)
        }
        let identity = FileIdentity(info)
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            rootRealComponents = RawPath.components(realPath)
            if excludedFolders.contains(identity) { return skip(root, .excluded) }
            if let first = seen[identity] { return skip(root, .duplicatePath(of: first)) }
            seen[identity] = root
            walkFolder(rootBytes, relative: [], chain: [identity])
        case S_IFREG:
            var components = RawPath.components(realPath)
            let name = components.popLast() ?? rootBytes
            rootRealComponents = components
            if let first = seen[identity] { return skip(root, .duplicatePath(of: first)) }
            take(path: rootBytes, relative: [name], info: info, identity: identity, isRootFile: true)
        default:
            skip(root, .notRegularFile(Self.typeName(info.st_mode)))
        }
    }

    mutating func walkFolder(_ path: [UInt8], relative: [[UInt8]], chain: Set<FileIdentity>) {
        // Entries are looked up relative to the open folder: the kernel
        // does not walk the whole path again for each file.
        let folder = RawPath.withCString(path) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard folder >= 0, let names = Self.list(folder: folder) else {
            let code = errno
            if folder >= 0 { close(folder) }
            return skip(display(relative), .unreadable(RawPath.message(code)))
        }
        defer { close(folder) }
        let isHTTrackProject = names.contains { $0.elementsEqual("hts-cache".utf8) }
        for name in names {
            let childPath = RawPath.joined(path, name)
            let childRelative = relative + [name]
            if name.first == UInt8(ascii: ".") { skip(display(childRelative), .hidden); continue }
            var info = stat()
            guard RawPath.withCString(name, { fstatat(folder, $0, &info, AT_SYMLINK_NOFOLLOW) }) == 0 else {
                skip(display(childRelative), .unreadable(RawPath.message(errno))); continue
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                guard RawPath.withCString(name, { fstatat(folder, $0, &info, 0) }) == 0 else {
                    let reason: WalkSkipReason = switch errno {
                    case ENOENT, ENOTDIR: .danglingSymlink
                    case ELOOP: .symlinkLoop
                    default: .unreadable(RawPath.message(errno))
                    }
                    skip(display(childRelative), reason); continue
                }
            }
            let identity = FileIdentity(info)
            func matches(_ globs: [PathGlob], isFolder: Bool) -> Bool {
                guard !globs.isEmpty else { return false }
                let relativeBytes = Array(childRelative.joined(separator: [UInt8(ascii: "/")]))
                // In a mirror, globs also match the path below the host folder,
                // as a user reads the site: `_static/**` excludes
                // `www.example.edu/_static/basic.css`.
                let siteBytes = childRelative.count >= 2 && MirrorURL.isHost(childRelative[0])
                    ? Array(childRelative.dropFirst().joined(separator: [UInt8(ascii: "/")])) : nil
                return globs.contains { glob in
                    glob.matches(relativeBytes, isFolder: isFolder) || (siteBytes.map { glob.matches($0, isFolder: isFolder) } ?? false)
                }
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if isHTTrackProject && name.elementsEqual("hts-cache".utf8) {
                    skip(display(childRelative), .crawlerBookkeeping)
                } else if excludedFolders.contains(identity)
                            || matches(exclude, isFolder: true) {
                    skip(display(childRelative), .excluded)
                } else if chain.contains(identity) {
                    skip(display(childRelative), .symlinkLoop)
                } else if let first = seen[identity] {
                    skip(display(childRelative), .duplicatePath(of: first))
                } else {
                    seen[identity] = display(childRelative)
                    walkFolder(childPath, relative: childRelative, chain: chain.union([identity]))
                }
            case S_IFREG:
                if isHTTrackProject && Self.httrackFiles.contains(where: { name.elementsEqual($0.utf8) }) {
                    skip(display(childRelative), .crawlerBookkeeping)
                } else if matches(exclude, isFolder: false) || (!include.isEmpty && !matches(include, isFolder: false)) {
                    skip(display(childRelative), .excluded)
                } else if let first = seen[identity] {
                    skip(display(childRelative), .duplicatePath(of: first))
                } else if !Self.readsEverything, RawPath.withCString(name, { faccessat(folder, $0, R_OK, 0) }) != 0 {
                    skip(display(childRelative), .unreadable(RawPath.message(errno)))
                } else {
                    take(path: childPath, relative: childRelative, info: info, identity: identity, isRootFile: false)
                }
            default:
                skip(display(childRelative), .notRegularFile(Self.typeName(info.st_mode)))
            }
        }
    }

    mutating func take(path: [UInt8], relative: [[UInt8]], info: stat, identity: FileIdentity, isRootFile: Bool) {
        let relativeText = RawPath.display(Array(relative.joined(separator: [UInt8(ascii: "/")])))
        let shown = isRootFile ? root : display(relative, text: relativeText)
        seen[identity] = shown
        let id: String
        if let prefix = idPrefixes[root] {
            if isRootFile {
                id = prefix.isEmpty ? relativeText : prefix
            } else {
                id = prefix.isEmpty || prefix == "." ? relativeText : prefix + "/" + relativeText
            }
        } else if isRootFile {
            id = multipleRoots ? trimmedRoot : relativeText
        } else {
            let prefix = trimmedRoot
            id = multipleRoots && prefix != "." && !prefix.isEmpty ? prefix + "/" + relativeText : relativeText
        }
        #if canImport(Glibc)
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #else
        let modified = Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #endif
        var file = SourceFile(
            path: path, displayPath: shown, id: id, url: nil,
            kind: SourceKind.of(name: relative.last ?? path), size: Int(info.st_size), modified: modified, root: root)
        // A file under a folder: its URL is worked out when it is read. A
        // file given as a root has no path under a root to work it from.
        let start = rootBytes.last == UInt8(ascii: "/") ? rootBytes.count : rootBytes.count + 1
        // (A child's path is its folder's path, `/`, its name: the part
        // after the root and a `/` is the path under the root.)
        if !isRootFile, path.count > start, path[start - 1] == UInt8(ascii: "/") {
            file.mirrorLayout = SourceFile.MirrorLayout(root: rootRealComponents, relativeStart: start)
        } else {
            file.url = MirrorURL.url(rootComponents: rootRealComponents, relative: relative)
        }
        files.append(file)
    }

    mutating func skip(_ displayPath: String, _ reason: WalkSkipReason) {
        skipped.append(WalkSkip(displayPath: displayPath, reason: reason))
    }

    /// `root/relative` as the user would type it (`news/a.html` for root `.`).
    func display(_ relative: [[UInt8]]) -> String {
        display(relative, text: RawPath.display(Array(relative.joined(separator: [UInt8(ascii: "/")]))))
    }

    /// ``display(_:)`` given the relative path as text already.
    func display(_ relative: [[UInt8]], text relativeText: String) -> String {
        if relative.isEmpty { return root }
        if trimmedRoot == "." { return relativeText }
        return displayBase == "/" ? "/" + relativeText : displayBase + "/" + relativeText
    }

    /// The entry names (without `.` and `..`) of the folder open as
    /// `folder`, sorted by raw bytes;
    /// nil when it cannot be listed (`errno` says why).
    static func list(folder: Int32) -> [[UInt8]]? {
        let listing = dup(folder)
        guard listing >= 0 else { return nil }
        guard let directory = fdopendir(listing) else {
            close(listing)
            return nil
        }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        errno = 0
        while let entry = readdir(directory) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                return Array(bytes[..<(bytes.firstIndex(of: 0) ?? bytes.count)])
            }
            if name.elementsEqual(".".utf8) || name.elementsEqual("..".utf8) { continue }
            names.append(name)
        }
        if errno != 0 { return nil }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// HTTrack's own files next to its `hts-cache/` folder: logs, the lock,
    /// cookies, and the generated "local index" page with its two images
    /// (the site's own home page is `HOST/index.html`, one level down).
    static let httrackFiles = [
        "hts-log.txt", "hts-err.txt", "hts-in_progress.lock", "hts-nohup.out", "hts-ioinfo.txt", "cookies.txt",
        "index.html", "backblue.gif", "fade.gif",
    ]

    static func typeName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "FIFO"
        case S_IFSOCK: return "socket"
        case S_IFCHR: return "character device"
        case S_IFBLK: return "block device"
        default: return "unknown type"
        }
    }
}
