import Foundation
import Scour

/// A `_search` request read from its body and URL parameters: the query,
/// `from`/`size`, `_source`, `highlight`, `track_total_hits` and `sort`
/// (by score only).
struct ElasticsearchSearch {
    /// What is searched: a query, every document, or documents by id.
    enum Target {
        case query(QueryNode)
        case all
        case ids([String])

        /// The target of a whole query: `match_all` and `ids` stand alone
        /// (inside a `bool` they are refused); anything else is translated.
        init(_ json: Any) throws(ElasticsearchError) {
            if let object = json as? [String: Any], object.count == 1, let (kind, body) = object.first {
                if kind == "match_all" {
                    guard (body as? [String: Any])?.keys.allSatisfy({ $0 == "boost" }) == true else {
                        throw .parsing("[match_all] takes no options but boost")
                    }
                    self = .all
                    return
                }
                if kind == "ids" {
                    guard let values = (body as? [String: Any])?["values"] as? [String] else { throw .parsing("[ids] needs [values], a list of ids") }
                    self = .ids(values)
                    return
                }
                // term / terms on the id: the same as ids.
                if kind == "term" || kind == "terms", let object = body as? [String: Any], object.count == 1,
                   let (field, value) = object.first, field == "_id" || field == "id" {
                    let single = (value as? [String: Any])?["value"] ?? value
                    guard let values = kind == "terms" ? value as? [String] : (single as? String).map({ [$0] }) else {
                        throw .parsing("[\(kind)] on [\(field)] needs \(kind == "terms" ? "a list of ids" : "an id")")
                    }
                    self = .ids(values)
                    return
                }
            }
            self = .query(try ElasticsearchQuery.translate(json))
        }
    }

    var target: Target
    var description: String
    var from: Int
    var size: Int
    var options: SearchOptions
    var tracksTotal: Bool
    /// `_source` fields to return; nil: all of them; empty: no `_source`.
    var sourceFields: Set<String>?
    /// Fields whose highlight is asked for, with the tags around matches.
    var highlightFields: [String] = []
    var preTag = "<em>"
    var postTag = "</em>"

    static let knownKeys: Set<String> = ["query", "from", "size", "_source", "highlight", "track_total_hits", "sort", "timeout"]

    init(body: [String: Any], parameters: QueryParameters, configuration: ServerConfiguration) throws(ElasticsearchError) {
        /// A setting from the body, else from the URL.
        func setting(_ name: String) -> Any? { body[name] ?? parameters[name].map { $0 as Any } }
        for key in body.keys where !Self.knownKeys.contains(key) { throw .unsupported("[\(key)] in a search request") }
        var dates: ClosedRange<UInt32>?
        if var json = body["query"] {
            (json, dates) = try Self.dateFilter(in: json)
            target = try Target(json)
            description = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "query"
        } else if let q = parameters["q"] {
            target = .query(try ElasticsearchQuery.parseQueryString(q, defaultOperator: parameters["default_operator"]))
            description = q
        } else {
            target = .all   // no query: every document, as Elasticsearch answers
            description = "*"
        }
        from = try Self.integer(setting("from"), name: "from", default: 0)
        size = try Self.integer(setting("size"), name: "size", default: 10)
        guard size <= configuration.maximumLimit else { throw .parsing("[size] must be at most \(configuration.maximumLimit)") }
        guard from + size <= configuration.maximumWindow else {
            throw ElasticsearchError(.badRequest, "illegal_argument_exception",
                                     "Result window is too large, from + size must be less than or equal to: [\(configuration.maximumWindow)] but was [\(from + size)]")
        }
        // track_total_hits: true counts exactly; false leaves the total out;
        // the default (or a number) may give a lower bound ("gte").
        var exact = false
        tracksTotal = true
        switch setting("track_total_hits") {
        case nil: break
        case let flag as Bool: exact = flag; tracksTotal = flag
        case "true" as String: exact = true
        case "false" as String: tracksTotal = false
        case is Int, is String: break
        default: throw .parsing("[track_total_hits] must be true, false or a number")
        }
        let sortByDate = try setting("sort").map { sort throws(ElasticsearchError) in try Self.sortsByDate(sort) } ?? false
        switch setting("_source") {
        case nil: sourceFields = nil
        case let flag as Bool: sourceFields = flag ? nil : []
        case "true" as String: sourceFields = nil
        case "false" as String: sourceFields = []
        case let field as String: sourceFields = Set(field.split(separator: ",").map(String.init))
        case let fields as [String]: sourceFields = Set(fields)
        case let object as [String: Any]:
            guard object.keys.allSatisfy({ $0 == "includes" }), let fields = object["includes"] as? [String] else {
                throw .unsupported("[_source] excludes")
            }
            sourceFields = Set(fields)
        default: throw .parsing("[_source] must be true, false or a list of fields")
        }
        if let highlight = body["highlight"] {
            guard let object = highlight as? [String: Any], let fields = object["fields"] else { throw .parsing("[highlight] needs [fields]") }
            if let list = fields as? [String: Any] { highlightFields = list.keys.sorted() }
            else if let list = fields as? [[String: Any]] { highlightFields = list.flatMap(\.keys) }
            else { throw .parsing("[highlight] [fields] must be an object") }
            if let tags = object["pre_tags"] as? [String], let first = tags.first { preTag = first }
            if let tags = object["post_tags"] as? [String], let first = tags.first { postTag = first }
        }
        var options = SearchOptions(limit: from + size, snippets: !highlightFields.isEmpty, suggestions: false, exactTotal: exact)
        options.storedText = sourceFields.map { $0.contains("text") || $0.contains("*") } ?? true
        options.dates = dates
        options.sortByDate = sortByDate
        options.timeLimit = configuration.timeLimit
        if dates != nil || sortByDate {
            guard case .query = target else { throw .unsupported("a date range or date order without words to match") }
        }
        self.options = options
    }

    /// One hit as Elasticsearch returns it.
    func hit(_ hit: SearchHit, index: String) -> [String: Any] {
        var object: [String: Any] = ["_index": index, "_id": hit.id, "_score": SearchResultsJSON.finite(hit.score)]
        if sourceFields?.isEmpty != true {
            object["_source"] = Self.source(title: hit.title, url: hit.url, date: hit.date ?? "", text: hit.text, fields: sourceFields)
        }
        if !highlightFields.isEmpty, !hit.snippet.text.isEmpty {
            let fragment = hit.snippet.marked(open: preTag, close: postTag)
            var highlight: [String: Any] = [:]
            for field in highlightFields where ["text", "body", "content", "*"].contains(field) { highlight[field == "*" ? "text" : field] = [fragment] }
            if !highlight.isEmpty { object["highlight"] = highlight }
        }
        return object
    }

    /// A document's `_source`: title, url, date and text, or those of `fields`.
    static func source(title: String, url: String?, date: String, text: String?, fields: Set<String>?) -> [String: Any] {
        var source: [String: Any] = ["title": title]
        if let url { source["url"] = url }
        if !date.isEmpty { source["date"] = date }
        if let text { source["text"] = text }
        guard let fields else { return source }
        return source.filter { fields.contains($0.key) || fields.contains("*") }
    }

    private static func integer(_ value: Any?, name: String, default fallback: Int) throws(ElasticsearchError) -> Int {
        switch value {
        case nil: return fallback
        case let number as Int where number >= 0: return number
        case let text as String: if let number = Int(text), number >= 0 { return number }
        default: break
        }
        throw .parsing("[\(name)] must be a whole number of at least 0")
    }

    /// Relevance (`_score`, descending) or newest first (`date`,
    /// descending, then `_score`): whether the order is by date.
    private static func sortsByDate(_ sort: Any) throws(ElasticsearchError) -> Bool {
        var byDate = false
        for (index, item) in (sort as? [Any] ?? [sort]).enumerated() {
            var name = "", order = "desc"
            if let text = item as? String {
                let parts = text.split(separator: ":")
                name = String(parts.first ?? "")
                if parts.count > 1 { order = String(parts[1]) }
            } else if let object = item as? [String: Any], object.count == 1, let (key, value) = object.first {
                name = key
                order = (value as? [String: Any])?["order"] as? String ?? value as? String ?? "desc"
            }
            switch (name, order, index) {
            case ("_score", "desc", _): continue
            case ("date", "desc", 0): byDate = true
            default: throw .unsupported("sorting by [\(name)] \(order) (served: date descending first, _score descending)")
            }
        }
        return byDate
    }

    /// A `range` on `date` in a query's top-level `bool` (`filter` or
    /// `must`) becomes a date range (``SearchOptions/dates``); the query
    /// without it is returned. `gte`/`gt`/`lte`/`lt` take 2024, 2024-06 or
    /// 2024-06-30 (no `format`, no date math).
    static func dateFilter(in json: Any) throws(ElasticsearchError) -> (Any, ClosedRange<UInt32>?) {
        guard var object = json as? [String: Any], object.count == 1, var bool = object["bool"] as? [String: Any] else { return (json, nil) }
        var range: ClosedRange<UInt32>?
        for key in ["filter", "must"] {
            guard let value = bool[key] else { continue }
            var kept: [Any] = []
            for clause in value as? [Any] ?? [value] {
                if let body = (clause as? [String: Any])?["range"] as? [String: Any] {
                    guard body.count == 1, let bounds = body["date"] as? [String: Any] else { throw .unsupported("[range] on anything but date") }
                    range = intersection(range, try dateRange(bounds))
                } else {
                    kept.append(clause)
                }
            }
            bool[key] = kept.isEmpty ? nil : kept
        }
        object["bool"] = bool
        return (object, range)
    }

    private static func dateRange(_ bounds: [String: Any]) throws(ElasticsearchError) -> ClosedRange<UInt32> {
        var low: UInt32 = 1, high: UInt32 = 99_991_231
        for (key, value) in bounds {
            guard let text = value as? String ?? (value as? Int).map(String.init) else { throw .parsing("[range] bounds must be dates") }
            let number = PublicationDate.number(text)
            guard number > 0 else { throw .unsupported("the date [\(text)] (dates are 2024, 2024-06 or 2024-06-30)") }
            // The end of the period named, for bounds that include it.
            let end = PublicationDate.endOfPeriod(number)
            switch key {
            case "gte": low = max(low, number)
            case "gt": low = max(low, end + 1)
            case "lte": high = min(high, end)
            case "lt": high = min(high, number - 1)
            default: throw .unsupported("[range] option [\(key)]")
            }
        }
        return intersection(nil, low <= high ? low...high : nothing)
    }

    /// No date is this (a range that keeps nothing).
    private static let nothing = UInt32.max...UInt32.max

    private static func intersection(_ a: ClosedRange<UInt32>?, _ b: ClosedRange<UInt32>) -> ClosedRange<UInt32> {
        guard let a else { return b }
        let low = max(a.lowerBound, b.lowerBound), high = min(a.upperBound, b.upperBound)
        return low <= high ? low...high : nothing
    }
}
