import Foundation
import Hummingbird
import HummingbirdTesting
import Scour
@testable import ScourServer
import ScourTestSupport
import Testing

/// The Elasticsearch-compatible subset, in process.
@Suite("Elasticsearch API")
struct ElasticsearchAPITests {
    static let json: HTTPFields = [.contentType: "application/json"]

    static func post(_ client: some TestClientProtocol, _ uri: String, _ body: String,
                     headers: HTTPFields = json) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            (response.status, try SearchEndpointTests.json(response))
        }
    }

    static func ids(_ body: [String: Any]) -> [String]? {
        ((body["hits"] as? [String: Any])?["hits"] as? [[String: Any]])?.compactMap { $0["_id"] as? String }
    }

    @Test func queriesTranslateToScoursAndRankAsItDoes() async throws {
        let folder = TemporaryDirectory()
        let index = try SearchEndpointTests.makeIndex(folder)
        let scour = try SearchIndex(path: index)
        try await SearchEndpointTests.app(index).test(.router) { client in
            // match (or) ranks as the same words in `scour search`.
            var (status, body) = try await Self.post(client, "/Index/_search", #"{"query":{"match":{"text":"union library"}}}"#)
            #expect(status == .ok)
            let expected = try scour.search("body:union body:library").hits.map(\.id)
            #expect(Self.ids(body) == expected)
            // operator and: both words required.
            (_, body) = try await Self.post(client, "/scour/_search", #"{"query":{"match":{"text":{"query":"union library","operator":"and"}}}}"#)
            #expect(Self.ids(body) == ["news/library.html"])
            // match_phrase, multi_match over every field, query_string.
            (_, body) = try await Self.post(client, "/_all/_search", #"{"query":{"match_phrase":{"text":"exchange fair"}}}"#)
            #expect(Self.ids(body) == ["news/union.html"])
            (_, body) = try await Self.post(client, "/*/_search", #"{"query":{"multi_match":{"query":"chess","fields":["title^2","text"]}}}"#)
            #expect(Self.ids(body) == ["clubs/chess.html"])
            (_, body) = try await Self.post(client, "/_search", #"{"query":{"query_string":{"query":"union -library"}}}"#)
            #expect(Set(Self.ids(body) ?? []) == ["news/union.html", "news/script.html"])
            // bool: must, must_not, should.
            (_, body) = try await Self.post(client, "/scour/_search",
                #"{"query":{"bool":{"must":{"match":{"text":"union"}},"must_not":[{"match":{"title":"escaping"}}],"should":[{"match":{"text":"exchange"}}]}}}"#)
            #expect(Self.ids(body)?.first == "news/union.html")
            #expect(!(Self.ids(body) ?? []).contains("news/script.html"))
            // from/size page through the same ranking.
            (_, body) = try await Self.post(client, "/scour/_search", #"{"query":{"match":{"text":"union"}},"from":1,"size":1,"track_total_hits":true}"#)
            let all = try scour.search("body:union", options: SearchOptions(exactTotal: true))
            #expect(Self.ids(body) == [all.hits[1].id])
            let total = (body["hits"] as? [String: Any])?["total"] as? [String: Any]
            #expect(total?["value"] as? Int == all.total && total?["relation"] as? String == "eq")
        }
    }

    @Test func sourceHighlightCountAndDocuments() async throws {
        let folder = TemporaryDirectory()
        let index = try SearchEndpointTests.makeIndex(folder)
        try await SearchEndpointTests.app(index).test(.router) { client in
            var (_, body) = try await Self.post(client, "/scour/_search",
                #"{"query":{"match":{"text":"exchange"}},"_source":["title"],"highlight":{"fields":{"text":{}},"pre_tags":["<b>"],"post_tags":["</b>"]}}"#)
            let hit = try #require(((body["hits"] as? [String: Any])?["hits"] as? [[String: Any]])?.first)
            #expect(hit["_source"] as? [String: String] == ["title": "Student union exchange fair"])
            #expect(((hit["highlight"] as? [String: Any])?["text"] as? [String])?.first?.contains("<b>exchange</b>") == true)
            // The whole source by default, text included.
            (_, body) = try await Self.post(client, "/scour/_search", #"{"query":{"match":{"text":"exchange"}}}"#)
            let source = (((body["hits"] as? [String: Any])?["hits"] as? [[String: Any]])?.first)?["_source"] as? [String: Any]
            #expect((source?["text"] as? String)?.contains("study abroad") == true)
            // match_all (also no query at all) lists every document in index
            // order, scored 1; ids looks documents up.
            (_, body) = try await Self.post(client, "/scour/_search", #"{"query":{"match_all":{}},"from":1,"size":2,"_source":false}"#)
            #expect((body["hits"] as? [String: Any])?["total"] as? [String: Any] as NSDictionary? == ["value": 4, "relation": "eq"] as NSDictionary)
            let all = try SearchIndex(path: index).allDocuments(offset: 0, options: SearchOptions(limit: 10))
            #expect(Self.ids(body) == all.hits.dropFirst().prefix(2).map(\.id))
            (_, body) = try await Self.post(client, "/scour/_search", "{}")
            #expect(Self.ids(body)?.count == 4)
            (_, body) = try await Self.post(client, "/scour/_search", #"{"query":{"ids":{"values":["news/library.html","nope","clubs/chess.html"]}}}"#)
            #expect(Self.ids(body) == ["news/library.html", "clubs/chess.html"])
            (_, body) = try await Self.post(client, "/scour/_count", "")
            #expect(body["count"] as? Int == 4)
            // term / terms on _id are ids.
            (_, body) = try await Self.post(client, "/scour/_search", #"{"query":{"term":{"_id":"clubs/chess.html"}}}"#)
            #expect(Self.ids(body) == ["clubs/chess.html"])
            (_, body) = try await Self.post(client, "/scour/_count", #"{"query":{"terms":{"_id":["clubs/chess.html","news/union.html","x"]}}}"#)
            #expect(body["count"] as? Int == 2)
            // _count counts exactly.
            (_, body) = try await Self.post(client, "/scour/_count", #"{"query":{"match":{"text":"union"}}}"#)
            #expect(body["count"] as? Int == 3)
            // _doc by id (ids are paths here).
            try await client.execute(uri: "/scour/_doc/news/library.html", method: .get) { response in
                #expect(response.status == .ok)
                let body = try SearchEndpointTests.json(response)
                #expect(body["found"] as? Bool == true)
                #expect((body["_source"] as? [String: Any])?["title"] as? String == "Library opening hours")
            }
            try await client.execute(uri: "/scour/_doc/missing", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try SearchEndpointTests.json(response)
                #expect(body["found"] as? Bool == false)
            }
        }
    }

    @Test func unsupportedRequestsAre400sNamingWhatAndNeverWrongAnswers() async throws {
        let folder = TemporaryDirectory()
        let index = try SearchEndpointTests.makeIndex(folder)
        try await SearchEndpointTests.app(index).test(.router) { client in
            for (body, reason) in [
                (#"{"query":{"range":{"date":{"gte":"2020-01-01"}}}}"#, "the query kind [range]"),
                (#"{"query":{"match":{"text":"union"}},"sort":[{"title":"asc"}]}"#, "sorting by [title] asc"),
                (#"{"query":{"match":{"author":"x"}}}"#, "the field [author]"),
                (#"{"query":{"match":{"text":"union"}},"aggs":{"a":{}}}"#, "[aggs] in a search request"),
                (#"{"query":{"bool":{"must":{"match_all":{}},"filter":{"term":{"site":"example.org"}}}}}"#, "the query kind [match_all]"),
            ] {
                let (status, response) = try await Self.post(client, "/scour/_search", body)
                #expect(status == .badRequest, "\(body)")
                let error = response["error"] as? [String: Any]
                #expect((error?["reason"] as? String)?.contains(reason) == true, "\(body): \(response)")
                #expect(error?["type"] as? String == "illegal_argument_exception")
                #expect(response["status"] as? Int == 400)
            }
            // Not JSON; a media type that is not JSON; a query that does not parse; an unknown index.
            var (status, response) = try await Self.post(client, "/scour/_search", "{nope")
            #expect(status == .badRequest && (response["error"] as? [String: Any])?["type"] as? String == "parsing_exception")
            (status, _) = try await Self.post(client, "/scour/_search", #"{"query":{"match":{"text":"x"}}}"#, headers: [.contentType: "application/xml"])
            #expect(status == .unsupportedMediaType)
            (status, response) = try await Self.post(client, "/scour/_search", #"{"query":{"query_string":{"query":"\"open"}}}"#)
            #expect(status == .badRequest && (response["error"] as? [String: Any])?["type"] as? String == "parsing_exception")
            (status, response) = try await Self.post(client, "/other/_search", #"{"query":{"match":{"text":"x"}}}"#)
            #expect(status == .notFound && (response["error"] as? [String: Any])?["type"] as? String == "index_not_found_exception")
            // The compatibility media type is JSON.
            (status, _) = try await Self.post(client, "/scour/_search", #"{"query":{"match":{"text":"union"}}}"#,
                                              headers: [.contentType: "application/vnd.elasticsearch+json; compatible-with=8"])
            #expect(status == .ok)
            // A body over 64 KB.
            (status, _) = try await Self.post(client, "/scour/_search", "{\"query\":{\"match\":{\"text\":\"" + String(repeating: "a ", count: 40_000) + "\"}}}")
            #expect(status == .contentTooLarge)
        }
    }
}
