import Foundation

/// Paths inside this repository, found from this source file's location.
enum RepositoryFiles {
    static let root: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var corpus: String { root.appendingPathComponent("Corpus").path }
    static var expectations: URL { root.appendingPathComponent("Tests/Fixtures/corpus-expectations.json") }
    /// `../shared` beside the repository: present on developer machines and
    /// in CI, absent in a user's fresh clone.
    static var shared: URL { root.deletingLastPathComponent().appendingPathComponent("shared") }
    static var hasShared: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("seeds").path) }
}

/// The ground truth written alongside `Corpus/`.
struct CorpusExpectations: Decodable {
    struct Page: Decodable {
        var path: String
        var format: String
        var encoding: String
        var title: String
        var keep: [String]
        var drop: [String]
    }
    struct RankedQuery: Decodable {
        var query: String
        var top: String
        var why: String?
    }
    var pages: [Page]
    var queries: [RankedQuery]
    var chromeOnlyPhrases: [String]
    var chineseQueries: [RankedQuery]

    static func load() throws -> CorpusExpectations {
        try JSONDecoder().decode(CorpusExpectations.self, from: Data(contentsOf: RepositoryFiles.expectations))
    }
}
