import Foundation
import Hummingbird
import HummingbirdTesting
import Scour
@testable import ScourServer
import ScourTestSupport
import Testing

/// The search page at `/`, for browsers.
@Suite("Search page")
struct SearchPageTests {
    static let html: HTTPFields = [.accept: "text/html,application/xhtml+xml"]

    @Test func resultsAreListedEscapedAndMarked() async throws {
        let folder = TemporaryDirectory()
        let index = try SearchEndpointTests.makeIndex(folder)
        try await SearchEndpointTests.app(index).test(.router) { client in
            try await client.execute(uri: "/", method: .get, headers: Self.html) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = String(buffer: response.body)
                #expect(page.contains("<input type=\"search\" name=\"q\" value=\"\""))
                #expect(!page.contains("<ol"))
            }
            try await client.execute(uri: "/?q=script+union", method: .get, headers: Self.html) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("value=\"script union\""))
                // The page about <script> shows the tag as text.
                #expect(page.contains("Escaping &lt;script&gt; in pages"))
                #expect(!page.contains("<script"))
                #expect(page.contains("<mark>union</mark>"))
                #expect(page.contains("1–3 of 3 results"))
            }
            try await client.execute(uri: "/?q=%E5%AD%A6%E7%94%9F%E4%BC%9A", method: .get, headers: Self.html) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<title>学生会 — Scour</title>"))
                #expect(page.contains("<mark>学生会</mark>"))
            }
        }
    }

    @Test func pagesLinkToEachOtherAndABadQuerySaysWhy() async throws {
        let folder = TemporaryDirectory()
        for number in 0..<25 {
            folder.write("site/p\(number).html", "<html><head><title>Rowing news \(number)</title></head><body><main><p>The rowing club trains on the river, report \(number).</p></main></body></html>")
        }
        let index = folder.file("Index")
        _ = try Indexer(indexPath: index).index(paths: [folder.file("site")])
        try await SearchEndpointTests.app(index).test(.router) { client in
            try await client.execute(uri: "/?q=rowing", method: .get, headers: Self.html) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("1–10 of 25 results"))
                #expect(page.contains("<a rel=\"next\" href=\"/?q=rowing&amp;offset=10\">"))
                #expect(!page.contains("rel=\"prev\""))
            }
            try await client.execute(uri: "/?q=rowing&offset=20", method: .get, headers: Self.html) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("21–25 of 25 results"))
                #expect(page.contains("<ol start=\"21\">"))
                #expect(page.contains("<a rel=\"prev\" href=\"/?q=rowing&amp;offset=10\">"))
                #expect(!page.contains("rel=\"next\""))
            }
            try await client.execute(uri: "/?q=%22rowing", method: .get, headers: Self.html) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("<p class=\"error\">The quote opened here is never closed"))
            }
            try await client.execute(uri: "/?q=rowign", method: .get, headers: Self.html) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("Did you mean <a href=\"/?q=rowing\">rowing</a>?"), "\(page)")
            }
        }
    }

    @Test func onlyWebAddressesBecomeLinks() {
        #expect(SearchPageHTML.webAddress("https://example.edu/a") == "https://example.edu/a")
        #expect(SearchPageHTML.webAddress("HTTP://example.edu/") != nil)
        #expect(SearchPageHTML.webAddress("javascript:alert(1)") == nil)
        #expect(SearchPageHTML.webAddress("data:text/html,<b>") == nil)
    }

    @Test func aSearchFromAnyClientGetsThePageAndTheQueryIsDecodedAsAFormsIs() async throws {
        let folder = TemporaryDirectory()
        let index = try SearchEndpointTests.makeIndex(folder)
        try await SearchEndpointTests.app(index).test(.router) { client in
            try await client.execute(uri: "/?q=exchange+fair", method: .get, headers: [.accept: "*/*"]) { response in
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: response.body).contains("value=\"exchange fair\""))
            }
        }
        let parameters = QueryParameters("q=a%2Bb+c&site=x&site=y&bad=%zz%4&utf=%E5%AD%A6&broken=%FF&empty")
        #expect(parameters["q"] == "a+b c")
        #expect(parameters.all("site") == ["x", "y"])
        #expect(parameters["bad"] == "%zz%4")      // a malformed escape is kept as it is
        #expect(parameters["utf"] == "学")
        #expect(parameters["broken"] == "\u{FFFD}")  // not UTF-8
        #expect(parameters["empty"] == "" && parameters["missing"] == nil)
    }

    @Test func anElasticsearchClientGetsClusterInformation() async throws {
        let folder = TemporaryDirectory()
        let index = try SearchEndpointTests.makeIndex(folder)
        try await SearchEndpointTests.app(index).test(.router) { client in
            try await client.execute(uri: "/", method: .get, headers: [.accept: "application/json"]) { response in
                let body = try SearchEndpointTests.json(response)
                #expect((body["version"] as? [String: Any])?["number"] as? String == "8.11.0")
                #expect(body["tagline"] as? String == "You Know, for Search")
            }
        }
    }
}
