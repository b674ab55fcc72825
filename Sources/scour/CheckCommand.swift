import ArgumentParser
import Foundation
import Scour
import ScourIndex

/// `scour check`: reads every byte of an index and reports damage.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify an index: checksums, structure, and agreement with its manifest.",
        discussion: """
            Reads every file the manifest names: each segment's full checksum, size and \
            counts, every term's postings, every stored document, each deletion file. \
            Searches open a segment by its header and footer only; this is the thorough pass.
            Prints one line per problem and exits 1 when anything is damaged; files no \
            manifest names (left by an interrupted run) are reported as notes.
            """
    )

    @Option(name: .long, help: "Index directory to check.")
    var index: String = "Index"

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let report = checkIndex(at: index)
        switch format {
        case .json:
            try JSONOutput.print(CheckOutput(report))
        case .text:
            if report.isHealthy {
                let deleted = report.documents - report.liveDocuments
                let documents = "\(report.liveDocuments) document\(report.liveDocuments == 1 ? "" : "s")"
                    + (deleted > 0 ? " (and \(deleted) deleted, dropped by the next merge)" : "")
                let segments = "\(report.segments) segment\(report.segments == 1 ? "" : "s")"
                Terminal.write("ok: \(documents) in \(segments), all checksums verified\n")
            }
            for problem in report.problems {
                Terminal.write("error: \(Terminal.escaped(problem.file)): \(Terminal.escaped(problem.message))\n")
            }
            for note in report.notes {
                Terminal.write("note: \(Terminal.escaped(note.file)): \(Terminal.escaped(note.message))\n")
            }
        }
        if !report.isHealthy { throw ExitCode(1) }
    }
}

/// The JSON shape of `scour check --format json`.
struct CheckOutput: Encodable {
    var ok: Bool
    var documents: Int
    var liveDocuments: Int
    var segments: Int
    var problems: [IndexProblem]
    var notes: [IndexProblem]

    init(_ report: IndexCheckReport) {
        ok = report.isHealthy
        documents = report.documents
        liveDocuments = report.liveDocuments
        segments = report.segments
        problems = report.problems
        notes = report.notes
    }
}
