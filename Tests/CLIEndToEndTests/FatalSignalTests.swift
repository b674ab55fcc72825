import Foundation
import Testing

/// A fatal stop (an allocation refused under `ulimit -v`, or a bug) ends
/// in one line that says the index is unchanged, not a page of backtrace.
@Suite("Fatal stops")
struct FatalSignalTests {
    @Test func anAbortIsOneLineAndExitSeventy() throws {
        // `scour extract -` waits for its input: abort it while it waits,
        // as the runtime does when an allocation is refused.
        let process = Process()
        process.executableURL = ScourProcess.executable
        process.arguments = ["extract", "-"]
        let input = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        // The handler is installed before the command reads its input:
        // wait until the process sleeps reading the pipe (Linux's /proc
        // says so), however long start-up takes on a busy machine.
        let wchan = "/proc/\(process.processIdentifier)/wchan"
        guard FileManager.default.fileExists(atPath: wchan) else {
            kill(process.processIdentifier, SIGKILL)
            print("skipped: /proc/PID/wchan is not available here to see the process wait for input")
            return
        }
        // (/proc files say they are empty: read them to the end, not by size.)
        func waitingOn() -> String {
            String(decoding: FileHandle(forReadingAtPath: wchan)?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        }
        while process.isRunning, !waitingOn().contains("pipe_read") {
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGABRT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        #expect(process.terminationStatus == 70, "\(stderr)")
        let lines = stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(stderr)")
        #expect(stderr.contains("stopped by a fatal error") && stderr.contains("index on disk is unchanged"))
    }
}
