import ArgumentParser
import Foundation
import Scour
import ScourExtraction

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Show the text Scour would index for a page.",
        discussion: """
            The extracted text goes to stdout; the title, date and format go to stderr, \
            so `scour extract page.html > page.txt` keeps only the text. \
            --explain lists every block of the page with the decision taken on it and why.
            """
    )

    @Argument(help: "The page to read; '-' reads standard input. With --batch: IN_DIR OUT_DIR.")
    var paths: [String] = []

    var file: String? { paths.first }

    @Flag(name: .long, help: "Extract every page under IN_DIR into OUT_DIR/<path>.txt (text only).")
    var batch = false

    @Option(name: .long, help: "Parallel workers for --batch.")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Read the page from standard input.")
    var stdin = false

    @Flag(name: .long, help: "Show every block, kept (+) or dropped (-), with the reason.")
    var explain = false

    @Flag(name: .long, help: "Keep all visible text: no chrome stripping.")
    var keepAll = false

    @Flag(name: .long, help: "Drop readers' comments under posts (kept by default as part of the page).")
    var noComments = false

    @Option(name: .long, help: ArgumentHelp(
        "Learn site templates from the pages in DIR first, as `scour index DIR` would.",
        discussion: "Lines repeated across DIR's pages are stripped; with --explain they show as \"template: on N of M pages of …\"."),
        completion: .directory)
    var site: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if batch {
            guard paths.count == 2, !stdin else { throw ValidationError("--batch takes two folders: IN_DIR OUT_DIR") }
            guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
            return
        }
        guard paths.count <= 1 else { throw ValidationError("give one FILE (or --batch IN_DIR OUT_DIR)") }
        guard stdin || file != nil else { throw ValidationError("give a FILE to extract, or '-' / --stdin to read standard input") }
        guard !(stdin && file != nil && file != "-") else { throw ValidationError("give either a FILE or --stdin, not both") }
    }

    func run() throws {
        if batch {
            try runBatch(input: paths[0], output: paths[1])
            return
        }
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
        var document: ExtractedDocument
        do {
            document = try DocumentExtractor().extract(
                [UInt8](data), fileExtension: ext, options: ExtractionOptions(keepAll: keepAll, explain: explain, keepComments: !noComments))
        } catch {
            throw CLIError("cannot extract \(name): \(error.description)")
        }
        if let site, !keepAll {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: site, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIError("--site \(site) is not a folder: give the folder of pages the templates are learned from")
            }
            try SiteTemplateContext.learn(folder: site).apply(to: &document, path: fromStdin ? "" : name)
        }
        switch format {
        case .json:
            try JSONOutput.print(ExtractOutput(document))
        case .text:
            var header = "Title: \(document.title)\n"
            if let date = document.date { header += "Date: \(date)\n" }
            if let language = document.language { header += "Language: \(language)\n" }
            if let canonical = document.canonicalURL { header += "URL: \(canonical)\n" }
            header += "Format: \(document.format.rawValue), \(document.encoding)\n"
            Terminal.writeError(header + (Terminal.stderrIsTerminal && Terminal.stdoutIsTerminal ? "\n" : ""))
            if explain, let blocks = document.explanation {
                Terminal.write(ExtractCommand.render(blocks))
            } else {
                Terminal.write(document.text.isEmpty || document.text.hasSuffix("\n") ? document.text : document.text + "\n")
            }
        }
    }

    /// Extracts every page under `input` into `output`, mirroring paths with
    /// a `.txt` extension: the scorer's batch interface, and a way to measure
    /// extraction speed without a process start per page.
    func runBatch(input: String, output: String) throws {
        let files = try SourceWalker.walk([input]).files.filter { $0.kind == .page }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create the folder \(output): \(error.localizedDescription)")
        }
        let options = ExtractionOptions(keepAll: keepAll, keepComments: !noComments)
        let failures = BatchFailures()
        let started = Date()
        let count = files.count
        let workers = min(max(1, self.workers), max(1, count))
        // Create the output folders once, up front, not per page.
        var folders = Set<String>()
        for file in files { folders.insert(((output as NSString).appendingPathComponent(file.id) as NSString).deletingLastPathComponent) }
        for folder in folders { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let extractor = DocumentExtractor()
            for index in stride(from: worker, to: count, by: workers) {
                let file = files[index]
                let target = (output as NSString).appendingPathComponent(
                    ((file.id as NSString).deletingPathExtension) + ".txt")
                var text = ""
                if let bytes = try? file.read() {
                    do {
                        text = try extractor.extract(bytes, fileExtension: file.fileExtension, options: options).text
                    } catch {
                        failures.add("\(file.displayPath): \((error as? ExtractionError)?.description ?? "\(error)")")
                    }
                } else {
                    failures.add("\(file.displayPath): cannot read the file")
                }
                if !Self.write(text, to: target) { failures.add("\(target): cannot write the file") }
            }
        }
        for failure in failures.all { Terminal.warning("skipped \(failure)") }
        let seconds = Date().timeIntervalSince(started)
        Terminal.writeError(String(format: "extracted %d pages in %.2f s (%.0f pages/s, %d workers) → %@\n",
                                   count - failures.all.count, seconds, Double(count) / max(seconds, 1e-9), workers, output))
    }

    /// Writes `text` with plain POSIX calls (FileManager adds attribute
    /// calls per file that cost more than extracting a small page).
    static func write(_ text: String, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var text = text
        return text.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }

    /// One line per block: "+" kept or "-" dropped, the reason, the text.
    static func render(_ blocks: [BlockDecision]) -> String {
        var out = ""
        for block in blocks {
            let text = block.text.count > 100 ? String(block.text.prefix(99)) + "…" : block.text
            out += "\(block.kept ? "+" : "-") [\(block.reason)] \(text)\n"
        }
        return out
    }
}

/// Failures collected from batch workers.
final class BatchFailures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}

/// The JSON shape of `scour extract --format json`.
struct ExtractOutput: Encodable {
    struct Block: Encodable {
        var text: String
        var kept: Bool
        var reason: String
    }

    var title: String
    var text: String
    var format: String
    var encoding: String
    /// The kept lines that were headings (indexed as their own field).
    var headings: [String]
    var date: String?
    var language: String?
    var canonicalURL: String?
    /// Every block with its decision, with --explain.
    var explanation: [Block]?

    init(_ document: ExtractedDocument) {
        headings = document.headings
        title = document.title
        text = document.text
        format = document.format.rawValue
        encoding = document.encoding
        date = document.date
        language = document.language
        canonicalURL = document.canonicalURL
        explanation = document.explanation?.map { Block(text: $0.text, kept: $0.kept, reason: $0.reason) }
    }
}
