import Foundation
import ScourTestSupport
import Testing

/// `scour search --after/--before/--sort date`.
@Suite("scour search by date")
struct SearchDateOptionsTests {
    @Test func datesFilterAndOrderResults() throws {
        let folder = TemporaryDirectory()
        let lines = (0..<8).map { number in
            "{\"id\": \"n\(number)\", \"title\": \"Exam notice \(number)\", \"text\": \"Exam rooms notice \(number).\", \"date\": \"\(2023 + number / 4)-0\(1 + number % 4 * 2)-10\"}"
        }
        let source = folder.file("news.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: source, atomically: true, encoding: .utf8)
        let index = folder.file("Index")
        #expect(try ScourProcess.run(["index", source, "--index", index, "--quiet"]).status == 0)
        let filtered = try ScourProcess.run(["search", "exam", "--index", index, "--after", "2024-03", "--before", "2024", "--sort", "date",
                                             "--format", "json"])
        #expect(filtered.status == 0, "\(filtered.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [String: Any])
        let dates = (object["results"] as? [[String: Any]])?.compactMap { $0["date"] as? String }
        #expect(dates == ["2024-07-10", "2024-05-10", "2024-03-10"])
        let bad = try ScourProcess.run(["search", "exam", "--index", index, "--after", "soon"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("after must be a date like 2024, 2024-06 or 2024-06-30, not \"soon\""), "\(bad.stderr)")
    }
}
