import ScourIndex

/// Parses the Lucene-style query language into a `QueryNode`.
///
/// ```
/// query    = or-expr ;
/// or-expr  = and-expr { [ "OR" | "||" ] and-expr } ;      (* juxtaposition = OR *)
/// and-expr = unary { ( "AND" | "&&" ) unary } ;
/// unary    = [ "NOT" | "!" | "+" | "-" ] primary ;
/// primary  = [ field ":" ] atom | "site:" host ;
/// atom     = word [ "*" ] modifiers | '"' text '"' modifiers | "(" or-expr ")" modifiers ;
/// modifiers = { "~" [ digits ] | "^" number } ;
/// field    = "title" | "headings" | "heading" | "body" | "url" ;  (* any case *)
/// ```
///
/// NOT binds tightest, then AND, then OR. Operands of AND become `must`,
/// operands of OR `should`, unless they carry their own `+`, `-` or NOT.
public enum QueryLanguageParser {
    /// Parses a query; throws SearchError.syntax with a clear message and
    /// the 1-based column, or .emptyQuery. A query of lone punctuation
    /// (`-`, `+ +`) throws .noSearchableTerms, because it is not empty but
    /// has nothing to look for.
    public static func parse(_ text: String) throws(SearchError) -> QueryNode {
        guard text.contains(where: { !$0.isWhitespace }) else { throw .emptyQuery }
        let tokens = try QueryLexer.tokenize(text)
        guard !tokens.isEmpty else { throw .noSearchableTerms(query: text) }
        var parser = RecursiveDescent(tokens: tokens)
        return try parser.parseQuery()
    }

    /// The deepest parenthesis nesting accepted, so a hostile query cannot
    /// exhaust the stack.
    static let maximumNesting = 100

    /// The largest boost accepted (also for products of nested group
    /// boosts): far beyond any useful weighting, and small enough that a
    /// score can never overflow to infinity.
    public static let maximumBoost: Double = 1_000_000
}

/// One operand while parsing: `occur` is nil when the user wrote no `+`,
/// `-` or NOT, so the operator around it (AND/OR) decides.
private struct Operand {
    var occur: BooleanQuery.Occur?
    var node: QueryNode
}

private struct RecursiveDescent {
    let tokens: [QueryToken]
    var position = 0
    var nesting = 0

    init(tokens: [QueryToken]) {
        self.tokens = tokens
    }

    mutating func parseQuery() throws(SearchError) -> QueryNode {
        let node = try parseOr(field: nil)
        if let extra = peek() {
            // parseOr stops only at the end or at ")".
            throw .syntax(message: "this ) has no matching (", column: extra.column)
        }
        return node
    }

    // MARK: - Grammar

    private mutating func parseOr(field: QueryField?) throws(SearchError) -> QueryNode {
        var operands = [try parseAnd(field: field, after: nil)]
        while let token = peek(), token.kind != .rightParenthesis {
            if token.kind == .or {
                position += 1
                operands.append(try parseAnd(field: field, after: token))
            } else {
                operands.append(try parseAnd(field: field, after: nil))
            }
        }
        return Self.combine(operands, defaultOccur: .should)
    }

    private mutating func parseAnd(field: QueryField?, after op: QueryToken?) throws(SearchError) -> Operand {
        var operands = [try parseUnary(field: field, after: op)]
        while let token = peek(), token.kind == .and {
            position += 1
            operands.append(try parseUnary(field: field, after: token))
        }
        guard operands.count > 1 else { return operands[0] }
        return Operand(occur: nil, node: Self.combine(operands, defaultOccur: .must))
    }

    /// `op` is the operator just before, if any: it is the one to blame
    /// when no operand follows.
    private mutating func parseUnary(field: QueryField?, after op: QueryToken?) throws(SearchError) -> Operand {
        guard let token = peek() else { throw Self.missingOperand(after: op, found: nil) }
        let occur: BooleanQuery.Occur
        switch token.kind {
        case .not, .minus: occur = .mustNot
        case .plus: occur = .must
        case .and where op == nil, .or where op == nil:
            throw .syntax(
                message: "\(token.spelling) needs a word, \"phrase\" or (group) before it",
                column: token.column)
        case .rightParenthesis where op == nil:
            throw .syntax(message: "this ) has no matching (", column: token.column)
        default:
            return Operand(occur: nil, node: try parsePrimary(field: field, after: op))
        }
        position += 1
        return Operand(occur: occur, node: try parsePrimary(field: field, after: token))
    }

    private mutating func parsePrimary(field: QueryField?, after op: QueryToken?) throws(SearchError) -> QueryNode {
        guard let token = peek() else { throw Self.missingOperand(after: op, found: nil) }
        switch token.kind {
        case .field(let named):
            position += 1
            guard let next = peek(), next.isAtomStart else {
                throw .syntax(
                    message: "\(token.spelling) must be followed directly by a word, \"phrase\" or (group)",
                    column: token.column)
            }
            return try parseAtom(field: named)
        case .word, .phrase, .leftParenthesis:
            return try parseAtom(field: field)
        case .site(let text):
            position += 1
            return .site(try Self.site(text, column: token.column))
        case .tilde, .caret:
            throw .syntax(
                message: "\(token.spelling.prefix(1)) must directly follow a word, \"phrase\" or (group)",
                column: token.column)
        case .and, .or, .not, .plus, .minus, .rightParenthesis:
            throw Self.missingOperand(after: op, found: token)
        }
    }

    private mutating func parseAtom(field: QueryField?) throws(SearchError) -> QueryNode {
        let token = tokens[position]
        position += 1
        switch token.kind {
        case .word(let text, let isPrefix):
            var term = TermQuery(text: text, field: field, kind: isPrefix ? .prefix : .exact, column: token.column)
            let modifiers = try parseModifiers()
            if let tilde = modifiers.tilde {
                guard !isPrefix else {
                    throw .syntax(
                        message: "a word can be a prefix (word*) or fuzzy (word~), not both",
                        column: tilde.column)
                }
                term.kind = try QueryModifiers.fuzziness(tilde, text: text)
            }
            if let caret = modifiers.caret { term.boost = try QueryModifiers.boost(caret) }
            return .term(term)
        case .phrase(let text):
            var phrase = PhraseQuery(text: text, field: field, column: token.column)
            let modifiers = try parseModifiers()
            if let tilde = modifiers.tilde { phrase.slop = try QueryModifiers.slop(tilde) }
            if let caret = modifiers.caret { phrase.boost = try QueryModifiers.boost(caret) }
            return .phrase(phrase)
        default:
            return try parseGroup(opening: token, field: field)
        }
    }

    /// After "(": the group's contents, ")" and an optional boost.
    private mutating func parseGroup(opening: QueryToken, field: QueryField?) throws(SearchError) -> QueryNode {
        let unclosed = SearchError.syntax(
            message: "the parenthesis opened here is never closed; add a closing )", column: opening.column)
        switch peek()?.kind {
        case nil:
            throw unclosed
        case .rightParenthesis?:
            throw .syntax(message: "the parentheses are empty; put at least one word inside ( )", column: opening.column)
        default:
            break
        }
        guard nesting < QueryLanguageParser.maximumNesting else {
            throw .syntax(
                message: "parentheses are nested too deeply (at most \(QueryLanguageParser.maximumNesting) levels)",
                column: opening.column)
        }
        nesting += 1
        let inner = try parseOr(field: field)
        nesting -= 1
        guard peek()?.kind == .rightParenthesis else { throw unclosed }
        position += 1
        let modifiers = try parseModifiers()
        if let tilde = modifiers.tilde {
            throw .syntax(
                message: "~ applies to a word or a \"phrase\", not to a (group)",
                column: tilde.column)
        }
        guard let caret = modifiers.caret else { return inner }
        let factor = try QueryModifiers.boost(caret)
        // Nested group boosts multiply: keep the product within the limit too.
        guard inner.largestBoost * factor <= QueryLanguageParser.maximumBoost else {
            throw .syntax(
                message: "boosts multiply to more than the maximum \(QueryModifiers.maximumText); use smaller boosts",
                column: caret.column)
        }
        return inner.boosted(by: factor)
    }

    /// The `~` and `^` tokens right after an atom, at most one of each.
    private mutating func parseModifiers() throws(SearchError) -> (tilde: QueryToken?, caret: QueryToken?) {
        var tilde: QueryToken?
        var caret: QueryToken?
        while let token = peek() {
            switch token.kind {
            case .tilde:
                guard tilde == nil else {
                    throw .syntax(message: "only one ~ is allowed here", column: token.column)
                }
                tilde = token
            case .caret:
                guard caret == nil else {
                    throw .syntax(message: "only one boost ^ is allowed here", column: token.column)
                }
                caret = token
            default:
                return (tilde, caret)
            }
            position += 1
        }
        return (tilde, caret)
    }

    // MARK: - Helpers

    /// The filter of `site:text`; a host with characters no host has is an
    /// error, so `site:a^2` is not silently a site that matches nothing.
    static func site(_ text: String, column: Int) throws(SearchError) -> SiteQuery {
        guard let domain = SiteTerms.normalizedSite(text),
              domain.allSatisfy({ $0.isLetter || $0.isNumber || "-._[]:".contains($0) })
        else {
            throw .syntax(message: "site: needs a host name like example.com, not \"\(text)\"", column: column)
        }
        return SiteQuery(text: text, domain: domain, column: column)
    }

    private func peek() -> QueryToken? {
        position < tokens.count ? tokens[position] : nil
    }

    /// An operator with no operand after it, blamed on the operator.
    private static func missingOperand(after op: QueryToken?, found: QueryToken?) -> SearchError {
        let expectation = "a word, \"phrase\" or (group)"
        switch (op, found) {
        case (let op?, nil):
            return .syntax(message: "\(op.spelling) has nothing after it; add \(expectation)", column: op.column)
        case (let op?, let found?):
            return .syntax(
                message: "\(op.spelling) must be followed by \(expectation), not \(found.spelling)",
                column: op.column)
        case (nil, let found):
            // Not reached by the grammar: kept total rather than trapping.
            return .syntax(
                message: "expected \(expectation) here",
                column: found?.column ?? 1)
        }
    }

    /// Joins operands into one node, giving those without their own
    /// occur `defaultOccur`. Nested booleans whose clauses mean the same
    /// in the parent are flattened; a single non-excluding clause is
    /// returned as it is.
    private static func combine(_ operands: [Operand], defaultOccur: BooleanQuery.Occur) -> QueryNode {
        var clauses: [BooleanQuery.Clause] = []
        for operand in operands {
            clauses += flattened(occur: operand.occur ?? defaultOccur, node: operand.node)
        }
        if clauses.count == 1, clauses[0].occur != .mustNot {
            return clauses[0].node
        }
        return .boolean(BooleanQuery(clauses: clauses))
    }

    /// `should (a OR b)` is `should a, should b`; `must (a AND -b)` is
    /// `must a, mustNot b`. Anything else keeps its own boolean.
    private static func flattened(occur: BooleanQuery.Occur, node: QueryNode) -> [BooleanQuery.Clause] {
        if case .boolean(let inner) = node, !inner.clauses.isEmpty {
            switch occur {
            case .should where inner.clauses.allSatisfy({ $0.occur == .should }):
                return inner.clauses
            case .must where inner.clauses.allSatisfy({ $0.occur != .should }):
                return inner.clauses
            default:
                break
            }
        }
        return [BooleanQuery.Clause(occur: occur, node: node)]
    }
}

extension QueryToken {
    /// Whether a word, phrase or group starts here (what a field needs).
    fileprivate var isAtomStart: Bool {
        switch kind {
        case .word, .phrase, .leftParenthesis: return true
        default: return false
        }
    }
}

/// Reads the arguments of `~` and `^`.
private enum QueryModifiers {
    /// `word~`, `word~0…2`. Without a number the edits follow the word's
    /// length, so short words are not swamped by near matches.
    static func fuzziness(_ tilde: QueryToken, text: String) throws(SearchError) -> TermQuery.Kind {
        guard case .tilde(let argument) = tilde.kind else { return .exact }
        let edits: Int
        if argument.isEmpty {
            switch text.count {
            case ...2: edits = 0
            case 3...5: edits = 1
            default: edits = 2
            }
        } else {
            guard argument.allSatisfy(\.isASCIIDigit), let explicit = Int(argument) else {
                throw .syntax(
                    message: "~ must be followed by 0, 1 or 2 (the edits allowed), not \"\(argument)\"",
                    column: tilde.column)
            }
            guard explicit <= 2 else {
                throw .syntax(
                    message: "fuzzy matching allows at most 2 edits; \(argument) is too many (the maximum is 2)",
                    column: tilde.column)
            }
            edits = explicit
        }
        return edits == 0 ? .exact : .fuzzy(maxEdits: edits)
    }

    /// `"…"~N`: a whole number of positions, 0 or more.
    static func slop(_ tilde: QueryToken) throws(SearchError) -> Int {
        guard case .tilde(let argument) = tilde.kind else { return 0 }
        guard !argument.isEmpty, argument.allSatisfy(\.isASCIIDigit), let slop = Int(argument) else {
            let found = argument.isEmpty ? "" : ", not \"\(argument)\""
            throw .syntax(
                message: "a phrase's ~ must be followed by a whole number of positions, like \"…\"~2\(found)",
                column: tilde.column)
        }
        return slop
    }

    /// ``QueryLanguageParser/maximumBoost`` as written in messages.
    static let maximumText = "1000000"

    /// `^N`: a positive decimal number such as 2 or 0.5, at most
    /// ``QueryLanguageParser/maximumBoost``. A 309-digit boost would be
    /// infinite, and an infinite score breaks ranking and JSON output.
    static func boost(_ caret: QueryToken) throws(SearchError) -> Double {
        guard case .caret(let argument) = caret.kind else { return 1 }
        guard !argument.isEmpty else {
            throw .syntax(message: "^ must be followed by a number (the boost), like word^2", column: caret.column)
        }
        if argument.hasPrefix("-"), argument.dropFirst().contains(where: \.isASCIIDigit) {
            throw .syntax(message: "the boost must not be negative; write a positive number like ^2 or ^0.5", column: caret.column)
        }
        let isDecimal = argument.allSatisfy { $0.isASCIIDigit || $0 == "." }
            && argument.filter({ $0 == "." }).count <= 1 && argument.contains(where: \.isASCIIDigit)
        guard isDecimal, let boost = Double(argument) else {
            throw .syntax(
                message: "the boost \"\(argument)\" is not a number; write a positive number like ^2 or ^0.5",
                column: caret.column)
        }
        guard boost > 0 else {
            throw .syntax(message: "the boost must be greater than 0, like ^2 or ^0.5", column: caret.column)
        }
        guard boost.isFinite, boost <= QueryLanguageParser.maximumBoost else {
            throw .syntax(message: "the boost is too large; the maximum is \(maximumText)", column: caret.column)
        }
        return boost
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension SiteQuery {
    /// The filter `site:host` stands for; nil when `host` is not a host name.
    public init?(host: String) {
        guard let query = try? RecursiveDescent.site(host, column: 1) else { return nil }
        self = query
    }
}
