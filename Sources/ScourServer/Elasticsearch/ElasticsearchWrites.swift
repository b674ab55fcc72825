import Foundation
import HTTPTypes
import Hummingbird
import Scour

/// Elasticsearch's write API over the ``DocumentFeed``: `_doc` (index,
/// create, delete), `_create`, `_bulk` (index, create, update as a
/// replacement, delete) and `_refresh`, with `?refresh=true|wait_for`.
/// Refused with 403 on a read-only server and 401 without the API key
/// when one is set.
struct ElasticsearchWrites: Sendable {
    let feed: DocumentFeed?
    let service: IndexService
    let configuration: ServerConfiguration
    let indexNames: Set<String>

    func register(on router: Router<BasicRequestContext>) {
        router.put(":index/_doc/**") { request, context in try await write(request, context, id: catchAll(context), mode: .index) }
        router.post(":index/_doc/**") { request, context in try await write(request, context, id: catchAll(context), mode: .index) }
        router.post(":index/_doc") { request, context in try await write(request, context, id: nil, mode: .index) }
        router.put(":index/_create/**") { request, context in try await write(request, context, id: catchAll(context), mode: .create) }
        router.post(":index/_create/**") { request, context in try await write(request, context, id: catchAll(context), mode: .create) }
        router.delete(":index/_doc/**") { request, context in try await remove(request, context, id: catchAll(context)) }
        for path in ["_bulk", ":index/_bulk"] {
            router.post(RouterPath(path)) { request, context in try await bulk(request, context) }
            router.put(RouterPath(path)) { request, context in try await bulk(request, context) }
        }
        for path in ["_refresh", ":index/_refresh"] {
            router.post(RouterPath(path)) { request, context in try await refresh(request, context) }
            router.get(RouterPath(path)) { request, context in try await refresh(request, context) }
        }
    }

    enum Mode { case index, create }

    private func catchAll(_ context: BasicRequestContext) -> String { context.parameters.getCatchAll().joined(separator: "/") }

    // MARK: Endpoints

    func write(_ request: Request, _ context: BasicRequestContext, id: String?, mode: Mode) async throws -> Response {
        let (feed, index) = try check(request, context)
        let body = try await ElasticsearchEndpoints.jsonBody(request, context: context, limit: configuration.maximumBodyBytes)
        let id = id ?? UUID().uuidString.lowercased()
        guard !id.isEmpty, id.utf8.count <= 512 else { throw ElasticsearchError.parsing("a document id must be 1 to 512 bytes") }
        if mode == .create, try await exists(id, feed: feed) {
            throw ElasticsearchError(.conflict, "version_conflict_engine_exception", "[\(id)]: version conflict, document already exists")
        }
        let replaced = try feed.put(id: id, document: try Self.document(body))
        try await finish(request, feed: feed)
        return JSONBody.response(Self.result(index: index, id: id, result: replaced ? "updated" : "created"),
                                 status: replaced ? .ok : .created)
    }

    func remove(_ request: Request, _ context: BasicRequestContext, id: String) async throws -> Response {
        let (feed, index) = try check(request, context)
        guard feed.delete(id: id) else {
            if try await service.run({ try $0.document(id: id) }) != nil {
                throw ElasticsearchError(.badRequest, "illegal_argument_exception",
                                         "[\(id)] was indexed from a crawled source, not written over HTTP: remove it with `scour remove`")
            }
            return JSONBody.response(Self.result(index: index, id: id, result: "not_found"), status: .notFound)
        }
        try await finish(request, feed: feed)
        return JSONBody.response(Self.result(index: index, id: id, result: "deleted"))
    }

    /// `_bulk`: newline-delimited action lines, each but delete followed by
    /// its document. Every item answers on its own; `errors` says whether
    /// any failed.
    func bulk(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (feed, defaultIndex) = try check(request, context, allowingNoIndex: true)
        let started = ContinuousClock.now
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: configuration.maximumBulkBytes) } catch {
            throw ElasticsearchError(.contentTooLarge, "content_too_long_exception",
                                     "the bulk request exceeds \(configuration.maximumBulkBytes) bytes: send it in smaller batches")
        }
        var lines = Data(buffer: buffer).split(separator: UInt8(ascii: "\n")).filter { !$0.allSatisfy { $0 == 13 || $0 == 32 } }[...]
        var items: [[String: Any]] = []
        var errors = false
        while let line = lines.popFirst() {
            guard let action = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], action.count == 1,
                  let (name, value) = action.first, let meta = value as? [String: Any] else {
                throw ElasticsearchError.parsing("a bulk action line must be an object naming one action")
            }
            let index = meta["_index"] as? String ?? defaultIndex
            let id = meta["_id"] as? String ?? (name == "index" ? UUID().uuidString.lowercased() : "")
            var item: [String: Any] = ["_index": index, "_id": id]
            do {
                guard indexNames.contains(index) else { throw ElasticsearchError.noIndex(index) }
                switch name {
                case "index", "create", "update":
                    guard let source = lines.popFirst(),
                          var document = try? JSONSerialization.jsonObject(with: Data(source)) as? [String: Any] else {
                        throw ElasticsearchError.parsing("the [\(name)] action for [\(id)] has no document line")
                    }
                    guard !id.isEmpty else { throw ElasticsearchError.parsing("the [\(name)] action needs an _id") }
                    if name == "update" {
                        // Update as a replacement: `doc` (or `upsert`) is the whole new document.
                        guard let replacement = document["doc"] as? [String: Any] ?? document["upsert"] as? [String: Any] else {
                            throw ElasticsearchError.unsupported("an update without [doc] (scripts)")
                        }
                        document = replacement
                    }
                    if name == "create", try await exists(id, feed: feed) {
                        throw ElasticsearchError(.conflict, "version_conflict_engine_exception", "[\(id)]: version conflict, document already exists")
                    }
                    if name == "update", !feed.contains(id) {
                        throw ElasticsearchError(.notFound, "document_missing_exception", "[\(id)]: document missing")
                    }
                    let replaced = try feed.put(id: id, document: try Self.document(document))
                    item.merge(Self.result(index: index, id: id, result: replaced ? "updated" : "created")) { $1 }
                    item["status"] = replaced ? 200 : 201
                case "delete":
                    let deleted = feed.delete(id: id)
                    item.merge(Self.result(index: index, id: id, result: deleted ? "deleted" : "not_found")) { $1 }
                    item["status"] = deleted ? 200 : 404
                default:
                    throw ElasticsearchError.unsupported("the bulk action [\(name)]")
                }
            } catch let error as ElasticsearchError {
                errors = true
                item["status"] = Int(error.status.code)
                item["error"] = ["type": error.type, "reason": error.reason]
            }
            items.append([name: item])
        }
        try await finish(request, feed: feed)
        return JSONBody.response(["took": Int((ContinuousClock.now - started).milliseconds),
                                  "errors": errors, "items": items])
    }

    func refresh(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (feed, _) = try check(request, context, allowingNoIndex: true)
        try await commit(feed)
        return JSONBody.response(["_shards": ElasticsearchEndpoints.shards])
    }

    // MARK: Pieces

    /// The feed and index name of a write; throws 403 on a read-only
    /// server, 401 without the API key, 404 for another index.
    private func check(_ request: Request, _ context: BasicRequestContext, allowingNoIndex: Bool = false) throws(ElasticsearchError) -> (DocumentFeed, String) {
        guard !configuration.readOnly, let feed else {
            throw ElasticsearchError(.forbidden, "cluster_block_exception", "this server is read-only (scour serve --read-only): writes are refused")
        }
        if let key = configuration.apiKey, !APIKey.matches(request.headers, key: key) {
            throw ElasticsearchError(.unauthorized, "security_exception",
                                     "writes need the API key: send Authorization: ApiKey KEY (or Bearer KEY, or X-API-Key: KEY)")
        }
        guard let name = context.parameters.get("index") else {
            guard allowingNoIndex else { throw .noIndex("") }
            return (feed, URL(fileURLWithPath: configuration.indexPath).standardizedFileURL.lastPathComponent)
        }
        guard indexNames.contains(name) else { throw .noIndex(name) }
        return (feed, name)
    }

    /// After a write: commit now for `refresh=true|wait_for`, else soon.
    private func finish(_ request: Request, feed: DocumentFeed) async throws {
        switch QueryParameters(request.uri.query)["refresh"] {
        case "true", "wait_for", "": try await commit(feed)
        case nil, "false": feed.scheduleCommit()
        case let other?: throw ElasticsearchError.parsing("[refresh] must be true, false or wait_for, not [\(other)]")
        }
    }

    private func commit(_ feed: DocumentFeed) async throws {
        do { try await feed.commit() } catch {
            throw ElasticsearchError(.serviceUnavailable, "unavailable_shards_exception", "the index could not be updated: \(error)")
        }
    }

    private func exists(_ id: String, feed: DocumentFeed) async throws -> Bool {
        if feed.contains(id) { return true }
        do { return try await service.run { try $0.document(id: id) } != nil } catch is APIError { return false }
    }

    /// A record from an Elasticsearch `_source`: title, text or html, url,
    /// date (other fields are not kept).
    static func document(_ source: [String: Any]) throws(ElasticsearchError) -> [String: Any] {
        var document: [String: Any] = [:]
        for key in ["title", "text", "html", "url", "date"] {
            guard let value = source[key] else { continue }
            guard let text = value as? String else { throw ElasticsearchError(.badRequest, "mapper_parsing_exception", "[\(key)] must be a string") }
            document[key] = text
        }
        guard document["text"] != nil || document["html"] != nil || document["title"] != nil else {
            throw ElasticsearchError(.badRequest, "mapper_parsing_exception", "a document needs [text] (or [html]) or [title]")
        }
        return document
    }

    static func result(index: String, id: String, result: String) -> [String: Any] {
        ["_index": index, "_id": id, "_version": 1, "result": result, "_shards": ["total": 1, "successful": 1, "failed": 0],
         "_seq_no": 0, "_primary_term": 1]
    }
}

/// The API key a write must carry, compared in constant time.
enum APIKey {
    static func matches(_ headers: HTTPFields, key: String) -> Bool {
        var offered: [String] = []
        if let authorization = headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, ["apikey", "bearer"].contains(parts[0].lowercased()) { offered.append(String(parts[1])) }
        }
        if let name = HTTPField.Name("X-API-Key"), let value = headers[name] { offered.append(value) }
        return offered.contains { equal(Array($0.utf8), Array(key.utf8)) }
    }

    private static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
