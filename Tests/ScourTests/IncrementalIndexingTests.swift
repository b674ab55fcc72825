import Foundation
import Testing
import Scour
import ScourIndex
import ScourSearch
import ScourTestSupport

/// Updating an index in place: only what changed is read, extracted and
/// written, and the result answers exactly like a rebuild of the same pages.
@Suite("Incremental indexing")
struct IncrementalIndexingTests {
    static let words = ["robotics", "chemistry", "library", "orchestra", "rowing", "astronomy", "botany", "theatre",
                        "geology", "chess", "poetry", "pottery", "sailing", "physics", "drama", "debating",
                        "archery", "fencing", "gardening", "cycling", "baking", "opera", "ballet", "rugby"]
    static let queries = ["robotics", "society season", "library opera", "\"first session\"", "campus",
                          "chess OR rugby", "pottery -baking", "gardening", "visitors", "kestrel"]

    /// An HTML page with a site's chrome around it: a menu with a visitor
    /// counter, a footer with a view counter. `counter` changes only the
    /// chrome (what a re-scrape changes); `topic` and `extra` the article.
    static func page(topic: String, number: Int, counter: Int = 0, extra: String = "") -> String {
        """
        <!DOCTYPE html><html><head><title>The \(topic) society, item \(number)</title></head><body>
        <nav><a href="/">Home</a> <a href="/news/">News</a> <span>Visitors today: \(counter * 7 + number)</span></nav>
        <main><article><h1>The \(topic) society opens its season</h1>
        <p>Members of the \(topic) society met on Tuesday evening to plan a season of \(topic) events for new students and staff across the campus, number \(number).</p>
        <p>Anyone curious about \(topic) is welcome to join; the first session of the \(topic) society needs no experience at all. \(extra)</p>
        </article></main>
        <footer>Kestrel College, 88 Larkspur Road. Page views: \(counter * 13 + number)</footer>
        </body></html>
        """
    }

    /// `count` pages over two folders (two template groups).
    static func makeSite(_ site: TemporaryDirectory, count: Int = 24) {
        for number in 0..<count {
            let topic = words[number % words.count]
            site.write("\(number % 2 == 0 ? "news" : "clubs")/\(topic)-\(number).html", page(topic: topic, number: number))
        }
    }

    /// Every query's results, ids and scores: what must equal a rebuild's.
    static func answers(_ path: String) throws -> [[String]] {
        let index = try SearchIndex(path: path)
        return try queries.map { query in
            try index.search(query, options: SearchOptions(limit: 100, snippets: false, feedback: nil))
                .hits.map { "\($0.path) \(String(format: "%.9f", $0.score))" }.sorted()
        }
    }

    @Test func anUpdateAddsChangesAndRemovesAndAnswersLikeARebuild() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory(), rebuilt = TemporaryDirectory()
        Self.makeSite(site)
        let first = try Indexer(indexPath: index.path).index(paths: [site.path])
        #expect(first.indexed == 24 && first.rebuilt)

        // A nightly re-crawl: two articles edited, two pages new, two gone,
        // two whose counters (chrome only) moved.
        site.write("news/robotics-0.html", Self.page(topic: "robotics", number: 0, extra: "Now with quadcopters."))
        site.write("clubs/chemistry-1.html", Self.page(topic: "chemistry", number: 1, extra: "Bring goggles."))
        site.write("news/kayaking-100.html", Self.page(topic: "kayaking", number: 100))
        site.write("clubs/knitting-101.html", Self.page(topic: "knitting", number: 101))
        try FileManager.default.removeItem(atPath: site.file("news/library-2.html"))
        try FileManager.default.removeItem(atPath: site.file("clubs/orchestra-3.html"))
        site.write("news/rowing-4.html", Self.page(topic: "rowing", number: 4, counter: 5))
        site.write("clubs/astronomy-5.html", Self.page(topic: "astronomy", number: 5, counter: 9))

        let update = try Indexer(indexPath: index.path).index(paths: [site.path])
        #expect(!update.rebuilt)
        #expect(update.added.sorted() == ["clubs/knitting-101.html", "news/kayaking-100.html"])
        #expect(update.updated.sorted() == ["clubs/chemistry-1.html", "news/robotics-0.html"])
        #expect(update.removed.sorted() == ["clubs/orchestra-3.html", "news/library-2.html"])
        #expect(update.unchanged == 20)
        #expect(update.unchangedAfterExtraction == 2)
        #expect(update.indexed == 24)

        try Indexer(indexPath: rebuilt.path).index(paths: [site.path])
        let answers = try Self.answers(index.path)
        #expect(answers.joined().count > 40)
        #expect(answers == (try Self.answers(rebuilt.path)))
        #expect(try SearchIndex(path: index.path).search("quadcopters").hits.map(\.path) == ["news/robotics-0.html"])
        #expect(try SearchIndex(path: index.path).search("orchestra").total == 0)
    }

    @Test func unchangedFilesAreNotReadAndFullRereadsThem() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        Self.makeSite(site, count: 6)
        // A whole second, which every file system stores exactly.
        let path = site.file("news/robotics-0.html")
        let modified = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        try Indexer(indexPath: index.path).index(paths: [site.path])
        // Same size, same modification time, different bytes: an update
        // trusts the file's size and time (like rsync) and does not read it…
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try original.replacingOccurrences(of: "Tuesday", with: "Thursda").write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path)
        let update = try Indexer(indexPath: index.path).index(paths: [])
        #expect(update.unchanged == 6 && update.updated.isEmpty)
        #expect(try SearchIndex(path: index.path).search("thursda").total == 0)
        // …and --full reads everything again.
        let full = try Indexer(indexPath: index.path).index(paths: [], full: true)
        #expect(full.rebuilt && full.indexed == 6)
        #expect(try SearchIndex(path: index.path).search("thursda").hits.map(\.path) == ["news/robotics-0.html"])
    }

    @Test func aDryRunListsTheChangesAndWritesNothing() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        Self.makeSite(site, count: 6)
        try Indexer(indexPath: index.path).index(paths: [site.path])
        let manifest = try String(contentsOfFile: index.file("MANIFEST"), encoding: .utf8)
        site.write("news/kayaking-100.html", Self.page(topic: "kayaking", number: 100))
        site.write("news/robotics-0.html", Self.page(topic: "robotics", number: 0, extra: "New text."))
        try FileManager.default.removeItem(atPath: site.file("clubs/chemistry-1.html"))
        let plan = try Indexer(indexPath: index.path).index(paths: [], dryRun: true)
        #expect(plan.dryRun)
        #expect(plan.added == ["news/kayaking-100.html"])
        #expect(plan.updated == ["news/robotics-0.html"])
        #expect(plan.removed == ["clubs/chemistry-1.html"])
        #expect(try String(contentsOfFile: index.file("MANIFEST"), encoding: .utf8) == manifest)
        #expect(try SearchIndex(path: index.path).search("kayaking").total == 0)
    }

    @Test func sourcesAreRememberedWithTheirIdsAndRescannedTogether() throws {
        let site = TemporaryDirectory(), feed = TemporaryDirectory(), index = TemporaryDirectory()
        Self.makeSite(site, count: 4)
        let records = feed.write("records.jsonl", """
            {"id": "r1", "url": "https://example.org/a", "title": "Harbour seals", "text": "Harbour seals rest on the sandbank."}
            {"id": "r2", "url": "https://example.org/b", "title": "Grey herons", "text": "Grey herons nest in the old oaks."}

            """)
        try Indexer(indexPath: index.path).index(paths: [site.path])
        // A second source later: the first keeps its ids (no prefix).
        let second = try Indexer(indexPath: index.path).index(paths: [records])
        #expect(second.added.sorted() == ["r1", "r2"])
        #expect(second.indexed == 6)
        #expect(Set(second.sources.map(\.path)) == [site.path, records].map { URL(fileURLWithPath: $0).standardizedFileURL.path }.reduce(into: Set<String>()) { $0.insert($1) })

        // No paths: every remembered source is read again.
        feed.write("records.jsonl", """
            {"id": "r1", "url": "https://example.org/a", "title": "Harbour seals", "text": "Harbour seals rest on the sandbank."}
            {"id": "r3", "url": "https://example.org/c", "title": "Otters", "text": "Otters returned to the river."}

            """)
        site.write("news/kayaking-100.html", Self.page(topic: "kayaking", number: 100))
        let rescan = try Indexer(indexPath: index.path).index(paths: [])
        #expect(rescan.added.sorted() == ["news/kayaking-100.html", "r3"])
        #expect(rescan.removed == ["r2"])
        #expect(rescan.unchanged == 5)
        let search = try SearchIndex(path: index.path)
        #expect(try search.search("otters").hits.map(\.path) == ["r3"])
        #expect(try search.search("robotics").hits.map(\.path) == ["news/robotics-0.html"])
    }

    @Test func removeDropsDocumentsByIdURLPathOrSource() throws {
        let site = TemporaryDirectory(), feed = TemporaryDirectory(), index = TemporaryDirectory()
        Self.makeSite(site, count: 6)
        let records = feed.write("records.jsonl", """
            {"id": "r1", "url": "https://example.org/a", "title": "Harbour seals", "text": "Harbour seals rest on the sandbank."}
            {"id": "r2", "url": "https://example.org/b", "title": "Grey herons", "text": "Grey herons nest in the old oaks."}

            """)
        try Indexer(indexPath: index.path).index(paths: [site.path, records])
        let ids = try SearchIndex(path: index.path).search("society", options: SearchOptions(limit: 50)).hits.map(\.path)
        let robotics = try #require(ids.first { $0.hasSuffix("robotics-0.html") })

        var summary = try IndexMaintenance.remove([robotics, "https://example.org/b"], indexPath: index.path)
        #expect(summary.removed.sorted() == [robotics, "r2"].sorted())
        #expect(summary.indexed == 6)
        summary = try IndexMaintenance.remove([site.file("clubs")], indexPath: index.path)
        #expect(summary.removed.count == 3)
        summary = try IndexMaintenance.remove([records, "nothing-like-this"], indexPath: index.path)
        #expect(summary.removed == ["r1"] && summary.unmatched == ["nothing-like-this"])
        #expect(summary.sources.count == 1)
        let search = try SearchIndex(path: index.path)
        #expect(search.statistics().documents == 2)
        #expect(try search.search("seals").total == 0)
        // The removed source is forgotten: a rescan does not bring it back.
        let rescan = try Indexer(indexPath: index.path).index(paths: [])
        #expect(rescan.sources.count == 1)
        #expect(try SearchIndex(path: index.path).search("seals").total == 0)
    }

    @Test func storedTemplatesStripNewPagesAndARedesignIsRelearned() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        TemplateIndexingTests().makeSite(site)
        let first = try Indexer(indexPath: index.path).index(paths: [site.path])
        #expect(first.templateLinesStripped == 12 * 4)
        let manifest = try #require(try IndexDirectory(path: index.path).readManifest())
        #expect(manifest.templates != nil)

        // One new page next month: stripped by the stored template alone.
        site.write("news/falconry.txt", """
            Kestrel Joint Engineering School, HPU

            News & Events

            The falconry society opens its season

            Members of the falconry society flew their birds on the playing fields.

            Address: 88 Larkspur Road, Kestrel District, Tianshui 741000

            Tel: 0938-5550123

            """)
        let update = try Indexer(indexPath: index.path).index(paths: [])
        #expect(update.added == ["news/falconry.txt"])
        #expect(update.relearnedSites == 0)
        #expect(update.templateLinesStripped == 4)
        let search = try SearchIndex(path: index.path)
        #expect(try search.search(#""Larkspur Road""#).total == 0)
        #expect(try search.search("falconry").hits.first?.title == "The falconry society opens its season")
    }

    @Test func anIndexWithoutACatalogIsRebuiltOnceThenUpdated() throws {
        let index = TemporaryDirectory(), source = TemporaryDirectory()
        let fixture = RepositoryFiles.root.appendingPathComponent("Tests/Fixtures/index-format-3").path
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture) {
            try FileManager.default.copyItem(atPath: fixture + "/" + name, toPath: index.file(name))
        }
        Self.makeSite(source, count: 4)
        let first = try Indexer(indexPath: index.path).index(paths: [source.path])
        #expect(first.rebuilt)
        let second = try Indexer(indexPath: index.path).index(paths: [source.path])
        #expect(!second.rebuilt && second.unchanged == second.indexed)
    }

    @Test func manyUpdatesStayFewSegmentsAndOptimizeMakesOne() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory(), rebuilt = TemporaryDirectory()
        Self.makeSite(site, count: 8)
        try Indexer(indexPath: index.path).index(paths: [site.path])
        for round in 0..<24 {
            site.write("news/round-\(round).html", Self.page(topic: Self.words[round % Self.words.count], number: 200 + round))
            site.write("news/robotics-0.html", Self.page(topic: "robotics", number: 0, extra: "Revision \(round)."))
            try Indexer(indexPath: index.path).index(paths: [])
        }
        let manifest = try #require(try IndexDirectory(path: index.path).readManifest())
        #expect(manifest.segments.count <= 10, "\(manifest.segments.count)")
        try Indexer(indexPath: rebuilt.path).index(paths: [site.path])
        #expect(try Self.answers(index.path) == Self.answers(rebuilt.path))

        let summary = try IndexMaintenance.optimize(indexPath: index.path)
        let (before, after, dropped) = (summary.before, summary.after, summary.dropped)
        #expect(before == manifest.segments.count && after == 1)
        #expect(dropped == manifest.documentCount - manifest.liveDocumentCount && dropped > 0)
        let optimized = try #require(try IndexDirectory(path: index.path).readManifest())
        #expect(optimized.segments.count == 1 && optimized.segments[0].deleted == nil)
        #expect(try Self.answers(index.path) == Self.answers(rebuilt.path))
        // And it still updates afterwards.
        site.write("news/final.html", Self.page(topic: "zither", number: 999))
        #expect(try Indexer(indexPath: index.path).index(paths: []).added == ["news/final.html"])
    }
}

extension IncrementalIndexingTests {
    @Test func aNewCopyOfAnIndexedPageBecomesItsAliasAndStaysOne() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        Self.makeSite(site, count: 6)
        try Indexer(indexPath: index.path).index(paths: [site.path])
        site.write("mirror/robotics-copy.html", Self.page(topic: "robotics", number: 0))
        let first = try Indexer(indexPath: index.path).index(paths: [])
        #expect(first.duplicates == 1)
        #expect(first.updated == ["news/robotics-0.html"])  // it gained an alias
        #expect(try SearchIndex(path: index.path).search("robotics").hits.first?.aliases == ["mirror/robotics-copy.html"])
        let second = try Indexer(indexPath: index.path).index(paths: [])
        #expect(second.updated.isEmpty && second.added.isEmpty && second.duplicates == 0)
        #expect(second.unchanged == 6)
        // The copy goes: its document loses the alias.
        try FileManager.default.removeItem(atPath: site.file("mirror/robotics-copy.html"))
        let third = try Indexer(indexPath: index.path).index(paths: [])
        #expect(third.updated == ["news/robotics-0.html"] && third.removed.isEmpty)
        #expect(try SearchIndex(path: index.path).search("robotics").hits.first?.aliases == [])
    }
}

extension IncrementalIndexingTests {
    @Test func aSiteRelearnedKeepsTheAliasesOfItsUnchangedPages() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        TemplateIndexingTests().makeSite(site)
        let pottery = try String(contentsOfFile: site.file("news/pottery.txt"), encoding: .utf8)
        site.write("zzz/pottery.txt", pottery)
        // Pages elsewhere, so that the whole crawl (the `./` group) did not change a lot.
        for number in 0..<20 { site.write("zzz/note-\(number).txt", "Note \(number) about \(Self.words[number + 3]) and nothing else.\n") }
        site.write("news/archive/pottery.txt", pottery)
        let first = try Indexer(indexPath: index.path).index(paths: [site.path])
        #expect(first.duplicates == 2)
        // A redesign: most pages of the site change their header line.
        for topic in TemplateIndexingTests.topics.prefix(8) {
            let path = site.file("news/\(topic).txt")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            site.write("news/\(topic).txt", text.replacingOccurrences(of: "News & Events", with: "Campus News"))
        }
        let update = try Indexer(indexPath: index.path).index(paths: [])
        #expect(update.relearnedSites >= 1)
        let search = try SearchIndex(path: index.path)
        #expect(try search.search(#""Campus News""#).total == 0)
        // One document for the three copies: the first in walk order, read
        // again to learn the site from, keeps the copy outside the site.
        let hit = try #require(try search.search(#""pottery society""#).hits.first)
        #expect(hit.path == "news/archive/pottery.txt" && Set(hit.aliases) == ["news/pottery.txt", "zzz/pottery.txt"], "\(hit.path) \(hit.aliases) relearned \(update.relearnedSites) updated \(update.updated)")
        let again = try Indexer(indexPath: index.path).index(paths: [])
        #expect(again.added.isEmpty && again.updated.isEmpty && again.removed.isEmpty)
    }
}

extension IncrementalIndexingTests {
    @Test func checkPassesAfterUpdatesOfChineseAndEnglishPagesAndFindsACatalogThatDisagrees() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        Self.makeSite(site, count: 6)
        // Han characters indexed alone and in bigrams repeat positions.
        site.write("zh/news.html", "<html><head><title>不不 新闻</title></head><body><p>人人都说不不不，大学的人不少。</p></body></html>")
        try Indexer(indexPath: index.path).index(paths: [site.path])
        #expect(checkIndex(at: index.path).problems == [])
        site.write("zh/more.html", "<html><head><title>更多</title></head><body><p>了了不了，人人人。</p></body></html>")
        try FileManager.default.removeItem(atPath: site.file("news/robotics-0.html"))
        try Indexer(indexPath: index.path).index(paths: [])
        let report = checkIndex(at: index.path)
        #expect(report.problems == [] && report.liveDocuments == 7 && report.documents == 8)

        // A catalog from another commit does not match the segments.
        let manifest = try #require(try IndexDirectory(path: index.path).readManifest())
        var catalog = try DocumentCatalog.read(path: index.file(try #require(manifest.catalog)))
        catalog.entries.removeLast()
        try catalog.write(to: index.file(manifest.catalog!))
        #expect(checkIndex(at: index.path).problems.contains { $0.message.contains("records 6 live documents, the segments hold 7") })
    }
}

extension IncrementalIndexingTests {
    @Test func copiesReadAgainLeaveTheirDocumentsAlone() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        Self.makeSite(site, count: 8)
        // A second copy of every news page, as a mirror of another path keeps it.
        for number in stride(from: 0, to: 8, by: 2) {
            let topic = Self.words[number]
            site.write("zcopy/\(topic)-\(number).html", Self.page(topic: topic, number: number))
        }
        let first = try Indexer(indexPath: index.path).index(paths: [site.path])
        #expect(first.duplicates == 4)
        // Only the copies' counters move: they are read again and fold back
        // into the same documents, which stay as they are.
        for number in stride(from: 0, to: 8, by: 2) {
            let topic = Self.words[number]
            site.write("zcopy/\(topic)-\(number).html", Self.page(topic: topic, number: number, counter: 3))
        }
        let update = try Indexer(indexPath: index.path).index(paths: [])
        #expect(update.updated.isEmpty && update.added.isEmpty && update.removed.isEmpty, "\(update)")
        #expect(update.relearnedSites == 0)
        #expect(try SearchIndex(path: index.path).search("robotics").hits.first?.aliases == ["zcopy/robotics-0.html"])
    }
}

extension IncrementalIndexingTests {
    /// One WARC response record.
    static func warcResponse(_ uri: String, _ html: String) -> String {
        let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
        return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: \(uri)\r\nWARC-Date: 2026-11-30T00:00:00Z\r\n"
            + "WARC-Record-ID: <urn:uuid:\(UUID().uuidString)>\r\nContent-Type: application/http; msgtype=response\r\n"
            + "Content-Length: \(http.utf8.count)\r\n\r\n" + http + "\r\n\r\n"
    }

    @Test func aWARCFileIsReadAgainOnlyWhenItChangedAndOnlyItsChangedResponsesAreIndexed() throws {
        let crawl = TemporaryDirectory(), index = TemporaryDirectory()
        let a = Self.page(topic: "robotics", number: 1), b = Self.page(topic: "chemistry", number: 2)
        let warc = crawl.write("crawl.warc", Self.warcResponse("http://example.edu/a", a) + Self.warcResponse("http://example.edu/b", b))
        let first = try Indexer(indexPath: index.path).index(paths: [warc])
        #expect(first.indexed == 2)
        // The same file again: not even opened.
        #expect(try Indexer(indexPath: index.path).index(paths: []).unchanged == 2)
        // A new capture: one response changed, one new, one gone.
        crawl.write("crawl.warc", Self.warcResponse("http://example.edu/a", Self.page(topic: "robotics", number: 1, extra: "Now with drones."))
                    + Self.warcResponse("http://example.edu/c", Self.page(topic: "rowing", number: 3)))
        let update = try Indexer(indexPath: index.path).index(paths: [])
        #expect(update.updated == ["http://example.edu/a"] && update.added == ["http://example.edu/c"])
        #expect(update.removed == ["http://example.edu/b"])
        #expect(try SearchIndex(path: index.path).search("drones").hits.map(\.path) == ["http://example.edu/a"])
    }
}

extension IncrementalIndexingTests {
    /// Progress arrives phase by phase, each ending complete, so a bar
    /// never sticks at 99 % while segments are written.
    @Test func progressIsReportedPhaseByPhaseAndEachPhaseEnds() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        Self.makeSite(site, count: 12)
        final class Phases: @unchecked Sendable {
            let lock = NSLock()
            var events: [(IndexingPhase, Int, Int)] = []
        }
        let phases = Phases()
        try Indexer(indexPath: index.path).index(paths: [site.path]) { event in
            if case .progress(let phase, let done, let total) = event {
                phases.lock.withLock { phases.events.append((phase, done, total)) }
            }
        }
        let order = phases.events.map(\.0).reduce(into: [IndexingPhase]()) { if $0.last != $1 { $0.append($1) } }
        // One small segment: nothing to merge, so no merge phase.
        #expect(order == [.scan, .extract, .index, .commit], "\(order)")
        for phase in Set(order) {
            let last = try #require(phases.events.last { $0.0 == phase })
            #expect(last.1 == last.2, "\(phase) ended at \(last.1) of \(last.2)")
            #expect(phases.events.filter { $0.0 == phase }.allSatisfy { $0.1 <= $0.2 })
        }
        #expect(phases.events.last { $0.0 == .extract }?.2 == 12)
        #expect(phases.events.last { $0.0 == .index }?.2 == 12)
    }
}

extension IncrementalIndexingTests {
    @Test func removingACopyLeavesItsDocumentWithoutThatAlias() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        Self.makeSite(site, count: 4)
        site.write("zcopy/robotics-0.html", Self.page(topic: "robotics", number: 0))
        try Indexer(indexPath: index.path).index(paths: [site.path])
        #expect(try SearchIndex(path: index.path).search("robotics").hits.first?.aliases == ["zcopy/robotics-0.html"])
        let summary = try IndexMaintenance.remove([site.file("zcopy/robotics-0.html")], indexPath: index.path)
        #expect(summary.removed.isEmpty && summary.unmatched.isEmpty && summary.indexed == 4)
        let hit = try #require(try SearchIndex(path: index.path).search("robotics").hits.first)
        #expect(hit.path == "news/robotics-0.html" && hit.aliases.isEmpty)
        #expect(checkIndex(at: index.path).problems == [])
    }
}
