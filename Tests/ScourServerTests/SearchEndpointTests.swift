import Foundation
import Hummingbird
import HummingbirdTesting
import Scour
import ScourServer
import ScourTestSupport
import Testing

/// `scour serve`'s JSON API, in process (Hummingbird's router test client).
@Suite("HTTP search API")
struct SearchEndpointTests {
    static let pages = [
        ("news/union.html", "<html><head><title>Student union exchange fair</title></head><body><main><h1>Student union exchange fair</h1><p>The student union holds an exchange fair for students who want to study abroad next year.</p></main></body></html>"),
        ("news/library.html", "<html><head><title>Library opening hours</title></head><body><main><h1>Library opening hours</h1><p>The library opens at eight during the exam season, and the union café stays open late.</p></main></body></html>"),
        ("news/script.html", "<html><head><title>Escaping &lt;script&gt; in pages</title></head><body><main><p>A page that talks about &lt;script&gt;alert(1)&lt;/script&gt; tags and the union rules.</p></main></body></html>"),
        ("clubs/chess.html", "<html><head><title>学生会 chess club</title></head><body><main><p>The chess club meets on Tuesdays; 学生会 members welcome.</p></main></body></html>"),
    ]

    /// A folder of pages indexed into `folder/Index`.
    static func makeIndex(_ folder: TemporaryDirectory) throws -> String {
        for (path, html) in pages { folder.write("site/\(path)", html) }
        let index = folder.file("Index")
        _ = try Indexer(indexPath: index).index(paths: [folder.file("site")])
        return index
    }

    static func app(_ index: String, maximumLimit: Int = 1000) -> some ApplicationProtocol {
        ScourServer.application(ServerConfiguration(indexPath: index, maximumLimit: maximumLimit, searchThreads: 2))
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func searchAnswersAsTheCommandLineWithPaging() async throws {
        let folder = TemporaryDirectory()
        let index = try Self.makeIndex(folder)
        let expected = try SearchIndex(path: index).search("union", options: SearchOptions(limit: 10))
        try await Self.app(index).test(.router) { client in
            try await client.execute(uri: "/search?q=union", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let body = try Self.json(response)
                #expect(body["total"] as? Int == expected.total)
                #expect(body["offset"] as? Int == 0 && body["limit"] as? Int == 10)
                let ids = (body["results"] as? [[String: Any]])?.map { $0["id"] as? String }
                #expect(ids == expected.hits.map(\.id))
                #expect(ids?.count == 3)
                // A server does not tell where its files are.
                #expect((body["results"] as? [[String: Any]])?.allSatisfy { $0["location"] is NSNull } == true)
            }
            // The second page: the rest, ranked as before.
            try await client.execute(uri: "/search?q=union&offset=1&limit=5", method: .get) { response in
                let body = try Self.json(response)
                let ids = (body["results"] as? [[String: Any]])?.map { $0["id"] as? String }
                #expect(ids == expected.hits.dropFirst().map(\.id))
                #expect(body["offset"] as? Int == 1 && body["limit"] as? Int == 5)
            }
            // A form's "+" is a space: two words, not one.
            try await client.execute(uri: "/search?q=exchange+library", method: .get) { response in
                let body = try Self.json(response)
                #expect(body["total"] as? Int == 2)
            }
            // %2B is a plus: required words.
            try await client.execute(uri: "/search?q=%2Bexchange%20%2Bunion", method: .get) { response in
                let body = try Self.json(response)
                #expect(body["total"] as? Int == 1)
            }
            // Chinese, percent-encoded UTF-8.
            try await client.execute(uri: "/search?q=%E5%AD%A6%E7%94%9F%E4%BC%9A", method: .get) { response in
                let results = try Self.json(response)["results"] as? [[String: Any]]
                #expect(results?.map { $0["title"] as? String } == ["学生会 chess club"])
            }
        }
    }

    @Test func badRequestsAreJSONErrorsWithTheRightStatus() async throws {
        let folder = TemporaryDirectory()
        let index = try Self.makeIndex(folder)
        try await Self.app(index, maximumLimit: 50).test(.router) { client in
            for (uri, status, message) in [
                ("/search", HTTPResponse.Status.badRequest, "the query is missing"),
                ("/search?q=union&limit=51", .badRequest, "limit must be a whole number from 0 to 50"),
                ("/search?q=union&limit=ten", .badRequest, "limit must be a whole number"),
                ("/search?q=union&offset=9995&limit=10", .badRequest, "results beyond 10000 are not served"),
                ("/search?q=union&format=xml", .badRequest, "format \"xml\" is not served"),
                ("/documents/nothing-here", .notFound, "no document has the id \"nothing-here\""),
                ("/no/such/route", .notFound, ""),
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    if !message.isEmpty {
                        let error = try Self.json(response)["error"] as? [String: Any]
                        #expect((error?["message"] as? String)?.contains(message) == true, "\(uri): \(String(buffer: response.body))")
                        #expect(error?["status"] as? Int == Int(status.code))
                    }
                }
            }
            // A query that does not parse says where.
            try await client.execute(uri: "/search?q=union%20AND", method: .get) { response in
                #expect(response.status == .badRequest)
                let error = try Self.json(response)["error"] as? [String: Any]
                #expect(error?["column"] as? Int == 7)
            }
            // Nothing matches: no results, not an error.
            try await client.execute(uri: "/search?q=zzqqxx", method: .get) { response in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["total"] as? Int == 0)
            }
            // Too many fuzzy words, too many words: refused before any work.
            let fuzzy = (1...9).map { "word\($0)~" }.joined(separator: "+")
            try await client.execute(uri: "/search?q=\(fuzzy)", method: .get) { response in
                #expect(response.status == .badRequest)
                let error = try Self.json(response)["error"] as? [String: Any]
                #expect(error?["message"] as? String == "the query has 9 prefix or fuzzy words (word*, word~); at most 8 are served")
            }
            let many = (1...129).map { "w\($0)" }.joined(separator: "+")
            try await client.execute(uri: "/search?q=\(many)", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            let eight = (1...8).map { "union\($0)~" }.joined(separator: "+")
            try await client.execute(uri: "/search?q=\(eight)", method: .get) { response in
                #expect(response.status == .ok)
            }
            // A query longer than the limit.
            let long = String(repeating: "union+", count: 1000)
            try await client.execute(uri: "/search?q=\(long)", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func documentsStatsAndHealth() async throws {
        let folder = TemporaryDirectory()
        let index = try Self.makeIndex(folder)
        let id = try #require(try SearchIndex(path: index).search("library").hits.first?.id)
        try await Self.app(index).test(.router) { client in
            #expect(id.contains("/"))
            try await client.execute(uri: "/documents/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["id"] as? String == id)
                #expect(body["title"] as? String == "Library opening hours")
                #expect((body["text"] as? String)?.contains("exam season") == true)
            }
            try await client.execute(uri: "/stats", method: .get) { response in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["documents"] as? Int == 4)
            }
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["status"] as? String == "ok")
            }
        }
    }

    @Test func aMissingIndexAnswers503UntilItIsBuiltAndNewCommitsAreSeen() async throws {
        let folder = TemporaryDirectory()
        let index = folder.file("Index")
        try await Self.app(index).test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let error = try Self.json(response)["error"] as? [String: Any]
                #expect((error?["message"] as? String)?.hasPrefix("the index cannot be opened") == true)
            }
            try await client.execute(uri: "/search?q=union", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
            // Built while the server runs: served at once, no restart.
            _ = try Self.makeIndex(folder)
            try await client.execute(uri: "/search?q=union", method: .get) { response in
                let body = try Self.json(response)
                #expect(body["total"] as? Int == 3)
            }
            // A new commit beside the running server is seen by the next request.
            folder.write("site/news/more.html", "<html><head><title>Union elections</title></head><body><main><p>The union elections open on Monday for every student.</p></main></body></html>")
            _ = try Indexer(indexPath: index).index(paths: [folder.file("site")])
            try await client.execute(uri: "/search?q=union", method: .get) { response in
                let body = try Self.json(response)
                #expect(body["total"] as? Int == 4)
            }
        }
    }

    @Test func aSearchPastTheTimeLimitIs503() async throws {
        let folder = TemporaryDirectory()
        let index = try Self.makeIndex(folder)
        let app = ScourServer.application(ServerConfiguration(indexPath: index, searchThreads: 2, timeLimit: .zero))
        try await app.test(.router) { client in
            try await client.execute(uri: "/search?q=union", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let error = try Self.json(response)["error"] as? [String: Any]
                #expect((error?["message"] as? String)?.hasPrefix("the search took longer than 0 s and was stopped") == true)
            }
            let (status, body) = try await ElasticsearchAPITests.post(client, "/scour/_search", #"{"query":{"match":{"text":"union"}}}"#)
            #expect(status == .serviceUnavailable)
            #expect((body["error"] as? [String: Any])?["type"] as? String == "search_phase_execution_exception")
        }
    }
}
