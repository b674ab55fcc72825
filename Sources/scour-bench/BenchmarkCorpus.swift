import Foundation
import Scour
import ScourExtraction
import ScourIndex

/// The documents and queries a benchmark run uses, loaded once so that both
/// engines index exactly the same extracted text.
struct BenchmarkCorpus {
    var documents: [StoredDocument]
    var queries: [String]
    var extractionSeconds: Double = 0
    var sourceBytes: Int = 0
    var extractedPages: Int = 0

    var textBytes: Int { documents.reduce(0) { $0 + $1.title.utf8.count + $1.text.utf8.count } }

    /// Pages from folders, extracted with Scour's extractor (timed).
    static func pages(in paths: [String]) throws -> BenchmarkCorpus {
        let files = try SourceWalker.walk(paths).files.filter { $0.kind == .page }
        let extractor = DocumentExtractor()
        var documents: [StoredDocument] = []
        var bytes = 0
        let start = Date()
        for file in files {
            guard let data = try? file.read() else { continue }
            bytes += data.count
            guard let page = try? extractor.extract(data, fileExtension: file.fileExtension) else { continue }
            documents.append(StoredDocument(path: file.id, title: page.title, text: page.text, format: page.format.rawValue))
        }
        var corpus = BenchmarkCorpus(documents: documents, queries: [])
        corpus.extractionSeconds = Date().timeIntervalSince(start)
        corpus.sourceBytes = bytes
        corpus.extractedPages = documents.count
        return corpus
    }

    /// BEIR-style JSON Lines: {"_id" or "id", "title", "text"}.
    static func jsonLines(_ path: String) throws -> BenchmarkCorpus {
        var documents: [StoredDocument] = []
        for object in try readJSONLines(path) {
            let id = (object["_id"] ?? object["id"]).map { "\($0)" } ?? "\(documents.count)"
            documents.append(StoredDocument(path: id, title: object["title"] as? String ?? "", text: object["text"] as? String ?? ""))
        }
        return BenchmarkCorpus(documents: documents, queries: [])
    }

    /// Queries: JSON Lines with "text", or one query per line ("qid<TAB>text" or plain).
    static func loadQueries(_ path: String) throws -> [String] {
        if path.hasSuffix(".jsonl") {
            return try readJSONLines(path).compactMap { $0["text"] as? String }
        }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            line.split(separator: "\t", maxSplits: 1).last.map(String.init) ?? String(line)
        }
    }

    /// Deterministic two- and three-word queries drawn from the documents'
    /// titles, for corpora that come without queries.
    mutating func generateQueries(count: Int) {
        var generator = SplitMix64(seed: 42)
        var result: [String] = []
        let pool = documents.filter { $0.title.split(separator: " ").count >= 2 }
        guard !pool.isEmpty else { return }
        while result.count < count {
            let title = pool[Int(generator.next() % UInt64(pool.count))].title
            let words: [String] = title.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count > 3 }
            guard words.count >= 2 else { result.append(title); continue }
            let n = 2 + Int(generator.next() % 2)
            let start = Int(generator.next() % UInt64(max(1, words.count - n + 1)))
            let picked: [String] = Array(words[start..<min(words.count, start + n)])
            result.append(picked.joined(separator: " "))
        }
        queries = result
    }

    private static func readJSONLines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}

/// A small deterministic random number generator.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
