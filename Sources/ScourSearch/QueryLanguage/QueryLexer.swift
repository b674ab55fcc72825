/// One lexical unit of a query, with where it starts.
struct QueryToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A word; `isPrefix` when it ended with `*` (not part of `text`).
        case word(String, isPrefix: Bool)
        /// The text between quotes, escapes resolved.
        case phrase(String)
        /// `title:` written directly before a word, phrase or group.
        case field(QueryField)
        /// `site:HOST`: the host as typed (not yet normalised).
        case site(String)
        case leftParenthesis, rightParenthesis
        /// `AND` / `&&`, `OR` / `||`, `NOT` / `!`.
        case and, or, not
        /// `+` / `-` written directly before what they apply to.
        case plus, minus
        /// `~` attached to the token before, and the text after it (maybe empty).
        case tilde(String)
        /// `^` attached to the token before, and the text after it (maybe empty).
        case caret(String)
    }

    var kind: Kind
    /// 1-based column, in characters, of the token's first character.
    var column: Int
    /// The characters as typed, for messages ("AND" or "&&").
    var spelling: String
}

/// Splits a query into tokens. It decides everything that depends on
/// spacing — whether `-` is an operator or part of `e-mail`, whether
/// `title:` is a field or `Note:` is a word, whether `^2` is attached — so
/// the parser only deals with structure.
///
/// Rules that are not obvious:
/// - `+`/`-` are operators only directly before something (`-word`,
///   `-"…"`, `-(…)`); alone they are ignored, inside a word they are text.
/// - `!` is NOT alone or directly before something other than `!`
///   (`!word`); `!!!` is a word. `&&`, `||`, `AND`, `OR`, `NOT` are operators
///   only as whole words (`a&&b` is one word).
/// - `*` may only end a word; elsewhere it is an error rather than a silent
///   literal, so nobody believes `a*b` is a wildcard.
/// - `~` and `^` start modifiers after a word, a phrase or `)`; at the start
///   of a word they are text (`~/notes`).
/// - `site:` (any case) takes everything up to the next space, parenthesis
///   or quote as a host (`site:example.com/news`); `site\:x` is a word.
struct QueryLexer {
    private let characters: [Character]
    private var index = 0
    private var tokens: [QueryToken] = []

    private init(_ text: String) {
        characters = Array(text)
    }

    /// The tokens of `text`; throws for lexical mistakes (unclosed quote,
    /// misplaced `*`, field with nothing after it).
    static func tokenize(_ text: String) throws(SearchError) -> [QueryToken] {
        var lexer = QueryLexer(text)
        try lexer.run()
        return lexer.tokens
    }

    private mutating func run() throws(SearchError) {
        while let character = peek() {
            if character.isWhitespace {
                index += 1
                continue
            }
            switch character {
            case "(":
                emit(.leftParenthesis, from: index, length: 1)
            case ")":
                emit(.rightParenthesis, from: index, length: 1)
                lexModifiers()
            case "\"":
                try lexPhrase()
                lexModifiers()
            case "+", "-":
                try lexSign(character)
            case "!" where peek(1).map { !$0.isWhitespace && $0 != "!" } ?? false:
                emit(.not, from: index, length: 1)
            default:
                try lexWord()
            }
        }
    }

    // MARK: - Pieces

    private mutating func lexSign(_ sign: Character) throws(SearchError) {
        guard let next = peek(1), !next.isWhitespace, next != ")" else {
            index += 1  // A lone "-" or "+" is punctuation.
            return
        }
        if next == "+" || next == "-" {
            try lexWord()  // "--verbose", "++": text, not operators.
            return
        }
        emit(sign == "+" ? .plus : .minus, from: index, length: 1)
    }

    private mutating func lexPhrase() throws(SearchError) {
        let start = index
        index += 1
        var text = ""
        while let character = peek(), character != "\"" {
            if character == "\\", let escaped = peek(1) {
                text.append(escaped)
                index += 2
            } else {
                text.append(character)
                index += 1
            }
        }
        guard peek() == "\"" else {
            throw .syntax(message: "the quote opened here is never closed; add a closing \"", column: start + 1)
        }
        index += 1
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw .syntax(message: "the phrase is empty; put words between the quotes", column: start + 1)
        }
        tokens.append(QueryToken(kind: .phrase(text), column: start + 1, spelling: spelling(from: start)))
    }

    private mutating func lexWord() throws(SearchError) {
        let start = index
        var text = ""
        var hasEscapes = false
        var isPrefix = false
        while let character = peek(), !Self.endsWord(character) {
            if character == "\\" {
                // A backslash at the very end has nothing to escape: keep it.
                text.append(peek(1) ?? "\\")
                index += peek(1) == nil ? 1 : 2
                hasEscapes = true
                continue
            }
            if (character == "~" || character == "^"), !text.isEmpty {
                break
            }
            if character == ":", !hasEscapes, let field = QueryField(syntaxName: text) {
                try lexField(field, from: start)
                return
            }
            if character == ":", !hasEscapes, text.lowercased() == "site" {
                try lexSite(from: start)
                return
            }
            if character == "*" {
                try checkWildcard(after: text)
                isPrefix = true
                index += 1
                break
            }
            text.append(character)
            index += 1
        }
        let kind: QueryToken.Kind
        switch (text, hasEscapes || isPrefix) {
        case ("AND", false), ("&&", false): kind = .and
        case ("OR", false), ("||", false): kind = .or
        case ("NOT", false), ("!", false): kind = .not
        default: kind = .word(text, isPrefix: isPrefix)
        }
        tokens.append(QueryToken(kind: kind, column: start + 1, spelling: spelling(from: start)))
        lexModifiers()
    }

    /// `*` at `index`: allowed only after some text and at the end of a word.
    private func checkWildcard(after text: String) throws(SearchError) {
        guard !text.isEmpty else {
            throw .syntax(message: "a wildcard needs at least one letter before it, like photo*", column: index + 1)
        }
        if let next = peek(1), !Self.endsWord(next), next != "~", next != "^" {
            throw .syntax(
                message: "a wildcard * can only end a word, like photo*; write \\* to search for a *",
                column: index + 1)
        }
    }

    /// `title:` — the colon is at `index`. Something must follow directly.
    private mutating func lexField(_ field: QueryField, from start: Int) throws(SearchError) {
        index += 1
        let name = spelling(from: start)
        guard let next = peek(), !next.isWhitespace, next != ")" else {
            throw .syntax(
                message: "\(name) has nothing after it; write \(name)word, \(name)\"a phrase\" or \(name)(some words)",
                column: start + 1)
        }
        tokens.append(QueryToken(kind: .field(field), column: start + 1, spelling: name))
    }

    /// `site:` — the colon is at `index`. The host runs to the next space,
    /// parenthesis or quote; a host must follow directly.
    private mutating func lexSite(from start: Int) throws(SearchError) {
        index += 1
        var host = ""
        while let character = peek(), !Self.endsWord(character) {
            host.append(character)
            index += 1
        }
        guard !host.isEmpty else {
            throw .syntax(message: "site: has nothing after it; write site:example.com", column: start + 1)
        }
        tokens.append(QueryToken(kind: .site(host), column: start + 1, spelling: spelling(from: start)))
    }

    /// `~…` and `^…` directly after a word, phrase or `)`.
    private mutating func lexModifiers() {
        while let marker = peek(), marker == "~" || marker == "^" {
            let start = index
            index += 1
            var argument = ""
            while let character = peek(), !Self.endsWord(character), character != "~", character != "^" {
                argument.append(character)
                index += 1
            }
            let kind: QueryToken.Kind = marker == "~" ? .tilde(argument) : .caret(argument)
            tokens.append(QueryToken(kind: kind, column: start + 1, spelling: spelling(from: start)))
        }
    }

    // MARK: - Helpers

    private static func endsWord(_ character: Character) -> Bool {
        character.isWhitespace || character == "(" || character == ")" || character == "\""
    }

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private func spelling(from start: Int) -> String {
        String(characters[start..<index])
    }

    private mutating func emit(_ kind: QueryToken.Kind, from start: Int, length: Int) {
        index = start + length
        tokens.append(QueryToken(kind: kind, column: start + 1, spelling: spelling(from: start)))
    }
}

extension QueryField {
    /// The field named before a colon, case-insensitively; `heading` is
    /// accepted for `headings` because both are natural to type.
    init?(syntaxName name: String) {
        let lowered = name.lowercased()
        if lowered == "heading" {
            self = .headings
        } else {
            self.init(rawValue: lowered)
        }
    }
}
