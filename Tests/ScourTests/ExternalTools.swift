import Foundation
import Testing
@testable import Scour
import ScourTestSupport

/// Programs some tests run (wget, python3, gzip, the warcio venv); a test
/// that needs one that is missing is skipped with a reason, never failed.
/// They are run with `ExternalProcess.run` and served by `LocalHTTPServer`
/// (ScourTestSupport).
enum ExternalTools {
    static let wget = ExternalProcess.find("wget")
    static let python3 = ExternalProcess.find("python3")
    static let gzip = ExternalProcess.find("gzip")

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

    /// Gzips `bytes` as one member with the real gzip tool.
    static func gzipMember(_ bytes: [UInt8], scratch: TemporaryDirectory) throws -> [UInt8] {
        let name = "member-\(UUID().uuidString)"
        let plain = scratch.write(name, bytes)
        let result = try ExternalProcess.run(gzip!, ["-n", "-f", plain])
        #expect(result.status == 0, "gzip failed: \(result.output)")
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: plain + ".gz")))
        try? FileManager.default.removeItem(atPath: plain + ".gz")
        return compressed
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
