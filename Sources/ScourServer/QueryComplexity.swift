import Scour

/// Limits on what one request may ask a server to do, so that a query
/// cannot tie up a search thread for long: words and phrases in all,
/// words that expand against the vocabulary (`word*`, `word~`; each is a
/// scan of the dictionary), and nesting.
struct QueryComplexity: Equatable {
    var clauses = 0
    var expansions = 0
    var depth = 0

    static let maximumClauses = 128
    static let maximumExpansions = 8
    static let maximumDepth = 16

    init(_ node: QueryNode) { measure(node, level: 1) }

    private mutating func measure(_ node: QueryNode, level: Int) {
        depth = max(depth, level)
        switch node {
        case .term(let term):
            clauses += 1
            if term.kind != .exact { expansions += 1 }
        case .phrase, .site:
            clauses += 1
        case .boolean(let query):
            for clause in query.clauses { measure(clause.node, level: level + 1) }
        }
    }

    /// Why the query is refused, nil when it is within the limits.
    var problem: String? {
        if clauses > Self.maximumClauses {
            return "the query has \(clauses) words and phrases; at most \(Self.maximumClauses) are served"
        }
        if expansions > Self.maximumExpansions {
            return "the query has \(expansions) prefix or fuzzy words (word*, word~); at most \(Self.maximumExpansions) are served"
        }
        if depth > Self.maximumDepth { return "the query nests \(depth) levels deep; at most \(Self.maximumDepth) are served" }
        return nil
    }
}
