#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ScourTestSupport
import Testing
@testable import Scour

/// Tree-building helpers on raw bytes (FileManager cannot make these).
extension TemporaryDirectory {
    func symlink(_ name: String, to target: String) {
        let path = file(name)
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(Glibc.symlink(target, path) == 0, "symlink \(name) → \(target)")
    }

    func folder(_ name: String) {
        try! FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
    }

    /// Creates a file whose name is raw bytes under `folder`; returns its full raw path.
    @discardableResult
    func writeRaw(name: [UInt8], in folder: String = "", _ contents: String) -> [UInt8] {
        let parent = folder.isEmpty ? path : file(folder)
        let full = Array(parent.utf8) + [UInt8(ascii: "/")] + name
        let descriptor = (full + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        precondition(descriptor >= 0, "cannot create a raw-named file")
        let bytes = Array(contents.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        return full
    }
}

@Suite("Source walker")
struct SourceWalkerTests {
    @Test func everyRegularFileIsTakenWhateverItsName() throws {
        let site = TemporaryDirectory()
        let names = [
            "news.jsp", "article.asp", "item.php", "view.shtml", "content.cfm", "newsitem.aspx?id=7",
            "files/index.html?C=M;O=A", "page.html.1", "logo.png", "report.pdf", "README", "data.jsonl",
            "crawl.warc.gz", "old.WARC", "feed.ndjson", "news/2025/a.html",
        ]
        for name in names { site.write(name, "<p>\(name)</p>") }
        let result = try SourceWalker.walk([site.path])
        // Ids are the paths under the single root, ordered by raw bytes within each folder.
        #expect(result.files.map(\.id) == [
            "README", "article.asp", "content.cfm", "crawl.warc.gz", "data.jsonl", "feed.ndjson",
            "files/index.html?C=M;O=A", "item.php", "logo.png", "news/2025/a.html", "news.jsp",
            "newsitem.aspx?id=7", "old.WARC", "page.html.1", "report.pdf", "view.shtml",
        ])
        #expect(result.skipped.isEmpty)
        let kinds = Dictionary(uniqueKeysWithValues: result.files.map { ($0.id, $0.kind) })
        #expect(kinds["crawl.warc.gz"] == .warc)
        #expect(kinds["old.WARC"] == .warc)
        #expect(kinds["data.jsonl"] == .jsonLines)
        #expect(kinds["feed.ndjson"] == .jsonLines)
        #expect(kinds["news.jsp"] == .page)
        #expect(kinds["newsitem.aspx?id=7"] == .page)
        let item = try #require(result.files.first { $0.id == "newsitem.aspx?id=7" })
        #expect(item.displayPath == site.path + "/newsitem.aspx?id=7")
        #expect(item.root == site.path)
        #expect(item.size == "<p>newsitem.aspx?id=7</p>".utf8.count)
        #expect(item.fileExtension == "aspx")
        #expect(item.modified > 0)
        #expect(try item.read() == Array("<p>newsitem.aspx?id=7</p>".utf8))
    }

    @Test func hiddenFilesAndFoldersAreSkippedAndCounted() throws {
        let site = TemporaryDirectory()
        site.write("a.html", "a")
        site.write(".hidden.html", "h")
        site.write(".git/config", "c")
        site.write(".git/objects/x", "x")
        site.write("news/.DS_Store", "d")
        let result = try SourceWalker.walk([site.path])
        #expect(result.files.map(\.id) == ["a.html"])
        #expect(result.skipped.map(\.displayPath).sorted() == [".git", ".hidden.html", "news/.DS_Store"].map { site.path + "/" + $0 })
        #expect(result.skipped.allSatisfy { $0.reason == .hidden })
        #expect(result.skipCounts.map(\.category) == ["hidden"])
        #expect(result.skipCounts.map(\.count) == [3])
    }

    @Test func aRootGivenAsASymlinkIsFollowed() throws {
        let tree = TemporaryDirectory()
        tree.write("real/news/a.html", "a")
        tree.symlink("link", to: tree.file("real"))
        let result = try SourceWalker.walk([tree.file("link")])
        #expect(result.files.map(\.id) == ["news/a.html"])
        #expect(result.files.map(\.displayPath) == [tree.file("link") + "/news/a.html"])
    }

    @Test func symlinksInsideFoldersAreFollowedAndDuplicatesTakenOnce() throws {
        let tree = TemporaryDirectory()
        tree.write("elsewhere/b.html", "b")
        tree.write("site/a.html", "a")
        tree.symlink("site/linked-folder", to: tree.file("elsewhere"))
        tree.symlink("site/same-as-a.html", to: "a.html")
        let result = try SourceWalker.walk([tree.file("site")])
        #expect(result.files.map(\.id) == ["a.html", "linked-folder/b.html"])
        #expect(result.skipped == [WalkSkip(displayPath: tree.file("site/same-as-a.html"),
                                            reason: .duplicatePath(of: tree.file("site/a.html")))])
    }

    @Test func aSymlinkLoopIsCountedAndTheWalkEnds() throws {
        let tree = TemporaryDirectory()
        tree.write("site/a/page.html", "p")
        tree.symlink("site/a/up", to: "..")
        tree.symlink("site/self", to: "self")  // the kernel's ELOOP
        let result = try SourceWalker.walk([tree.file("site")])
        #expect(result.files.map(\.id) == ["a/page.html"])
        #expect(Set(result.skipped.map(\.displayPath)) == [tree.file("site/a/up"), tree.file("site/self")])
        #expect(result.skipped.allSatisfy { $0.reason == .symlinkLoop })
        #expect(result.skipCounts.first?.category == "symlink loops")
    }

    @Test func aDanglingSymlinkIsCounted() throws {
        let tree = TemporaryDirectory()
        tree.write("a.html", "a")
        tree.symlink("broken.html", to: tree.file("nowhere.html"))
        let result = try SourceWalker.walk([tree.path])
        #expect(result.files.map(\.id) == ["a.html"])
        #expect(result.skipped == [WalkSkip(displayPath: tree.file("broken.html"), reason: .danglingSymlink)])
        #expect(result.skipped[0].reason.category == "dangling symlinks")
    }

    @Test func aFIFOIsSkippedWithoutBeingOpened() throws {
        let tree = TemporaryDirectory()
        tree.write("a.html", "a")
        #expect(mkfifo(tree.file("pipe"), 0o644) == 0)
        let result = try SourceWalker.walk([tree.path])
        #expect(result.files.map(\.id) == ["a.html"])
        #expect(result.skipped == [WalkSkip(displayPath: tree.file("pipe"), reason: .notRegularFile("FIFO"))])
        #expect(result.skipped[0].reason.category == "not regular files")
    }

    @Test func anUnreadableFolderIsCountedUnlessTheUserCanReadAnyway() throws {
        let tree = TemporaryDirectory()
        tree.write("a.html", "a")
        tree.write("locked/secret.html", "s")
        #expect(chmod(tree.file("locked"), 0) == 0)
        defer { chmod(tree.file("locked"), 0o755) }
        let result = try SourceWalker.walk([tree.path])
        if geteuid() == 0 {
            // Root reads mode-000 folders: the walk must then take what is inside.
            #expect(result.files.map(\.id) == ["a.html", "locked/secret.html"])
            #expect(result.skipped.isEmpty)
        } else {
            #expect(result.files.map(\.id) == ["a.html"])
            #expect(result.skipped == [WalkSkip(displayPath: tree.file("locked"), reason: .unreadable("Permission denied"))])
        }
    }

    @Test func aNameThatIsNotUTF8IsTakenAndOpensByItsBytes() throws {
        let tree = TemporaryDirectory()
        let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".html".utf8)  // Latin-1 "café.html"
        let raw = tree.writeRaw(name: name, "<p>café</p>")
        let result = try SourceWalker.walk([tree.path])
        let file = try #require(result.files.first)
        #expect(result.files.count == 1)
        #expect(file.path == raw)
        #expect(file.id == "caf\\xE9.html")
        #expect(file.displayPath == tree.path + "/caf\\xE9.html")
        #expect(try file.read() == Array("<p>café</p>".utf8))
    }

    @Test func idsThatCollideAfterEscapingAreMadeUnique() throws {
        let tree = TemporaryDirectory()
        tree.writeRaw(name: Array("caf".utf8) + [0xE9] + Array(".html".utf8), "raw byte")
        tree.write("caf\\xE9.html", "literal backslash")
        let result = try SourceWalker.walk([tree.path])
        // The literal name sorts first ("\" is 0x5C, below 0xE9), so it keeps the plain id.
        #expect(result.files.map(\.id) == ["caf\\xE9.html", "caf\\xE9.html#2"])
        #expect(try result.files[1].read() == Array("raw byte".utf8))
    }

    @Test func theIndexFolderIsExcludedByIdentityNotSpelling() throws {
        let tree = TemporaryDirectory()
        tree.write("a.html", "a")
        tree.write("Index/MANIFEST", "generation 1")
        tree.write("Index/seg-000001-000.scour", "binary")
        // Spelled differently from how the walk reaches it.
        let options = WalkOptions(excludedFolders: [tree.path + "/./Index/", "/no/such/folder"])
        let result = try SourceWalker.walk([tree.path], options: options)
        #expect(result.files.map(\.id) == ["a.html"])
        #expect(result.skipped == [WalkSkip(displayPath: tree.file("Index"), reason: .excluded)])
    }

    @Test func includeAndExcludeGlobsMatchPathsUnderTheRoot() throws {
        let tree = TemporaryDirectory()
        for name in ["index.html", "news/a.html", "news/b.pdf", "news/2025/c.html", "drafts/d.html", "img/logo.png", "about.txt"] {
            tree.write(name, name)
        }
        let excluded = try SourceWalker.walk([tree.path], options: WalkOptions(exclude: ["*.pdf", "drafts/", "img/**"]))
        #expect(excluded.files.map(\.id) == ["about.txt", "index.html", "news/2025/c.html", "news/a.html"])
        #expect(Set(excluded.skipped.map(\.displayPath)) == Set(["drafts", "news/b.pdf", "img/logo.png"].map(tree.file)))
        #expect(excluded.skipped.allSatisfy { $0.reason == .excluded })

        let included = try SourceWalker.walk([tree.path], options: WalkOptions(include: ["news/**/*.html"], exclude: ["2025"]))
        #expect(included.files.map(\.id) == ["news/a.html"])
        #expect(included.skipped.count == 6)
    }

    @Test func inAMirrorGlobsAlsoMatchBelowTheHostFolder() throws {
        let tree = TemporaryDirectory()
        for name in ["www.example.edu/index.html", "www.example.edu/_static/basic.css", "www.example.edu/library/os.html",
                     "www.example.edu/library/io.html", "www.example.edu/whatsnew/3.11.html", "notes/_static/keep.txt"] {
            tree.write(name, name)
        }
        let excluded = try SourceWalker.walk([tree.path], options: WalkOptions(exclude: ["_static/**"]))
        #expect(excluded.files.map(\.id) == ["notes/_static/keep.txt", "www.example.edu/index.html", "www.example.edu/library/io.html",
                                             "www.example.edu/library/os.html", "www.example.edu/whatsnew/3.11.html"])
        let included = try SourceWalker.walk([tree.path], options: WalkOptions(include: ["library/*.html"]))
        #expect(included.files.map(\.id) == ["www.example.edu/library/io.html", "www.example.edu/library/os.html"])
    }

    @Test func overlappingRootsTakeEachFileOnce() throws {
        let tree = TemporaryDirectory()
        tree.write("site/index.html", "i")
        tree.write("site/news/a.html", "a")
        let result = try SourceWalker.walk([tree.file("site"), tree.file("site/news")])
        #expect(result.files.map(\.displayPath) == [tree.file("site/index.html"), tree.file("site/news/a.html")])
        #expect(result.skipped == [WalkSkip(displayPath: tree.file("site/news"), reason: .duplicatePath(of: tree.file("site/news")))])
        #expect(result.skipped[0].reason.category == "duplicate paths")
    }

    @Test func idsAcrossSeveralRootsArePrefixedByTheRoot() throws {
        let tree = TemporaryDirectory()
        tree.write("siteA/index.html", "a")
        tree.write("siteB/index.html", "b")
        tree.write("single.html", "s")
        let result = try SourceWalker.walk([tree.file("siteA") + "/", tree.file("siteB"), tree.file("single.html")])
        #expect(result.files.map(\.id) == [tree.file("siteA/index.html"), tree.file("siteB/index.html"), tree.file("single.html")])
        #expect(Set(result.files.map(\.id)).count == 3)
        #expect(result.files[0].displayPath == tree.file("siteA/index.html"))
        #expect(result.files[0].root == tree.file("siteA") + "/")
        // A file root alone is known by its name.
        #expect(try SourceWalker.walk([tree.file("single.html")]).files.map(\.id) == ["single.html"])
    }

    @Test func rootsTrimmedOfDotSlashAndTrailingSlashes() {
        #expect(DocumentIDs.trimmed("./siteA/") == "siteA")
        #expect(DocumentIDs.trimmed("./") == ".")
        #expect(DocumentIDs.trimmed(".//a//") == "a")
        #expect(DocumentIDs.trimmed("/") == "/")
        #expect(DocumentIDs.trimmed("../x/") == "../x")
    }

    @Test func aMissingOrDanglingRootThrows() {
        let tree = TemporaryDirectory()
        tree.symlink("dangling", to: tree.file("gone"))
        #expect(throws: IndexingError.noSuchPath(tree.file("missing"))) { try SourceWalker.walk([tree.file("missing")]) }
        #expect(throws: IndexingError.noSuchPath(tree.file("dangling"))) { try SourceWalker.walk([tree.file("dangling")]) }
    }

    @Test func httrackBookkeepingIsSkipped() throws {
        let project = TemporaryDirectory()
        project.write("hts-cache/new.zip", "PK")
        project.write("hts-cache/doit.log", "log")
        project.write("hts-log.txt", "HTTrack log")
        project.write("index.html", "<p>Local index - HTTrack Website Copier</p>")
        project.write("backblue.gif", "GIF89a")
        project.write("fade.gif", "GIF89a")
        project.write("cookies.txt", "# HTTrack cookies")
        project.write("www.example.com/index.html", "<p>home</p>")
        project.write("www.example.com/news/item4b2c.html", "<p>item</p>")
        let result = try SourceWalker.walk([project.path])
        #expect(result.files.map(\.id) == ["www.example.com/index.html", "www.example.com/news/item4b2c.html"])
        #expect(result.files.map(\.url) == ["http://www.example.com/", "http://www.example.com/news/item4b2c.html"])
        #expect(Set(result.skipped.map(\.displayPath))
                == Set(["hts-cache", "hts-log.txt", "index.html", "backblue.gif", "fade.gif", "cookies.txt"].map(project.file)))
        // The same names elsewhere are ordinary files.
        let plain = TemporaryDirectory()
        plain.write("index.html", "home")
        plain.write("cookies.txt", "recipe")
        #expect(try SourceWalker.walk([plain.path]).files.count == 2)
        #expect(result.skipped.allSatisfy { $0.reason == .crawlerBookkeeping })
    }

    @Test func urlsComeFromTheMirrorLayoutWhicheverFolderIsTheRoot() throws {
        let mirror = TemporaryDirectory()
        mirror.write("www.example.edu/index.html", "home")
        mirror.write("www.example.edu/news/item.php?id=7", "item")
        let fromMirror = try SourceWalker.walk([mirror.path])
        #expect(fromMirror.files.map(\.url) == ["http://www.example.edu/", "http://www.example.edu/news/item.php?id=7"])
        let fromHost = try SourceWalker.walk([mirror.file("www.example.edu")])
        #expect(fromHost.files.map(\.url) == ["http://www.example.edu/", "http://www.example.edu/news/item.php?id=7"])
        #expect(fromHost.files.map(\.id) == ["index.html", "news/item.php?id=7"])
        let fileRoot = try SourceWalker.walk([mirror.file("www.example.edu/news/item.php?id=7")])
        #expect(fileRoot.files.map(\.url) == ["http://www.example.edu/news/item.php?id=7"])
    }

    @Test func readingAFileThatVanishedSaysSo() throws {
        let tree = TemporaryDirectory()
        tree.write("a.html", "a")
        let file = try #require(try SourceWalker.walk([tree.path]).files.first)
        try FileManager.default.removeItem(atPath: tree.file("a.html"))
        #expect(throws: SourceReadError.vanished(tree.file("a.html"))) { try file.read() }
        try FileManager.default.createDirectory(atPath: tree.file("a.html"), withIntermediateDirectories: false)
        #expect(throws: SourceReadError.notRegularFile(tree.file("a.html"))) { try file.read() }
    }

    #if os(Linux)
    @Test func aFileWhoseSizeDisagreesWithWhatIsReadIsReported() throws {
        // /proc files report size 0 and then deliver bytes, like a file
        // appended to between fstat and the last read.
        let file = SourceFile(path: Array("/proc/self/status".utf8), displayPath: "/proc/self/status", id: "status",
                              url: nil, kind: .page, size: 0, modified: 0, root: "/proc/self/status")
        #expect {
            try file.read()
        } throws: { error in
            guard case .changedWhileReading("/proc/self/status", expected: 0, let read) = error as? SourceReadError else { return false }
            return read > 0
        }
    }
    #endif
}

@Suite("Path globs")
struct PathGlobTests {
    @Test(arguments: [
        ("*.pdf", "report.pdf", true), ("*.pdf", "news/2025/report.pdf", true), ("*.pdf", "report.pdf.html", false),
        ("news/*.html", "news/a.html", true), ("news/*.html", "news/2025/a.html", false),
        ("news/**/*.html", "news/a.html", true), ("news/**/*.html", "news/2025/05/a.html", true),
        ("**/a.html", "a.html", true), ("**/a.html", "x/y/a.html", true),
        ("news/**", "news/x/y.html", true), ("news/**", "newsletter/x.html", false),
        ("src/a**b", "src/a/x/b", true), ("/index.html", "index.html", true), ("/index.html", "x/index.html", false),
        ("page?.html", "page1.html", true), ("page?.html", "page12.html", false), ("a?b", "a/b", false),
        ("?.html", "é.html", true),
        ("[abc].html", "b.html", true), ("[abc].html", "d.html", false), ("[a-c].html", "c.html", true),
        ("[!a-c].html", "d.html", true), ("[^a-c].html", "a.html", false), ("[oops.html", "[oops.html", true),
        ("item.php?id=*", "item.php?id=7", true), ("\\*.html", "*.html", true), ("\\*.html", "a.html", false),
        ("drafts", "x/drafts", true), ("*", "any/thing", true), ("news", "news.html", false),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(PathGlob(pattern).matches(Array(path.utf8), isFolder: false) == expected)
    }

    @Test func aTrailingSlashMatchesFoldersOnly() {
        #expect(PathGlob("drafts/").matches(Array("x/drafts".utf8), isFolder: true))
        #expect(!PathGlob("drafts/").matches(Array("x/drafts".utf8), isFolder: false))
    }
}
