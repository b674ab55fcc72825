import ArgumentParser
import Foundation
import Scour

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove documents, or whole sources, from an index.",
        discussion: """
            Each target is a source given to `scour index` (its documents are removed and \
            the source is forgotten), a folder or file that documents were read from, a \
            document id, or a URL. A document's aliases go with it. The change is one \
            atomic commit. A removed file that is still inside a source is indexed again \
            by the next `scour index`: use --exclude there to keep it out.
            """
    )

    @Argument(help: "Sources, paths, document ids or URLs to remove.")
    var targets: [String]

    @Option(name: .long, help: "Index directory.")
    var index: String = "Index"

    @Flag(name: .long, help: "List what would be removed, and write nothing.")
    var dryRun = false

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard !targets.isEmpty else { throw ValidationError("name at least one source, path, id or URL to remove") }
    }

    func run() throws {
        let summary = try IndexMaintenance.remove(targets, indexPath: index, dryRun: dryRun)
        switch format {
        case .json:
            try JSONOutput.print(Output(removed: summary.removed, sources: summary.sources,
                                        unmatched: summary.unmatched, indexed: summary.indexed, dryRun: dryRun))
        case .text:
            for id in summary.removed { print("\(dryRun ? "would remove" : "removed") \(Terminal.escaped(id))") }
            for target in summary.unmatched { Terminal.warning("\(Terminal.escaped(target)) matches no document or source of \(index)") }
            Terminal.writeError("\(dryRun ? "would remove" : "removed") \(summary.removed.count) document\(summary.removed.count == 1 ? "" : "s")"
                + (summary.sources.isEmpty ? "" : " and \(summary.sources.count) source\(summary.sources.count == 1 ? "" : "s")")
                + "; \(summary.indexed) left in \(index)\n")
        }
        if summary.removed.isEmpty && summary.sources.isEmpty { throw ExitCode(1) }
    }

    struct Output: Encodable {
        var removed: [String]
        var sources: [String]
        var unmatched: [String]
        var indexed: Int
        var dryRun: Bool
    }
}

struct OptimizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Merge an index's segments into one, dropping deleted documents for good.",
        discussion: "Updates keep the segment count bounded by merging as they go; optimize is for an index that will not change for a while (an archive). One atomic commit; readers keep answering meanwhile."
    )

    @Option(name: .long, help: "Index directory.")
    var index: String = "Index"

    func run() throws {
        let summary = try IndexMaintenance.optimize(indexPath: index)
        let (before, after, dropped) = (summary.before, summary.after, summary.dropped)
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        if !summary.changed {
            Terminal.writeError("\(index) is already one segment without deleted documents\n")
        } else if before == 1 && after == 1 && dropped == 0 {
            Terminal.writeError("rewrote its segment in the current format\n")
        } else {
            Terminal.writeError("merged \(count(before, "segment")) into \(after)"
                + (dropped > 0 ? ", dropping \(count(dropped, "deleted document"))" : "") + "\n")
        }
    }
}
