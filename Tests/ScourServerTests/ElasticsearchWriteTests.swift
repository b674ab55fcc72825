import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Scour
@testable import ScourServer
import ScourTestSupport
import Testing

/// Writes through the Elasticsearch API: they land in the index's
/// `api-documents.jsonl` source and are indexed incrementally.
@Suite("Elasticsearch writes", .serialized)
struct ElasticsearchWriteTests {
    static let ndjson: HTTPFields = [.contentType: "application/x-ndjson"]

    static func app(_ index: String, readOnly: Bool = false, apiKey: String? = nil) -> some ApplicationProtocol {
        ScourServer.application(ServerConfiguration(indexPath: index, readOnly: readOnly, searchThreads: 2, apiKey: apiKey))
    }

    static func total(_ client: some TestClientProtocol, _ query: String) async throws -> Int? {
        try await client.execute(uri: "/search?q=\(query)", method: .get) { response in
            try SearchEndpointTests.json(response)["total"] as? Int
        }
    }

    @Test func bulkIndexUpdateDeleteAndRefresh() async throws {
        let folder = TemporaryDirectory()
        let index = folder.file("Index")
        try await Self.app(index).test(.router) { client in
            let bulk = """
                {"index":{"_index":"Index","_id":"rowing"}}
                {"title":"Rowing club","text":"The rowing club trains at dawn on the river.","date":"2026-03-01"}
                {"create":{"_id":"chess"}}
                {"title":"Chess club","html":"<html><body><main><p>The chess club meets on Tuesdays in the library.</p></main></body></html>","url":"https://clubs.example.edu/chess"}
                {"create":{"_id":"rowing"}}
                {"title":"Again","text":"a second rowing page"}
                {"delete":{"_id":"nothing"}}
                {"update":{"_id":"missing"}}
                {"doc":{"title":"x","text":"y"}}

                """
            try await client.execute(uri: "/Index/_bulk?refresh=wait_for", method: .post, headers: Self.ndjson, body: ByteBuffer(string: bulk)) { response in
                #expect(response.status == .ok)
                let body = try SearchEndpointTests.json(response)
                #expect(body["errors"] as? Bool == true)
                let statuses = (body["items"] as? [[String: [String: Any]]])?.compactMap { $0.values.first?["status"] as? Int }
                #expect(statuses == [201, 201, 409, 404, 404])
            }
            // Searchable now (refresh=wait_for), the HTML extracted like a page.
            let totalClub = try await Self.total(client, "club")
            #expect(totalClub == 2)
            try await client.execute(uri: "/scour/_doc/chess", method: .get) { response in
                let source = try SearchEndpointTests.json(response)["_source"] as? [String: Any]
                #expect(source?["text"] as? String == "The chess club meets on Tuesdays in the library.")
                #expect(source?["url"] as? String == "https://clubs.example.edu/chess")
            }
            // Update as a replacement, then delete; _refresh commits.
            let update = "{\"update\":{\"_id\":\"rowing\"}}\n{\"doc\":{\"title\":\"Sailing club\",\"text\":\"The sailing club races on Saturdays.\"}}\n"
            try await client.execute(uri: "/_bulk", method: .post, headers: Self.ndjson, body: ByteBuffer(string: update)) { response in
                let body = try SearchEndpointTests.json(response)
                #expect(body["errors"] as? Bool == false)
            }
            try await client.execute(uri: "/Index/_refresh", method: .post) { response in
                #expect(response.status == .ok)
            }
            let totalRowing = try await Self.total(client, "rowing")
            #expect(totalRowing == 0)
            let totalSailing = try await Self.total(client, "sailing")
            #expect(totalSailing == 1)
            try await client.execute(uri: "/Index/_doc/chess?refresh=true", method: .delete) { response in
                #expect(response.status == .ok)
                let body = try SearchEndpointTests.json(response)
                #expect(body["result"] as? String == "deleted")
            }
            let totalChess = try await Self.total(client, "chess")
            #expect(totalChess == 0)
            try await client.execute(uri: "/Index/_doc/chess", method: .delete) { response in
                #expect(response.status == .notFound)
            }
            // PUT _doc creates (201) then replaces (200); _create refuses an existing id.
            for expected in [HTTPResponse.Status.created, .ok] {
                try await client.execute(uri: "/Index/_doc/news/1?refresh=true", method: .put, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: #"{"title":"Term dates","text":"Term starts in October."}"#)) { response in
                    #expect(response.status == expected)
                }
            }
            try await client.execute(uri: "/Index/_create/news/1", method: .put, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"title":"x","text":"y"}"#)) { response in
                #expect(response.status == .conflict)
            }
            let totalOctober = try await Self.total(client, "october")
            #expect(totalOctober == 1)
        }
        // The documents are a JSON Lines source of the index: `scour index` reads them again.
        let file = try String(contentsOfFile: folder.file("Index/api-documents.jsonl"), encoding: .utf8)
        #expect(file.split(separator: "\n").count == 2)
        #expect(file.contains("\"id\":\"news/1\""))
    }

    @Test func readOnlyServersAndTheAPIKeyGuardWrites() async throws {
        let folder = TemporaryDirectory()
        let index = try SearchEndpointTests.makeIndex(folder)
        let document = ByteBuffer(string: #"{"title":"x","text":"y"}"#)
        try await Self.app(index, readOnly: true).test(.router) { client in
            try await client.execute(uri: "/scour/_doc/x", method: .put, headers: [.contentType: "application/json"], body: document) { response in
                #expect(response.status == .forbidden)
                let error = try SearchEndpointTests.json(response)["error"] as? [String: Any]
                #expect((error?["reason"] as? String)?.contains("read-only") == true)
            }
            // Searching still works.
            let totalUnion = try await Self.total(client, "union")
            #expect(totalUnion == 3)
        }
        try await Self.app(index, apiKey: "s3cret").test(.router) { client in
            for headers: HTTPFields in [[:], [.authorization: "ApiKey wrong"]] {
                try await client.execute(uri: "/scour/_doc/x", method: .put, headers: headers + [.contentType: "application/json"], body: document) { response in
                    #expect(response.status == .unauthorized)
                }
            }
            for headers: HTTPFields in [[.authorization: "ApiKey s3cret"], [.authorization: "Bearer s3cret"], [HTTPField.Name("X-API-Key")!: "s3cret"]] {
                try await client.execute(uri: "/scour/_doc/x", method: .put, headers: headers + [.contentType: "application/json"], body: document) { response in
                    #expect(response.status == .created || response.status == .ok)
                }
            }
            // Searches need no key.
            let totalUnion = try await Self.total(client, "union")
            #expect(totalUnion == 3)
        }
    }
    @Test func deletingEveryWrittenDocumentEmptiesTheSource() async throws {
        let folder = TemporaryDirectory()
        let index = try SearchEndpointTests.makeIndex(folder)
        let json: HTTPFields = [.contentType: "application/json"]
        try await Self.app(index).test(.router) { client in
            // Written and deleted before any commit: nothing to index.
            try await client.execute(uri: "/scour/_doc/gone", method: .put, headers: json, body: ByteBuffer(string: #"{"title":"Gone","text":"ephemeral words"}"#)) { _ in }
            try await client.execute(uri: "/scour/_doc/gone?refresh=true", method: .delete) { response in
                #expect(response.status == .ok)
            }
            // Written, committed, then every one deleted.
            try await client.execute(uri: "/scour/_doc/kept?refresh=true", method: .put, headers: json,
                                     body: ByteBuffer(string: #"{"title":"Kept","text":"zeppelin hangar"}"#)) { response in
                #expect(response.status == .created)
            }
            let found = try await Self.total(client, "zeppelin")
            #expect(found == 1)
            try await client.execute(uri: "/scour/_doc/kept?refresh=wait_for", method: .delete) { response in
                #expect(response.status == .ok)
            }
            let gone = try await Self.total(client, "zeppelin")
            #expect(gone == 0)
            // The crawled pages are untouched.
            let union = try await Self.total(client, "union")
            #expect(union == 3)
        }
    }
}

private func + (a: HTTPFields, b: HTTPFields) -> HTTPFields {
    var result = a
    result.append(contentsOf: b)
    return result
}
