import Foundation
import Testing

/// The `scour` binary run as a process on the project's `Corpus/`.
@Suite("scour command line", .serialized)
struct CLIEndToEndTests {
    /// Corpus/ indexed once by `scour index`, into a temporary folder.
    static let indexed: (path: String, output: ScourProcess.Output) = {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-cli-\(UUID().uuidString)")
        let output = try! ScourProcess.run(["index", "Corpus", "--index", path])
        return (path, output)
    }()

    static var index: String { indexed.path }

    @Test func indexPrintsOneSummaryLineOnStderr() throws {
        let output = Self.indexed.output
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.isEmpty)
        let summary = try #require(output.stderr.split(separator: "\n").last)
        #expect(summary.hasPrefix("indexed "))
        #expect(summary.contains("documents, skipped 0, stripped "))
        #expect(summary.contains(" template lines from "))
    }

    @Test func knownAnswerComesFirstWithTermsMarkedInItsSnippet() throws {
        let output = try ScourProcess.run(["search", "robotics lab", "--index", Self.index])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count >= 3)
        #expect(lines[0].hasPrefix("1. Autonomous Robotics Lab Opens"))
        #expect(lines[0].contains("(score "))
        // The address line: the URL when known, else the page's file (its id
        // for an index without locations).
        #expect(lines[1].hasPrefix("   ") && lines[1].contains("northfield-university/news/robotics-lab-opens.html"))
        #expect(lines[2].lowercased().contains("[robotics] [lab]"), "snippet: \(lines[2])")
    }

    @Test(arguments: ["Larkspur Road", "Virtual Campus Tour", "Share on Weibo", "陇ICP备07031842号"])
    func phraseOnlyInMenusAndFootersFindsNothing(phrase: String) throws {
        let output = try ScourProcess.run(["search", "\"\(phrase)\"", "--index", Self.index])
        #expect(output.status == 1, "\(output.stdout)")
        #expect(output.stdout.isEmpty)
    }

    @Test func chineseQueryFindsTheGBKPage() throws {
        // jiqiren-dasai.htm is stored in GBK, labelled gb2312, with GBK-only
        // characters before this text.
        let output = try ScourProcess.run(["search", "机器人", "--index", Self.index, "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: output.stdoutData) as? [String: Any])
        let first = try #require((object["results"] as? [[String: Any]])?.first)
        #expect(first["path"] as? String == "xiling-tech-zh/news/2019/jiqiren-dasai.htm")
        let snippet = Array((first["snippet"] as? String ?? "").utf8)
        let highlights = try #require(first["highlights"] as? [[Int]])
        #expect(!highlights.isEmpty)
        for range in highlights {
            #expect(String(decoding: snippet[range[0]..<range[1]], as: UTF8.self) == "机器人")
        }
        // Text after the GBK-only characters survived decoding.
        let tail = try ScourProcess.run(["search", "\"机械工程学院将认真总结参赛经验\"", "--index", Self.index])
        #expect(tail.stdout.contains("jiqiren-dasai.htm"))
    }

    @Test func jsonOutputParsesAndHighlightsAreByteOffsets() throws {
        let output = try ScourProcess.run(["search", "student union exchange", "--index", Self.index, "--format", "json", "--limit", "3"])
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: output.stdoutData) as? [String: Any])
        #expect(object["query"] as? String == "student union exchange")
        #expect((object["total"] as? Int ?? 0) >= 1)
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == 3)
        // The best match has the query's words marked; the loop checks every mark.
        #expect((results.first?["highlights"] as? [[Int]])?.isEmpty == false)
        for (i, result) in results.enumerated() {
            #expect(result["rank"] as? Int == i + 1)
            for key in ["score", "path", "title", "snippet", "highlights"] { #expect(result[key] != nil, "missing \(key)") }
            let snippet = Array((result["snippet"] as? String ?? "").utf8)
            let highlights = try #require(result["highlights"] as? [[Int]])
            for range in highlights {
                #expect(range.count == 2 && range[0] < range[1] && range[1] <= snippet.count)
                let word = String(decoding: snippet[range[0]..<range[1]], as: UTF8.self).lowercased()
                #expect(["student", "union", "exchang"].contains { word.hasPrefix($0) }, "highlighted \(word)")
            }
        }
    }

    @Test func resultsShowThePublicationDate() throws {
        let text = try ScourProcess.run(["search", "robotics lab", "--index", Self.index, "--limit", "1"])
        #expect(text.stdout.contains("northfield-university/news/robotics-lab-opens.html  ·  2026-02-09\n"))
        let json = try ScourProcess.run(["search", "robotics lab", "--index", Self.index, "--limit", "1", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let first = try #require((object["results"] as? [[String: Any]])?.first)
        #expect(first["date"] as? String == "2026-02-09")
        #expect(first["title"] as? String == "Autonomous Robotics Lab Opens in the Fenwick Building")
    }

    @Test func noMatchExitsOneWithEmptyStdout() throws {
        let output = try ScourProcess.run(["search", "xylophonequartz", "--index", Self.index])
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
    }

    @Test(arguments: [[""], ["   "], ["?!.,"], ["--", "-robotics"], [#""unclosed phrase"#]])
    func badQueriesAreOneLineErrors(query: [String]) throws {
        let output = try ScourProcess.run(["search", "--index", Self.index] + query)
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.hasPrefix("scour: error: "))
        #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
    }

    @Test func unknownFormatIsOneLineError() throws {
        let output = try ScourProcess.run(["search", "robotics", "--index", Self.index, "--format", "xml"])
        #expect(output.status == 64)  // EX_USAGE, as for every bad option
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
        #expect(output.stderr.contains("xml"))
    }

    @Test func missingIndexIsOneLineError() throws {
        let output = try ScourProcess.run(["search", "robotics", "--index", "/nonexistent/scour-index"])
        #expect(output.status == 2)
        #expect(output.stderr == "scour: error: no index found in /nonexistent/scour-index: build one with `scour index --index /nonexistent/scour-index`\n")
    }

    @Test func damagedIndexNamesTheFile() throws {
        let copy = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-damaged-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.index, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: copy).first { $0.hasSuffix(".scour") })
        let url = URL(fileURLWithPath: copy).appendingPathComponent(segment)
        // Searching opens a segment by its header and footer (a flipped byte
        // inside is `scour check`'s to find): damage the footer's magic.
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count - 10] ^= 0x10
        try Data(bytes).write(to: url)
        let output = try ScourProcess.run(["search", "robotics", "--index", copy])
        #expect(output.status == 2)
        #expect(output.stderr.contains(segment))
        #expect(output.stderr.contains("damaged"))
        #expect(output.stderr.split(separator: "\n").count == 1)
    }

    @Test func extractShowsTitleAndStrippedText() throws {
        let page = try #require(Self.firstHTMLPage())
        let output = try ScourProcess.run(["extract", page])
        #expect(output.status == 0, "\(output.stderr)")
        // The text on stdout, the title and format on stderr.
        #expect(output.stderr.hasPrefix("Title: "))
        #expect(!output.stdout.contains("Title: ") && !output.stdout.isEmpty)
        let json = try ScourProcess.run(["extract", page, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect(object["title"] is String && object["text"] is String)
        let stdin = try ScourProcess.run(["extract", "--stdin", "--format", "json"], stdin: try Data(contentsOf: URL(fileURLWithPath: page)))
        #expect(stdin.stdout == json.stdout)
        let dash = try ScourProcess.run(["extract", "-", "--format", "json"], stdin: try Data(contentsOf: URL(fileURLWithPath: page)))
        #expect(dash.stdout == json.stdout)
    }

    @Test func extractOfBinaryInputIsAClearError() throws {
        let output = try ScourProcess.run(["extract", "--stdin"], stdin: Data([0x00, 0x01, 0x02, 0xFF, 0x00, 0x00] + [UInt8](repeating: 0, count: 100)))
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("scour: error: cannot extract standard input: "))
        #expect(output.stderr.split(separator: "\n").count == 1)
    }

    @Test func statsDescribesTheIndex() throws {
        let output = try ScourProcess.run(["stats", "--index", Self.index])
        #expect(output.status == 0)
        for label in ["Documents:", "Distinct terms:", "Postings:", "Size on disk:", "Built:"] {
            #expect(output.stdout.contains(label), "missing \(label)")
        }
        let json = try ScourProcess.run(["stats", "--index", Self.index, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect((object["documents"] as? Int ?? 0) >= 40)
    }

    @Test(arguments: [["--help"], ["index", "--help"], ["search", "--help"], ["extract", "--help"], ["stats", "--help"]])
    func everyCommandHasHelp(arguments: [String]) throws {
        let output = try ScourProcess.run(arguments)
        #expect(output.status == 0)
        #expect(output.stdout.contains("USAGE:"))
    }

    @Test func indexingANonexistentFolderFailsWithoutTouchingTheIndex() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: Self.index).appendingPathComponent("MANIFEST"))
        let output = try ScourProcess.run(["index", "/nonexistent/pages", "--index", Self.index])
        #expect(output.status == 2)
        #expect(output.stderr == "scour: error: no such file or folder: /nonexistent/pages\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: Self.index).appendingPathComponent("MANIFEST")) == before)
    }

    @Test func unsupportedLanguageIsAOneLineError() throws {
        let output = try ScourProcess.run(["index", "Corpus", "--index", "/tmp/unused-\(UUID().uuidString)", "--language", "fr"])
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("scour: error: --language fr is not supported"))
        #expect(output.stderr.split(separator: "\n").count == 1)
    }

    @Test func explainListsKeptAndDroppedBlocksWithReasons() throws {
        let page = ScourProcess.repositoryRoot.appendingPathComponent("Corpus/northfield-university/news/robotics-lab-opens.html").path
        let output = try ScourProcess.run(["extract", page, "--explain"])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.hasPrefix("+ [") || $0.hasPrefix("- [") })
        #expect(lines.contains { $0.hasPrefix("- [") && $0.contains("Virtual Campus Tour") })
        #expect(lines.contains { $0.hasPrefix("+ [") && $0.contains("Northfield University opened its new Autonomous Robotics Lab") })
        let json = try ScourProcess.run(["extract", page, "--explain", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let blocks = try #require(object["explanation"] as? [[String: Any]])
        #expect(blocks.count == lines.count)
        #expect(blocks.allSatisfy { $0["reason"] is String && $0["kept"] is Bool })
    }

    @Test func explainWithSiteShowsTemplateLines() throws {
        let root = ScourProcess.repositoryRoot.appendingPathComponent("Corpus").path
        let page = root + "/riverton-physics-1998/faculty.htm"
        let plain = try ScourProcess.run(["extract", page, "--explain"])
        let site = try ScourProcess.run(["extract", page, "--explain", "--site", root])
        #expect(site.status == 0, "\(site.stderr)")
        #expect(!plain.stdout.contains("[template: "))
        #expect(site.stdout.split(separator: "\n").contains {
            $0.hasPrefix("- [template: on ") && $0.hasSuffix(" of 8 pages of riverton-physics-1998/] Riverton State University")
        })
        let bad = try ScourProcess.run(["extract", page, "--site", "/nonexistent/site"])
        #expect(bad.status == 2 && bad.stderr.split(separator: "\n").count == 1)
    }

    @Test func batchExtractionMirrorsTheFolder() throws {
        let output = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-batch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let corpus = ScourProcess.repositoryRoot.appendingPathComponent("Corpus").path
        let run = try ScourProcess.run(["extract", "--batch", corpus, output, "--workers", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("extracted 47 pages in "))
        let text = try String(contentsOfFile: output + "/northfield-university/news/robotics-lab-opens.txt", encoding: .utf8)
        #expect(text.contains("Northfield University opened its new Autonomous Robotics Lab"))
        #expect(!text.contains("Larkspur Road"))
        let single = try ScourProcess.run(["extract", "--batch", corpus])
        #expect(single.status == 64)
    }

    /// Readers' comments are kept by default and dropped with
    /// --no-comments, by `extract` and `index` alike.
    @Test func noCommentsDropsTheThread() throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-comments-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/site", withIntermediateDirectories: true)
        let page = folder + "/site/walk.html"
        try """
            <html><head><title>Walking the old railway line</title></head><body>
            <div class="post"><h1>Walking the old railway line</h1>
            <p>Last weekend we walked the old railway line from the harbour to the mill, a flat and quiet route that suits children.</p>
            <p>The path is gravel for most of the way, and the council has added benches, a fountain and a display about the line.</p></div>
            <ol class="commentlist"><li class="comment"><div class="comment-meta">March 3, 2024 at 5:14 pm</div>
            <p>We did this walk in the spring and the viaduct was lovely, though the quayside kiosk was closed.</p></li></ol>
            </body></html>
            """.write(toFile: page, atomically: true, encoding: .utf8)
        let kept = try ScourProcess.run(["extract", page, "--explain"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.contains("+ [kept: a reader's comment (--no-comments drops it)] We did this walk"))
        let dropped = try ScourProcess.run(["extract", page, "--no-comments"])
        #expect(dropped.status == 0)
        #expect(dropped.stdout.contains("Last weekend we walked"))
        #expect(!dropped.stdout.contains("viaduct"))
        for (flags, hits) in [([String](), 1), (["--no-comments"], 0)] {
            let index = folder + "/index\(hits)"
            let run = try ScourProcess.run(["index", folder + "/site", "--index", index] + flags)
            #expect(run.status == 0, "\(run.stderr)")
            let search = try ScourProcess.run(["search", "quayside", "--index", index, "--format", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: search.stdoutData) as? [String: Any])
            #expect((object["results"] as? [Any])?.count == hits, "\(flags)")
        }
    }

    @Test func keepAllKeepsChrome() throws {
        let page = ScourProcess.repositoryRoot.appendingPathComponent("Corpus/northfield-university/news/robotics-lab-opens.html").path
        let stripped = try ScourProcess.run(["extract", page])
        let everything = try ScourProcess.run(["extract", page, "--keep-all"])
        #expect(!stripped.stdout.contains("Larkspur Road"))
        #expect(everything.stdout.contains("Larkspur Road"))
        #expect(everything.stdout.contains("Northfield University opened its new Autonomous Robotics Lab"))
    }

    static func firstHTMLPage() -> String? {
        let corpus = ScourProcess.repositoryRoot.appendingPathComponent("Corpus").path
        let files = (FileManager.default.enumerator(atPath: corpus)?.allObjects as? [String] ?? []).sorted()
        return files.first { $0.hasSuffix(".html") }.map { (corpus as NSString).appendingPathComponent($0) }
    }
}
