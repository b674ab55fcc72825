/// What an element means to text extraction, looked up from its name's
/// bytes without building a `String` per node. libxml2's HTML parser lower-
/// cases names; HTML5 elements it does not know (`nav`, `main`, `article`,
/// `header`, `footer`) still arrive with their names, so they are matched here.
enum HTMLTag: UInt8, Sendable {
    /// Inline or unknown: its text joins the current line.
    case inline
    /// Never visible text: scripts, styles, form controls, embedded media,
    /// ruby readings (`<ruby>漢<rt>かん</rt></ruby>` reads "漢": the
    /// annotation would split the word it sits on). `noscript` too, unless
    /// the page has no other text (see `LayoutBuilder`).
    case skipped
    case head, title
    case lineBreak, rule, image, link
    case h1, h2, h3, h4, h5, h6
    case preformatted
    /// A line of its own inside a box: list items, definition terms.
    case item
    /// A table cell: a line and a box.
    case cell
    /// `p`: a paragraph box, whose text scores its container (see `MainContent`).
    case paragraph
    /// `ul`, `ol`, `dl`: a box of items.
    case list
    /// `table`.
    case table
    /// `figure` and `figcaption`: a picture and its caption.
    case figure
    /// Any other block container: a line boundary and a box.
    case block
    /// `article` and `main`: content by declaration.
    case article
    /// The page itself; never chrome, whatever its classes say.
    case body
    /// HTML5 chrome elements.
    case nav, header, footer, aside

    /// Ends the current line when entered and when left.
    var isBlock: Bool {
        switch self {
        case .inline, .skipped, .head, .title, .image, .link, .lineBreak: false
        default: true
        }
    }

    /// A container whose link statistics decide whether its short lines are
    /// navigation (a menu `ul`, a 1990s link column `td`).
    var isBox: Bool {
        switch self {
        case .cell, .block, .paragraph, .list, .table, .figure, .article, .body, .nav, .header, .footer, .aside:
            true
        default: false
        }
    }

    /// 1…6 for headings, else 0.
    var headingLevel: UInt8 {
        switch self {
        case .h1: 1
        case .h2: 2
        case .h3: 3
        case .h4: 4
        case .h5: 5
        case .h6: 6
        default: 0
        }
    }

    /// Looks a NUL-terminated, lower-case element name up.
    @inline(__always)
    static func of(_ name: UnsafePointer<UInt8>) -> HTMLTag {
        var key: UInt64 = 0
        var length = 0
        while name[length] != 0 {
            if length == 10 { return .inline }
            if length < 8 { key |= UInt64(name[length]) << (8 * UInt64(length)) }
            length += 1
        }
        if length > 8 {
            // Only two names this long matter; both are plain blocks.
            return key == packedBlockq ? .block : key == packedFigcap ? .figure : .inline
        }
        return names[key] ?? .inline
    }

    private static let packedBlockq = pack("blockquo")
    private static let packedFigcap = pack("figcapti")

    private static func pack(_ name: String) -> UInt64 {
        var key: UInt64 = 0
        for (offset, byte) in name.utf8.prefix(8).enumerated() { key |= UInt64(byte) << (8 * UInt64(offset)) }
        return key
    }

    private static let names: [UInt64: HTMLTag] = {
        var table: [UInt64: HTMLTag] = [:]
        func add(_ tag: HTMLTag, _ names: String) {
            for name in names.split(separator: " ") { table[pack(String(name))] = tag }
        }
        add(.skipped, "script style noscript template svg math iframe object embed applet input select option "
            + "optgroup textarea button datalist canvas audio video map area link meta base param source track "
            + "frame rt rp rtc")
        add(.head, "head")
        add(.title, "title")
        add(.lineBreak, "br")
        add(.rule, "hr")
        add(.image, "img")
        add(.link, "a")
        add(.h1, "h1"); add(.h2, "h2"); add(.h3, "h3"); add(.h4, "h4"); add(.h5, "h5"); add(.h6, "h6")
        add(.preformatted, "pre listing xmp plaintext")
        add(.item, "li dt dd")
        add(.cell, "td th")
        add(.paragraph, "p")
        add(.list, "ul ol dl dir")
        add(.table, "table")
        add(.figure, "figure")
        add(.block, "div section tr thead tbody tfoot caption form fieldset legend center address details "
            + "summary hgroup noframes frameset dialog search")
        add(.article, "article main")
        add(.body, "body html")
        add(.nav, "nav menu")
        add(.header, "header")
        add(.footer, "footer")
        add(.aside, "aside")
        return table
    }()
}
