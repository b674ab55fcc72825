import Foundation
import ScourTestSupport
import Testing

/// The short form of Tests/Scripts/crash-harness.sh: `scour index` killed
/// at random moments of an update must leave the index as it was before or
/// as it is after, and a rerun must complete it without leftovers.
///
/// The kill moments are drawn within the duration of one uninterrupted
/// update measured by the harness, so the test does not depend on the
/// machine's speed. The long form (≥ 50 runs) is run by hand:
///
///     Tests/Scripts/crash-harness.sh --runs 50 --pages 2000
@Suite("Crash harness (short form)",
       .enabled(if: ExternalProcess.find("python3") != nil && ExternalProcess.find("bash") != nil,
                "the crash harness needs python3 and bash on PATH: skipped"))
struct CrashHarnessTests {
    static let script = ScourProcess.repositoryRoot.appendingPathComponent("Tests/Scripts/crash-harness.sh").path

    @Test func killedUpdatesLeaveTheIndexBeforeOrAfterAndARerunCompletesIt() throws {
        let bash = try #require(ExternalProcess.find("bash"))
        let result = try ExternalProcess.run(
            bash, [Self.script, "--runs", "6", "--pages", "300", "--scour", ScourProcess.executable.path])
        #expect(result.status == 0, "\(result.output)")
        let summary = try #require(result.output.split(separator: "\n").last { $0.hasPrefix("crash-harness: runs=") },
                                   "no summary line: \(result.output)")
        #expect(summary.hasPrefix("crash-harness: runs=6 "), "\(summary)")
        #expect(summary.contains(" failures=0 "), "\(result.output)")
        // Every run ended in one of the two states (or finished first).
        let counts = Dictionary(uniqueKeysWithValues: summary.split(separator: " ").compactMap { field -> (String, Int)? in
            let parts = field.split(separator: "=")
            guard parts.count == 2, let value = Int(parts[1]) else { return nil }
            return (String(parts[0]), value)
        })
        let before = counts["killed-before-commit"] ?? 0, after = counts["killed-after-commit"] ?? 0
        #expect(before + after == 6, "\(summary)")
    }
}
