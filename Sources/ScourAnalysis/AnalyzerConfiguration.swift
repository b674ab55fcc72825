/// How text is turned into terms. Recorded in the index manifest so that a
/// query is always analysed exactly like the documents it searches.
public struct AnalyzerConfiguration: Codable, Sendable, Equatable, Hashable {
    /// Reduce English words to their Snowball (Porter2) stems, so that
    /// "meetings" finds "meeting".
    public var stemming: Bool
    /// Ignore English stop words in ranked OR queries. They are always kept in
    /// the index, so phrase queries such as "university of london" still work.
    public var stopWords: Bool
    /// The language whose stemmer and stop words apply (ISO 639-1).
    public var language: String

    public init(stemming: Bool = true, stopWords: Bool = true, language: String = "en") {
        self.stemming = stemming
        self.stopWords = stopWords
        self.language = language
    }

    /// The defaults: English stemming and stop words.
    public static let standard = AnalyzerConfiguration()
}
