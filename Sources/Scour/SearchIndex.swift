import Foundation
import ScourAnalysis
import ScourIndex
import ScourSearch

/// An index opened for searching: the entry point for Swift code.
///
/// ```swift
/// let index = try SearchIndex(path: "Index")
/// for hit in try index.search("student union exchange").hits {
///     print(hit.rank, hit.title, hit.snippet.marked(open: "[", close: "]"))
/// }
/// ```
public struct SearchIndex: Sendable {
    public let reader: IndexReader
    private let searcher: Searcher

    /// Opens the index in `path`; throws ``IndexError`` when there is none or
    /// a file is damaged.
    public init(path: String) throws(IndexError) {
        reader = try IndexReader(path: path)
        searcher = Searcher(reader: reader)
    }

    /// Runs `query` (the query language of ``QueryLanguageParser``, with
    /// `site:`); throws ``SearchError`` for an empty or malformed query, a
    /// site without a host, or ranking parameters out of range. Results
    /// carry each page's id, URL, file location and aliases.
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        try searcher.search(query, options: options)
    }

    /// Counts and sizes for `scour stats`.
    public func statistics() -> IndexStatistics {
        IndexStatistics(
            documents: reader.documentCount,
            distinctTerms: reader.distinctTermCount(),
            postings: reader.postingCount(),
            bytes: reader.byteCount + manifestBytes,
            segments: reader.segments.count,
            builtAt: reader.manifest.createdAt,
            analyzer: reader.manifest.analyzer,
            averageDocumentLength: reader.averageDocumentLength)
    }

    private var manifestBytes: Int {
        let path = (reader.directory.path as NSString).appendingPathComponent(Manifest.fileName)
        return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}

/// Summary numbers of an index.
public struct IndexStatistics: Sendable, Equatable, Codable {
    public var documents: Int
    public var distinctTerms: Int
    public var postings: Int
    /// Bytes on disk (segments and manifest).
    public var bytes: Int
    public var segments: Int
    public var builtAt: Date
    public var analyzer: AnalyzerConfiguration
    /// Mean tokens per document (title and body).
    public var averageDocumentLength: Double
}
