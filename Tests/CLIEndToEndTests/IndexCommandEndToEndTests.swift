import Foundation
import Testing

/// `scour index` as a user runs it on a messy folder: pages under any name,
/// files to skip, a hidden folder, a name that is not UTF-8, and the index
/// written inside the folder being indexed.
@Suite("scour index: every file a candidate, every skip explained")
struct IndexCommandEndToEndTests {
    /// A fresh folder holding a small crawl; removed when the test ends.
    final class Crawl {
        let root: URL
        init() throws {
            root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("scour-cli-crawl-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try write("news.jsp", "<html><head><title>Ferry Terminal Opens</title></head><body><p>The harbour authority opened the ferry terminal.</p></body></html>")
            try write("item.php?id=7", "<html><head><title>Market Day</title></head><body><p>Farmers brought strawberries to the market.</p></body></html>")
            try write("notes", "Committee minutes\n\nThe committee discussed the lighthouse lamp.\n")
            try write("logo.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]))
            try write("empty.html", "")
            try write("_sources/page.txt", "Source text about the lighthouse that should be excluded.\n")
            try write(".cache/page.html", "<p>hidden lighthouse page</p>")
            // A name in Latin-1, not UTF-8: "caf\xE9.html".
            let name = Array("caf".utf8) + [0xE9] + Array(".html".utf8)
            let path = Array(root.path.utf8) + [UInt8(ascii: "/")] + name + [0]
            let descriptor = path.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
            }
            let page = Array("<html><head><title>Cafe Menu</title></head><body><p>The cafe serves croissants daily.</p></body></html>".utf8)
            _ = page.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        func write(_ name: String, _ text: String) throws { try write(name, Data(text.utf8)) }
        func write(_ name: String, _ data: Data) throws {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        deinit { try? FileManager.default.removeItem(at: root) }
    }

    @Test func jsonSummaryCountsWhatWasIndexedAndSkippedByReason() throws {
        let crawl = try Crawl()
        let output = try ScourProcess.run(["index", ".", "--index", "Index", "--format", "json", "--exclude", "_sources/**"],
                                          in: crawl.root)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.split(separator: "\n").count == 1)
        let summary = try #require(try JSONSerialization.jsonObject(with: output.stdoutData) as? [String: Any])
        // news.jsp, item.php?id=7, notes and the Latin-1-named page; the
        // index folder inside "." is never indexed.
        #expect(summary["indexed"] as? Int == 4)
        #expect(summary["skippedBy"] as? [String: Int] == ["images": 1, "empty": 1, "hidden": 1, "excluded": 1])
        #expect(summary["skipped"] as? Int == 4)
        #expect(summary["segments"] as? Int == 1)
        #expect((summary["bytes"] as? Int ?? 0) > 0)
        #expect(summary["seconds"] is Double)
        let sources = try #require(summary["sources"] as? [[String: Any]])
        #expect(sources.count == 1)
        #expect(sources.first?["kind"] as? String == "folder")
        #expect(sources.first?["documents"] as? Int == 4)
    }

    @Test func textSummarySaysWhatWasSkippedAndVerboseListsEachPath() throws {
        let crawl = try Crawl()
        let quiet = try ScourProcess.run(["index", ".", "--index", "Index"], in: crawl.root)
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr.hasPrefix("indexed 5 documents, skipped 3: 1 empty, 1 hidden, 1 image,"), "\(quiet.stderr)")
        #expect(quiet.stderr.split(separator: "\n").count == 1)

        let verbose = try ScourProcess.run(["index", ".", "--index", "Index", "--verbose"], in: crawl.root)
        #expect(verbose.status == 0, "\(verbose.stderr)")
        let lines = verbose.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("skipped logo.png: the file is binary (an image), not a page"), "\(lines)")
        #expect(lines.contains("skipped empty.html: the file is empty or has no text"), "\(lines)")
        #expect(lines.contains("skipped .cache: hidden"), "\(lines)")
        // The index folder, now inside the folder indexed, is left out without a word.
        #expect(!lines.contains { $0.contains("Index") && $0.hasPrefix("skipped") }, "\(lines)")
        // The second run is an update: nothing changed.
        #expect(lines.last?.hasPrefix("added 0, updated 0, removed 0, 5 unchanged, skipped 3: 1 empty, 1 hidden, 1 image,") == true, "\(lines)")
    }

    @Test func problemsAreWarningsWithoutVerboseAndExpectedSkipsAreNot() throws {
        let crawl = try Crawl()
        try crawl.write("records.jsonl", "{\"id\": \"r1\", \"text\": \"Harbour records.\"}\nnot json\n")
        try FileManager.default.createSymbolicLink(atPath: crawl.root.appendingPathComponent("gone.html").path,
                                                   withDestinationPath: "/nonexistent/page.html")
        let output = try ScourProcess.run(["index", ".", "--index", "Index"], in: crawl.root)
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stderr.split(separator: "\n").map(String.init)
        // A malformed line and a dangling link are problems: named even without -v.
        #expect(lines.contains("scour: warning: skipped records.jsonl:2: line 2 is not a JSON object"), "\(lines)")
        #expect(lines.contains("scour: warning: skipped gone.html: dangling symlink"), "\(lines)")
        // Images, empty and hidden files are counted only.
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.last?.contains("1 dangling symlink") == true)
    }

    @Test func aNameThatIsNotUTF8IsIndexedAndShownEscaped() throws {
        let crawl = try Crawl()
        #expect(try ScourProcess.run(["index", ".", "--index", "Index", "--quiet"], in: crawl.root).status == 0)
        let found = try ScourProcess.run(["search", "croissants", "--format", "json"], in: crawl.root)
        #expect(found.status == 0, "\(found.stderr)")
        let results = try #require((try JSONSerialization.jsonObject(with: found.stdoutData) as? [String: Any])?["results"] as? [[String: Any]])
        #expect(results.map { $0["id"] as? String } == ["caf\\xE9.html"])
        #expect(results.first?["title"] as? String == "Cafe Menu")
    }

    @Test func statsListsTheIndexedSources() throws {
        let crawl = try Crawl()
        #expect(try ScourProcess.run(["index", ".", "--index", "Index", "--quiet"], in: crawl.root).status == 0)
        let stats = try ScourProcess.run(["stats"], in: crawl.root)
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("Sources:\n  \(crawl.root.resolvingSymlinksInPath().path)  (folder, 5 documents)\n")
                || stats.stdout.contains("Sources:\n  \(crawl.root.path)  (folder, 5 documents)\n"), "\(stats.stdout)")
        let json = try ScourProcess.run(["stats", "--format", "json"], in: crawl.root)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect((object["sources"] as? [[String: Any]])?.first?["documents"] as? Int == 5)
        #expect(object["documents"] as? Int == 5)
    }

    @Test func aFolderWithNothingToIndexIsOneLineThatSaysWhy() throws {
        let crawl = try Crawl()
        let output = try ScourProcess.run(["index", "_sources", "--index", "Index", "--exclude", "*.txt"], in: crawl.root)
        #expect(output.status == 2)
        #expect(output.stderr == "scour: error: found no page or text to index in _sources: 1 item was skipped (--verbose lists why); the existing index is unchanged\n")
    }
}
