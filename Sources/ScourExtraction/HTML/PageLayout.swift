/// A page reduced to what pruning decides on: its lines of text, the boxes
/// (block containers) and chrome regions they sit in, with link statistics.
/// Built by one DOM walk; every pruning pass, strict or gentle, reads this
/// without touching the DOM again.
struct PageLayout {
    struct Line {
        /// Byte range in `storage`.
        var start: Int32, end: Int32
        /// Bytes of the line inside links, and how many links it holds.
        var linkBytes: Int32, linkCount: Int32
        /// Innermost enclosing box and chrome region, or -1.
        var box: Int32, region: Int32
        /// 1…6 inside a heading, else 0.
        var heading: UInt8
        /// Between `<!--htdig_noindex-->` and `<!--/htdig_noindex-->` (or
        /// `googleoff`/`googleon`): the CMS says it is not content.
        var isNoIndex = false

        var length: Int { Int(end - start) }
        /// Mostly link text, as a menu entry is.
        var isMostlyLink: Bool { linkBytes * 2 >= end - start }
    }

    struct Box {
        var parent: Int32
        /// The box's lines are `lines[firstLine..<endLine]`.
        var firstLine: Int32
        var endLine: Int32
        var tag: HTMLTag = .block
        /// +1 when its class or id names content, −1 when it names
        /// something beside it (see `ContentWords`).
        var weight: Int8 = 0
        /// Declared the page's content: `itemprop=articleBody` (`role=main` and
        /// `main` often hold sidebars too).
        var isDeclaredContent = false
        /// Hash of the `class` value (0 without one): parts of one article
        /// split by an advert or a pull quote repeat their container's class.
        var classHash: UInt64 = 0
        /// An `article` inside another: in HTML5 a comment or a related
        /// item, a whole of its own that does not add to what holds it.
        var isNestedArticle = false
    }

    struct Region {
        var parent: Int32
        var kind: ChromeKind
        /// Marked by element name or ARIA role, not merely by class words.
        var isDeclared: Bool
        /// Opened inside `article` or `main`.
        var isInsideArticle: Bool
        /// Has an `article` or `main` element inside.
        var containsArticle: Bool
    }

    var storage: [UInt8] = []
    var lines: [Line] = []
    var boxes: [Box] = []
    var regions: [Region] = []
    /// The `<title>` text, whitespace collapsed.
    var title = ""
    /// What marked each region ("<nav>", "class 'share-bar'"); filled only
    /// when explaining, so ordinary extraction builds no strings for it.
    var regionLabels: [String] = []

    /// Total bytes of text on the page.
    var totalBytes: Int { lines.reduce(0) { $0 + $1.length } }

    func text(of line: Line) -> String {
        storage.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(line.start)..<Int(line.end)]), as: UTF8.self)
        }
    }
}
