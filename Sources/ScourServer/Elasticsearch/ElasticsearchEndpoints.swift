import Foundation
import Hummingbird
import Scour

/// The part of Elasticsearch's REST API that search clients use (what
/// Quickwit and ZincSearch implement too): `_search`, `_count` and
/// `_doc/{id}` on the index, named by its folder's name (or `scour`,
/// `_all`, `*`). Requests for what Scour does not do are answered 400 with
/// an Elasticsearch-shaped error naming it.
struct ElasticsearchEndpoints: Sendable {
    let service: IndexService
    let configuration: ServerConfiguration

    /// The names that address this server's one index.
    var indexNames: Set<String> {
        let base = URL(fileURLWithPath: configuration.indexPath).standardizedFileURL.lastPathComponent
        return [base, "scour", "_all", "*"]
    }

    func register(on router: Router<BasicRequestContext>) {
        router.head("/") { _, _ in Response(status: .ok) }
        for path in ["_search", ":index/_search"] {
            router.get(RouterPath(path)) { request, context in try await search(request, context: context) }
            router.post(RouterPath(path)) { request, context in try await search(request, context: context) }
        }
        for path in ["_count", ":index/_count"] {
            router.get(RouterPath(path)) { request, context in try await count(request, context: context) }
            router.post(RouterPath(path)) { request, context in try await count(request, context: context) }
        }
        router.get(":index/_doc/**") { _, context in
            try await document(index: context.parameters.require("index"), id: context.parameters.getCatchAll().joined(separator: "/"))
        }
    }

    // MARK: Endpoints

    func search(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let name = try checkIndex(context)
        let started = ContinuousClock.now
        let parameters = QueryParameters(request.uri.query)
        let body = try await Self.jsonBody(request, context: context, limit: configuration.maximumBodyBytes)
        let search = try ElasticsearchSearch(body: body, parameters: parameters, configuration: configuration)
        let results: SearchResults
        var hits: [SearchHit]
        switch search.target {
        case .query(let query):
            if let problem = QueryComplexity(query).problem { throw ElasticsearchError(.badRequest, "query_shard_exception", problem) }
            results = try await run(query, description: search.description, options: search.options)
            hits = Array(results.hits.dropFirst(search.from))
        case .all:
            var page = search.options
            page.limit = search.size
            let options = page, offset = search.from
            results = try await lookUp { $0.allDocuments(offset: offset, options: options) }
            hits = results.hits
        case .ids(let ids):
            let options = search.options
            results = try await lookUp { try $0.documents(ids: ids, options: options) }
            hits = Array(results.hits.dropFirst(search.from))
        }
        let rendered = hits.map { search.hit($0, index: name) }
        var hitsObject: [String: Any] = ["max_score": results.hits.first.map { SearchResultsJSON.finite($0.score) } as Any? ?? NSNull(),
                                         "hits": rendered]
        if search.tracksTotal {
            hitsObject["total"] = ["value": results.total, "relation": results.totalIsLowerBound ? "gte" : "eq"] as [String: Any]
        }
        return JSONBody.response([
            "took": Int((ContinuousClock.now - started).milliseconds),
            "timed_out": false,
            "_shards": Self.shards,
            "hits": hitsObject,
        ])
    }

    func count(_ request: Request, context: BasicRequestContext) async throws -> Response {
        _ = try checkIndex(context)
        let parameters = QueryParameters(request.uri.query)
        let body = try await Self.jsonBody(request, context: context, limit: configuration.maximumBodyBytes)
        for key in body.keys where key != "query" { throw ElasticsearchError.unsupported("[\(key)] in a count request") }
        let target: ElasticsearchSearch.Target
        var counting = SearchOptions(limit: 0, snippets: false, suggestions: false, exactTotal: true)
        counting.timeLimit = configuration.timeLimit
        if var json = body["query"] {
            (json, counting.dates) = try ElasticsearchSearch.dateFilter(in: json)
            target = try ElasticsearchSearch.Target(json)
        } else if let q = parameters["q"] {
            target = .query(try ElasticsearchQuery.parseQueryString(q, defaultOperator: parameters["default_operator"]))
        } else {
            target = .all
        }
        if counting.dates != nil {
            guard case .query = target else { throw ElasticsearchError.unsupported("a date range without words to match") }
        }
        let total: Int
        switch target {
        case .query(let query):
            if let problem = QueryComplexity(query).problem { throw ElasticsearchError(.badRequest, "query_shard_exception", problem) }
            let options = counting
            total = try await run(query, description: "count", options: options).total
        case .all:
            let options = counting
            total = try await lookUp { $0.allDocuments(offset: 0, options: options) }.total
        case .ids(let ids): total = try await lookUp { try $0.documents(ids: ids, options: SearchOptions(limit: ids.count)) }.total
        }
        return JSONBody.response(["count": total, "_shards": Self.shards])
    }

    func document(index: String, id: String) async throws -> Response {
        guard indexNames.contains(index) else { throw ElasticsearchError.noIndex(index) }
        let document = try await service.run { index -> StoredDocument? in
            do { return try index.document(id: id) } catch let error as IndexError {
                throw ElasticsearchError(.internalServerError, "exception", error.description)
            }
        }
        guard let document else {
            return JSONBody.response(["_index": index, "_id": id, "found": false], status: .notFound)
        }
        return JSONBody.response(["_index": index, "_id": id, "_version": 1, "_seq_no": 0, "_primary_term": 1, "found": true,
                                  "_source": ElasticsearchSearch.source(title: document.title, url: document.webURL,
                                                                        date: document.date, text: document.text, fields: nil)])
    }

    // MARK: Pieces

    static var shards: [String: Any] { ["total": 1, "successful": 1, "skipped": 0, "failed": 0] }

    private func checkIndex(_ context: BasicRequestContext) throws(ElasticsearchError) -> String {
        guard let name = context.parameters.get("index") else { return indexNames.first { $0 != "scour" && $0 != "_all" && $0 != "*" } ?? "scour" }
        for part in name.split(separator: ",") where !indexNames.contains(String(part)) { throw .noIndex(String(part)) }
        return name
    }

    private func run(_ query: QueryNode, description: String, options: SearchOptions) async throws -> SearchResults {
        do {
            return try await service.run { index in
                do { return try index.search(query, description: description, options: options) } catch let error as SearchError {
                    switch error {
                    case .noSearchableTerms, .onlyExclusions: return SearchResults(query: description, total: 0, hits: [])
                    case .timeLimitExceeded: throw ElasticsearchError(.serviceUnavailable, "search_phase_execution_exception", error.description)
                    default: throw ElasticsearchError(.badRequest, "search_phase_execution_exception", error.description)
                    }
                }
            }
        } catch let error as APIError {
            throw ElasticsearchError(error.status, "unavailable_shards_exception", error.message)
        }
    }

    /// Runs `work` on the search pool; 503 while the index cannot be opened.
    private func lookUp(_ work: @escaping @Sendable (SearchIndex) throws -> SearchResults) async throws -> SearchResults {
        do {
            return try await service.run { index in
                do { return try work(index) } catch let error as IndexError {
                    throw ElasticsearchError(.internalServerError, "exception", error.description)
                }
            }
        } catch let error as APIError {
            throw ElasticsearchError(error.status, "unavailable_shards_exception", error.message)
        }
    }

    /// The request's JSON object: empty for no body; 400 for JSON that is
    /// not an object; 413 past `limit` bytes. The content type is read by
    /// its base type (`application/vnd.elasticsearch+json;
    /// compatible-with=8` is JSON).
    static func jsonBody(_ request: Request, context: BasicRequestContext, limit: Int) async throws -> [String: Any] {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limit) } catch {
            throw ElasticsearchError(.contentTooLarge, "content_too_long_exception", "the request body exceeds \(limit) bytes")
        }
        guard buffer.readableBytes > 0 else { return [:] }
        let type = (request.headers[.contentType] ?? "application/json").split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard type == "application/json" || type.hasSuffix("+json") || type == "text/plain" || type == "application/x-ndjson" else {
            throw ElasticsearchError(.unsupportedMediaType, "media_type_header_exception", "Content-Type [\(type)] is not supported: send application/json")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
            throw ElasticsearchError.parsing("the request body is not a JSON object")
        }
        return object
    }
}
