import ArgumentParser
import Foundation
import Scour
import ScourAnalysis
import ScourExtraction
import ScourIndex
import ScourSearch

/// Scour and SQLite FTS5 side by side on the same documents and queries:
/// indexing throughput, index size, and query latency (top 10 with snippets).
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scour-bench",
        abstract: "Benchmark Scour against SQLite FTS5 on the same data.",
        discussion: """
            Build in release mode with the benchmark enabled:
              SCOUR_BENCHMARKS=1 swift run -c release scour-bench                     # Corpus/
              SCOUR_BENCHMARKS=1 swift run -c release scour-bench --han-single-characters /tmp/zh-pages
              SCOUR_BENCHMARKS=1 swift run -c release scour-bench --jsonl ../shared/data/scifact/corpus.jsonl \\
                  --queries ../shared/data/scifact/queries.jsonl
            """
    )

    @Argument(help: "Folders of pages to index (default: Corpus).")
    var paths: [String] = []

    @Option(help: "Index a JSON Lines file ({_id, title, text}) instead of folders.")
    var jsonl: String?

    @Option(help: "Queries: JSON Lines with \"text\", or one per line. Default: generated from titles.")
    var queries: String?

    @Option(help: "Times the query set is run (latency is measured over all runs).")
    var rounds: Int = 3

    @Option(help: "Times the corpus is repeated when indexing (to get a measurable size).")
    var scale: Int = 1

    @Flag(help: "Compare Han unigrams with query-time expansion for one-character Chinese queries (no SQLite).")
    var hanSingleCharacters = false

    @Option(help: "Size in MB of the synthetic huge page whose extraction is timed (0 to skip).")
    var hugePageMegabytes: Int = 50

    @Option(help: "Only time opening the existing index in DIR (median of 20 opens, and a first search).")
    var openIndex: String?

    func run() throws {
        if let openIndex {
            try OpenTimeBenchmark(path: openIndex).run()
            return
        }
        var corpus = try jsonl.map(BenchmarkCorpus.jsonLines) ?? BenchmarkCorpus.pages(in: paths.isEmpty ? ["Corpus"] : paths)
        if let queries { corpus.queries = try BenchmarkCorpus.loadQueries(queries) } else { corpus.generateQueries(count: 200) }
        if scale > 1 {
            let base = corpus.documents
            for copy in 1..<scale { corpus.documents += base.map { var d = $0; d.path += "#\(copy)"; return d } }
        }
        let work = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-bench-\(getpid())")
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }

        let megabytes = Double(corpus.textBytes) / 1_048_576
        if hanSingleCharacters {
            print("documents: \(corpus.documents.count), text: \(String(format: "%.1f", megabytes)) MB, \(rounds) rounds")
            try HanUnigramBenchmark(corpus: corpus, rounds: rounds, work: work).run()
            return
        }
        print("documents: \(corpus.documents.count), text: \(String(format: "%.1f", megabytes)) MB, queries: \(corpus.queries.count) × \(rounds) rounds")
        if corpus.sourceBytes > 0 {
            print(String(format: "extraction (Scour, 1 core): %.0f pages/s, %.1f MB/s of source",
                         Double(corpus.extractedPages) / corpus.extractionSeconds,
                         Double(corpus.sourceBytes) / 1_048_576 / corpus.extractionSeconds))
        }

        if hugePageMegabytes > 0 { try hugePageExtraction(megabytes: hugePageMegabytes) }

        // Indexing, one core each.
        let scourDirectory = (work as NSString).appendingPathComponent("scour")
        let scourSeconds = try measure {
            let directory = IndexDirectory(path: scourDirectory)
            try directory.create()
            var builder = SegmentBuilder(analyzer: Analyzer())
            for document in corpus.documents { builder.add(document) }
            let info = try SegmentWriter.write(builder, to: directory.segmentPath(generation: 1, ordinal: 0))
            try directory.commit(Manifest(generation: 1, analyzer: .standard, segments: [info]))
        }
        let sqlitePath = (work as NSString).appendingPathComponent("fts5.db")
        let sqlite = try SQLiteFTS5(path: sqlitePath)
        let rows = corpus.documents.map { (title: $0.title, body: $0.text) }
        let sqliteSeconds = try measure { try sqlite.insert(rows) }

        // Queries.
        let index = try SearchIndex(path: scourDirectory)
        var scourLatencies: [Double] = [], sqliteLatencies: [Double] = []
        var scourHits = 0, sqliteHits = 0
        for _ in 0..<rounds {
            for query in corpus.queries {
                let start = DispatchTime.now().uptimeNanoseconds
                scourHits += (try? index.search(query, options: SearchOptions(limit: 10)).hits.count) ?? 0
                scourLatencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                let start2 = DispatchTime.now().uptimeNanoseconds
                sqliteHits += sqlite.search(query, limit: 10).count
                sqliteLatencies.append(Double(DispatchTime.now().uptimeNanoseconds - start2) / 1e6)
            }
        }

        let scourSize = directorySize(scourDirectory)
        let sqliteSize = (try? FileManager.default.attributesOfItem(atPath: sqlitePath)[.size] as? Int) ?? 0
        print("")
        print("engine        index docs/s   index MB/s   index size   query p50 ms   p95 ms   mean ms   queries/s   hits")
        report("scour", corpus, scourSeconds, megabytes, scourSize, scourLatencies, scourHits)
        report("sqlite-fts5", corpus, sqliteSeconds, megabytes, sqliteSize, sqliteLatencies, sqliteHits)
    }

    /// Times the extraction of one synthetic page of `megabytes` MB (the
    /// page the test suite extracts, at full size): the speed figure the
    /// tests deliberately leave out.
    func hugePageExtraction(megabytes: Int) throws {
        let paragraph = "<div class=item><p>Paragraph of the enormous page with <a href='x.htm'>a link</a> and "
            + "some <b>bold</b> words &amp; entities, line after line.</p></div>\n"
        let target = megabytes * 1024 * 1024
        var page = Array("<html><head><title>Huge</title></head><body>".utf8)
        page.reserveCapacity(target + 4096)
        let repeated = Array(paragraph.utf8)
        while page.count < target { page += repeated }
        page += Array("<p>The very last line of the page survives.</p></body></html>".utf8)
        var document: ExtractedDocument?
        let seconds = try measure { document = try DocumentExtractor().extract(page, fileExtension: "html") }
        let complete = document?.text.hasSuffix("The very last line of the page survives.") == true
        print(String(format: "%d MB page extraction (Scour, 1 core): %.2f s, %.1f MB/s%@",
                     megabytes, seconds, Double(page.count) / 1_048_576 / seconds, complete ? "" : " (INCOMPLETE TEXT)"))
    }

    func measure(_ body: () throws -> Void) throws -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    func report(_ name: String, _ corpus: BenchmarkCorpus, _ seconds: Double, _ megabytes: Double,
                _ size: Int, _ latencies: [Double], _ hits: Int) {
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        let mean = latencies.reduce(0, +) / Double(max(1, latencies.count))
        print(String(format: "%@ %13.0f %12.1f %10.1f MB %14.3f %8.3f %9.3f %11.0f %6d",
                     name.padding(toLength: 12, withPad: " ", startingAt: 0),
                     Double(corpus.documents.count) / seconds, megabytes / seconds, Double(size) / 1_048_576,
                     percentile(0.5), percentile(0.95), mean, 1000 / max(mean, 1e-9), hits))
    }

    func directorySize(_ path: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: (path as NSString).appendingPathComponent(name))[.size] as? Int) ?? 0)
        }
    }
}

Benchmark.main()
