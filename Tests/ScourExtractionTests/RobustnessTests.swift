import Testing
@testable import ScourExtraction

/// Old, broken and extreme pages: frames, image-only text, junk markers,
/// doubled or missing structure, entities without semicolons, absurd
/// nesting and size. None may crash, hang or lose the page's text.
@Suite("Robustness")
struct RobustnessTests {
    @Test func framesetKeepsItsNoframesText() throws {
        let page = """
            <html><head><title>Riverton Physics</title></head>
            <frameset cols="20%,80%"><frame src="menu.htm"><frame src="main.htm">
            <noframes><body><p>Your browser does not support frames. The department's seminar list is on the
            seminar page, and the course list on the courses page.</p></body></noframes></frameset></html>
            """
        let document = try extract(page)
        #expect(document.title == "Riverton Physics")
        #expect(document.text.contains("seminar list is on the seminar page"))
    }

    @Test func framesetWithoutTextDoesNotCrash() {
        let page = "<html><frameset rows='50%,50%'><frame src='a.htm'><frame src='b.htm'></frameset></html>"
        #expect(throws: ExtractionError.empty) { try extract(page) }
    }

    @Test func imageAltTextStandsInForAnEmptyBlock() throws {
        let page = """
            <html><body><table><tr><td><img src="head.gif" alt="Department of Physics and Astronomy"></td></tr>
            <tr><td><map name="nav"><area href="a.htm" alt="Home"></map><img src="map.gif" usemap="#nav"></td></tr>
            <tr><td><p>The department offers undergraduate and graduate degrees in physics and astronomy.</p></td></tr>
            </table></body></html>
            """
        let document = try extract(page)
        #expect(document.lines.contains("Department of Physics and Astronomy"))
        #expect(document.text.contains("undergraduate and graduate degrees"))
    }

    @Test func junkMarkersAreNotText() throws {
        let page = "<!WA0><!WA1><html><body><!WA2><p>Colloquium schedule for the spring term, every Friday at 4 pm.</p>"
            + "<!WA3></body></html>"
        let document = try extract(page)
        #expect(document.text == "Colloquium schedule for the spring term, every Friday at 4 pm.")
    }

    @Test func twoBodiesKeepBothTexts() throws {
        let page = "<html><body><p>First body paragraph about the observatory open nights.</p></body>"
            + "<body><p>Second body paragraph about the telescope and the dome.</p></body></html>"
        let document = try extract(page)
        #expect(document.text.contains("observatory open nights"))
        #expect(document.text.contains("telescope and the dome"))
    }

    @Test func pageWithoutHtmlOrBodyTags() throws {
        let document = try extract("<title>Faculty</title>\n<h1>Faculty and Staff</h1>\n<p>Professor Ada Quist, room 214.</p>")
        #expect(document.title == "Faculty")
        #expect(document.text.contains("Professor Ada Quist, room 214."))
    }

    @Test func entitiesWithoutSemicolons() throws {
        let document = try extract("<html><body><p>Tom &amp Jerry's page &copy 1996 Riverton &lt;draft&gt</p></body></html>")
        #expect(document.text == "Tom & Jerry's page © 1996 Riverton <draft>")
    }

    @Test func thousandNestedTables() throws {
        let depth = 1000
        let page = "<html><body>" + String(repeating: "<table><tr><td>", count: depth)
            + "Innermost cell text of a deeply nested layout." + String(repeating: "</td></tr></table>", count: depth)
            + "</body></html>"
        let document = try extract(page)
        #expect(document.text.contains("Innermost cell text of a deeply nested layout."))
    }

    @Test func unclosedNestedTablesAndFonts() throws {
        let page = "<html><body>" + String(repeating: "<table><tr><td><font size=2>", count: 1000)
            + "Text at the bottom of unclosed markup.</body></html>"
        #expect(try extract(page).text.contains("Text at the bottom of unclosed markup."))
    }

    @Test(arguments: ["", "   \n\t  ", "<!-- nothing here -->", "<html><!-- a --><body>\n<!-- b -->\n</body></html>",
                      "<html><head><title></title></head><body>&nbsp;</body></html>"])
    func emptyPagesAreEmpty(page: String) {
        #expect(throws: ExtractionError.empty) { try extract(page) }
    }

    /// The page size for `hugePageIsExtractedWhole`: 50 MB when the tests are
    /// built for release, a few MB in debug builds, where libxml2's callbacks
    /// into unoptimised Swift make every megabyte slow. The test asserts what
    /// is extracted, never how long it takes: speed is the benchmark's job
    /// (`scour-bench` prints a "50 MB page extraction" figure).
    #if DEBUG
    static let hugePageBytes = 4 * 1024 * 1024
    #else
    static let hugePageBytes = 50 * 1024 * 1024
    #endif

    @Test func hugePageIsExtractedWhole() throws {
        let paragraph = "<div class=item><p>Paragraph of the enormous page with <a href='x.htm'>a link</a> and "
            + "some <b>bold</b> words &amp; entities, line after line.</p></div>\n"
        var page = Array("<html><head><title>Huge</title></head><body>".utf8)
        page.reserveCapacity(Self.hugePageBytes + 4096)
        let repeated = Array(paragraph.utf8)
        var paragraphs = 0
        while page.count < Self.hugePageBytes {
            page += repeated
            paragraphs += 1
        }
        page += Array("<p>The very last line of the page survives.</p></body></html>".utf8)
        #expect(page.count >= Self.hugePageBytes)
        let document = try DocumentExtractor().extract(page, fileExtension: "html")
        #expect(document.title == "Huge")
        // Every paragraph is there, whole, in order, and the end of the page too.
        let lines = document.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == paragraphs + 1)
        let expected = "Paragraph of the enormous page with a link and some bold words & entities, line after line."
        #expect(lines.dropLast().allSatisfy { $0 == expected })
        #expect(lines.last == "The very last line of the page survives.")
    }
}
