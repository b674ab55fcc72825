import Foundation
import Testing

/// `scour check` run as a process on a freshly indexed copy of `Corpus/`.
@Suite("scour check", .serialized)
struct CheckCommandEndToEndTests {
    /// Indexes Corpus/ into a fresh folder (each test damages its own).
    static func indexCorpus() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-check-\(UUID().uuidString)")
        let output = try ScourProcess.run(["index", "Corpus", "--index", path])
        try #require(output.status == 0, "\(output.stderr)")
        return path
    }

    @Test func healthyIndexPrintsOneOkLine() throws {
        let index = try Self.indexCorpus()
        defer { try? FileManager.default.removeItem(atPath: index) }
        let output = try ScourProcess.run(["check", "--index", index])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("ok: "))
        #expect(output.stdout.hasSuffix(" documents in 1 segment, all checksums verified\n"))
        let json = try ScourProcess.run(["check", "--index", index, "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect(object["ok"] as? Bool == true)
        #expect(object["segments"] as? Int == 1)
        #expect((object["problems"] as? [Any])?.isEmpty == true)
    }

    @Test func damagedSegmentIsOneLineNamingItAndExitStatus1() throws {
        let index = try Self.indexCorpus()
        defer { try? FileManager.default.removeItem(atPath: index) }
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: index).first { $0.hasSuffix(".scour") })
        let path = (index as NSString).appendingPathComponent(segment)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 3] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let output = try ScourProcess.run(["check", "--index", index])
        #expect(output.status == 1)
        #expect(output.stdout == "error: \(path): checksum mismatch\n")
        let json = try ScourProcess.run(["check", "--index", index, "--format", "json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let problems = try #require(object["problems"] as? [[String: String]])
        #expect(problems == [["file": path, "message": "checksum mismatch"]])
    }

    @Test func folderWithoutAnIndexIsAProblem() throws {
        let empty = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-check-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let output = try ScourProcess.run(["check", "--index", empty])
        #expect(output.status == 1)
        #expect(output.stdout.contains("no manifest"))
    }

    @Test func helpDescribesTheCommand() throws {
        let output = try ScourProcess.run(["check", "--help"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("--index"))
        #expect(output.stdout.contains("--format"))
        #expect(try ScourProcess.run(["--help"]).stdout.contains("check"))
    }
}
