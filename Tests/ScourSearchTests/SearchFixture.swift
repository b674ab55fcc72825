import Foundation
import ScourTestSupport
import ScourAnalysis
import ScourIndex
@testable import ScourSearch

/// A small index written to a temporary folder, with documents whose
/// rankings are easy to reason about.
final class SearchFixture {
    let directory = TemporaryDirectory()
    let searcher: Searcher

    static let documents: [StoredDocument] = [
        // 0: about the student union exchange, in title and body.
        StoredDocument(path: "union-exchange.html", title: "Student Union Exchange Meeting",
                       text: "The student union held an online exchange meeting with a partner school.\nRepresentatives of both student unions shared experience."),
        // 1: mentions the union once in a long text.
        StoredDocument(path: "campus-life.html", title: "Campus Life",
                       text: "Clubs, sports and music fill the week. " + String(repeating: "The campus offers many activities for everyone. ", count: 10) + "The union runs a shop."),
        // 2: library, with a phrase.
        StoredDocument(path: "library.txt", title: "Library Opening Hours",
                       text: "The university of london library opens at eight.\nDuring exams the library stays open until midnight."),
        // 3: same words as 2 but never adjacent.
        StoredDocument(path: "london-trip.txt", title: "Trip Report",
                       text: "London was rainy. The university choir sang in the library of a college."),
        // 4 and 5: identical texts, for tie-breaking.
        StoredDocument(path: "twin-a.txt", title: "Twin", text: "robotics laboratory"),
        StoredDocument(path: "twin-b.txt", title: "Twin", text: "robotics laboratory"),
        // 6: Chinese.
        StoredDocument(path: "zh-library.html", title: "图书馆延长开放时间",
                       text: "为方便同学们复习，图书馆自下周起延长开放时间。"),
        // 7: title-only match.
        StoredDocument(path: "quantum.txt", title: "Quantum Computing Seminar",
                       text: "Speakers from three institutes will present recent results. Coffee is served."),
    ]

    init(segmentsOf size: Int = 3) throws {
        // One document has a URL, to test the url field.
        let documents = Self.documents.map { document -> StoredDocument in
            var document = document
            if document.path == "quantum.txt" { document.url = "https://physics.example.edu/events/quantum-seminar.html" }
            return document
        }
        let index = IndexDirectory(path: directory.path)
        var infos: [SegmentInfo] = []
        var builder = SegmentBuilder(analyzer: Analyzer())
        for (i, document) in documents.enumerated() {
            builder.add(document)
            if builder.documentCount == size || i == Self.documents.count - 1 {
                infos.append(try SegmentWriter.write(builder, to: index.segmentPath(generation: 1, ordinal: infos.count)))
                builder = SegmentBuilder(analyzer: Analyzer())
            }
        }
        try index.commit(Manifest(generation: 1, analyzer: .standard, segments: infos))
        searcher = Searcher(reader: try IndexReader(path: directory.path))
    }

    func paths(_ query: String, limit: Int = 10) throws -> [String] {
        try searcher.search(query, options: SearchOptions(limit: limit)).hits.map(\.path)
    }

    /// A searcher over `builder`'s documents written as one segment of a committed
    /// index in `directory`.
    static func oneSegmentSearcher(_ builder: SegmentBuilder, in directory: TemporaryDirectory) throws -> Searcher {
        let index = IndexDirectory(path: directory.path)
        let info = try SegmentWriter.write(builder, to: index.segmentPath(generation: 1, ordinal: 0))
        try index.commit(Manifest(generation: 1, analyzer: .standard, segments: [info]))
        return Searcher(reader: try IndexReader(path: directory.path))
    }
}
