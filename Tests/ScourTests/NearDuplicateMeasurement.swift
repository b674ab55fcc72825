import Foundation
import Testing
import Scour

/// Duplicate counts on real collections, printed for a person to read (the
/// cost of fingerprinting is measured on the indexer with callgrind, not
/// here: tests do not time); runs only when `SCOUR_DEDUPE_MEASURE` is set:
///
///     SCOUR_DEDUPE_MEASURE=1 swift test -c release --filter NearDuplicateMeasurement
///
/// SciFact's abstracts are all different (any near pair is a false
/// positive); Debian's HTML manuals (crude tag strip) and the extraction
/// dev set's gold texts hold some real copies.
@Suite("Near-duplicate measurement", .enabled(if: ProcessInfo.processInfo.environment["SCOUR_DEDUPE_MEASURE"] != nil,
                                               "a measurement, not a test: set SCOUR_DEDUPE_MEASURE=1 to run it (reads ../shared)"))
struct NearDuplicateMeasurement {
    struct Page { var name: String; var title: String; var text: String }

    @Test func sciFact() throws {
        let path = RepositoryFiles.shared.appendingPathComponent("data/scifact/corpus.jsonl").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let pages = try lines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return Page(name: "\(object["_id"] ?? "")", title: object["title"] as? String ?? "",
                        text: object["text"] as? String ?? "")
        }
        report("SciFact", pages)
    }

    @Test func debianDocumentation() {
        let pages = Self.files(under: "/usr/share/doc", endingWith: [".html", ".htm"]).compactMap { path -> Page? in
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            let (title, text) = Self.stripTags(String(decoding: data, as: UTF8.self))
            return Page(name: path, title: title, text: text)
        }
        report("Debian /usr/share/doc HTML", pages)
    }

    @Test func extractionGold() {
        let root = RepositoryFiles.shared.appendingPathComponent("data/extraction-dev").path
        let pages = ["dragnet", "cleanportaleval"].flatMap { set in
            Self.files(under: "\(root)/\(set)/gold", endingWith: [".txt"]).map { path in
                Page(name: path, title: "", text: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
            }
        }
        report("extraction-dev gold", pages)
    }

    func report(_ name: String, _ pages: [Page]) {
        let bytes = pages.reduce(0) { $0 + $1.title.utf8.count + $1.text.utf8.count }
        let fingerprints = pages.map { ContentFingerprint(title: $0.title, text: $0.text) }
        let groups = NearDuplicateIndex.duplicates(fingerprints)
        let short = fingerprints.filter { $0.words < NearDuplicateIndex.defaultMinimumWords }.count
        print("== \(name): \(pages.count) pages, \(bytes / 1000) KB, \(short) under \(NearDuplicateIndex.defaultMinimumWords) words")
        let aliases = groups.enumerated().compactMap { pair in pair.element.map { (kept: $0, alias: pair.offset) } }
        let exact = aliases.filter { fingerprints[$0.kept].exact == fingerprints[$0.alias].exact }
        print("   \(aliases.count) aliases (\(exact.count) exact) in \(Set(aliases.map(\.kept)).count) groups")
        for (kept, alias) in aliases.prefix(15) {
            print("   d=\(fingerprints[kept].distance(to: fingerprints[alias])) words \(fingerprints[kept].words)/\(fingerprints[alias].words)")
            print("     \(pages[kept].name.suffix(60)): \(Self.snippet(pages[kept]))")
            print("     \(pages[alias].name.suffix(60)): \(Self.snippet(pages[alias]))")
        }
    }

    static func snippet(_ page: Page) -> String {
        String((page.title + " | " + page.text).split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(80))
    }

    static func files(under root: String, endingWith suffixes: [String]) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: [String] = []
        while let path = walker.nextObject() as? String {
            if suffixes.contains(where: path.hasSuffix) { paths.append(root + "/" + path) }
        }
        return paths.sorted()
    }

    /// A crude HTML-to-text: drops scripts, styles and tags, decodes a few
    /// entities. Enough to compare pages, not to index them.
    static func stripTags(_ html: String) -> (title: String, text: String) {
        var text = html
        for tag in ["script", "style"] {
            text = text.replacingOccurrences(of: "(?is)<\(tag)[^>]*>.*?</\(tag)>", with: " ", options: .regularExpression)
        }
        var title = ""
        if let range = text.range(of: "(?is)<title[^>]*>.*?</title>", options: .regularExpression) {
            title = text[range].replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            text.removeSubrange(range)
        }
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [("&nbsp;", " "), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\"")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return (title, text)
    }
}
