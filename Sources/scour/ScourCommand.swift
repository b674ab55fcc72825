import ArgumentParser
import Foundation
import Scour
import ScourExtraction
import ScourIndex
import ScourSearch

/// `scour`: index scraped pages, search them with ranked snippets.
@main
struct ScourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scour",
        abstract: "Full-text search over folders of scraped web pages.",
        discussion: """
            Index a folder, then search it; after each re-crawl, run `scour index` again to
            update the index with what changed:
              scour index Corpus --index Index
              scour search "student union exchange"
              scour index --index Index          # re-read the sources, update
            """,
        version: "0.1.0",
        subcommands: [IndexCommand.self, SearchCommand.self, ExtractCommand.self, StatsCommand.self, CheckCommand.self,
                      RemoveCommand.self, OptimizeCommand.self, ServeCommand.self]
    )

    /// Runs the command, turning every error into one line on stderr and a
    /// non-zero exit status (2 for errors; `search` uses 1 for "no match").
    static func main() {
        FatalSignals.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .success || error is CleanExit {
                exit(withError: error)
            }
            if let code = error as? ExitCode {
                Foundation.exit(code.rawValue)
            }
            // Usage mistakes (unknown options, bad values) keep ArgumentParser's
            // wording; domain errors print their own one-line description.
            let usageError = exitCode(for: error) == .validationFailure && !(error is CLIError)
            let text = usageError
                ? message(for: error) + " (see 'scour help')"
                : userFacingDescription(of: error) ?? message(for: error)
            Terminal.error(text.replacingOccurrences(of: "\n", with: " "))
            Foundation.exit(usageError ? 64 : 2)
        }
    }
}

/// The one-line description of Scour's own errors, which are phrased for
/// users (what went wrong, what to do).
func userFacingDescription(of error: any Error) -> String? {
    switch error {
    case let error as CLIError: return error.description
    case let error as IndexError: return error.description
    case let error as IndexingError: return error.description
    case let error as SearchError: return error.description
    case let error as ExtractionError: return error.description
    default: return nil
    }
}

/// An error already phrased for the user.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
