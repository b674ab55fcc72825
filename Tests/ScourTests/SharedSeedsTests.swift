import Foundation
import ScourTestSupport
import Testing
import Scour

/// Indexes the real scraped pages in `../shared/seeds/` (beside the
/// repository, on developer machines and in CI). A user's fresh clone has no
/// `../shared`, so these tests skip there.
@Suite("Real scraped pages (../shared/seeds)",
       .enabled(if: RepositoryFiles.hasShared, "../shared/seeds is absent (a fresh clone): nothing to check"))
struct SharedSeedsTests {
    static let index: (directory: TemporaryDirectory, searchIndex: SearchIndex?) = {
        let directory = TemporaryDirectory()
        guard RepositoryFiles.hasShared else { return (directory, nil) }
        _ = try? Indexer(indexPath: directory.path).index(paths: [RepositoryFiles.shared.appendingPathComponent("seeds").path])
        return (directory, try? SearchIndex(path: directory.path))
    }()

    @Test func allSeedsAreIndexed() throws {
        let searchIndex = try #require(Self.index.searchIndex)
        #expect(searchIndex.reader.documentCount == 5)
    }

    @Test(arguments: ["Add to favorites", "Online QQ Service", "Wechat Service", "ICP备案号", "ClickTimes", "Loaction"])
    func chromeOnlyPhraseFindsNothing(phrase: String) throws {
        let searchIndex = try #require(Self.index.searchIndex)
        let results = try searchIndex.search("\"\(phrase)\"")
        #expect(results.hits.isEmpty, "\(phrase) found in \(results.hits.map(\.path))")
    }

    @Test func contentAndBylinesStaySearchable() throws {
        let searchIndex = try #require(Self.index.searchIndex)
        let union = try searchIndex.search("student union exchange meeting")
        #expect(union.hits.first?.path == "000_b5fd8e1a1e838f4f.txt")
        // Bylines are content: people search for names.
        #expect(try searchIndex.search(#""Geng Tao""#).hits.map(\.path) == ["000_b5fd8e1a1e838f4f.txt"])
        #expect(try searchIndex.search(#""Qiu Yonghong""#).hits.map(\.path) == ["002_836036da195d745e.txt"])
        #expect(try searchIndex.search("UANSR").hits.first?.path == "004_2d44fe02a12cf19b.txt")
    }
}
