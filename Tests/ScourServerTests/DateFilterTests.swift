import Foundation
import Hummingbird
import HummingbirdTesting
import Scour
@testable import ScourServer
import ScourTestSupport
import Testing

/// Dates and facets over HTTP: `/search`'s after, before, sort and facets,
/// the page's filters, and Elasticsearch's `range` and `sort` on date.
@Suite("HTTP dates and facets")
struct DateFilterTests {
    /// Twelve news items on two sites, dated 2023-01 to 2024-12 every two months.
    static func makeIndex(_ folder: TemporaryDirectory) throws -> String {
        let lines = (0..<12).map { number -> String in
            let year = 2023 + number / 6, month = 1 + (number % 6) * 2
            let site = number % 2 == 0 ? "news.example.edu" : "library.example.edu"
            let object: [String: Any] = ["id": "n\(number)", "title": "Exam news \(number)",
                                         "text": "Exam timetable and exam rooms, notice number \(number).",
                                         "url": "https://\(site)/n\(number)", "date": String(format: "%04d-%02d-15", year, month)]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        folder.write("news.jsonl", lines.joined(separator: "\n") + "\n")
        let index = folder.file("Index")
        _ = try Indexer(indexPath: index).index(paths: [folder.file("news.jsonl")])
        return index
    }

    static func results(_ body: [String: Any]) -> [[String: Any]] { body["results"] as? [[String: Any]] ?? [] }

    @Test func searchFiltersByDateSortsByDateAndCountsFacets() async throws {
        let folder = TemporaryDirectory()
        let index = try Self.makeIndex(folder)
        try await SearchEndpointTests.app(index).test(.router) { client in
            try await client.execute(uri: "/search?q=exam&after=2024-03&before=2024&limit=20", method: .get) { response in
                let body = try SearchEndpointTests.json(response)
                let dates = Self.results(body).compactMap { $0["date"] as? String }
                #expect(dates.sorted() == ["2024-03-15", "2024-05-15", "2024-07-15", "2024-09-15", "2024-11-15"])
                #expect(body["total"] as? Int == 5)
            }
            try await client.execute(uri: "/search?q=exam&sort=date&limit=3&facets=site,year", method: .get) { response in
                let body = try SearchEndpointTests.json(response)
                #expect(Self.results(body).compactMap { $0["date"] as? String } == ["2024-11-15", "2024-09-15", "2024-07-15"])
                let facets = body["facets"] as? [String: [[String: Any]]]
                #expect(facets?["year"]?.map { "\($0["value"]!)=\($0["count"]!)" } == ["2024=6", "2023=6"])
                #expect(facets?["site"]?.map { "\($0["value"]!)=\($0["count"]!)" }
                        == ["example.edu=12", "library.example.edu=6", "news.example.edu=6"])
            }
            for (uri, message) in [("/search?q=exam&after=yesterday", "after must be a date like 2024"),
                                   ("/search?q=exam&after=2025&before=2024", "after (2025) is later than before (2024)"),
                                   ("/search?q=exam&sort=title", "sort must be relevance or date"),
                                   ("/search?q=exam&facets=author", "facets are site and year")] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    let error = try SearchEndpointTests.json(response)["error"] as? [String: Any]
                    #expect((error?["message"] as? String)?.contains(message) == true, "\(uri)")
                }
            }
        }
    }

    @Test func thePageOffersSitesYearsAndNewestFirst() async throws {
        let folder = TemporaryDirectory()
        let index = try Self.makeIndex(folder)
        try await SearchEndpointTests.app(index).test(.router) { client in
            try await client.execute(uri: "/?q=exam", method: .get, headers: SearchPageTests.html) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<a href=\"/?q=exam&amp;site=library.example.edu\">library.example.edu</a> (6)"))
                #expect(page.contains("<a href=\"/?q=exam&amp;after=2023&amp;before=2023\">2023</a> (6)"))
                #expect(page.contains("<a href=\"/?q=exam&amp;sort=date\">Newest first</a>"))
            }
            try await client.execute(uri: "/?q=exam&after=2023&before=2023&sort=date", method: .get, headers: SearchPageTests.html) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("1–6 of 6 results"))
                #expect(page.contains("<b>Newest first</b>"))
                #expect(page.contains("<input type=\"hidden\" name=\"after\" value=\"2023\">"))
                let first = try #require(page.range(of: "2023-11-15")), second = try #require(page.range(of: "2023-09-15"))
                #expect(first.lowerBound < second.lowerBound)
            }
        }
    }

    @Test func elasticsearchRangeAndSortOnDate() async throws {
        let folder = TemporaryDirectory()
        let index = try Self.makeIndex(folder)
        try await SearchEndpointTests.app(index).test(.router) { client in
            var (status, body) = try await ElasticsearchAPITests.post(client, "/scour/_search",
                #"{"query":{"bool":{"must":{"match":{"text":"exam"}},"filter":[{"range":{"date":{"gte":"2024-01-01","lt":"2024-05"}}}]}},"sort":[{"date":{"order":"desc"}}],"_source":["date"]}"#)
            #expect(status == .ok)
            let dates = ((body["hits"] as? [String: Any])?["hits"] as? [[String: Any]])?.compactMap { ($0["_source"] as? [String: Any])?["date"] as? String }
            #expect(dates == ["2024-03-15", "2024-01-15"])
            (_, body) = try await ElasticsearchAPITests.post(client, "/scour/_count",
                #"{"query":{"bool":{"must":{"match":{"text":"exam"}},"filter":{"range":{"date":{"gt":"2023","lte":"2024-02"}}}}}}"#)
            #expect(body["count"] as? Int == 1)
            (status, _) = try await ElasticsearchAPITests.post(client, "/scour/_search", #"{"query":{"match":{"text":"exam"}},"sort":[{"date":"asc"}]}"#)
            #expect(status == .badRequest)
            (status, _) = try await ElasticsearchAPITests.post(client, "/scour/_search", #"{"query":{"range":{"date":{"gte":"2024"}}}}"#)
            #expect(status == .badRequest)
        }
    }
}
