import Testing
@testable import ScourExtraction

/// How the content region is chosen on pages built of several sections,
/// repeated lines, and noindex fences a template left open.
@Suite("Region choice")
struct RegionChoiceTests {
    static let steps = [
        "Choose a spot for the party at home, in a garden or in a park: a venue, with its deposit, its cleaning fee "
            + "and its rules, often costs more than the food, the drinks and the music together.",
        "Instead of hiring a band or a DJ, ask a friend to play a playlist of the graduate's favourite songs, which "
            + "is free, personal and, as the guests will tell you, far more fun to dance to.",
        "Serve drinks in jugs rather than cans, since guests open cans, put them down, forget them and leave them "
            + "half full all evening, which doubles what you spend on drinks.",
        "Invite the people closest to the graduate, and ask a friend's family, a neighbour or a cousin graduating "
            + "the same year to share a joint party, its work and its costs.",
    ]

    /// A how-to: an introduction, then steps, each a section of the same
    /// kind ("step > content") — the introduction's box wins, and the
    /// steps are parts of it, not boxes elsewhere.
    @Test func sectionsLikeTheWinnerAreKept() throws {
        let stepsHTML = Self.steps.enumerated().map { index, text in
            """
            <span><div class="mod step"><h3>Step \(index + 1)</h3><div class="step-content">
            <div class="content"><p>\(text)</p></div></div></div></span>
            """
        }.joined(separator: "\n")
        let page = """
            <html><body>
            <div class="menu"><a href="/">Home</a> <a href="/food">Food</a> <a href="/parties">Parties</a></div>
            <article><h1>How to throw a graduation party on a budget</h1>
            <div class="mod step"><div class="step-content"><div class="content lead">
              <p>Graduation parties are a great way to mark the years of work, but the average party costs well over
              a thousand dollars, according to surveys, and much of that goes on things guests never notice.</p>
              <p>Thankfully, there are many ways, some of them easy, to trim the costs without spoiling the fun,
              and the steps below, tried by many families, show how.</p></div></div></div>
            \(stepsHTML)
            </article>
            <div class="promo"><p>Sign up for our newsletter and get party ideas, recipes and offers every week.</p></div>
            </body></html>
            """
        let document = try extract(page)
        for step in Self.steps { #expect(document.lines.contains(step)) }
        #expect(document.text.contains("Graduation parties are a great way"))
        #expect(!document.text.contains("newsletter"))
    }

    /// A page whose own text repeats a paragraph (a refrain) keeps both;
    /// the teaser repeating a line of the article elsewhere does not.
    @Test func theArticlesOwnRepeatsStayButTeasersGo() throws {
        let refrain = "Remember to bring water, a hat and sun cream, because there is no shade on the upper path."
        let page = """
            <html><body><div class="story">
            <h1>Three walks above the town</h1>
            <p>The first walk climbs from the station to the quarry, a steady hour on a good path with views back over the roofs.</p>
            <p>\(refrain)</p>
            <p>The second walk follows the ridge to the old signal tower and returns through the beech wood, about two hours.</p>
            <p>\(refrain)</p>
            <p>The third walk, the longest, crosses the moor to the reservoir, and needs a map, good boots and a whole day.</p>
            </div>
            <div class="teasers"><div><a href="/w">Walks</a><p>\(refrain)</p></div></div>
            </body></html>
            """
        let document = try extract(page)
        #expect(document.lines.filter { $0 == refrain }.count == 2)
    }

    /// `googleoff: snippet` shapes Google's result lines only, and a fence
    /// that is never closed is a template's slip: the article stays.
    @Test(arguments: ["<!--googleoff: snippet-->", "<!--googleoff: index-->", "<!--htdig_noindex-->"])
    func aFenceLeftOpenFencesNothing(fence: String) throws {
        let page = """
            <html><body>\(fence)
            <div class="story"><h1>Council extends the cycle path</h1>
            <p>\(MainContentTests.article[0])</p><p>\(MainContentTests.article[1])</p></div>
            <div class="sidebar"><p>Advertise with the Gazette and reach forty thousand readers every week.</p></div>
            </body></html>
            """
        let document = try extract(page)
        #expect(document.lines.contains(MainContentTests.article[0]))
        #expect(document.lines.contains(MainContentTests.article[1]))
        // Found by the main-content pass, not by the gentle fallback that keeps sidebars.
        #expect(!document.text.contains("Advertise"))
    }

    @Test func aClosedGoogleFenceStillFences() throws {
        let page = """
            <html><body>
            <!--googleoff: index--><p>Site map, contact us, jobs at the Gazette, an equal-opportunity employer.</p><!--googleon: index-->
            <div class="story"><h1>Council extends the cycle path</h1>
            <p>\(MainContentTests.article[0])</p><p>\(MainContentTests.article[1])</p></div>
            </body></html>
            """
        let document = try extract(page)
        #expect(document.lines.contains(MainContentTests.article[0]))
        #expect(!document.text.contains("Site map"))
    }
}

/// Class words and elements weigh as evidence; they do not veto prose.
@Suite("Misnamed containers")
struct MisnamedContainerTests {
    /// WordPress puts a post's tags on its container: `tag-share` names a
    /// tag, not a share bar.
    @Test func aPostTaggedShareIsNotAShareBar() throws {
        let page = """
            <html><body><div id="nav"><a href="/">Home</a> <a href="/apps">Apps</a> <a href="/news">News</a></div>
            <div class="hentry post tag-share tag-music category-social-media">
            <h1>Share your music with friends</h1>
            <p>\(MainContentTests.article[0])</p></div>
            </body></html>
            """
        let document = try extract(page)
        #expect(document.lines.contains(MainContentTests.article[0]))
        #expect(!document.text.contains("Apps"))
    }

    static let longArticle = [
        "The city council voted on Tuesday to extend the riverside cycle path by four kilometres, linking the "
            + "university campus, the hospital and the old harbour district, after two years of consultation.",
        "Work begins in April, and the council expects the new section, which includes two bridges over the "
            + "canal and a tunnel under the ring road, to open before the end of next year, weather permitting.",
        "Residents who objected to the loss of parking spaces along the river were offered permits in a new "
            + "garage near the station, a compromise that, according to the mayor, satisfied most of them.",
    ]

    /// An `aside` holding the whole article is a misused element.
    @Test func anAsideAroundTheArticleIsNotASidebar() throws {
        let page = """
            <html><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
            <section id="leftColumn"><aside class="blogPost"><h1>Cycle path to be extended</h1>
            \(Self.longArticle.map { "<p>\($0)</p>" }.joined())
            </aside></section>
            <aside class="sidebar"><p>Advertise with the Gazette and reach forty thousand readers every week.</p></aside>
            </body></html>
            """
        let document = try extract(page)
        for paragraph in Self.longArticle { #expect(document.lines.contains(paragraph)) }
        #expect(!document.text.contains("Advertise"))
    }
}

/// Markup that hides an element says so as surely as an element name.
@Suite("Hidden copies")
struct HiddenCopyTests {
    /// A schema.org block hidden with `display:none` that repeats the
    /// article and its metadata holds much of the page's prose, yet is
    /// never forgiven the way a misleading class word is.
    @Test func aHiddenMetadataCopyOfTheArticleGoes() throws {
        let body = MisnamedContainerTests.longArticle.map { "<p>\($0)</p>" }.joined()
        let page = """
            <html><body><div class="story"><h1>Cycle path to be extended</h1>\(body)</div>
            <div style="display:none;" itemscope itemtype="http://schema.org/NewsArticle">
              <div itemprop="datePublished">2019-11-19T08:57:40+01:00</div>
              <div itemprop="publisher">GazetteDigitalPublishing</div>
              <div itemprop="articleBody">\(body)</div></div>
            </body></html>
            """
        let document = try extract(page)
        for paragraph in MisnamedContainerTests.longArticle {
            #expect(document.lines.filter { $0 == paragraph }.count == 1)
        }
        #expect(!document.text.contains("GazetteDigitalPublishing"))
        #expect(!document.text.contains("2019-11-19T08"))
        // Dropped for being hidden, not merely for losing to the visible copy.
        let explained = try DocumentExtractor().extract(
            Array(page.utf8), fileExtension: "html", options: ExtractionOptions(explain: true))
        let publisher = try #require(explained.explanation?.first { $0.text == "GazetteDigitalPublishing" })
        #expect(publisher.reason.contains("display:none"))
    }
}

/// "You may also like" ends the content of the box that holds it.
@Suite("Teaser blocks")
struct TeaserBlockTests {
    @Test(arguments: ["You may also like", "Você pode gostar...", "猜你喜欢"])
    func teasersBelowTheHeadingGo(heading: String) throws {
        let post = "Loving someone is one of life's great pleasures, but it asks us to look after ourselves first, "
            + "and to stop waiting for others to fill the gaps we leave."
        let page = """
            <html><body><article class="post"><h1>Only those who love themselves</h1><p>\(post)</p>
            <h3>\(heading)</h3>
            <article class="post"><p>Life asks for optimism and courage: to hope for the best and to make the best happen, every single day.</p></article>
            <article class="post"><p>What holds a family together is love, care and wishing each other well, in good times and in bad.</p></article>
            </article></body></html>
            """
        let document = try extract(page)
        #expect(document.lines.contains(post))
        #expect(!document.text.contains(heading))
        #expect(!document.text.contains("optimism"))
        #expect(!document.text.contains("family together"))
    }
}

/// A post embedded from a social network is quoted in the content; a share
/// bar is not, though both have "social" in their class.
@Suite("Embedded posts")
struct EmbeddedPostTests {
    @Test func embeddedPostsStayShareBarsGo() throws {
        let quoted = "The new cycle path is the best thing the council has done in years, and my commute is ten minutes shorter."
        let page = """
            <html><body><div class="story"><h1>Cycle path to be extended</h1>
            \(MisnamedContainerTests.longArticle.map { "<p>\($0)</p>" }.joined())
            <div class="social-media-embed"><blockquote class="twitter-tweet"><p>\(quoted)</p>
              — Ana Ruiz (<a href="https://twitter.com/anaruiz">@anaruiz</a>) <a href="https://twitter.com/anaruiz/status/1">March 12, 2026</a>
            </blockquote></div>
            <div class="social-share"><a href="/share/fb">Facebook</a> <a href="/share/x">Post on X</a> <a href="/mail">Email a friend</a></div>
            </div></body></html>
            """
        let document = try extract(page)
        #expect(document.lines.contains(quoted))
        #expect(!document.text.contains("Email a friend"))
    }
}

/// A winner holding less than half the page's paragraphs is reconsidered:
/// every strong candidate elsewhere is part of the content.
@Suite("Strong candidates")
struct StrongCandidateTests {
    @Test func aSecondStrongBlockWithAnotherClassIsKept() throws {
        let first = Array(MisnamedContainerTests.longArticle.prefix(2))
        let second = [
            "The second half of the plan, published a week later, adds a footbridge at the old ferry landing, a new "
                + "crossing of the ring road and, for the first time, lighting along the whole length of the path.",
            "Cyclists' groups welcomed it, though they asked the council to widen the path near the hospital, where, "
                + "at rush hour, pedestrians and cyclists often share a narrow strip beside the road.",
        ]
        let page = """
            <html><body><div class="menu"><a href="/">Home</a> <a href="/city">City</a> <a href="/sport">Sport</a></div>
            <div class="top-row"><div class="lead-block"><h1>Cycle path to be extended</h1>
              \(first.map { "<p>\($0)</p>" }.joined())</div>
              <div class="weather"><a href="/w">Sunny, 21°C</a></div></div>
            <div class="advert-slot"><a href="/ad">Book your summer holiday now</a></div>
            <div class="bottom-row"><div class="teaser-list"><a href="/t0">Council budget</a></div>
              <div class="continuation">\(second.map { "<p>\($0)</p>" }.joined())</div></div>
            <div class="box-three"><p>\(MisnamedContainerTests.longArticle[2])</p></div>
            <div class="promo"><a href="/t1">Tram fares to rise in January</a> <a href="/t2">Library reopens</a></div>
            </body></html>
            """
        let document = try extract(page)
        for paragraph in first + second { #expect(document.lines.contains(paragraph)) }
        #expect(!document.text.contains("Tram fares"))
    }
}
