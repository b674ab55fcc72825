import Testing
@testable import ScourExtraction

/// Markup that libxml2's HTML parser reads differently from a browser, and
/// text that arrives in a form search would not match: each page here is
/// small and shows one trap.
@Suite("Parser traps")
struct ParserTrapTests {
    static let article = "<article><h1>Robotics Lab Opens</h1><p>The new robotics laboratory opened on Monday with"
        + " twelve workstations and a test track for student projects.</p></article>"

    // MARK: noscript

    /// libxml2 lets no end tag close an open `div`, so `</noscript>` was
    /// ignored and the whole article ended up inside the skipped noscript.
    @Test(arguments: [
        "<noscript><div><img src=\"https://pixel.example/t.gif\" alt=\"\"></noscript>",
        "<noscript><div class=\"notice\"><p>Please enable JavaScript.</noscript>",
        "<noscript><table><tr><td><img src=\"https://pixel.example/t.gif\"></noscript>",
        "<NOSCRIPT><DIV><IMG SRC=x></NOSCRIPT>",
    ])
    func unclosedDivInNoscriptDoesNotSwallowThePage(noscript: String) throws {
        let page = "<html><head><title>Lab</title></head><body>\(noscript)\(Self.article)</body></html>"
        let document = try extract(page)
        #expect(document.text.contains("The new robotics laboratory opened on Monday"))
        #expect(!document.text.contains("enable JavaScript"))
    }

    @Test func noscriptRepairClosesWhatWasLeftOpen() {
        func repaired(_ markup: String) -> String {
            String(decoding: LegacyMarkup.repaired(Array(markup.utf8)), as: UTF8.self)
        }
        #expect(repaired("<noscript><div><img src=x></noscript><p>After</p>")
                == "<noscript><div><img src=x></div></noscript><p>After</p>")
        #expect(repaired("<noscript><table><tr><td>x</noscript>") == "<noscript><table><tr><td>x</td></tr></table></noscript>")
        // An end tag with nothing to close inside the noscript would close what is outside it.
        #expect(repaired("<div><noscript></div>Enable JavaScript</noscript><p>Text</p></div>")
                == "<div><noscript>Enable JavaScript</noscript><p>Text</p></div>")
        // Balanced, unclosed, or only mentioned in a comment or a script: left alone.
        for unchanged in [
            "<noscript><div>x</div></noscript>", "<noscript><div>x", "<noscript><!-- <div> --></noscript>",
            "<noscript><script>var a = '<div>';</script></noscript>", "<noscripts><div></noscripts>",
        ] {
            #expect(repaired(unchanged) == unchanged)
        }
        // Entities are still repaired around and inside it.
        #expect(repaired("&copy 1996<noscript><div>&copy 1997</noscript>&copy 1998")
                == "&copy; 1996<noscript><div>&copy; 1997</div></noscript>&copy; 1998")
    }

    /// Scripts are raw text: what looks like markup in their strings starts nothing.
    @Test func markupInScriptsIsNotRepaired() throws {
        let script = "<script>var open = '<!--', tag = '<noscript><div>', word = '<![if x]>';</script>"
        let page = "<html><head><title>Lab</title>\(script)</head><body>"
            + "<noscript><div><img src=x></noscript>\(Self.article)</body></html>"
        #expect(try extract(page).text.contains("The new robotics laboratory opened on Monday"))
        #expect(LegacyMarkup.repaired(Array(script.utf8)) == Array(script.utf8))
    }

    /// A page that scripts render, with its text for crawlers in noscript.
    @Test func pageWhoseTextIsAllInNoscriptIsRead() throws {
        let page = """
            <html><head><title>Annual Report</title><script src="app.js"></script></head>
            <body><div id="app"></div><noscript><h1>Annual Report of the Foundation</h1>
            <p>The foundation funded forty research projects this year, twelve of them in marine biology
            and the rest across physics and chemistry.</p></noscript></body></html>
            """
        let document = try extract(page)
        #expect(document.text.contains("The foundation funded forty research projects this year"))
        #expect(document.headings == ["Annual Report of the Foundation"])
    }

    /// On an ordinary page, noscript only asks for JavaScript or holds a pixel.
    @Test func noscriptNoticesStayOutOfOrdinaryPages() throws {
        let page = """
            <html><head><title>Lab</title><noscript><img src="https://pixel.example/t.gif"></noscript></head>
            <body><noscript><p>Please enable JavaScript to use all features of this site.</p></noscript>
            <p>The new robotics laboratory opened on Monday with twelve workstations.</p>
            <noscript><iframe src="https://tags.example/ns.html"></iframe></noscript></body></html>
            """
        let document = try extract(page)
        #expect(document.text == "The new robotics laboratory opened on Monday with twelve workstations.")
    }

    // MARK: Ruby

    @Test func rubyReadingsAreLeftOut() throws {
        let page = """
            <html><body><p>毎日<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rp>(</rp><rt>じ</rt><rp>)</rp></ruby>を\
            勉強して、<ruby><rb>東京</rb><rtc><rt>とうきょう</rt></rtc></ruby>の大学で日本語の授業を受けています。\
            先生はとても親切で、毎週新しい言葉を教えてくれます。</p></body></html>
            """
        let document = try extract(page)
        #expect(document.text.contains("毎日漢字を勉強して、東京の大学で日本語の授業を受けています。"))
        #expect(!document.text.contains("かん"))
        #expect(!document.text.contains("とうきょう"))
    }

    // MARK: Word's conditional markers

    /// Word's "Save as HTML" writes `<![if !supportLists]>` … `<![endif]>`
    /// around list bullets; libxml2 keeps them as text.
    @Test func wordConditionalMarkersAreNotText() throws {
        let page = """
            <html><body><p class=MsoNormal>The registrar asks all students to complete two steps before term.</p>
            <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]>\
            <span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;</span></span>\
            <![endif]>Submit the enrolment form by Friday.</p>
            <p class=MsoListParagraphCxSpLast><![if !supportLists]>2.<span>&nbsp;</span><![endif]>Bring your student card.</p>
            <p class=MsoNormal><![if !vml]><img width=100 src="image001.png"><![endif]>Signed, the Registrar's Office.</p>
            <!--[if gte mso 9]><xml><o:OfficeDocumentSettings>hidden</o:OfficeDocumentSettings></xml><![endif]-->
            </body></html>
            """
        let document = try extract(page)
        #expect(!document.text.contains("[if"))
        #expect(!document.text.contains("endif"))
        #expect(document.text.contains("Submit the enrolment form by Friday."))
        #expect(document.text.contains("Bring your student card."))
        #expect(document.text.contains("Signed, the Registrar's Office."))
    }

    @Test func cdataIsNotABogusDeclaration() {
        let markup = "<p><![CDATA[kept as it is]]></p>"
        #expect(LegacyMarkup.repaired(Array(markup.utf8)) == Array(markup.utf8))
    }

    /// `<![endif]-->` ends an IE conditional comment: removing it as Word's
    /// marker took the comment's end with it, and the comment swallowed the page.
    @Test func conditionalCommentsAreLeftWhole() throws {
        let comment = "<!--[if lt IE 9]><script src=\"html5shiv.js\"></script><![endif]-->"
        let markup = "<head>\(comment)</head>"
        #expect(LegacyMarkup.repaired(Array(markup.utf8)) == Array(markup.utf8))
        let page = "<html><head><title>Lab</title>\(comment)</head><body>\(Self.article)</body></html>"
        #expect(try extract(page).text.contains("The new robotics laboratory opened on Monday"))
        // A comment is not scanned for anything: no entity repaired in it either.
        let entity = "<!-- &copy 1996 --><p>&copy 1997</p>"
        #expect(String(decoding: LegacyMarkup.repaired(Array(entity.utf8)), as: UTF8.self) == "<!-- &copy 1996 --><p>&copy; 1997</p>")
    }

    // MARK: NFC

    /// Swift's `==` compares canonically, so the scalars are compared.
    static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test func decomposedTextComesOutComposed() throws {
        let page = "<html><head><title>Cafe\u{301} de Flore</title></head><body><h2>Cafe\u{301} menu</h2>"
            + "<p>The cafe\u{301} serves cre\u{300}me bru\u{302}le\u{301}e, and \u{1100}\u{1161} is one Hangul syllable.</p></body></html>"
        let document = try extract(page)
        #expect(Self.scalars(document.title) == Self.scalars("Caf\u{E9} de Flore"))
        #expect(Self.scalars(document.headings.first ?? "") == Self.scalars("Caf\u{E9} menu"))
        #expect(document.text.unicodeScalars.contains("\u{E9}"))
        #expect(document.text.utf8.elementsEqual(
            "Caf\u{E9} menu\nThe caf\u{E9} serves cr\u{E8}me br\u{FB}l\u{E9}e, and \u{AC00} is one Hangul syllable.".utf8))
    }

    @Test func plainTextIsComposedToo() throws {
        let text = "Re\u{301}sume\u{301} workshop\nThe careers office runs a re\u{301}sume\u{301} workshop every Tuesday.\n"
        let document = try extract(text, fileExtension: "txt")
        #expect(!document.text.unicodeScalars.contains("\u{301}"))
        #expect(document.text.unicodeScalars.contains("\u{E9}"))
    }

    @Test func compositionCheck() {
        // Nothing to compose: left as it is.
        #expect(CanonicalComposition.isSurelyComposed("plain ASCII text"))
        #expect(CanonicalComposition.isSurelyComposed("Zürich, café, naïve"))
        #expect(CanonicalComposition.isSurelyComposed("东川大学新闻网：关于寒假放假安排的通知，한국어, Русский"))
        // Might change: normalised.
        #expect(!CanonicalComposition.isSurelyComposed("cafe\u{301}"))
        #expect(!CanonicalComposition.isSurelyComposed("\u{1100}\u{1161}"))
        #expect(!CanonicalComposition.isSurelyComposed("\u{AC00}\u{11A8}"))  // syllable + final jamo
        #expect(!CanonicalComposition.isSurelyComposed("\u{304B}\u{3099}"))  // か + voicing mark
        #expect(Self.scalars(CanonicalComposition.composed("\u{304B}\u{3099}")) == [0x304C])
        #expect(Self.scalars(CanonicalComposition.composed("\u{AC00}\u{11A8}")) == [0xAC01])
        #expect(Self.scalars(CanonicalComposition.composed("\u{212B}ngstro\u{308}m")) == Self.scalars("\u{C5}ngstr\u{F6}m"))
        #expect(Self.scalars(CanonicalComposition.composed("Greek question mark\u{37E}")) == Self.scalars("Greek question mark;"))
        // Already NFC outside the fast ranges: the same string back.
        #expect(Self.scalars(CanonicalComposition.composed("\u{E9}t\u{E9} \u{915}\u{93F}")) == [0xE9, 0x74, 0xE9, 0x20, 0x915, 0x93F])
    }
}
