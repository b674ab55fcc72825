import Foundation
import ScourTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `scour index` on a full disk: the index lives on a 3 MB tmpfs; a corpus
/// whose index does not fit must fail with one line saying there is no
/// space, leave the previous index exactly as it was (no partial file
/// beside it), and a following small run must succeed.
///
/// Needs root on Linux (to mount the tmpfs); skipped otherwise, with the
/// reason printed.
@Suite("Full disk (ENOSPC)", .enabled(if: SmallVolume.unavailableReason == nil,
                                      "needs root on Linux and `mount -t tmpfs` (see the printed reason): skipped"))
struct FullDiskTests {
    @Test func anIndexThatDoesNotFitFailsInOneLineAndLeavesThePreviousIndexAsItWas() throws {
        let folder = TemporaryDirectory()
        let volume = try SmallVolume(at: folder.file("disk"), megabytes: 3)
        defer { withExtendedLifetime(folder) { volume.unmount() } }
        let index = volume.path + "/Index"
        // A page of made-up words takes about 20 KB of index: 20 pages fit
        // (with room for an update and a merge), 400 pages do not.
        let small = GeneratedPages.write(into: folder.file("small"), pages: 20, seed: 1)
        let large = GeneratedPages.write(into: folder.file("large"), pages: 400, seed: 2)

        let first = try ScourProcess.run(["index", small, "--index", index, "--quiet"])
        try #require(first.status == 0, "\(first.stderr)")
        let query = GeneratedPages.commonWord
        let before = try ScourProcess.run(["search", query, "--index", index, "--format", "json", "--limit", "100"])
        try #require(before.status == 0, "\(before.stderr)")
        let filesBefore = try IndexFiles(folder: index)

        let full = try ScourProcess.run(["index", large, "--index", index, "--quiet"])
        #expect(full.status != 0, "indexing \(large) fit in \(volume.megabytes) MB: \(full.stderr)")
        let lines = full.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "\(full.stderr)")
        #expect(full.stderr.contains("No space left on device"), "\(full.stderr)")

        // The previous index opens and answers exactly as before.
        let after = try ScourProcess.run(["search", query, "--index", index, "--format", "json", "--limit", "100"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before.stdout)
        // Nothing but the files the manifest names, MANIFEST and write.lock.
        let filesAfter = try IndexFiles(folder: index)
        #expect(filesAfter.unnamed.isEmpty, "partial files left: \(filesAfter.unnamed.sorted()) (sizes: \(filesAfter.sizes))")
        #expect(filesAfter.named == filesBefore.named)

        // And the volume is usable again: a small run succeeds.
        let again = GeneratedPages.write(into: folder.file("again"), pages: 10, seed: 3)
        let next = try ScourProcess.run(["index", again, "--index", index, "--quiet"])
        #expect(next.status == 0, "\(next.stderr)")
        let search = try ScourProcess.run(["search", query, "--index", index, "--format", "json"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(try IndexFiles(folder: index).unnamed.isEmpty)
    }
}

/// The files of an index folder, split by whether its MANIFEST names them.
struct IndexFiles {
    var named: Set<String>
    var unnamed: Set<String>
    var sizes: [String: Int]

    init(folder: String) throws {
        let manifest = try String(contentsOfFile: folder + "/MANIFEST", encoding: .utf8)
        let lines = manifest.split(separator: "\n")
        let object = try #require(lines.count > 1 ? try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any] : nil,
                                  "MANIFEST has no JSON line: \(manifest.prefix(200))")
        var names: Set<String> = ["MANIFEST", "write.lock"]
        for segment in object["segments"] as? [[String: Any]] ?? [] {
            if let name = segment["name"] as? String { names.insert(name) }
            if let deletions = segment["deletions"] as? String { names.insert(deletions) }
        }
        for key in ["catalog", "templates"] { if let name = object[key] as? String { names.insert(name) } }
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        named = present.intersection(names)
        unnamed = present.subtracting(names)
        sizes = Dictionary(uniqueKeysWithValues: present.map { name in
            (name, ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.size] as? Int) ?? -1)
        })
    }
}

/// Pages of made-up words (a seeded generator): each page has its own
/// words, so the index grows with the pages, plus one word every page has.
enum GeneratedPages {
    static let commonWord = "lighthouse"

    /// Writes `pages` pages into `folder`; returns the folder.
    static func write(into folder: String, pages: Int, seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "pen", "dar", "gul", "fen", "tor", "bri", "sel", "quo"]
        func word() -> String { (0..<Int.random(in: 2...4, using: &random)).map { _ in syllables.randomElement(using: &random)! }.joined() }
        for page in 0..<pages {
            var paragraphs: [String] = []
            for _ in 0..<8 {
                paragraphs.append("<p>The " + commonWord + " " + (0..<60).map { _ in word() }.joined(separator: " ") + ".</p>")
            }
            let html = "<html><head><title>Page \(page) \(word())</title></head><body><article><h1>\(word()) \(word())</h1>"
                + paragraphs.joined(separator: "\n") + "</article></body></html>\n"
            FileManager.default.createFile(atPath: "\(folder)/page-\(seed)-\(page).html", contents: Data(html.utf8))
        }
        return folder
    }
}

/// A tmpfs of a few megabytes, mounted for one test (root only).
struct SmallVolume {
    let path: String
    let megabytes: Int

    /// Why a volume cannot be mounted here, or nil when it can (tried once).
    static let unavailableReason: String? = {
        #if os(Linux)
        guard getuid() == 0 else { return printed("not root: mounting a tmpfs needs root") }
        guard let mount = ExternalProcess.find("mount") else { return printed("mount is not on PATH") }
        let probe = NSTemporaryDirectory() + "scour-tmpfs-probe-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard let result = try? ExternalProcess.run(mount, ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe], limit: 60) else {
            return printed("mount could not be run")
        }
        guard result.status == 0 else { return printed("mount -t tmpfs failed: \(result.output)") }
        if let umount = ExternalProcess.find("umount") { _ = try? ExternalProcess.run(umount, [probe], limit: 60) }
        return nil
        #else
        return printed("the full-disk test mounts a Linux tmpfs")
        #endif
    }()

    private static func printed(_ reason: String) -> String {
        print("Full disk (ENOSPC) tests skipped: \(reason)")
        return reason
    }

    init(at path: String, megabytes: Int) throws {
        self.path = path
        self.megabytes = megabytes
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mount = try #require(ExternalProcess.find("mount"))
        let result = try ExternalProcess.run(mount, ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path], limit: 60)
        try #require(result.status == 0, "mount -t tmpfs failed: \(result.output)")
    }

    func unmount() {
        guard let umount = ExternalProcess.find("umount") else { return }
        _ = try? ExternalProcess.run(umount, [path], limit: 60)
    }
}
