import Foundation
import Hummingbird
import Scour

/// Scour's own JSON API: `/search`, `/documents/{id}`, `/stats`, `/health`.
struct SearchEndpoints: Sendable {
    let service: IndexService
    let configuration: ServerConfiguration

    func register(on router: Router<BasicRequestContext>) {
        router.get("search") { request, _ in try await search(request) }
        // Ids are often paths ("news/union.html"): the rest of the path is the id.
        router.get("documents/**") { _, context in
            try await document(context.parameters.getCatchAll().joined(separator: "/"))
        }
        router.get("/") { request, _ in try await home(request) }
        router.get("stats") { _, _ in try await stats() }
        router.get("health") { _, _ in try await health() }
    }

    /// `GET /search?q=…&limit=&offset=&site=`: what `scour search --format
    /// json` prints, plus `offset` and `limit`.
    func search(_ request: Request) async throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        let page = try SearchRequest(parameters, configuration: configuration)
        let results = try await run(page.query, options: page.options, from: page.offset)
        var object = SearchResultsJSON(results, location: { _ in nil })
        object.qid = nil
        return try JSONBody.response(PagedResults(results: object, offset: page.offset, limit: page.limit, facets: results.facets))
    }

    /// `GET /documents/{id}`: the stored page (id, title, URL, date,
    /// aliases, text, headings); 404 when the index has no such id.
    func document(_ id: String) async throws -> Response {
        let document = try await service.run { index -> StoredDocument? in
            do { return try index.document(id: id) } catch let error as IndexError { throw APIError(.internalServerError, error.description) }
        }
        guard let document else { throw APIError(.notFound, "no document has the id \(id.debugDescription)") }
        return try JSONBody.response(DocumentJSON(document))
    }

    /// Runs `query` on the search pool and drops the first `from` hits (the
    /// pages before). A query of only stop words or only exclusions has no
    /// results, as an empty search box; any other query error is a 400.
    private func run(_ query: String, options: SearchOptions, from: Int) async throws -> SearchResults {
        try await service.run { index in
            do {
                var results = try index.search(query, options: options)
                results.hits = Array(results.hits.dropFirst(from))
                return results
            } catch let error as SearchError {
                switch error {
                case .noSearchableTerms, .onlyExclusions: return SearchResults(query: query, total: 0, hits: [])
                default: throw APIError.from(error)
                }
            }
        }
    }

    /// `GET /`: the search page for browsers (and for any request with a
    /// query string); for a client that neither asks for HTML nor searches
    /// (an Elasticsearch client), the cluster information Elasticsearch
    /// answers there.
    func home(_ request: Request) async throws -> Response {
        let accept = request.headers[.accept] ?? ""
        guard accept.contains("text/html") || request.uri.query != nil else {
            return JSONBody.response(Self.clusterInformation)
        }
        let parameters = QueryParameters(request.uri.query)
        var page = SearchPageHTML(query: parameters["q"] ?? "", sites: parameters.all("site"), offset: 0,
                                  after: parameters["after"], before: parameters["before"], sortByDate: parameters["sort"] == "date")
        guard !page.query.trimmingCharacters(in: .whitespaces).isEmpty || !page.sites.isEmpty else { return page.response() }
        page.offset = min(max(0, Int(parameters["offset"] ?? "") ?? 0), configuration.maximumWindow - SearchPageHTML.pageSize)
        guard page.query.utf8.count <= configuration.maximumQueryBytes else {
            page.error = "The query is too long: at most \(configuration.maximumQueryBytes) bytes."
            return page.response(status: .badRequest)
        }
        do { try SearchRequest.checkComplexity(page.query) } catch {
            page.error = error.sentence
            return page.response(status: .badRequest)
        }
        var options = SearchOptions(limit: page.offset + SearchPageHTML.pageSize, sites: page.sites)
        options.sortByDate = page.sortByDate
        options.facets = true
        options.timeLimit = configuration.timeLimit
        do {
            options.dates = try DateBounds.range(after: page.after, before: page.before)
            page.results = try await run(page.query, options: options, from: page.offset)
            return page.response()
        } catch let error as APIError {
            page.error = error.sentence
            return page.response(status: error.status)
        }
    }

    /// What Elasticsearch answers at `GET /`, as far as clients read it.
    static var clusterInformation: [String: Any] { [
        "name": "scour", "cluster_name": "scour", "cluster_uuid": "scour",
        "version": ["number": "8.11.0", "build_flavor": "default", "build_type": "scour", "lucene_version": "9.8.0",
                    "minimum_wire_compatibility_version": "7.17.0", "minimum_index_compatibility_version": "7.0.0"] as [String: Any],
        "tagline": "You Know, for Search",
    ] }

    /// `GET /stats`: what `scour stats --format json` says.
    func stats() async throws -> Response {
        try JSONBody.response(try await service.run { $0.statistics() })
    }

    /// `GET /health`: 200 `{"status":"ok","documents":N}` when the index
    /// answers, 503 (with why) when it cannot be opened.
    func health() async throws -> Response {
        let documents = try await service.run { $0.reader.liveDocumentCount }
        return JSONBody.response(["status": "ok", "documents": documents])
    }
}

/// The paging and options a `/search` request asks for, checked.
struct SearchRequest: Sendable {
    var query: String
    var offset: Int
    var limit: Int
    var options: SearchOptions

    init(_ parameters: QueryParameters, configuration: ServerConfiguration) throws(APIError) {
        guard let query = parameters["q"], !query.trimmingCharacters(in: .whitespaces).isEmpty || !parameters.all("site").isEmpty else {
            throw APIError(.badRequest, "the query is missing: add q=WORDS (for example /search?q=student+union)")
        }
        guard query.utf8.count <= configuration.maximumQueryBytes else {
            throw APIError(.badRequest, "the query is \(query.utf8.count) bytes long; at most \(configuration.maximumQueryBytes) are accepted")
        }
        self.query = query
        try Self.checkComplexity(query)
        limit = try Self.integer(parameters["limit"], name: "limit", default: 10, range: 0...configuration.maximumLimit)
        offset = try Self.integer(parameters["offset"], name: "offset", default: 0, range: 0...configuration.maximumWindow)
        guard offset + limit <= configuration.maximumWindow else {
            throw APIError(.badRequest, "offset + limit is \(offset + limit); results beyond \(configuration.maximumWindow) are not served: narrow the query")
        }
        if let format = parameters["format"], format != "json" {
            throw APIError(.badRequest, "format \(format.debugDescription) is not served: use format=json")
        }
        options = SearchOptions(limit: offset + limit, sites: parameters.all("site"))
        options.timeLimit = configuration.timeLimit
        options.dates = try DateBounds.range(after: parameters["after"], before: parameters["before"])
        switch parameters["sort"] {
        case nil, "relevance": break
        case "date": options.sortByDate = true
        case let other?: throw APIError(.badRequest, "sort must be relevance or date, not \(other.debugDescription)")
        }
        if let facets = parameters["facets"] {
            for name in facets.split(separator: ",") where !["site", "year"].contains(name) {
                throw APIError(.badRequest, "facets are site and year, not \(String(name).debugDescription)")
            }
            options.facets = !facets.isEmpty
        }
    }

    /// Refuses a query beyond ``QueryComplexity``'s limits (400). A query
    /// that does not parse passes: the search says where it is wrong.
    static func checkComplexity(_ query: String) throws(APIError) {
        guard let node = try? QueryLanguageParser.parse(query), let problem = QueryComplexity(node).problem else { return }
        throw APIError(.badRequest, problem)
    }

    private static func integer(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(.badRequest, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(text.debugDescription)")
        }
        return number
    }
}

/// `/search`'s answer: the results as the command line prints them, with
/// the page asked for.
struct PagedResults: Encodable {
    var results: SearchResultsJSON
    var offset: Int
    var limit: Int
    /// `{"site": [{"value", "count"}], "year": [...]}` when asked for.
    var facets: SearchFacets?

    func encode(to encoder: any Encoder) throws {
        try results.encode(to: encoder)
        enum Keys: String, CodingKey { case offset, limit, facets }
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(offset, forKey: .offset)
        try container.encode(limit, forKey: .limit)
        if let facets {
            let pairs = { (counts: [SearchFacets.Count]) in counts.map { FacetJSON(value: $0.value, count: $0.count) } }
            try container.encode(["site": pairs(facets.sites), "year": pairs(facets.years)], forKey: .facets)
        }
    }

    struct FacetJSON: Encodable {
        var value: String
        var count: Int
    }
}

/// `/documents/{id}`'s answer.
struct DocumentJSON: Encodable {
    var id: String
    var title: String
    var url: String?
    var date: String?
    var aliases: [String]
    var headings: [String]
    var text: String

    init(_ document: StoredDocument) {
        id = document.path
        title = document.title
        url = document.webURL
        date = document.date.isEmpty ? nil : document.date
        aliases = document.aliases
        headings = document.headings
        text = document.text
    }

    enum CodingKeys: String, CodingKey { case id, title, url, date, aliases, headings, text }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(url, forKey: .url)
        try container.encode(date, forKey: .date)
        try container.encode(aliases, forKey: .aliases)
        try container.encode(headings, forKey: .headings)
        try container.encode(text, forKey: .text)
    }
}

extension APIError {
    /// A search error as the answer to a request: the query's fault (400,
    /// with the column for a syntax error).
    static func from(_ error: SearchError) -> APIError {
        switch error {
        case .syntax(let message, let column): return APIError(.badRequest, message, column: column)
        case .timeLimitExceeded: return APIError(.serviceUnavailable, error.description)
        default: return APIError(.badRequest, error.description)
        }
    }
}
