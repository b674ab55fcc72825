/// Why a query could not be run. Each description is one line for users.
public enum SearchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The query is empty or only white space.
    case emptyQuery
    /// The query has no letters or digits to search for.
    case noSearchableTerms(query: String)
    /// The query consists only of exclusions (`-word`).
    case onlyExclusions
    /// The query could not be parsed; `column` is 1-based, in characters.
    case syntax(message: String, column: Int)

    public var description: String {
        switch self {
        case .emptyQuery:
            return "the query is empty: give at least one word to search for"
        case .noSearchableTerms(let query):
            return "the query \"\(query)\" has no words to search for (only punctuation or symbols)"
        case .onlyExclusions:
            return "the query only excludes words (-word): add at least one word to search for"
        case .syntax(let message, let column):
            return "query syntax error at column \(column): \(message)"
        }
    }
}
