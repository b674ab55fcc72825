import ScourPrimitives
/// Turns text into index terms: the same analyzer serves documents and
/// queries, so both sides always agree on what a term is.
///
/// `Analyzer` is an immutable, sendable description; the actual work happens
/// in an ``AnalysisSession``, which owns the caches and buffers that keep
/// per-token work allocation-free. Make one session per thread.
///
/// ```swift
/// var session = Analyzer().makeSession()
/// session.tokens(in: "Student Unions’ meeting") // ["student", "union", "meet"]
/// ```
public struct Analyzer: Sendable {
    public let configuration: AnalyzerConfiguration

    public init(configuration: AnalyzerConfiguration = .standard) {
        self.configuration = configuration
    }

    /// A fresh tokenizing session with its own caches, emitting the terms a
    /// document is indexed under (with ``AnalyzerConfiguration/hanUnigrams``,
    /// each Han character on its own as well as its bigrams).
    ///
    /// Traps when the configuration needs OpenCC's data and it is missing:
    /// call ``prepare()`` first to get that as an error instead.
    ///
    /// - Parameter cachingStems: remember recent words' stems (a session
    ///   that analyses whole documents: indexing); a few words (queries,
    ///   snippets) are stemmed faster without.
    public func makeSession(cachingStems: Bool = false) -> AnalysisSession {
        AnalysisSession(configuration: configuration, hanFolding: configuration.chineseFolding, runUnigrams: configuration.hanUnigrams,
                        cachingStems: cachingStems)
    }

    /// A session for query text: like ``makeSession()``, except that a run
    /// of two or more CJK characters gives its bigrams only (a query
    /// `图书馆` is the phrase 图书 书馆, at the same positions the document
    /// side gives them); a lone character is still its own term.
    public func makeQuerySession() -> AnalysisSession {
        AnalysisSession(configuration: configuration, hanFolding: configuration.chineseFolding, runUnigrams: false)
    }

    /// Loads what the configuration needs from the system (OpenCC's
    /// dictionaries for ``AnalyzerConfiguration/chineseFolding``), once per
    /// process; throws a one-line error saying what to install when it is
    /// missing, so an index is never silently analysed differently.
    ///
    /// Cheap: it opens OpenCC's converter; the folding table itself is built
    /// when the first Han character is analysed.
    public func prepare() throws(AnalysisError) {
        guard let folding = configuration.chineseFolding else { return }
        try HanFoldingTable.isAvailable(folding).get()
    }

    /// True when `term` (an analysed term) is a stop word that ranked OR
    /// queries ignore under this configuration.
    public func isStopWord(_ term: String) -> Bool {
        guard configuration.stopWords else { return false }
        var term = term
        return term.withUTF8 { StopWords.isEnglishStopWord($0) }
    }

    /// True when `term` comes from Han, Kana or Hangul text (a bigram or a
    /// lone character), which queries match as a phrase rather than as
    /// independent words.
    public static func isCJKTerm(_ term: String) -> Bool {
        term.unicodeScalars.first.map { UnicodeRanges.isCJK($0.value) } ?? false
    }
}
