import CLibXML2
import ScourPrimitives

/// Walks a libxml2 document once, in document order, and records its
/// visible text as lines (see `PageLayout`). Block elements end lines;
/// inline text joins with single spaces. Scripts, styles, form controls and
/// the like are never entered. Names are compared as bytes (`HTMLTag`), and
/// the walk is iterative, so deep nesting cannot overflow the stack.
struct LayoutBuilder {
    private var layout = PageLayout()
    private var text: LineAccumulator
    private var lineLinkBytes = 0
    private var lineLinkCount = 0
    /// The open link already counted on the current line.
    private var linkCountedOnLine = false
    private var currentBox: Int32 = -1
    private var currentRegion: Int32 = -1
    private var heading: UInt8 = 0
    private var articleDepth = 0
    /// Open `article` elements (not `main`).
    private var articleElementDepth = 0
    private var linkDepth = 0
    private var preDepth = 0
    /// Inside `<!--htdig_noindex-->…<!--/htdig_noindex-->`.
    private var noIndex = false
    /// The first line of the open noindex fence.
    private var noIndexStart = 0
    /// Record region labels for explanations.
    private let explain: Bool
    /// Alt text of an image on a line that has no other text (yet).
    private var pendingAlt: [UInt8] = []
    private var frames: [Frame] = []
    /// Walk into `noscript` as into a `div` (the second walk of a page
    /// whose text is all there).
    private var readsNoscript = false
    /// A `noscript` was passed over.
    private var skippedNoscript = false

    private struct Frame {
        var tag: HTMLTag
        var savedBox: Int32
        var savedRegion: Int32
        var savedHeading: UInt8
        var isLink: Bool
        var isArticleElement = false
    }

    private init(capacity: Int, explain: Bool, readsNoscript: Bool = false) {
        text = LineAccumulator(capacity: capacity)
        self.explain = explain
        self.readsNoscript = readsNoscript
    }

    /// A page with less text than this outside `noscript` is read again
    /// with its `noscript` text, which is kept when it is most of the
    /// page's text (`noscriptShare`): a page that scripts render holds
    /// what it says for crawlers there, while on an ordinary page
    /// `noscript` only asks to enable JavaScript or holds a tracking pixel.
    static let noscriptFallbackBytes = 1000
    /// The text with `noscript` must be at least this many times the text
    /// without it.
    static let noscriptShare = 4

    /// - Parameters:
    ///   - explain: also label each chrome region for `BlockDecision` reasons.
    ///   - budget: checked every few thousand nodes; the walk stops and
    ///     throws `tooSlow` once it is spent.
    static func layout(
        of document: htmlDocPtr, sourceBytes: Int, explain: Bool = false, budget: CPUBudget = .unlimited
    ) throws(ExtractionError) -> PageLayout {
        var builder = LayoutBuilder(capacity: sourceBytes / 3, explain: explain)
        var countdown = CPUBudget.Countdown(budget)
        builder.walk(document, &countdown)
        if countdown.isSpent { throw .tooSlow }
        builder.layout.storage = builder.text.storage
        let firstBytes = builder.layout.totalBytes
        guard builder.skippedNoscript, firstBytes < noscriptFallbackBytes else { return builder.layout }
        var withNoscript = LayoutBuilder(capacity: sourceBytes / 3, explain: explain, readsNoscript: true)
        withNoscript.walk(document, &countdown)
        if countdown.isSpent { throw .tooSlow }
        withNoscript.layout.storage = withNoscript.text.storage
        let allBytes = withNoscript.layout.totalBytes
        return allBytes > firstBytes && allBytes >= firstBytes * noscriptShare ? withNoscript.layout : builder.layout
    }

    private mutating func walk(_ document: htmlDocPtr, _ countdown: inout CPUBudget.Countdown) {
        let completed = DOMTraversal.walk(document, &countdown) { step in
            switch step {
            case .leave:
                leave()
                return false
            case .enter(let node):
                switch node.pointee.type {
                case XML_ELEMENT_NODE:
                    return enter(node)
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    appendText(node.pointee.content)
                case XML_COMMENT_NODE:
                    noteComment(node.pointee.content)
                default:
                    break
                }
                return false
            }
        }
        guard completed else { return }
        while !frames.isEmpty { leave() }
        endLine()
        closeOpenFence()
    }

    // MARK: Elements

    /// Returns true when the element was entered (a frame pushed) and its
    /// children should be walked.
    private mutating func enter(_ node: xmlNodePtr) -> Bool {
        guard let name = node.pointee.name else { return false }
        var tag = HTMLTag.of(name)
        if tag == .skipped, name[0] == UInt8(ascii: "n"), Bytes.equal(name, "noscript") {
            skippedNoscript = true
            if readsNoscript { tag = .block }
        }
        switch tag {
        case .skipped:
            return false
        case .head:
            captureTitle(inHead: node)
            return false
        case .title:
            if layout.title.isEmpty { layout.title = TitleCleaner.capped(collectedText(of: node)) }
            return false
        case .lineBreak, .rule:
            endLine()
            return false
        case .image:
            noteAlt(of: node)
            return false
        default:
            break
        }

        var chrome: ChromeKind?
        var declared = false
        switch tag {
        case .nav: chrome = .navigation; declared = true
        case .header: chrome = .header; declared = true
        case .footer: chrome = .footer; declared = true
        case .aside: chrome = .aside; declared = true
        default: break
        }
        var isLink = false
        var weight: Int8 = 0
        var isDeclaredContent = false
        var classHash: UInt64 = 0
        var label: UnsafePointer<UInt8>?
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard let attributeName = current.pointee.name,
                  let value = current.pointee.children?.pointee.content else { continue }
            switch attributeName[0] {
            case UInt8(ascii: "c") where Bytes.equal(attributeName, "class"),
                 UInt8(ascii: "i") where Bytes.equal(attributeName, "id"):
                if tag != .body, tag != .article, chrome == nil {
                    chrome = ChromeWords.kind(in: value)
                    if chrome != nil { label = UnsafePointer(attributeName) }
                }
                if tag.isBox {
                    if weight == 0 { weight = ContentWords.weight(of: value) }
                    if attributeName[0] == UInt8(ascii: "c") { classHash = WordHash.hash(value) }
                }
            case UInt8(ascii: "i") where Bytes.equal(attributeName, "itemprop"):
                isDeclaredContent = isDeclaredContent || Bytes.equalIgnoringCase(value, "articlebody")
            case UInt8(ascii: "r") where Bytes.equal(attributeName, "role"):
                if let kind = ChromeKind.ofRole(value) { chrome = kind; declared = true; label = UnsafePointer(attributeName) }
            case UInt8(ascii: "h") where tag == .link && Bytes.equal(attributeName, "href"):
                isLink = !Bytes.hasPrefix(value, "mailto:") && !Bytes.hasPrefix(value, "tel:")
            case UInt8(ascii: "h") where Bytes.equal(attributeName, "hidden"):
                // Hidden by the markup itself, not by class words: as sure as an
                // element name (a hidden copy of the article is never the content).
                if tag != .body { chrome = .hidden; declared = true; label = UnsafePointer(attributeName) }
            case UInt8(ascii: "s") where tag != .body && Bytes.equal(attributeName, "style"):
                if Bytes.hidesElement(style: value) {
                    chrome = .hidden; declared = true; label = UnsafePointer(attributeName)
                }
            default:
                break
            }
        }

        if tag.isBlock { endLine() }
        let isArticleElement = tag == .article && name[0] == UInt8(ascii: "a")
        frames.append(Frame(tag: tag, savedBox: currentBox, savedRegion: currentRegion, savedHeading: heading,
                            isLink: isLink, isArticleElement: isArticleElement))
        if tag.isBox {
            let firstLine = Int32(layout.lines.count)
            layout.boxes.append(PageLayout.Box(
                parent: currentBox, firstLine: firstLine, endLine: firstLine, tag: tag, weight: weight,
                isDeclaredContent: isDeclaredContent, classHash: classHash,
                isNestedArticle: isArticleElement && articleElementDepth > 0))
            currentBox = Int32(layout.boxes.count - 1)
        }
        if let chrome {
            layout.regions.append(PageLayout.Region(
                parent: currentRegion, kind: chrome, isDeclared: declared, isInsideArticle: articleDepth > 0,
                containsArticle: false))
            currentRegion = Int32(layout.regions.count - 1)
            if explain { layout.regionLabels.append(Self.label(of: node, attribute: label)) }
        }
        if isArticleElement { articleElementDepth += 1 }
        if tag == .article {
            articleDepth += 1
            var region = currentRegion
            while region >= 0, !layout.regions[Int(region)].containsArticle {
                layout.regions[Int(region)].containsArticle = true
                region = layout.regions[Int(region)].parent
            }
        }
        if tag.headingLevel > 0 { heading = tag.headingLevel }
        if tag == .preformatted { preDepth += 1 }
        if isLink {
            linkDepth += 1
            linkCountedOnLine = false
        }
        return true
    }

    private mutating func leave() {
        guard let frame = frames.popLast() else { return }
        if frame.tag.isBlock { endLine() }
        if frame.tag.isBox, currentBox >= 0 { layout.boxes[Int(currentBox)].endLine = Int32(layout.lines.count) }
        currentBox = frame.savedBox
        currentRegion = frame.savedRegion
        heading = frame.savedHeading
        if frame.tag == .article { articleDepth -= 1 }
        if frame.isArticleElement { articleElementDepth -= 1 }
        if frame.tag == .preformatted { preDepth -= 1 }
        if frame.isLink { linkDepth -= 1 }
    }

    // MARK: Text

    private mutating func appendText(_ content: UnsafeMutablePointer<xmlChar>?) {
        guard let content else { return }
        let length = Int(xmlStrlen(content))
        guard length > 0 else { return }
        let before = text.storage.count
        let bytes = UnsafeBufferPointer(start: UnsafePointer(content), count: length)
        if preDepth > 0 {
            // Inside <pre>, a newline ends a line.
            var start = 0
            for index in 0..<length where bytes[index] == 0x0A {
                text.append(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                endLine()
                start = index + 1
            }
            text.append(UnsafeBufferPointer(rebasing: bytes[start...]))
        } else {
            text.append(bytes)
        }
        if linkDepth > 0, text.storage.count > before {
            lineLinkBytes += text.storage.count - before
            // A link counts once on each line its text reaches.
            if !linkCountedOnLine {
                lineLinkCount += 1
                linkCountedOnLine = true
            }
        }
    }

    private mutating func endLine() {
        if text.currentLength == 0, !pendingAlt.isEmpty {
            pendingAlt.withUnsafeBufferPointer { text.append($0) }
        }
        pendingAlt.removeAll(keepingCapacity: true)
        if let range = text.endLine() {
            layout.lines.append(PageLayout.Line(
                start: Int32(range.lowerBound), end: Int32(range.upperBound),
                linkBytes: Int32(min(lineLinkBytes, range.count)), linkCount: Int32(lineLinkCount),
                box: currentBox, region: currentRegion, heading: heading, isNoIndex: noIndex))
        }
        lineLinkBytes = 0
        lineLinkCount = 0
        linkCountedOnLine = false
    }

    /// `<!--htdig_noindex-->` … `<!--/htdig_noindex-->` and Google's
    /// `<!--googleoff: index-->` … `<!--googleon: index-->` fence off what a
    /// CMS marks as not content (menus, footers) on pages without markup.
    /// `googleoff: snippet` and `anchor` only shape Google's result lines,
    /// and a fence never closed is a template's slip: it fences nothing.
    private mutating func noteComment(_ content: UnsafeMutablePointer<xmlChar>?) {
        guard let content else { return }
        var start = 0
        while content[start] == 0x20 || content[start] == 0x0A || content[start] == 0x09 { start += 1 }
        let value = UnsafePointer(content + start)
        if Bytes.hasPrefix(value, "htdig_noindex") || Self.isGoogleFence(value, "googleoff") {
            endLine()
            if !noIndex { noIndexStart = layout.lines.count }
            noIndex = true
        } else if Bytes.hasPrefix(value, "/htdig_noindex") || Self.isGoogleFence(value, "googleon") {
            endLine()
            noIndex = false
        }
    }

    /// `googleoff: index` or `googleoff: all` (and the same for `googleon`).
    private static func isGoogleFence(_ value: UnsafePointer<UInt8>, _ word: StaticString) -> Bool {
        guard Bytes.hasPrefix(value, word) else { return false }
        var index = word.utf8CodeUnitCount
        while value[index] == 0x20 || value[index] == 0x3A { index += 1 }
        return ASCIIBytes.matches(cString: value, at: index, "index") || ASCIIBytes.matches(cString: value, at: index, "all")
    }

    /// A fence left open at the end of the page fences nothing.
    private mutating func closeOpenFence() {
        guard noIndex else { return }
        for index in noIndexStart..<layout.lines.count { layout.lines[index].isNoIndex = false }
        noIndex = false
    }

    /// "<nav>", "role=navigation", "class 'share-bar'": what made `node` a
    /// chrome region, for explanations only.
    private static func label(of node: xmlNodePtr, attribute: UnsafePointer<UInt8>?) -> String {
        let tag = node.pointee.name.map { String(cString: UnsafePointer($0)) } ?? "?"
        guard let attribute else { return "<\(tag)>" }
        let name = String(cString: attribute)
        var value = ""
        var property = node.pointee.properties
        while let current = property {
            if let propertyName = current.pointee.name, String(cString: UnsafePointer(propertyName)) == name {
                value = current.pointee.children?.pointee.content.map { String(cString: UnsafePointer($0)) } ?? ""
            }
            property = current.pointee.next
        }
        switch name {
        case "style": return "<\(tag) style=\"\(value.prefix(40))\">"
        case "hidden": return "<\(tag) hidden>"
        case "role": return "role=\(value)"
        default: return "\(name) '\(value.prefix(60))'"
        }
    }

    /// An image's alt text stands in for a line that has no other text —
    /// an image heading on an old page — but not for a linked image, which
    /// is a menu button or a logo.
    private mutating func noteAlt(of node: xmlNodePtr) {
        guard linkDepth == 0, text.currentLength == 0, pendingAlt.isEmpty else { return }
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard let name = current.pointee.name, Bytes.equal(name, "alt"),
                  let value = current.pointee.children?.pointee.content else { continue }
            let length = Int(xmlStrlen(value))
            let alt = UnsafeBufferPointer(start: UnsafePointer(value), count: length)
            // One word ("logo", "photo", a file name) says nothing.
            if alt.contains(0x20) { pendingAlt.append(contentsOf: alt) }
        }
    }

    private mutating func captureTitle(inHead head: xmlNodePtr) {
        var child = head.pointee.children
        while let node = child, layout.title.isEmpty {
            if node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name, HTMLTag.of(name) == .title {
                layout.title = TitleCleaner.capped(collectedText(of: node))
            }
            child = node.pointee.next
        }
    }

    /// All text below `node`, whitespace collapsed.
    private func collectedText(of node: xmlNodePtr) -> String {
        var accumulator = LineAccumulator()
        var child = node.pointee.children
        while let current = child {
            if let content = current.pointee.content, current.pointee.type == XML_TEXT_NODE {
                let length = Int(xmlStrlen(content))
                accumulator.append(UnsafeBufferPointer(start: UnsafePointer(content), count: length))
                accumulator.appendSpace()
            }
            child = current.pointee.next
        }
        guard let range = accumulator.endLine() else { return "" }
        return String(decoding: accumulator.storage[range], as: UTF8.self)
    }
}

/// Byte comparisons for NUL-terminated libxml2 strings.
enum Bytes {
    @inline(__always)
    static func equal(_ value: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        let pattern = literal.utf8Start
        for index in 0..<length where value[index] != pattern[index] { return false }
        return value[length] == 0
    }

    /// True for inline styles with `display:none` or `visibility:hidden`.
    static func hidesElement(style: UnsafePointer<UInt8>) -> Bool {
        var compact: [UInt8] = []
        var index = 0
        while style[index] != 0, compact.count < 512 {
            let byte = style[index]
            if byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { compact.append(ASCIIBytes.lower(byte)) }
            index += 1
        }
        return compact.withUnsafeBufferPointer { buffer in
            (0..<buffer.count).contains { start in
                ASCIIBytes.matches(buffer, start, "display:none")
                    || ASCIIBytes.matches(buffer, start, "visibility:hidden")
            }
        }
    }

    /// Case-insensitive equality with a lower-case literal, ignoring surrounding spaces.
    static func equalIgnoringCase(_ value: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        guard hasPrefix(value, literal) else { return false }
        var index = 0
        while value[index] == 0x20 { index += 1 }
        index += literal.utf8CodeUnitCount
        while value[index] == 0x20 { index += 1 }
        return value[index] == 0
    }

    /// Case-insensitive prefix test, ignoring leading spaces.
    static func hasPrefix(_ value: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        var start = 0
        while value[start] == 0x20 { start += 1 }
        return ASCIIBytes.matches(cString: value, at: start, literal)
    }
}
