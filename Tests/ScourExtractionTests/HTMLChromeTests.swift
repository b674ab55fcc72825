import Testing
@testable import ScourExtraction

/// Chrome stripping on HTML pages of different eras, and its safety net.
@Suite("HTML chrome")
struct HTMLChromeTests {
    static let modernPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>New Telescope Opens | Department of Astronomy</title>
        <style>body { color: red }</style><script>var tracking = "do not index";</script>
        </head><body class="page has-sidebar">
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header"><div class="logo"><a href="/">Department of Astronomy</a></div>
          <nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/research">Research</a></li>
          <li><a href="/people">People</a></li><li><a href="/contact">Contact</a></li></ul></nav>
          <form role="search"><input type="text" placeholder="Search the site"><button>Go</button></form>
        </header>
        <div class="breadcrumbs"><a href="/">Home</a> › <a href="/news">News</a> › New telescope</div>
        <main id="main">
          <article>
            <header class="entry-header"><h1>New Telescope Opens on Campus</h1>
            <p class="byline">By Ada Lovelace, 12 March 2026</p></header>
            <p>The university opened its new 1.2&nbsp;metre telescope on Friday, giving students
               <em>hands-on</em> access to research-grade observations every clear night.</p>
            <p>Three things make it special:</p>
            <ul><li>Adaptive optics</li><li>A spectrograph built in-house</li><li>Remote observing</li></ul>
            <div class="share-buttons"><a href="https://twitter.com/share">Tweet</a> <a href="https://facebook.com/share">Share</a></div>
          </article>
          <aside class="sidebar"><h2>Upcoming events</h2><p>Open night, 20 March</p></aside>
        </main>
        <footer><p>&copy; 2026 University of Example. All rights reserved.</p>
          <ul class="footer-links"><li><a href="/privacy">Privacy</a></li><li><a href="/jobs">Jobs</a></li></ul></footer>
        </body></html>
        """

    @Test func modernCMSPageKeepsTheArticleOnly() throws {
        let document = try extract(Self.modernPage)
        #expect(document.format == .html)
        #expect(document.title == "New Telescope Opens")  // the h1 names the first part; the rest is the site
        #expect(document.lines == [
            "New Telescope Opens on Campus",
            "By Ada Lovelace, 12 March 2026",
            "The university opened its new 1.2 metre telescope on Friday, giving students hands-on access to "
                + "research-grade observations every clear night.",
            "Three things make it special:",
            "Adaptive optics",
            "A spectrograph built in-house",
            "Remote observing",
        ])
    }

    static let tableLayoutPage = """
        <HTML><HEAD><TITLE>Riverton Physics - Welcome</TITLE></HEAD>
        <BODY BGCOLOR="#FFFFFF">
        <TABLE WIDTH=100%><TR>
        <TD WIDTH=150 VALIGN=TOP><FONT SIZE=2>
          <A HREF="index.html">Home</A><BR><A HREF="people.html">People</A><BR>
          <A HREF="courses.html">Courses</A><BR><A HREF="research.html">Research</A><BR>
          <A HREF="seminars.html">Seminars</A><BR><A HREF="links.html">Links</A></FONT></TD>
        <TD VALIGN=TOP>
          <H2>Welcome to the Department of Physics</H2>
          <P>The department offers undergraduate and graduate programs in physics and astronomy.
          Our faculty conduct research in condensed matter, optics and particle physics.
          <P>Prospective students should contact the graduate secretary, Mary Jones, at (555) 123-4567.
          <P><A HREF="seminars.html">This week's seminar</A>: Superconductivity at high pressure, Thursday 4pm.
        </TD></TR></TABLE>
        <HR><CENTER><FONT SIZE=1>Physics Department, Room 210, Slipher Annex, Riverton, OH 45871<BR>
        Phone (419) 555-0188 &middot; <A HREF="mailto:web@phys.riverton.edu">web@phys.riverton.edu</A><BR>
        You are visitor number 004211 since January 1, 1997<BR>
        &copy 1998 Riverton University Physics Department</FONT></CENTER>
        </BODY></HTML>
        """

    @Test func tableLayoutPageDropsTheLinkColumnAndCopyright() throws {
        let document = try extract(Self.tableLayoutPage)
        #expect(document.title == "Riverton Physics - Welcome")
        #expect(document.lines.first == "Welcome to the Department of Physics")
        #expect(document.text.contains("condensed matter, optics and particle physics."))
        #expect(document.text.contains("Mary Jones, at (555) 123-4567."))
        #expect(document.text.contains("This week's seminar: Superconductivity at high pressure"))
        for chrome in ["Home", "People", "Courses", "Links", "1998 Riverton", "Slipher Annex", "555-0188", "visitor"] {
            #expect(!document.text.contains(chrome), "\(chrome) should be dropped")
        }
    }

    @Test func brokenMarkupKeepsItsText() throws {
        let page = """
            <title>Broken</title>
            <body><p>First paragraph without end
            <div><b>bold <i>and italic</b> text</div>
            <body><p>Second body's paragraph
            <table><tr><td>cell one<td>cell two</table>
            <p>Unclosed <span>tags everywhere
            """
        let document = try extract(page, fileExtension: "")
        #expect(document.format == .html)
        #expect(document.title == "Broken")
        for text in ["First paragraph without end", "bold and italic text", "Second body's paragraph",
                     "cell one", "cell two", "Unclosed tags everywhere"] {
            #expect(document.text.contains(text), "lost \(text)")
        }
    }

    @Test func staffProfileKeepsNameAndContactLines() throws {
        let page = """
            <html><head><title>Dr Priya Raghunathan</title></head><body>
            <nav><a href="/">Home</a> <a href="/staff">Staff</a> <a href="/research">Research</a>
              <a href="/news">News</a> <a href="/contact">Contact</a></nav>
            <div class="menu"><a href="/a">About</a><a href="/b">Study</a><a href="/c">Alumni</a></div>
            <div class="profile">
              <h1>Dr Priya Raghunathan</h1>
              <p>Senior Lecturer in Physical Chemistry</p>
              <p>Office: Room 2.14, Hartley Building</p>
              <p>Email: <a href="mailto:p.raghunathan@ashgrove.ac.uk">p.raghunathan@ashgrove.ac.uk</a></p>
              <p>Phone: <a href="tel:+441234567890">+44 1234 567890</a></p>
            </div>
            <footer>Ashgrove College · Copyright 2026</footer>
            </body></html>
            """
        let document = try extract(page)
        #expect(document.title == "Dr Priya Raghunathan")
        #expect(document.lines == [
            "Dr Priya Raghunathan",
            "Senior Lecturer in Physical Chemistry",
            "Office: Room 2.14, Hartley Building",
            "Email: p.raghunathan@ashgrove.ac.uk",
            "Phone: +44 1234 567890",
        ])
    }

    @Test func coursePageWithOnlyAHeadingSurvives() throws {
        let page = """
            <html><body><div id="nav"><a href="/">Home</a><a href="/c">Courses</a><a href="/p">People</a></div>
            <h1>CS 241 Data Structures</h1>
            <div id="footer"><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></div></body></html>
            """
        let document = try extract(page)
        #expect(document.title == "CS 241 Data Structures")
        #expect(document.text.contains("CS 241 Data Structures"))
    }

    /// When stripping would leave nothing, the gentler passes bring text back.
    @Test func pageThatIsAllChromeFallsBackToVisibleText() throws {
        let page = """
            <html><body><div class="sidebar"><p>Library opening hours: Monday to Friday, 9am to 5pm.</p>
            <p>Closed on public holidays.</p></div></body></html>
            """
        let document = try extract(page)
        #expect(document.text.contains("Library opening hours: Monday to Friday, 9am to 5pm."))
    }

    @Test func htmlSavedAsTextIsSniffedAsHTML() throws {
        let page = "<div><p>Saved as a text file.</p><p>Still <b>HTML</b>.</p><br></div>"
        let asText = try extract(page, fileExtension: "txt")
        #expect(asText.format == .html)
        #expect(asText.text == "Saved as a text file.\nStill HTML.")
        let noExtension = try extract("<!DOCTYPE html><title>T</title><p>Body</p>", fileExtension: "")
        #expect(noExtension.format == .html)
        #expect(noExtension.title == "T")
    }

    @Test func titleFallsBackToFirstH1() throws {
        let document = try extract("<html><body><h1>  Spring   Concert\n</h1><p>Tickets on sale now.</p></body></html>")
        #expect(document.title == "Spring Concert")
    }

    @Test func blockStructureAndWhitespace() throws {
        let page = """
            <body><h2>Timetable</h2><table><tr><th>Day</th><th>Room</th></tr><tr><td>Monday</td><td>B12</td></tr></table>
            <p>Line one<br>line&nbsp;&nbsp;two\u{3000}with\u{200B}ideographic space</p>
            <pre>code  kept
            on lines</pre><dl><dt>Term</dt><dd>Definition</dd></dl></body>
            """
        let document = try extract(page)
        #expect(document.lines == [
            "Timetable", "Day", "Room", "Monday", "B12", "Line one", "line two withideographic space",
            "code kept", "on lines", "Term", "Definition",
        ])
    }

    @Test func hiddenScriptsFormsAndTemplatesAreDropped() throws {
        let page = """
            <body><p>Visible paragraph with enough words to count as the page's content for sure.</p>
            <div style="display: none">Hidden tracking text</div>
            <noscript>Enable JavaScript</noscript><template><p>Template text</p></template>
            <select><option>Option text</option></select><textarea>Typed text</textarea>
            <svg><title>Icon title</title><text>Icon text</text></svg></body>
            """
        let document = try extract(page)
        #expect(document.text == "Visible paragraph with enough words to count as the page's content for sure.")
        #expect(document.title.isEmpty)
    }

    /// A nav menu the markup does not declare: a list whose entries are all links.
    @Test func undeclaredLinkListIsDropped() throws {
        let page = """
            <body><div><ul><li><a href="/1">Undergraduate</a></li><li><a href="/2">Postgraduate</a></li>
            <li><a href="/3">International</a></li><li><a href="/4">Alumni</a></li></ul></div>
            <div><p>The admissions office is open for visitors every weekday morning, and no appointment
            is needed to ask about applications, fees or accommodation.</p>
            <p>See the <a href="/fees">fees page</a> for details.</p></div></body>
            """
        let document = try extract(page)
        #expect(!document.text.contains("Undergraduate"))
        #expect(document.text.contains("See the fees page for details."))
    }

    @Test(arguments: [
        ("innavigable", true), ("navy", true), ("main-nav", false), ("topNav", false), ("site_footer", false),
        ("has-sidebar", true), ("breadcrumbs", false), ("entry-header", true), ("header", false),
        ("card-footer", false), ("social-share", false),
    ])
    func classWords(value: String, kept: Bool) throws {
        let page = """
            <body><div class="\(value)"><p>Chrome candidate text</p></div>
            <p>This paragraph is long enough to be the content of the page and keeps it from looking empty.</p></body>
            """
        let document = try extract(page)
        #expect(document.text.contains("Chrome candidate text") == kept, "class \(value)")
    }
}

@Suite("Documentation permalinks")
struct PermalinkTests {
    @Test func sphinxPilcrowsLeaveHeadingsAndDefinitions() throws {
        let page = """
            <html><head><title>collections — Container datatypes</title></head><body><div class="body">
            <h1>collections — Container datatypes<a class="headerlink" href="#module-collections" title="Link to this heading">¶</a></h1>
            <p>This module implements specialized container datatypes providing alternatives to dict, list, set and tuple.</p>
            <h2>defaultdict objects<a class="headerlink" href="#defaultdict-objects">¶</a></h2>
            <p>Returns a new dictionary-like object; the ¶ sign inside a sentence stays.</p>
            </div></body></html>
            """
        let document = try DocumentExtractor().extract(Array(page.utf8), fileExtension: "html")
        #expect(document.text.contains("defaultdict objects\n"))
        #expect(document.headings.contains("defaultdict objects"))
        #expect(!document.text.contains("objects¶"))
        #expect(document.text.contains("the ¶ sign inside a sentence stays."))
    }
}
