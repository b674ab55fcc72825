import ArgumentParser
import Foundation
import Logging
import Scour
import ScourServer

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer searches over HTTP (JSON API).",
        discussion: """
            Serves the index at http://HOST:PORT until SIGINT (Ctrl-C) or SIGTERM, then lets the
            requests in flight finish (at most 5 seconds). New commits of the index, by a
            `scour index` running beside it, are picked up by themselves.
              GET /search?q=WORDS&limit=10&offset=0&site=HOST    results as `scour search --format json`
              GET /documents/ID                                   a stored page
              GET /stats                                          as `scour stats --format json`
              GET /health                                         200 when the index answers, else 503
            It binds to 127.0.0.1 unless --host says otherwise.
            """
    )

    @Option(name: .long, help: "Index directory to serve.")
    var index: String = "Index"

    @Option(name: .long, help: "Address to listen on (0.0.0.0: every interface).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "TCP port (0: any free port, printed at start).")
    var port: Int = 7700

    @Flag(name: .long, help: "Refuse every write request (403).")
    var readOnly = false

    @Option(name: .long, help: "Searches run at once (default: one per core); more wait their turn.")
    var searchThreads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: ArgumentHelp(
        "Send X-Elastic-Product: Elasticsearch on every answer.",
        discussion: "The official Elasticsearch clients (elasticsearch-py 8 and later) refuse a server that does not send it. Off by default: it claims to be Elasticsearch."))
    var esCompatHeader = false

    @Option(name: .long, help: ArgumentHelp(
        "A file holding the key every write request must carry.",
        discussion: "Writes (_doc, _bulk, _refresh) then need Authorization: ApiKey KEY, Authorization: Bearer KEY or X-API-Key: KEY; searches need none."))
    var apiKeyFile: String?

    @Option(name: .long, help: "Largest _bulk request, in MB.")
    var maxBulkMb: Int = 10

    @Option(name: .long, help: "Largest body of any other request, in KB.")
    var maxBodyKb: Int = 64

    @Option(name: .long, help: "Stop a search running longer than this many seconds (answered 503).")
    var timeLimit: Double = 10

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port)") }
        guard searchThreads >= 1 else { throw ValidationError("--search-threads must be at least 1") }
        guard (1...1024).contains(maxBulkMb) else { throw ValidationError("--max-bulk-mb must be from 1 to 1024") }
        guard (1...1_048_576).contains(maxBodyKb) else { throw ValidationError("--max-body-kb must be from 1 to 1048576") }
        guard timeLimit.isFinite, (0.1...3600).contains(timeLimit) else { throw ValidationError("--time-limit must be from 0.1 to 3600 (seconds)") }
    }

    func run() throws {
        var key: String?
        if let apiKeyFile {
            guard let data = FileManager.default.contents(atPath: apiKeyFile) else {
                throw CLIError("cannot read the API key file \(apiKeyFile): check the path and its permissions")
            }
            key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard key?.isEmpty == false else { throw CLIError("the API key file \(apiKeyFile) is empty: put the key in it") }
        }
        let configuration = ServerConfiguration(indexPath: index, host: host, port: port, readOnly: readOnly,
                                                searchThreads: searchThreads, elasticProductHeader: esCompatHeader,
                                                apiKey: key, maximumBulkBytes: maxBulkMb << 20, maximumBodyBytes: maxBodyKb << 10,
                                                timeLimit: .milliseconds(Int(timeLimit * 1000)))
        do {
            _ = try SearchIndex(path: index)
        } catch {
            Terminal.warning("\(error.description); answering 503 until the index can be opened")
        }
        var logger = Logger(label: "scour.serve")
        logger.logLevel = .info
        let host = self.host
        let failure = FailureBox()
        let finished = DispatchSemaphore(value: 0)
        Task {
            do {
                try await ScourServer.run(configuration, logger: logger) { port in
                    Terminal.write("Serving \(configuration.indexPath) at http://\(host):\(port)/ (Ctrl-C to stop)\n")
                }
            } catch {
                failure.set(error)
            }
            finished.signal()
        }
        finished.wait()
        if let error = failure.error {
            let reason = String(describing: error)
            if reason.contains("Address already in use") {
                throw CLIError("port \(port) on \(host) is already in use: choose another --port, or stop the server listening there")
            }
            if reason.contains("Permission denied") {
                throw CLIError("cannot listen on \(host):\(port) (permission denied): ports below 1024 need root; choose another --port")
            }
            throw CLIError("cannot serve on \(host):\(port): \(reason); choose another --port or --host")
        }
    }
}

/// The error a server task ended with, handed to the waiting thread.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    var error: (any Error)? { lock.withLock { stored } }
    func set(_ error: any Error) { lock.withLock { stored = error } }
}
