import Foundation
import ScourTestSupport
import Testing
import ScourAnalysis
import ScourIndex
@testable import ScourSearch

/// The document-at-a-time matchers against the exhaustive reference
/// evaluator (``PlanEvaluator``): for many random queries of every kind
/// (OR, AND, NOT, phrases and sloppy phrases, fields, boosts, prefixes,
/// fuzzy terms, sites, nesting), every segment's matches and their scores
/// are the same, to the last bit.
@Suite("Document-at-a-time matching")
struct MatcherEquivalenceTests {
    static let words = ["river", "bridge", "harbour", "ferry", "market", "garden", "station", "museum", "tower",
                        "castle", "library", "union", "student", "music", "robotics", "lecture", "campus", "research",
                        "college", "exam", "ticket", "summer", "winter", "night", "festival", "science", "history",
                        "chemistry", "theatre", "rowing", "chess", "poetry", "volunteer", "alumni", "archive"]
    static let sites = ["north.example.org", "south.example.org", "labs.north.example.org"]

    /// A Zipf-like word: early words are much more common.
    static func word(_ random: inout SeededGenerator) -> String {
        let rank = Int(Double(words.count) * pow(Double.random(in: 0..<1, using: &random), 2.5))
        return words[min(rank, words.count - 1)]
    }

    /// 420 pages in three segments of 150, 150 and 120 (by default), or
    /// `pages` pages cut after each of `cuts`.
    static func makeIndex(in directory: TemporaryDirectory, pages: Int = 420, cuts: Set<Int> = [149, 299, 419]) throws -> IndexReader {
        var random = SeededGenerator(seed: 20261130)
        let index = IndexDirectory(path: directory.path)
        var infos: [SegmentInfo] = []
        var builder = SegmentBuilder(analyzer: Analyzer())
        for page in 0..<pages {
            let title = (0..<Int.random(in: 1...4, using: &random)).map { _ in word(&random) }
            let body = (0..<Int.random(in: 3...120, using: &random)).map { _ in word(&random) }
            let site = sites[Int.random(in: 0..<sites.count, using: &random)]
            builder.add(StoredDocument(path: "page-\(page).html", title: title.joined(separator: " ").capitalized,
                                       text: body.joined(separator: " ") + ".", url: "https://\(site)/page-\(page).html"))
            if cuts.contains(page) || page == pages - 1 {
                infos.append(try SegmentWriter.write(builder, to: index.segmentPath(generation: 1, ordinal: infos.count)))
                builder = SegmentBuilder(analyzer: Analyzer())
            }
        }
        try index.commit(Manifest(generation: 1, analyzer: .standard, segments: infos))
        return try IndexReader(path: directory.path)
    }

    /// A random query in Scour's query language.
    static func query(_ random: inout SeededGenerator, depth: Int = 0) -> String {
        func clause() -> String {
            let w = word(&random)
            switch Int.random(in: 0..<14, using: &random) {
            case 0: return "\"\(w) \(word(&random))\""
            case 1: return "\"\(w) \(word(&random))\"~\(Int.random(in: 1...4, using: &random))"
            case 2: return "title:\(w)"
            case 3: return "\(w)^\(Int.random(in: 2...5, using: &random))"
            case 4: return String(w.prefix(Int.random(in: 2...4, using: &random))) + "*"
            case 5: return String(w.dropLast()) + "~1"
            case 6: return "site:\(sites[Int.random(in: 0..<sites.count, using: &random)])"
            case 7 where depth < 2: return "(" + query(&random, depth: depth + 1) + ")"
            case 8: return "title:\"\(w) \(word(&random))\""
            case 9: return "url:\(["north", "south", "labs", "page"].randomElement(using: &random)!)"
            default: return w
            }
        }
        let count = Int.random(in: 1...4, using: &random)
        var parts: [String] = []
        for index in 0..<count {
            let prefix = ["", "", "", "+", "-"].randomElement(using: &random)!
            parts.append(prefix + clause())
            if index < count - 1, Int.random(in: 0..<5, using: &random) == 0 { parts.append(["AND", "OR"].randomElement(using: &random)!) }
        }
        return parts.joined(separator: " ")
    }

    /// (document, score) of each match of `plan` in `segment`, by both evaluators.
    static func matches(_ plan: PlanNode, segment: SegmentReader, reader: IndexReader, scorer: BM25F)
        -> (reference: [(Int, Double)], matched: [(Int, Double)]) {
        var evaluator = PlanEvaluator(segment: segment, scorer: scorer, averageLengths: reader.averageLengths)
        let dense = evaluator.evaluate(plan)
        let reference = (0..<segment.documentCount).filter { dense.matched[$0] }.map { ($0, dense.scores[$0]) }
        let iterator = EvaluationContext(segment: segment, scorer: scorer, averageLengths: reader.averageLengths).matcher(plan)
        var matched: [(Int, Double)] = []
        var document = iterator.next()
        while document != MatchIterator.end {
            matched.append((document, iterator.score()))
            document = iterator.next()
        }
        return (reference, matched)
    }

    @Test func randomQueriesMatchAndScoreAsTheExhaustiveEvaluator() throws {
        let directory = TemporaryDirectory()
        let reader = try Self.makeIndex(in: directory)
        let planner = QueryPlanner(reader: reader)
        var random = SeededGenerator(seed: 7)
        var compared = 0, nonEmpty = 0, differing: [String] = []
        for _ in 0..<1500 {
            let text = Self.query(&random)
            guard let node = try? QueryLanguageParser.parse(text) else { continue }
            let plan = planner.plan(node)
            for segment in reader.segments {
                let (reference, matched) = Self.matches(plan, segment: segment, reader: reader, scorer: BM25F())
                compared += 1
                if !reference.isEmpty { nonEmpty += 1 }
                if reference.map(\.0) != matched.map(\.0) || reference.map(\.1) != matched.map(\.1) {
                    differing.append(text)
                }
            }
        }
        #expect(differing.isEmpty, "first differing queries: \(differing.prefix(5))")
        // The queries exercised something: most match in most segments.
        #expect(compared == 4500)
        #expect(nonEmpty > compared / 2)
    }

    /// Three small segments (up to two blocks per word), and one segment of
    /// 1,500 pages (a dozen blocks for common words: block-max skipping).
    @Test(arguments: [(420, 300), (1500, 120)])
    func pruningGivesTheSameTopResultsAsScoringEveryMatch(pages: Int, queries: Int) throws {
        let directory = TemporaryDirectory()
        let reader = try pages == 420 ? Self.makeIndex(in: directory) : Self.makeIndex(in: directory, pages: pages, cuts: [])
        let searcher = Searcher(reader: reader)
        var random = SeededGenerator(seed: 11)
        var compared = 0, pruned = 0
        for number in 0..<queries {
            // Mostly plain words (an OR of them: what pruning applies to),
            // with some of the other clause kinds mixed in.
            let text = number % 3 == 0 ? Self.query(&random)
                : (0..<Int.random(in: 1...6, using: &random)).map { _ in Self.word(&random) }.joined(separator: " ")
            for limit in [1, 3, 10, 40] {
                var exact = SearchOptions(limit: limit, snippets: false, suggestions: false, feedback: nil)
                exact.exactTotal = true
                var fast = exact
                fast.exactTotal = false
                guard let all = try? searcher.search(text, options: exact), let top = try? searcher.search(text, options: fast) else { continue }
                compared += 1
                #expect(top.hits.map(\.document) == all.hits.map(\.document), "\(text) limit \(limit)")
                #expect(top.hits.map(\.score) == all.hits.map(\.score), "\(text) limit \(limit)")
                #expect(!all.totalIsLowerBound)
                if top.totalIsLowerBound {
                    pruned += 1
                    #expect(top.total <= all.total && top.total >= top.hits.count)
                } else {
                    #expect(top.total == all.total, "\(text) limit \(limit)")
                }
            }
        }
        #expect(compared > queries * 3)
        // Pruning did happen, often.
        #expect(pruned > compared / 10)
    }

    @Test func otherScoringParametersToo() throws {
        let directory = TemporaryDirectory()
        let reader = try Self.makeIndex(in: directory)
        let planner = QueryPlanner(reader: reader)
        let scorer = BM25F(k1: 0.9, weights: [.title: 4], b: [.body: 0.4])
        for text in ["river bridge", "+campus -library", "\"student union\"~3 music", "title:research^3 archive*", "site:north.example.org exam"] {
            let plan = planner.plan(try QueryLanguageParser.parse(text))
            for segment in reader.segments {
                let (reference, matched) = Self.matches(plan, segment: segment, reader: reader, scorer: scorer)
                #expect(reference.map(\.0) == matched.map(\.0), "\(text)")
                #expect(reference.map(\.1) == matched.map(\.1), "\(text)")
            }
        }
    }
}
