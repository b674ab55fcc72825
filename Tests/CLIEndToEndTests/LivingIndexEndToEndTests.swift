import Foundation
import ScourTestSupport
import Testing
@testable import scour

/// Keeping an index fresh from the command line: updates, dry runs,
/// removal, optimisation, and the options' errors.
@Suite("scour index updates, remove, optimize")
struct LivingIndexEndToEndTests {
    typealias Crawl = IndexCommandEndToEndTests.Crawl

    @Test func aDryRunPrintsTheChangesAsJSONAndAnUpdateSaysWhatChanged() throws {
        let crawl = try Crawl()
        #expect(try ScourProcess.run(["index", ".", "--index", "Index"], in: crawl.root).status == 0)
        try crawl.write("ferry-times.html", "<html><head><title>Ferry Times</title></head><body><p>The first ferry leaves at dawn.</p></body></html>")
        try FileManager.default.removeItem(at: crawl.root.appendingPathComponent("notes"))

        let plan = try ScourProcess.run(["index", "--index", "Index", "--dry-run", "--format", "json"], in: crawl.root)
        #expect(plan.status == 0, "\(plan.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: plan.stdoutData) as? [String: Any])
        let changes = try #require(object["changes"] as? [String: [String]])
        #expect(changes["added"] == ["ferry-times.html"] && changes["removed"] == ["notes"] && changes["updated"] == [])
        #expect(object["dryRun"] as? Bool == true && object["unchanged"] as? Int == 4)

        let update = try ScourProcess.run(["index", "--index", "Index"], in: crawl.root)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stderr.hasPrefix("added 1, updated 0, removed 1, 4 unchanged, skipped 3:"), "\(update.stderr)")
        #expect(try ScourProcess.run(["search", "dawn", "--index", "Index"], in: crawl.root).status == 0)
        #expect(try ScourProcess.run(["search", "\"committee discussed\"", "--index", "Index"], in: crawl.root).status == 1)
    }

    @Test func removeNamesWhatMatchedNothingAndOptimizeLeavesOneSegment() throws {
        let crawl = try Crawl()
        #expect(try ScourProcess.run(["index", ".", "--index", "Index"], in: crawl.root).status == 0)
        let removed = try ScourProcess.run(["remove", "news.jsp", "no-such-page", "--index", "Index"], in: crawl.root)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout == "removed news.jsp\n")
        #expect(removed.stderr.contains("no-such-page matches no document or source"))
        let nothing = try ScourProcess.run(["remove", "no-such-page", "--index", "Index"], in: crawl.root)
        #expect(nothing.status == 1)
        let optimized = try ScourProcess.run(["optimize", "--index", "Index"], in: crawl.root)
        #expect(optimized.status == 0 && optimized.stderr == "merged 1 segment into 1, dropping 1 deleted document\n", "\(optimized.stderr)")
        let again = try ScourProcess.run(["optimize", "--index", "Index"], in: crawl.root)
        #expect(again.stderr == "Index is already one segment without deleted documents\n")
        // A segment of an older format is rewritten in the current one.
        let scratch = TemporaryDirectory()
        let old = scratch.file("old")
        try FileManager.default.copyItem(atPath: ScourProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/index-format-6").path, toPath: old)
        let rewrite = try ScourProcess.run(["optimize", "--index", old])
        #expect(rewrite.status == 0 && rewrite.stderr == "rewrote its segment in the current format\n", "\(rewrite.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: old)
        let segment = try #require(names.first { (name: String) in name.hasSuffix(".scour") })
        let version = try Data(contentsOf: URL(fileURLWithPath: "\(old)/\(segment)"))[8]
        #expect(version == 7)
        #expect(try ScourProcess.run(["check", "--index", old]).status == 0)
        #expect(try ScourProcess.run(["optimize", "--index", old]).stderr == "\(old) is already one segment without deleted documents\n")
        let check = try ScourProcess.run(["check", "--index", "Index"], in: crawl.root)
        #expect(check.status == 0 && check.stdout.hasPrefix("ok: 4 documents in 1 segment,"), "\(check.stdout)")
    }

    @Test func badOptionsAreOneLineErrors() throws {
        let crawl = try Crawl()
        let budget = try ScourProcess.run(["index", ".", "--index", "Index", "--memory-budget", "10"], in: crawl.root)
        #expect(budget.status == 64 && budget.stderr.contains("--memory-budget must be at least 64"))
        #expect(budget.stderr.split(separator: "\n").count == 1)
        let missing = try ScourProcess.run(["optimize", "--index", "NoIndexHere"], in: crawl.root)
        #expect(missing.status == 2 && missing.stderr.contains("no index found in NoIndexHere"))
        #expect(!FileManager.default.fileExists(atPath: crawl.root.appendingPathComponent("NoIndexHere").path))
        #expect(try ScourProcess.run(["index", ".", "--index", "Index"], in: crawl.root).status == 0)
        let analyzer = try ScourProcess.run(["index", "--index", "Index", "--no-stemming"], in: crawl.root)
        #expect(analyzer.status == 2 && analyzer.stderr.contains("add --full to rebuild"), "\(analyzer.stderr)")
    }

    @Test func theProgressLineShowsCountsRateAndTimeLeft() {
        #expect(ProgressBar.count(1234567) == "1,234,567" && ProgressBar.count(999) == "999")
        #expect(ProgressBar.duration(65) == "1:05" && ProgressBar.duration(3725) == "1:02:05")
    }
}
