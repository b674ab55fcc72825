import Testing
@testable import ScourExtraction

/// Files that are not pages, and pages at the edges of size.
@Suite("Bad input")
struct BadInputTests {
    @Test(arguments: [[UInt8](), Array("   \n\t\r\n  ".utf8), Array("<html><body>  </body></html>".utf8)])
    func emptyFilesAreEmpty(bytes: [UInt8]) {
        #expect(throws: ExtractionError.empty) { try DocumentExtractor().extract(bytes, fileExtension: "html") }
    }

    @Test func scriptOnlyPageIsEmpty() {
        let page = "<html><head><script>var a = 1;</script></head><body><style>p{}</style></body></html>"
        #expect(throws: ExtractionError.empty) { try extract(page) }
    }

    @Test(arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D] as [UInt8], ContentKind.image),
        (Array("%PDF-1.4\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj".utf8), .pdf),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], .archive),
        ([UInt8](repeating: 0x01, count: 100) + Array("some text".utf8), .otherBinary),
    ])
    func binaryFilesAreBinary(bytes: [UInt8], kind: ContentKind) {
        #expect(throws: ExtractionError.binary(kind)) { try DocumentExtractor().extract(bytes, fileExtension: "txt") }
    }

    @Test func undecodableUTF16IsRejected() {
        // A UTF-16 mark followed by lone surrogates.
        let bytes: [UInt8] = [0xFF, 0xFE] + Array(repeating: [0x00, 0xDC], count: 50).flatMap { $0 }
        #expect(throws: ExtractionError.undecodable) { try DocumentExtractor().extract(bytes) }
    }

    @Test func errorsDescribeTheFile() {
        #expect(ExtractionError.empty.description == "the file is empty or has no text")
        #expect(ExtractionError.binary(.image).description == "the file is binary (an image), not a page")
        #expect(ExtractionError.tooSlow.description.contains("CPU budget"))
        #expect(ExtractionError.undecodable.description.contains("could not be decoded"))
    }

    @Test func fiveMegabytePageIsExtracted() throws {
        let paragraph = " talks about research, teaching and the life of the campus.</p>\n"
        var page = "<html><head><title>Big page</title></head><body>\n"
        var number = 0
        while page.utf8.count < 5_000_000 {
            page += "<p>Paragraph number \(number)" + paragraph
            number += 1
        }
        page += "<p>The very last paragraph.</p></body></html>"
        let document = try extract(page)
        #expect(document.title == "Big page")
        #expect(document.lines.count == number + 1)
        #expect(document.lines.last == "The very last paragraph.")
    }

    @Test func deeplyNestedMarkupDoesNotOverflow() throws {
        let page = String(repeating: "<div>", count: 20_000) + "deep text" + String(repeating: "</div>", count: 20_000)
        let document = try extract(page)
        #expect(document.text == "deep text")
    }

    /// The indexer extracts on both cores at once.
    @Test func extractsConcurrently() async throws {
        let page = Array(HTMLChromeTests.modernPage.utf8)
        let expected = try DocumentExtractor().extract(page, fileExtension: "html")
        let results = await withTaskGroup(of: ExtractedDocument?.self) { group in
            for _ in 0..<16 {
                group.addTask { try? DocumentExtractor().extract(page, fileExtension: "html") }
            }
            var results: [ExtractedDocument?] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == expected })
    }
}
