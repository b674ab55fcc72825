import ArgumentParser
import Foundation
import Scour
import ScourIndex

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show the size and contents of an index."
    )

    @Option(name: .long, help: "Index directory to describe.")
    var index: String = "Index"

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let searchIndex = try SearchIndex(path: index)
        let stats = searchIndex.statistics()
        let sources = searchIndex.reader.manifest.sources ?? []
        switch format {
        case .json:
            try JSONOutput.print(StatsOutput(statistics: stats, sources: sources))
        case .text:
            let built = ISO8601DateFormatter().string(from: stats.builtAt)
            let analyzer = [stats.analyzer.stemming ? "English stemming" : "no stemming",
                            stats.analyzer.stopWords ? "stop words at query time" : "no stop words",
                            stats.analyzer.chineseFolding == nil ? "Chinese as written" : "traditional Chinese folded to simplified",
                            stats.analyzer.hanUnigrams ? "Han characters singly and in bigrams" : "Han bigrams only"]
                .joined(separator: ", ")
            Terminal.write("""
                Index:           \(index)
                Documents:       \(stats.documents)
                Distinct terms:  \(stats.distinctTerms)
                Postings:        \(stats.postings)
                Segments:        \(stats.segments)
                Size on disk:    \(Terminal.bytes(stats.bytes))
                Avg doc length:  \(String(format: "%.1f", stats.averageDocumentLength)) tokens
                Analyzer:        \(analyzer)
                Built:           \(built)

                """)
            if !sources.isEmpty {
                Terminal.write("Sources:\n")
                for source in sources {
                    Terminal.write("  \(Terminal.escaped(source.path))  (\(source.kind), \(source.documents) document\(source.documents == 1 ? "" : "s"))\n")
                }
            }
        }
    }
}

/// The JSON shape of `scour stats --format json`: the statistics' keys,
/// plus the sources the index was built from.
struct StatsOutput: Encodable {
    var statistics: IndexStatistics
    var sources: [IndexedSource]

    func encode(to encoder: any Encoder) throws {
        try statistics.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(sources, forKey: Key(stringValue: "sources"))
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
