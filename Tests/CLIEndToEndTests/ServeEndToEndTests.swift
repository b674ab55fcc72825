import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ScourTestSupport
import Testing

/// `scour serve` as a process: started on a free port of 127.0.0.1, driven
/// by the official Elasticsearch and OpenSearch Python clients
/// (`Tests/Scripts/es-clients.py`, installed by
/// `Tests/Scripts/setup-test-tools.sh`), and stopped with SIGTERM.
@Suite("scour serve", .serialized)
struct ServeEndToEndTests {
    static let venvPython = ScourProcess.repositoryRoot.appendingPathComponent(".venv-tests/bin/python").path
    static let hasClients: Bool = {
        guard FileManager.default.isExecutableFile(atPath: venvPython) else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: venvPython)
        probe.arguments = ["-c", "import elasticsearch, opensearchpy"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    /// A running `scour serve`, its port read from the line it prints.
    final class Server: @unchecked Sendable {
        let process = Process()
        let port: Int
        let errors = Pipe()
        private let lock = NSLock()
        private var logged = Data()
        /// What the server wrote to stderr (its access log), read as it comes
        /// so that a busy log never fills the pipe and stalls the server.
        var log: String { lock.withLock { String(decoding: logged, as: UTF8.self) } }

        init(_ arguments: [String]) throws {
            process.executableURL = ScourProcess.executable
            process.arguments = ["serve", "--port", "0"] + arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            // "Serving INDEX at http://127.0.0.1:PORT/ (Ctrl-C to stop)"
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                  let port = Int(text[range].split(separator: ":").last ?? "") else {
                process.terminate()
                throw ServeError(message: "no port in \(text.debugDescription)")
            }
            self.port = port
            errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                self.lock.withLock { self.logged.append(data) }
            }
        }

        /// Sends SIGTERM and waits for the process to end; its exit status.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            errors.fileHandleForReading.readabilityHandler = nil
            // What is still in the pipe after the exit.
            let rest = errors.fileHandleForReading.readDataToEndOfFile()
            lock.withLock { logged.append(rest) }
            return process.terminationStatus
        }
    }

    struct ServeError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    @Test(.enabled(if: hasClients, "no Elasticsearch/OpenSearch Python clients in .venv-tests: run Tests/Scripts/setup-test-tools.sh (needs PyPI)"))
    func officialElasticsearchAndOpenSearchClientsSearchIt() throws {
        let folder = TemporaryDirectory()
        let index = folder.file("pages")
        let source = ScourProcess.repositoryRoot.appendingPathComponent("Tests/Fixtures/index-format-4-source/pages.jsonl").path
        let build = try ScourProcess.run(["index", source, "--index", index, "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        let server = try Server(["--index", index, "--es-compat-header"])
        let client = Process()
        client.executableURL = URL(fileURLWithPath: Self.venvPython)
        client.arguments = [ScourProcess.repositoryRoot.appendingPathComponent("Tests/Scripts/es-clients.py").path,
                            "http://127.0.0.1:\(server.port)", "pages"]
        let output = Pipe()
        client.standardOutput = output
        client.standardError = output
        try client.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        client.waitUntilExit()
        #expect(client.terminationStatus == 0, "\(report)")
        #expect(report.components(separatedBy: "\nok   ").count > 20, "\(report)")
        // SIGTERM: a graceful stop, status 0.
        #expect(server.stop() == 0)
    }

    @Test func aStartedServerAnswersAndStopsOnSIGTERM() throws {
        let folder = TemporaryDirectory()
        let server = try Server(["--index", folder.file("missing")])
        // No index yet: the server runs and says 503.
        let (status, body) = try Self.get("http://127.0.0.1:\(server.port)/health")
        #expect(status == 503)
        #expect(body.contains("the index cannot be opened"))
        #expect(server.stop() == 0)
        #expect(server.log.contains("GET /health 503"), "\(server.log)")
    }

    @Test func aReindexBesideTheServerIsSearchedWithoutARestartOrAFailedRequest() throws {
        let folder = TemporaryDirectory()
        let source = folder.file("news.jsonl")
        var lines = (0..<40).map { "{\"id\": \"n\($0)\", \"title\": \"Notice \($0)\", \"text\": \"Campus notice number \($0) about the library.\"}" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: source, atomically: true, encoding: .utf8)
        let index = folder.file("Index")
        #expect(try ScourProcess.run(["index", source, "--index", index, "--quiet"]).status == 0)
        let server = try Server(["--index", index])
        // Searches keep coming while the index is updated three times.
        final class Statuses: @unchecked Sendable {
            let lock = NSLock()
            var values: [Int] = []
            var stop = false
        }
        let statuses = Statuses()
        let done = DispatchSemaphore(value: 0)
        let port = server.port
        Thread.detachNewThread {
            while !statuses.lock.withLock({ statuses.stop }) {
                let status = (try? Self.get("http://127.0.0.1:\(port)/search?q=library+notice&limit=5").0) ?? 0
                statuses.lock.withLock { statuses.values.append(status) }
            }
            done.signal()
        }
        for round in 1...3 {
            lines.append("{\"id\": \"new\(round)\", \"title\": \"Round \(round)\", \"text\": \"zeppelin\(round) arrives at the library.\"}")
            try (lines.joined(separator: "\n") + "\n").write(toFile: source, atomically: true, encoding: .utf8)
            let update = try ScourProcess.run(["index", "--index", index, "--quiet"])
            #expect(update.status == 0, "\(update.stderr)")
            // The commit is seen by the next search: no restart.
            let (status, body) = try Self.get("http://127.0.0.1:\(server.port)/search?q=zeppelin\(round)")
            #expect(status == 200 && body.contains("\"total\":1"), "\(body)")
        }
        statuses.lock.withLock { statuses.stop = true }
        done.wait()
        let seen = statuses.lock.withLock { statuses.values }
        #expect(!seen.isEmpty)
        #expect(seen.allSatisfy { $0 == 200 }, "\(Dictionary(grouping: seen, by: { $0 }).mapValues(\.count))")
        #expect(server.stop() == 0)
    }

    @Test func aPortInUseIsOneClearLine() throws {
        let folder = TemporaryDirectory()
        let server = try Server(["--index", folder.file("missing")])
        let second = try ScourProcess.run(["serve", "--index", folder.file("missing"), "--port", String(server.port)])
        #expect(second.status == 2)
        #expect(second.stderr.hasSuffix("scour: error: port \(server.port) on 127.0.0.1 is already in use: choose another --port, or stop the server listening there\n"),
                "\(second.stderr)")
        #expect(server.stop() == 0)
    }

    /// A GET with URLSession (FoundationNetworking on Linux): status and body.
    static func get(_ address: String) throws -> (Int, String) {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, String)?
        let task = URLSession.shared.dataTask(with: URL(string: address)!) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self))
            semaphore.signal()
        }
        task.resume()
        semaphore.wait()
        guard let result else { throw ServeError(message: "no answer from \(address)") }
        return result
    }
}
