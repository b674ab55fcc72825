import Testing
@testable import ScourExtraction

/// Readers' comments (`Discussion`): kept where they are the page's
/// discussion, dropped with `keepComments: false`, and never the thread's
/// furniture or a comments widget that holds no comments.
@Suite("Comments as content")
struct DiscussionTests {
    static let post = [
        "Last weekend we walked the old railway line from the harbour to the mill, a flat and quiet route "
            + "that suits children and anyone with a pushchair.",
        "The path is gravel for most of the way, and the council has added benches, a water fountain and, "
            + "near the viaduct, a small display about the line's history.",
    ]
    static let comments = [
        "We did this walk in the spring and the viaduct was lovely, though the café at the mill was closed.",
        "Is the path still muddy after rain? We tried it in November and turned back at the second bridge.",
    ]

    /// A WordPress-style blog post: the thread under it, with its count,
    /// names, dates and "Reply" links, and the reply form after it.
    static let blogPage = """
        <html><head><title>Walking the old railway line</title></head><body>
        <div id="nav"><a href="/">Home</a> <a href="/about">About</a> <a href="/walks">Walks</a></div>
        <div class="post">
          <h1>Walking the old railway line</h1>
          <div class="entry-content"><p>\(post[0])</p><p>\(post[1])</p></div>
        </div>
        <div id="comments">
          <h3>2 Comments</h3>
          <ol class="commentlist">
            <li class="comment"><div class="comment-author">Maria Lind</div>
              <div class="comment-meta">March 3, 2024 at 5:14 pm</div>
              <p>\(comments[0])</p><a class="comment-reply-link" href="#r">Reply</a></li>
            <li class="comment"><div class="comment-author">Tom</div>
              <div class="comment-meta">March 4, 2024 at 9:02 am</div>
              <p>\(comments[1])</p><a class="comment-reply-link" href="#r">Reply</a></li>
          </ol>
          <div id="respond"><h3>Leave a Reply</h3>
            <p>Your email address will not be published. Required fields are marked with a star.</p></div>
        </div>
        </body></html>
        """

    @Test func theThreadUnderABlogPostIsKept() throws {
        let document = try extract(Self.blogPage)
        for paragraph in Self.post + Self.comments { #expect(document.lines.contains(paragraph)) }
        // The furniture around the comments is not.
        for chrome in ["2 Comments", "Maria Lind", "March 3, 2024 at 5:14 pm", "Reply", "Leave a Reply"] {
            #expect(!document.lines.contains(chrome))
        }
        #expect(!document.text.contains("will not be published"))
    }

    @Test func keepCommentsFalseDropsThem() throws {
        let document = try DocumentExtractor().extract(
            Array(Self.blogPage.utf8), fileExtension: "html", options: ExtractionOptions(keepComments: false))
        for paragraph in Self.post { #expect(document.lines.contains(paragraph)) }
        for comment in Self.comments { #expect(!document.text.contains(comment)) }
    }

    @Test func explainSaysACommentWasKeptAsOne() throws {
        let document = try DocumentExtractor().extract(
            Array(Self.blogPage.utf8), fileExtension: "html", options: ExtractionOptions(explain: true))
        let decision = try #require(document.explanation?.first { $0.text == Self.comments[0] })
        #expect(decision.kept)
        #expect(decision.reason.contains("comment"))
        #expect(decision.reason.contains("--no-comments"))
    }

    /// A comments widget whose comments load by script holds only its
    /// help texts: no date, no "Reply", no count — nothing of it is kept.
    @Test func aWidgetWithoutCommentsKeepsNothing() throws {
        let page = """
            <html><body><div class="post"><h1>Walking the old railway line</h1>
            <p>\(Self.post[0])</p><p>\(Self.post[1])</p></div>
            <div class="comments-widget"><p>Comments</p>
              <p>Superfan badge holders consistently post smart and timely comments about local walks.</p>
              <p>Please keep the discussion civil and on topic, or your comment will be removed.</p></div>
            </body></html>
            """
        let document = try extract(page)
        for paragraph in Self.post { #expect(document.lines.contains(paragraph)) }
        #expect(!document.text.contains("Superfan"))
        #expect(!document.text.contains("discussion civil"))
    }

    /// "Recent comments" in a sidebar are links to other posts, inside
    /// other chrome: not this page's discussion.
    @Test func recentCommentsInASidebarStayDropped() throws {
        let page = """
            <html><body><div class="post"><h1>Walking the old railway line</h1>
            <p>\(Self.post[0])</p><p>\(Self.post[1])</p></div>
            <div class="sidebar"><div class="recent-comments"><h3>Recent comments</h3>
              <p>Anna Berg wrote on March 2, 2024 that the coastal path was closed for repairs all week long.</p>
            </div></div>
            </body></html>
            """
        let document = try extract(page)
        #expect(!document.text.contains("coastal path"))
    }

    @Test(arguments: [
        ("March 3, 2024 at 5:14 pm", true), ("November 12th", true), ("09:47", true), ("3 hours ago", true),
        ("Reply", true), ("12 Comments", true), ("1 Response", true), ("3条评论", true), ("回复", true),
        ("Comments", false), ("Add your comment", false), ("Maria Lind", false),
        ("Read what others are saying about this", false),
    ])
    func evidenceOfWrittenComments(line: String, isEvidence: Bool) {
        #expect(Discussion.isEvidence(LineShape(line)) == isEvidence)
    }

    @Test func commentFormNamesAreTheForm() {
        for name in ["respond", "comment-form", "commentform", "comment-respond", "reply-form"] {
            #expect(name.withCString { $0.withMemoryRebound(to: UInt8.self, capacity: 1) { ChromeWords.kind(in: $0) } }
                == .commentForm, "\(name)")
        }
        for name in ["comments", "commentlist", "comment-body"] {
            #expect(name.withCString { $0.withMemoryRebound(to: UInt8.self, capacity: 1) { ChromeWords.kind(in: $0) } }
                == .comments, "\(name)")
        }
    }
}
