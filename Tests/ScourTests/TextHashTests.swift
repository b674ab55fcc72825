import ScourIndex
import ScourPrimitives
import Testing
@testable import Scour

/// The text hash is persisted in catalogs: an update compares it with the
/// one stored, so its value must never change with its implementation.
@Suite("Text hash")
struct TextHashTests {
    /// The definition: FNV-1a over the parts, headings joined by line
    /// breaks, each part followed by a 0 byte.
    static func reference(_ document: StoredDocument) -> UInt64 {
        var hash = FNV1a.basis
        for part in [document.title, document.headings.joined(separator: "\n"), document.text, document.url,
                     document.date, document.canonicalURL, document.language, document.format] {
            for byte in part.utf8 { hash = FNV1a.add(hash, byte) }
            hash = FNV1a.add(hash, UInt8(0))
        }
        return hash
    }

    @Test(arguments: [0, 1, 3])
    func theHashIsItsDefinition(headings: Int) {
        let document = StoredDocument(
            path: "p", title: "Über uns — 关于", text: "Line one\nLine two 东川大学", format: "html",
            headings: (0..<headings).map { "Heading \($0)" }, url: "https://example.edu/a", date: "2026-11-30",
            canonicalURL: "https://example.edu/", language: "en")
        #expect(IndexingRun.textHash(document) == Self.reference(document))
        #expect(IndexingRun.textHash(document) != IndexingRun.textHash(StoredDocument(path: "p", title: "", text: "")))
    }
}
