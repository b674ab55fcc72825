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

    /// A fresh tokenizing session with its own caches.
    public func makeSession() -> AnalysisSession {
        AnalysisSession(configuration: configuration)
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
        term.unicodeScalars.first.map { ScalarFoldingTable.isCJK($0.value) } ?? false
    }
}
