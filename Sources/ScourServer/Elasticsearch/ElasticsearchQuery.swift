import Scour

/// Elasticsearch's query DSL translated into Scour's query tree: `match`,
/// `multi_match`, `match_phrase`, `query_string`, `bool` and `term` /
/// `terms` on the site. Anything else is refused with a 400 naming it
/// (never answered wrongly).
///
/// Fields: `title`, `headings`, `text` (also `body`, `content`) and `url`
/// are Scour's fields; `*`, `_all` or no field searches them all, ranked
/// by BM25F as `scour search` ranks.
enum ElasticsearchQuery {
    static func translate(_ json: Any) throws(ElasticsearchError) -> QueryNode {
        guard let object = json as? [String: Any], object.count == 1, let (kind, body) = object.first else {
            throw .parsing("a query must be an object with exactly one key, its kind (match, bool, …)")
        }
        switch kind {
        case "match": return try match(body)
        case "match_phrase": return try matchPhrase(body)
        case "multi_match": return try multiMatch(body)
        case "query_string": return try queryString(body)
        case "bool": return try boolean(body)
        case "term", "terms": return try siteTerms(kind, body)
        default: throw .unsupported("the query kind [\(kind)]")
        }
    }

    /// Scour's field for an Elasticsearch field name; nil for all fields.
    static func field(_ name: String) throws(ElasticsearchError) -> QueryField? {
        switch name {
        case "*", "_all", "": return nil
        case "title": return .title
        case "headings", "heading": return .headings
        case "text", "body", "content", "html": return .body
        case "url": return .url
        default: throw .unsupported("the field [\(name)] (Scour's fields are title, headings, text and url)")
        }
    }

    /// `{"match": {"FIELD": "words"}}` or `{"match": {"FIELD": {"query": "words", "operator": "and", "fuzziness": 1, "boost": 2}}}`.
    private static func match(_ body: Any) throws(ElasticsearchError) -> QueryNode {
        let (name, value) = try singleField(body, kind: "match")
        let options = try queryOptions(value, kind: "match", allowed: ["query", "operator", "fuzziness", "boost"])
        return try words(options.query, field: field(name), operator: options.operator, fuzziness: options.fuzziness, boost: options.boost)
    }

    private static func matchPhrase(_ body: Any) throws(ElasticsearchError) -> QueryNode {
        let (name, value) = try singleField(body, kind: "match_phrase")
        let options = try queryOptions(value, kind: "match_phrase", allowed: ["query", "slop", "boost"])
        return .phrase(PhraseQuery(text: options.query, field: try field(name), slop: options.slop, boost: options.boost))
    }

    /// `{"multi_match": {"query": "words", "fields": ["title^2", "text"], "type": "best_fields"|"phrase", "operator": …}}`.
    private static func multiMatch(_ body: Any) throws(ElasticsearchError) -> QueryNode {
        guard let object = body as? [String: Any] else { throw .parsing("[multi_match] must be an object") }
        let options = try queryOptions(object.filter { $0.key != "fields" && $0.key != "type" }, kind: "multi_match",
                                       allowed: ["query", "operator", "fuzziness", "boost", "slop"])
        let type = object["type"] as? String ?? "best_fields"
        guard ["best_fields", "most_fields", "cross_fields", "phrase"].contains(type) else { throw .unsupported("[multi_match] of type [\(type)]") }
        let names = object["fields"] as? [String] ?? ["*"]
        var fields: [(QueryField?, Double)] = []
        for name in names {
            let parts = name.split(separator: "^", maxSplits: 1)
            let boost = parts.count > 1 ? Double(parts[1]) : 1
            guard let boost, boost.isFinite, boost > 0 else { throw .parsing("[multi_match] field [\(name)] has a bad boost") }
            fields.append((try field(String(parts.first ?? "")), boost))
        }
        // All fields (or the default set): Scour's own BM25F over every field.
        if fields.contains(where: { $0.0 == nil }) || Set(fields.compactMap(\.0)) == Set(QueryField.allCases) {
            return type == "phrase"
                ? .phrase(PhraseQuery(text: options.query, slop: options.slop, boost: options.boost))
                : try words(options.query, field: nil, operator: options.operator, fuzziness: options.fuzziness, boost: options.boost)
        }
        var clauses: [BooleanQuery.Clause] = []
        for (field, boost) in fields {
            let node = type == "phrase"
                ? QueryNode.phrase(PhraseQuery(text: options.query, field: field, slop: options.slop, boost: options.boost * boost))
                : try words(options.query, field: field, operator: options.operator, fuzziness: options.fuzziness, boost: options.boost * boost)
            clauses.append(.init(occur: .should, node: node))
        }
        return clauses.count == 1 ? clauses[0].node : .boolean(BooleanQuery(clauses: clauses))
    }

    /// `{"query_string": {"query": "Lucene syntax", "default_operator": "OR"|"AND"}}`: Scour's query language is Lucene's.
    private static func queryString(_ body: Any) throws(ElasticsearchError) -> QueryNode {
        guard let object = body as? [String: Any], let text = object["query"] as? String else {
            throw .parsing("[query_string] needs a [query] string")
        }
        for key in object.keys where !["query", "default_operator", "default_field", "fields", "boost"].contains(key) {
            throw .unsupported("[query_string] option [\(key)]")
        }
        if let field = object["default_field"] as? String, try Self.field(field) != nil {
            throw .unsupported("[query_string] with a default_field other than *")
        }
        return try parseQueryString(text, defaultOperator: object["default_operator"] as? String)
    }

    /// Lucene syntax (query_string, and the `q=` parameter) as Scour reads it.
    static func parseQueryString(_ text: String, defaultOperator: String?) throws(ElasticsearchError) -> QueryNode {
        let node: QueryNode
        do { node = try QueryLanguageParser.parse(text) } catch {
            if case .syntax(let message, let column) = error {
                throw .parsing("Failed to parse query [\(text)]: \(message) (column \(column))")
            }
            throw .parsing("Failed to parse query [\(text)]: \(error.description)")
        }
        switch defaultOperator?.uppercased() {
        case nil, "OR": return node
        case "AND":
            // Words written side by side are all required.
            guard case .boolean(var query) = node else { return node }
            for index in query.clauses.indices where query.clauses[index].occur == .should {
                query.clauses[index].occur = .must
            }
            return .boolean(query)
        default: throw .parsing("[default_operator] must be AND or OR")
        }
    }

    /// `{"bool": {"must": …, "filter": …, "should": …, "must_not": …}}`; each an object or an array.
    private static func boolean(_ body: Any) throws(ElasticsearchError) -> QueryNode {
        guard let object = body as? [String: Any] else { throw .parsing("[bool] must be an object") }
        var clauses: [BooleanQuery.Clause] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let occur: BooleanQuery.Occur
            switch key {
            case "must", "filter": occur = .must
            case "should": occur = .should
            case "must_not": occur = .mustNot
            case "boost": continue
            case "minimum_should_match":
                let hasRequired = object["must"] != nil || object["filter"] != nil
                guard !hasRequired, "\(value)" == "1" else { throw .unsupported("[bool] minimum_should_match other than 1 without must") }
                continue
            default: throw .unsupported("[bool] clause [\(key)]")
            }
            let items = value as? [Any] ?? [value]
            for item in items { clauses.append(.init(occur: occur, node: try translate(item))) }
        }
        guard !clauses.isEmpty else { throw .unsupported("an empty [bool] query (match_all)") }
        return clauses.count == 1 && clauses[0].occur != .mustNot ? clauses[0].node : .boolean(BooleanQuery(clauses: clauses))
    }

    /// `{"term": {"site": "example.edu"}}`, `{"terms": {"site": ["a.edu", "b.edu"]}}`: documents of a site (its subdomains too).
    private static func siteTerms(_ kind: String, _ body: Any) throws(ElasticsearchError) -> QueryNode {
        let (name, value) = try singleField(body, kind: kind)
        guard name == "site" || name == "host" else {
            throw .unsupported("[\(kind)] on the field [\(name)] (site is a keyword field; _id is served as the whole query)")
        }
        let hosts: [Any] = kind == "terms" ? (value as? [Any] ?? []) : [(value as? [String: Any])?["value"] ?? value]
        var clauses: [BooleanQuery.Clause] = []
        for case let host as String in hosts {
            guard let site = SiteQuery(host: host) else { throw .parsing("[\(kind)] site [\(host)] is not a host name") }
            clauses.append(.init(occur: .should, node: .site(site)))
        }
        guard !clauses.isEmpty else { throw .parsing("[\(kind)] needs at least one site") }
        return clauses.count == 1 ? clauses[0].node : .boolean(BooleanQuery(clauses: clauses))
    }

    // MARK: Pieces

    private static func singleField(_ body: Any, kind: String) throws(ElasticsearchError) -> (String, Any) {
        guard let object = body as? [String: Any], object.count == 1, let (name, value) = object.first else {
            throw .parsing("[\(kind)] must name exactly one field")
        }
        return (name, value)
    }

    private struct Options {
        var query: String
        var `operator` = "or"
        var fuzziness: Int?
        var boost = 1.0
        var slop = 0
    }

    private static func queryOptions(_ value: Any, kind: String, allowed: Set<String>) throws(ElasticsearchError) -> Options {
        if let text = value as? String { return Options(query: text) }
        if let number = value as? NSNumberConvertible { return Options(query: number.text) }
        guard let object = value as? [String: Any] else { throw .parsing("[\(kind)] needs a query string") }
        for key in object.keys where !allowed.contains(key) { throw .unsupported("[\(kind)] option [\(key)]") }
        guard let query = object["query"] as? String else { throw .parsing("[\(kind)] needs a [query] string") }
        var options = Options(query: query)
        if let op = object["operator"] as? String {
            guard ["and", "or"].contains(op.lowercased()) else { throw .parsing("[\(kind)] operator must be and or or") }
            options.operator = op.lowercased()
        }
        if let fuzziness = object["fuzziness"] {
            switch "\(fuzziness)".uppercased() {
            case "0": options.fuzziness = nil
            case "1": options.fuzziness = 1
            case "2", "AUTO": options.fuzziness = 2
            default: throw .unsupported("[\(kind)] fuzziness [\(fuzziness)]")
            }
        }
        if let boost = object["boost"] {
            guard let number = boost as? Double, number.isFinite, number > 0 else { throw .parsing("[\(kind)] boost must be a positive number") }
            options.boost = number
        }
        if let slop = object["slop"] {
            guard let number = slop as? Int, (0...100).contains(number) else { throw .parsing("[\(kind)] slop must be from 0 to 100") }
            options.slop = number
        }
        return options
    }

    /// The words of `text` (split at spaces; the analyzer splits further),
    /// any of them (or all, with operator and).
    private static func words(_ text: String, field: QueryField?, operator op: String, fuzziness: Int?,
                              boost: Double) throws(ElasticsearchError) -> QueryNode {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { throw .parsing("the query text is empty") }
        let terms = words.map {
            QueryNode.term(TermQuery(text: $0, field: field, kind: fuzziness.map { .fuzzy(maxEdits: $0) } ?? .exact, boost: boost))
        }
        if terms.count == 1 { return terms[0] }
        return .boolean(BooleanQuery(clauses: terms.map { .init(occur: op == "and" ? .must : .should, node: $0) }))
    }
}

/// A JSON number given where a query string is expected (`{"match": {"year": 2024}}`).
private protocol NSNumberConvertible { var text: String { get } }
extension Int: NSNumberConvertible { var text: String { String(self) } }
extension Double: NSNumberConvertible { var text: String { String(self) } }
