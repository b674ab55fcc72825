import Foundation
import Testing
@testable import Scour
import ScourTestSupport

/// Programs some tests run (wget, python3, gzip, the warcio venv); a test
/// that needs one that is missing is skipped with a reason, never failed.
enum ExternalTools {
    /// The first executable `name` on PATH.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static let wget = find("wget")
    static let python3 = find("python3")
    static let gzip = find("gzip")

    /// `.venv-tests/bin/python`, made by `Tests/Scripts/setup-test-tools.sh`,
    /// when warcio is installed in it (the script leaves the venv without
    /// warcio when the package index cannot be reached).
    static let venvPython: String? = {
        let venv = RepositoryFiles.root.appendingPathComponent(".venv-tests")
        let python = venv.appendingPathComponent("bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let lib = venv.appendingPathComponent("lib")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        let hasWarcio = versions.contains { version in
            FileManager.default.fileExists(atPath: lib.appendingPathComponent("\(version)/site-packages/warcio/__init__.py").path)
        }
        return hasWarcio ? python : nil
    }()

    static var hasWgetAndPython: Bool { wget != nil && python3 != nil }
    static var hasWarcio: Bool { venvPython != nil }

    struct Run {
        var status: Int32
        var output: String
    }

    /// Runs a program to completion, output and errors to one temporary file
    /// (no pipe to fill up). Killed after `limit` seconds so a hung tool
    /// fails the test instead of hanging it; that is a guard, not a measurement.
    static func run(_ executable: String, _ arguments: [String], in folder: String? = nil,
                    limit: TimeInterval = 900) throws -> Run {
        let log = NSTemporaryDirectory() + "scour-tool-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + limit) == .timedOut {
            kill(process.processIdentifier, SIGKILL)  // see LocalHTTPServer.stop()
            done.wait()
            Issue.record("\(executable) \(arguments.joined(separator: " ")) did not finish within \(Int(limit)) s")
        }
        try handle.close()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return Run(status: process.terminationStatus, output: output)
    }

    /// Gzips `bytes` as one member with the real gzip tool.
    static func gzipMember(_ bytes: [UInt8], scratch: TemporaryDirectory) throws -> [UInt8] {
        let name = "member-\(UUID().uuidString)"
        let plain = scratch.write(name, bytes)
        let result = try run(gzip!, ["-n", "-f", plain])
        #expect(result.status == 0, "gzip failed: \(result.output)")
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: plain + ".gz")))
        try? FileManager.default.removeItem(atPath: plain + ".gz")
        return compressed
    }
}

/// `python3 -m http.server` on a free port of 127.0.0.1, serving `folder`;
/// stopped by ``stop()`` (call it in a `defer`).
final class LocalHTTPServer {
    let process = Process()
    let port: Int
    private let log: String

    init(serving folder: String) throws {
        log = NSTemporaryDirectory() + "scour-http-\(UUID().uuidString).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: ExternalTools.python3!)
        // Port 0: the system picks a free one, which the server prints.
        process.arguments = ["-u", "-m", "http.server", "--bind", "127.0.0.1", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var found: Int?
        // Wait for the "Serving HTTP on 127.0.0.1 port N" line, at most 2 minutes: a loaded machine can take long to start Python.
        for _ in 0..<2400 where found == nil && process.isRunning {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"port (\d+)"#, options: .regularExpression) {
                found = Int(text[range].dropFirst(5))
            } else {
                usleep(50_000)
            }
        }
        guard let found else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw ServerError(message: "python3 -m http.server did not report its port")
        }
        port = found
    }

    /// SIGKILL, not `terminate()`: on Linux, Foundation's `Process` starts
    /// children with the spawning thread's signal mask, where SIGTERM is
    /// blocked, so a SIGTERM is never delivered and `waitUntilExit` hangs.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: log)
    }

    struct ServerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// Every event of a WARC file, in order (bounded, so a reader that loops
/// forever fails the test instead of hanging it).
func allEvents(_ reader: WARCReader) -> [WARCEvent] {
    var events: [WARCEvent] = []
    while let event = reader.next() {
        events.append(event)
        if events.count > 100_000 {
            Issue.record("more than 100000 events: the reader does not advance")
            break
        }
    }
    return events
}

extension Array where Element == WARCEvent {
    var documents: [WARCDocument] {
        compactMap { if case .document(let document) = $0 { return document } else { return nil } }
    }
    var skips: [WARCSkip] {
        compactMap { if case .skipped(let skip) = $0 { return skip } else { return nil } }
    }
    var damages: [SourceDamage] {
        compactMap { if case .damaged(let damage) = $0 { return damage } else { return nil } }
    }
}
