#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs the programs tests need (wget, python3, gzip) robustly on a busy
/// machine: output to a file (no pipe to fill up), a hang guard, SIGKILL to
/// stop. The one process runner of the test targets.
public enum ExternalProcess {
    /// What a finished program left: its exit status and its output and
    /// errors, interleaved.
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
    }

    /// A program that had to be killed by the hang guard.
    public struct TimedOut: Error, CustomStringConvertible {
        public var command: String
        public var limit: TimeInterval
        public var output: String
        public var description: String { "\(command) did not finish within \(Int(limit)) s: \(output.suffix(500))" }
    }

    /// wget's arguments for a loopback crawl on a loaded machine: retry a
    /// refused or timed-out request, and give a slow reply five minutes.
    public static let wgetRetryArguments = ["--tries=3", "--retry-connrefused", "--waitretry=1", "--timeout=300"]

    /// The first executable `name` on PATH, or nil.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program to completion, output and errors to one temporary
    /// file. Killed after `limit` seconds, so that a hung tool fails the test
    /// (``TimedOut``) instead of hanging it; that is a guard, not a measurement.
    public static func run(_ executable: String, _ arguments: [String], in folder: String? = nil,
                           limit: TimeInterval = 900) throws -> Result {
        let log = NSTemporaryDirectory() + "scour-tool-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
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
        let timedOut = done.wait(timeout: .now() + limit) == .timedOut
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            done.wait()
        }
        try handle.close()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        if timedOut {
            throw TimedOut(command: ([executable] + arguments).joined(separator: " "), limit: limit, output: output)
        }
        return Result(status: process.terminationStatus, output: output)
    }

    /// Stops `process` and waits for it. SIGKILL, not `terminate()`: on
    /// Linux, Foundation's `Process` starts children with the spawning
    /// thread's signal mask, where SIGTERM is blocked, so a SIGTERM is never
    /// delivered and `waitUntilExit` hangs.
    public static func stop(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// `python3 -m http.server` on a free port of 127.0.0.1 chosen by the
/// system (no race for a port), serving `folder`; stopped by ``stop()``
/// (call it in a `defer`).
///
///     let server = try LocalHTTPServer(serving: folder.file("site"))
///     defer { server.stop() }
///     let url = "http://127.0.0.1:\(server.port)/"
///
/// Waits up to 2 minutes for the server to start: a loaded machine can
/// take long to start Python.
public final class LocalHTTPServer {
    public let port: Int
    private let process = Process()
    private let log: String

    public init(serving folder: String) throws {
        guard let python3 = ExternalProcess.find("python3") else { throw ServerError(message: "python3 not found on PATH") }
        log = NSTemporaryDirectory() + "scour-http-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: python3)
        // Port 0: the system picks a free one, which the server prints.
        process.arguments = ["-u", "-m", "http.server", "--bind", "127.0.0.1", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle  // the request log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var found: Int?
        // The "Serving HTTP on 127.0.0.1 port N" line: 2,400 tries, 50 ms apart.
        for _ in 0..<2400 where found == nil && process.isRunning {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"port (\d+)"#, options: .regularExpression) {
                found = Int(text[range].dropFirst(5))
            } else {
                usleep(50_000)
            }
        }
        guard let found else {
            ExternalProcess.stop(process)
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: log)
            throw ServerError(message: "python3 -m http.server did not report its port: \(output.suffix(500))")
        }
        port = found
    }

    /// Stops the server; returns what it wrote (its request log:
    /// `127.0.0.1 - - [date] "GET /news.jsp HTTP/1.1" 200 -`).
    @discardableResult
    public func stop() -> String {
        ExternalProcess.stop(process)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: log)
        return output
    }

    public struct ServerError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
