import Foundation
import Testing
import Scour
import ScourSearch
import ScourTestSupport

/// Site templates learned while indexing: lines on every page of a site
/// are stripped, articles, quotations and bylines stay searchable.
@Suite("Indexing with site templates")
struct TemplateIndexingTests {
    static let topics = ["robotics", "chemistry", "library", "orchestra", "rowing", "astronomy",
                         "botany", "theatre", "geology", "chess", "poetry", "pottery"]
    static let quoting = [2, 5, 9]
    static let quote = "As our founder wrote a century ago, a college is not its buildings but the people "
        + "who argue, laugh and learn together inside them every day."

    /// Twelve plain-text scrapes of one site: each keeps the site's name,
    /// section and address lines, which no extraction rule knows as chrome.
    func makeSite(_ site: TemporaryDirectory) {
        for (number, topic) in Self.topics.enumerated() {
            var lines = [
                "Kestrel Joint Engineering School, HPU",
                "News & Events",
                "The \(topic) society opens its season",
                "Date: 2026-01-\(number + 10)  Views: \(number * 97 + 3)",
                "Members of the \(topic) society met on Tuesday evening to plan a full season of \(topic) events for new students and staff.",
            ]
            if Self.quoting.contains(number) { lines.append(Self.quote) }
            lines += [
                "Anyone curious about \(topic) is welcome to join; the first session of the \(topic) society needs no experience at all.",
                "Text: Wang Lei",
                "Editors: Li Hua and Chen Jie",
                "Address: 88 Larkspur Road, Kestrel District, Tianshui 741000",
                "Tel: 0938-5550123",
            ]
            site.write("news/\(topic).txt", lines.joined(separator: "\n\n") + "\n")
        }
    }

    @Test func siteChromeIsStrippedAndContentKept() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        makeSite(site)
        let summary = try Indexer(indexPath: index.path).index(paths: [site.path])
        #expect(summary.indexed == 12)
        #expect(summary.templateLinesStripped == 12 * 4)
        #expect(summary.templateSites == 1)

        let searchIndex = try SearchIndex(path: index.path)
        #expect(try searchIndex.search(#""Larkspur Road""#).hits.isEmpty)
        #expect(try searchIndex.search(#""Kestrel Joint Engineering School""#).hits.isEmpty)
        #expect(try searchIndex.search("pottery").hits.first?.path == "news/pottery.txt")
        #expect(try searchIndex.search("pottery").hits.first?.title == "The pottery society opens its season")
        // A sentence several pages quote is content, not template.
        let quoted = try searchIndex.search(#""not its buildings but the people""#)
        #expect(Set(quoted.hits.map(\.path)) == ["news/library.txt", "news/astronomy.txt", "news/chess.txt"])
        // Bylines name people: kept even though they are on every page.
        #expect(try searchIndex.search(#""Li Hua""#).total == 12)
    }

    @Test func jsonLinesRecordsLearnPerHost() throws {
        let folder = TemporaryDirectory(), index = TemporaryDirectory()
        var records: [String] = []
        for (number, topic) in Self.topics.enumerated() {
            let text = "Kestrel News Online\nThe \(topic) society met on Tuesday to plan its season of \(topic) events.\n"
                + "Subscribe to the Kestrel newsletter"
            let host = number % 2 == 0 ? "https://www.kestrel.example/news/\(topic)" : "https://other.example/\(topic)"
            let fields: [String: String] = ["id": topic, "url": host, "text": text]
            let json = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
            records.append(String(decoding: json, as: UTF8.self))
        }
        let file = folder.write("crawl.jsonl", records.joined(separator: "\n") + "\n")
        let summary = try Indexer(indexPath: index.path).index(paths: [file])
        #expect(summary.templateSites == 2)
        #expect(summary.templateLinesStripped == 12 * 2)
        let searchIndex = try SearchIndex(path: index.path)
        #expect(try searchIndex.search(#""Kestrel newsletter""#).hits.isEmpty)
        #expect(try searchIndex.search("pottery").hits.map(\.path) == ["pottery"])
    }

    @Test func learningCanBeTurnedOff() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        makeSite(site)
        let summary = try Indexer(indexPath: index.path, options: IndexingOptions(learnTemplates: false))
            .index(paths: [site.path])
        #expect(summary.templateLinesStripped == 0)
        #expect(try SearchIndex(path: index.path).search(#""Larkspur Road""#).total == 12)
    }

    @Test func fewPagesLearnNothing() throws {
        let site = TemporaryDirectory(), index = TemporaryDirectory()
        makeSite(site)
        for topic in Self.topics.dropFirst(3) {
            try FileManager.default.removeItem(atPath: site.file("news/\(topic).txt"))
        }
        let summary = try Indexer(indexPath: index.path).index(paths: [site.path])
        #expect(summary.indexed == 3)
        #expect(summary.templateLinesStripped == 0)
        #expect(try SearchIndex(path: index.path).search(#""Larkspur Road""#).total == 3)
    }

    @Test func resultsAreTheSameWithOneWorkerOrMany() throws {
        let site = TemporaryDirectory(), one = TemporaryDirectory(), many = TemporaryDirectory()
        makeSite(site)
        let single = try Indexer(indexPath: one.path, options: IndexingOptions(workers: 1)).index(paths: [site.path])
        let parallel = try Indexer(indexPath: many.path, options: IndexingOptions(workers: 3, segmentBudgetBytes: 1))
            .index(paths: [site.path])
        #expect(single.templateLinesStripped == parallel.templateLinesStripped)
        #expect(single.templateLinesStripped == 12 * 4)
        let query = "society season"
        let a = try SearchIndex(path: one.path).search(query, options: SearchOptions(limit: 12))
        let b = try SearchIndex(path: many.path).search(query, options: SearchOptions(limit: 12))
        #expect(a.hits.count == 12)
        #expect(a.hits.map(\.path) == b.hits.map(\.path))
        #expect(a.hits.map(\.score) == b.hits.map(\.score))
    }
}
