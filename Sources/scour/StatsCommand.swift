import ArgumentParser
import Foundation
import Scour

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
        let stats = try SearchIndex(path: index).statistics()
        switch format {
        case .json:
            try JSONOutput.print(stats)
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
        }
    }
}
