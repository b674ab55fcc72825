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
    /// A site to filter on (``SearchOptions/sites``) has no host in it.
    case invalidSite(String)
    /// A ranking parameter is not a finite number in its allowed range
    /// (`name` as the CLI spells it: `k1`, `b`, `weight of title`).
    case invalidRankingParameter(name: String, value: Double, allowed: ClosedRange<Double>)
    /// The search ran past ``SearchOptions/timeLimit`` and was stopped.
    case timeLimitExceeded(seconds: Double)

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
        case .invalidSite(let site):
            return "\"\(site)\" is not a site: give a host name like example.com"
        case .invalidRankingParameter(let name, let value, let allowed):
            return "the ranking parameter \(name) must be a number from \(allowed.lowerBound.formatted) to \(allowed.upperBound.formatted), not \(value)"
        case .timeLimitExceeded(let seconds):
            return "the search took longer than \(seconds.formatted) s and was stopped: use fewer prefix or fuzzy words (word*, word~), or more specific ones"
        }
    }
}

extension Double {
    /// Without a trailing ".0" for whole numbers: "100", "0.5".
    fileprivate var formatted: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
