import Foundation
import Testing

/// The query language, batch mode and "did you mean", through the binary on
/// `Corpus/`.
@Suite("scour search: query language", .serialized)
struct QueryLanguageEndToEndTests {
    static var index: String { CLIEndToEndTests.index }

    /// Paths of the results, in order.
    func paths(_ query: String, _ extra: [String] = []) throws -> [String] {
        let output = try ScourProcess.run(["search", "--index", Self.index, "--limit", "50", "--format", "json"] + extra + ["--", query])
        // 1 is "no match"; anything else is a failure, not an empty answer.
        #expect(output.status == 0 || output.status == 1, "\(query): \(output.stderr)")
        guard output.status == 0 else { return [] }
        let object = try JSONSerialization.jsonObject(with: output.stdoutData) as? [String: Any]
        return (object?["results"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
    }

    @Test(arguments: [
        ("title:robotics", ["northfield-university/news/robotics-lab-opens.html"]),
        ("chemistry AND safety", ["ashgrove-college/news/chemistry-lab-safety-rules.html"]),
        (#""autonomous lab"~2"#, ["northfield-university/news/robotics-lab-opens.html"]),
        ("url:cs-241 AND NOT url:cs-118", ["northfield-university/computing/courses/cs-241.html"]),
    ])
    func exactAnswers(query: String, expected: [String]) throws {
        #expect(try paths(query) == expected)
    }

    @Test func prefixFuzzyPhraseAndExclusion() throws {
        #expect(try paths("robot*").first == "northfield-university/news/robotics-lab-opens.html")
        #expect(try paths("robtics~").first == "northfield-university/news/robotics-lab-opens.html")
        #expect(try paths(#""PHYS 1120""#).first == "riverton-physics-1998/phys1120.htm")
        let lab = try paths("lab -robotics")
        #expect(!lab.isEmpty && !lab.contains("northfield-university/news/robotics-lab-opens.html"))
        // A boost changes which of two people comes first.
        #expect(try paths("Wrenfield Osei^5").first == "northfield-university/computing/people/amara-osei.html")
        #expect(try paths("Wrenfield^5 Osei").first == "northfield-university/computing/people/tobias-wrenfield.html")
    }

    @Test func prefixMatchesAreHighlighted() throws {
        let output = try ScourProcess.run(["search", "--index", Self.index, "--limit", "1", "robot*"])
        #expect(output.stdout.contains("[Robotics]"))
    }

    @Test func syntaxErrorPointsAtTheColumn() throws {
        let output = try ScourProcess.run(["search", "--index", Self.index, "(robotics OR lab"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("scour: error: query syntax error at column 1: "))
        #expect(output.stderr.split(separator: "\n").count == 1)
    }

    @Test func didYouMeanOnNoMatch() throws {
        let output = try ScourProcess.run(["search", "--index", Self.index, "libary"])
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr == "No match. Did you mean: library\n")
    }

    @Test func didYouMeanInJSONWhenLittleMatches() throws {
        let output = try ScourProcess.run(["search", "--index", Self.index, "--format", "json", "robotics orchestr"])
        let object = try #require(try JSONSerialization.jsonObject(with: output.stdoutData) as? [String: Any])
        #expect(object["suggestion"] as? String == "robotics orchestra")
    }

    @Test func batchQueriesGiveATRECRun() throws {
        let file = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-queries-\(UUID().uuidString).tsv")
        try "q1\trobotics lab\nq2\t(unclosed group\n\nq3\t图书馆\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let output = try ScourProcess.run(["search", "--index", Self.index, "--queries", file, "--format", "trec", "--limit", "5"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.allSatisfy { $0.count == 6 && $0[1] == "Q0" && $0[5] == "scour" })
        #expect(lines.first?[0] == "q1" && lines.first?[2] == "northfield-university/news/robotics-lab-opens.html" && lines.first?[3] == "1")
        // The unparsable query runs as plain words, with a warning naming its line.
        #expect(lines.contains { $0[0] == "q2" })
        #expect(output.stderr.contains("\(file):2: "))
        #expect(lines.contains { $0[0] == "q3" && $0[2] == "xiling-tech-zh/news/2025/tushuguan-xinguan-kaifang.html" })
        // Ranks are consecutive per query.
        let q1 = lines.filter { $0[0] == "q1" }.map { Int($0[3]) ?? 0 }
        #expect(q1 == [1, 2, 3, 4, 5])
    }
}
