import ArgumentParser
import Foundation
import ScourExtraction

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Show the title and text Scour would index for a page.",
        discussion: "Use it to see what chrome (menus, footers, breadcrumbs, counters) was stripped."
    )

    @Argument(help: "The page to read; '-' reads standard input.")
    var file: String?

    @Flag(name: .long, help: "Read the page from standard input.")
    var stdin = false

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard stdin || file != nil else { throw ValidationError("give a FILE to extract, or '-' / --stdin to read standard input") }
        guard !(stdin && file != nil && file != "-") else { throw ValidationError("give either a FILE or --stdin, not both") }
    }

    func run() throws {
        let fromStdin = stdin || file == "-"
        let name = fromStdin ? "standard input" : file!
        let data: Data
        if fromStdin {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory) else {
                throw CLIError("no such file: \(name)")
            }
            guard !isDirectory.boolValue else { throw CLIError("\(name) is a folder: give one page file") }
            guard let contents = FileManager.default.contents(atPath: name) else { throw CLIError("cannot read \(name)") }
            data = contents
        }
        let ext = fromStdin ? "" : (name as NSString).pathExtension.lowercased()
        let document: ExtractedDocument
        do {
            document = try DocumentExtractor().extract([UInt8](data), fileExtension: ext)
        } catch {
            throw CLIError("cannot extract \(name): \(error.description)")
        }
        switch format {
        case .json:
            try JSONOutput.print(ExtractOutput(document))
        case .text:
            var out = "Title: \(document.title)\n"
            out += "Format: \(document.format.rawValue), \(document.encoding)\n\n"
            out += document.text
            if !document.text.hasSuffix("\n") { out += "\n" }
            Terminal.write(out)
        }
    }
}

/// The JSON shape of `scour extract --format json`.
struct ExtractOutput: Encodable {
    var title: String
    var text: String
    var format: String
    var encoding: String
    /// The kept lines that were headings (indexed as their own field).
    var headings: [String]

    init(_ document: ExtractedDocument) {
        headings = document.headings
        title = document.title
        text = document.text
        format = document.format.rawValue
        encoding = document.encoding
    }
}
