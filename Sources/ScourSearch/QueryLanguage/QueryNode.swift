/// A parsed query: the syntax tree the query language produces, before any
/// analysis. Keeping syntax separate from analysis lets the parser report
/// mistakes with exact columns, and lets the search layer decide later how
/// each word is normalised, expanded or dropped.
public indirect enum QueryNode: Sendable, Equatable {
    /// One word (possibly a prefix or fuzzy word).
    case term(TermQuery)
    /// Words that must appear together, in order (within the slop).
    case phrase(PhraseQuery)
    /// Several clauses combined with should / must / must-not.
    case boolean(BooleanQuery)
    /// `site:example.com`: a filter on the documents' hosts, never scored.
    case site(SiteQuery)
}

/// `site:HOST`: only documents whose URL's host is HOST or ends in `.HOST`.
///
/// A filter, not a word: it adds nothing to scores. Among the clauses of
/// one boolean, plain `site:` clauses are alternatives (any of them) and
/// together required; `+site:` is required on its own, `-site:` excludes.
/// So `site:edu.cn 图书馆` ranks 图书馆 within edu.cn, and `site:a.org
/// site:b.org` alone lists both sites' documents.
public struct SiteQuery: Sendable, Equatable {
    /// The host as typed after `site:`.
    public var text: String
    /// The host normalised like indexed hosts: lowercased, no scheme, port,
    /// path or leading `www.`.
    public var domain: String
    /// 1-based column of `site:`, for messages.
    public var column: Int

    public init(text: String, domain: String, column: Int = 1) {
        self.text = text
        self.domain = domain
        self.column = column
    }
}

/// The parts of a document a word can be restricted to with `field:word`.
/// A closed set, so a colon after any other word (`10:30`, `http://x`) is
/// just text and never an error.
public enum QueryField: String, Sendable, Equatable, CaseIterable {
    case title, headings, body, url
}

/// One word to look up, as the user typed it.
public struct TermQuery: Sendable, Equatable {
    /// How the word is matched against the vocabulary.
    public enum Kind: Sendable, Equatable {
        /// The word itself (after analysis).
        case exact
        /// Every word that starts with the text (`word*`).
        case prefix
        /// Every word within `maxEdits` edits (`word~`, `word~1`, `word~2`).
        case fuzzy(maxEdits: Int)
    }

    /// The word as typed, without the operator characters (no `*`, `~`,
    /// `^`, field prefix) and with backslash escapes resolved, so the
    /// analyzer sees only the text to search for.
    public var text: String
    /// The field the word is restricted to; nil searches all fields.
    public var field: QueryField?
    public var kind: Kind
    /// Multiplies the word's score (`word^2`); 1 when not given.
    public var boost: Double
    /// 1-based column (in characters) of the word's first character, so
    /// later stages can point at the word in their messages.
    public var column: Int

    public init(text: String, field: QueryField? = nil, kind: Kind = .exact, boost: Double = 1, column: Int = 1) {
        self.text = text
        self.field = field
        self.kind = kind
        self.boost = boost
        self.column = column
    }
}

/// Words that must appear as a sequence (`"exact phrase"`).
public struct PhraseQuery: Sendable, Equatable {
    /// The text between the quotes, with backslash escapes resolved; it is
    /// split into words later, by the same analyzer as the documents.
    public var text: String
    /// The field the phrase is restricted to; nil searches all fields.
    public var field: QueryField?
    /// How far words may be out of place (`"…"~N`, Lucene slop); 0 means
    /// the words must be adjacent and in order.
    public var slop: Int
    /// Multiplies the phrase's score (`"…"^2`); 1 when not given.
    public var boost: Double
    /// 1-based column of the opening quote, for messages.
    public var column: Int

    public init(text: String, field: QueryField? = nil, slop: Int = 0, boost: Double = 1, column: Int = 1) {
        self.text = text
        self.field = field
        self.slop = slop
        self.boost = boost
        self.column = column
    }
}

/// Clauses combined Lucene-style: a document matches when it matches every
/// `must` clause, no `mustNot` clause, and — if there is no `must` clause —
/// at least one `should` clause. `should` clauses add to the score.
public struct BooleanQuery: Sendable, Equatable {
    /// How one clause takes part in matching.
    public enum Occur: Sendable, Equatable {
        /// Optional; raises the score (plain words, `OR`).
        case should
        /// Required (`+word`, `AND`).
        case must
        /// Excluded (`-word`, `NOT`).
        case mustNot
    }

    /// One sub-query and how it takes part.
    public struct Clause: Sendable, Equatable {
        public var occur: Occur
        public var node: QueryNode

        public init(occur: Occur, node: QueryNode) {
            self.occur = occur
            self.node = node
        }
    }

    public var clauses: [Clause]

    public init(clauses: [Clause]) {
        self.clauses = clauses
    }
}

extension QueryNode {
    /// The same query with every word's and phrase's boost multiplied by
    /// `factor`. `(group)^N` is applied to the leaves so that the tree never
    /// needs a boost on a boolean, and so nested groups can be flattened.
    func boosted(by factor: Double) -> QueryNode {
        switch self {
        case .term(var term):
            term.boost *= factor
            return .term(term)
        case .phrase(var phrase):
            phrase.boost *= factor
            return .phrase(phrase)
        case .boolean(var boolean):
            boolean.clauses = boolean.clauses.map { .init(occur: $0.occur, node: $0.node.boosted(by: factor)) }
            return .boolean(boolean)
        case .site:
            return self
        }
    }

    /// The largest boost of any word or phrase in the query (1 when none):
    /// what a group boost multiplies, checked so products stay finite.
    var largestBoost: Double {
        switch self {
        case .term(let term): return term.boost
        case .phrase(let phrase): return phrase.boost
        case .boolean(let boolean): return boolean.clauses.map(\.node.largestBoost).max() ?? 1
        case .site: return 1
        }
    }
}
