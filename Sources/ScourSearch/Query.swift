/// A parsed query, before analysis: what the user asked for.
public struct Query: Sendable, Equatable {
    /// Whether a clause is optional (ranked), required, or excluded.
    public enum Occur: Sendable, Equatable {
        case should, must, mustNot
    }

    /// One clause: a word or a quoted phrase, as typed.
    public struct Clause: Sendable, Equatable {
        public var occur: Occur
        /// The raw text of the word, or of the phrase between the quotes.
        public var text: String
        /// True for `"quoted phrases"`, whose words must be adjacent.
        public var isPhrase: Bool

        public init(occur: Occur, text: String, isPhrase: Bool) {
            self.occur = occur
            self.text = text
            self.isPhrase = isPhrase
        }
    }

    public var clauses: [Clause]

    public init(clauses: [Clause]) {
        self.clauses = clauses
    }
}
