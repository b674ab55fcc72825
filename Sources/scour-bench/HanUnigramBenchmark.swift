import Foundation
import Scour
import ScourAnalysis
import ScourIndex
import ScourSearch

/// How to answer a one-character Chinese query, measured both ways on the
/// same documents (`scour-bench --han-single-characters PATHS`):
///
/// - **unigrams**: Han characters indexed singly as well as in bigrams
///   (``AnalyzerConfiguration/hanUnigrams``); the query is one term.
/// - **expansion**: a bigram-only index; the query character is expanded
///   at query time to every dictionary term containing it (a scan of each
///   segment's term dictionary), and those terms are searched as an OR
///   query.
///
/// Both use Chinese folding. Reported: single-core indexing time, index
/// size, distinct terms, and query latency (top 10 with snippets) for
/// one-character queries and for multi-character queries, which must not
/// get slower.
struct HanUnigramBenchmark {
    var corpus: BenchmarkCorpus
    var rounds: Int
    var work: String
    var builds = 5

    func run() throws {
        // OpenCC's table is built once per process: time it apart from indexing.
        let tableStart = Date()
        try Analyzer().prepare()
        print(String(format: "OpenCC t2s table (once per process): %.1f ms", Date().timeIntervalSince(tableStart) * 1000))
        let characters = Self.sampleCharacters(corpus.documents, count: 200)
        let words = Self.sampleWords(corpus.documents, count: 200)
        print("one-character queries: \(characters.count) Han characters spread over the frequency ranks; multi-character: \(words.count) substrings of 2–4 characters")
        print("")
        print("index        build s   size MB   terms     1-char p50 ms   p95 ms   mean ms   expansions mean/max   multi p50 ms   p95 ms   hits 1-char")
        let variants = [("expansion", false), ("unigrams", true)]
        // Build each index several times, alternating, and keep the fastest:
        // the machine is shared and the first build warms the allocator.
        var fastest: [String: Double] = [:]
        for _ in 0..<builds {
            for (name, unigrams) in variants {
                let seconds = try build(AnalyzerConfiguration(hanUnigrams: unigrams), at: (work as NSString).appendingPathComponent(name))
                fastest[name] = min(fastest[name] ?? .infinity, seconds)
            }
        }
        for (name, unigrams) in variants {
            let path = (work as NSString).appendingPathComponent(name)
            let buildSeconds = fastest[name] ?? 0
            let index = try SearchIndex(path: path)
            let options = SearchOptions(limit: 10)
            var single: [Double] = [], multi: [Double] = [], expansions: [Int] = [], scans: [Double] = []
            var hits = 0
            for _ in 0..<rounds {
                for character in characters {
                    let begin = DispatchTime.now().uptimeNanoseconds
                    let query: String
                    if unigrams {
                        query = character
                    } else {
                        let terms = Self.termsContaining(character, in: index.reader)
                        expansions.append(terms.count)
                        scans.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
                        query = terms.joined(separator: " ")
                    }
                    hits += (try? index.search(query, options: options).total) ?? 0
                    single.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
                }
                for word in words {
                    let begin = DispatchTime.now().uptimeNanoseconds
                    _ = try? index.search(word, options: options)
                    multi.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
                }
            }
            let statistics = index.statistics()
            let expansionText = expansions.isEmpty ? "-" :
                String(format: "%.0f/%d", Double(expansions.reduce(0, +)) / Double(expansions.count), expansions.max() ?? 0)
            print(String(format: "%@ %8.2f %9.2f %7d %15.3f %8.3f %9.3f %21@ %14.3f %8.3f %13d",
                         name.padding(toLength: 10, withPad: " ", startingAt: 0), buildSeconds,
                         Double(statistics.bytes) / 1_048_576, statistics.distinctTerms,
                         Self.percentile(single, 0.5), Self.percentile(single, 0.95), Self.mean(single),
                         expansionText, Self.percentile(multi, 0.5), Self.percentile(multi, 0.95), hits / max(1, rounds)))
            if !scans.isEmpty {
                print(String(format: "             (of which the dictionary scan: p50 %.3f ms, mean %.3f ms)", Self.percentile(scans, 0.5), Self.mean(scans)))
            }
            print("             postings: \(statistics.postings)")
        }
    }

    /// Indexes the corpus in one segment on one core; returns the seconds taken.
    func build(_ configuration: AnalyzerConfiguration, at path: String) throws -> Double {
        try? FileManager.default.removeItem(atPath: path)
        let start = Date()
        let directory = IndexDirectory(path: path)
        try directory.create()
        var builder = SegmentBuilder(analyzer: Analyzer(configuration: configuration))
        for document in corpus.documents { builder.add(document) }
        let info = try SegmentWriter.write(builder, to: directory.segmentPath(generation: 1, ordinal: 0))
        try directory.commit(Manifest(generation: 1, analyzer: configuration, segments: [info]))
        return Date().timeIntervalSince(start)
    }

    /// Every term of every segment that is a CJK bigram or lone character
    /// containing `character`: the expansion a bigram-only index needs. A
    /// prefix search finds `X?`, but `?X` needs this full scan (or a second,
    /// reversed dictionary).
    static func termsContaining(_ character: String, in reader: IndexReader) -> [String] {
        var analyzer = Analyzer(configuration: reader.manifest.analyzer).makeQuerySession()
        let folded = Array((analyzer.tokens(in: character).first?.term ?? character).utf8)
        var found = Set<String>()
        for segment in reader.segments {
            for index in 0..<segment.termCount {
                let term = segment.term(at: index)
                // A Han bigram is 6–8 bytes; the character is at its start or end.
                guard term.count >= folded.count, term.count <= 2 * 4, term.first ?? 0 >= 0xE3 else { continue }
                if term.starts(with: folded) || term.reversed().starts(with: folded.reversed()) {
                    found.insert(String(decoding: term, as: UTF8.self))
                }
            }
        }
        return found.sorted()
    }

    /// Han characters of the documents, `count` of them taken evenly over
    /// the frequency ranks of the 3,000 most frequent (common and rare).
    static func sampleCharacters(_ documents: [StoredDocument], count: Int) -> [String] {
        var frequency: [Unicode.Scalar: Int] = [:]
        for document in documents {
            for scalar in document.text.unicodeScalars where (0x4E00...0x9FFF).contains(scalar.value) {
                frequency[scalar, default: 0] += 1
            }
        }
        let ranked = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.value < $1.key.value }.prefix(3000)
        guard !ranked.isEmpty else { return [] }
        let step = max(1, ranked.count / count)
        return stride(from: 0, to: ranked.count, by: step).prefix(count).map { String(ranked[$0].key) }
    }

    /// Runs of 2–4 Han characters cut from the documents' texts, deterministically.
    static func sampleWords(_ documents: [StoredDocument], count: Int) -> [String] {
        var generator = SplitMix64(seed: 7)
        var result: [String] = []
        var attempts = 0
        while result.count < count && attempts < count * 50 && !documents.isEmpty {
            attempts += 1
            let scalars = Array(documents[Int(generator.next() % UInt64(documents.count))].text.unicodeScalars)
            guard scalars.count > 8 else { continue }
            let length = 2 + Int(generator.next() % 3)
            let start = Int(generator.next() % UInt64(scalars.count - length))
            let slice = scalars[start..<(start + length)]
            guard slice.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) }) else { continue }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: slice)
            result.append(String(word))
        }
        return result
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(max(1, values.count))
    }
}
