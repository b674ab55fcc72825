import CLibXML2
import ScourPrimitives

/// Gathers `PageMetadata` from a parsed page in one walk of its elements,
/// separate from the layout walk so the two can change independently.
///
/// Only element names are looked at on the way (as bytes, no allocation);
/// strings are built for the few elements that carry metadata: `<meta>`,
/// `<link>`, `<title>`, the first `<h1>`, `<time>` and `itemprop` holders,
/// and the text that labels a publication date ("发布时间：2025-12-01",
/// "Posted on December 1, 2025"), found by a byte test on the first bytes
/// of each text node. The walk is iterative, so deep nesting cannot
/// overflow the stack.
struct MetadataCollector {
    private(set) var metadata = PageMetadata()
    private var articleDepth = 0
    /// Depth inside `header`/`nav`, where an `h1` is usually the site's
    /// logo: no evidence about the title, so it is passed over.
    private var chromeDepth = 0
    /// Depth inside links: a labelled date there belongs to a listed page.
    private var linkDepth = 0

    /// - Parameter budget: checked every few thousand nodes; the walk stops
    ///   and throws `tooSlow` once it is spent.
    static func collect(_ document: htmlDocPtr, budget: CPUBudget = .unlimited) throws(ExtractionError) -> PageMetadata {
        var collector = MetadataCollector()
        var countdown = CPUBudget.Countdown(budget)
        collector.walk(document, &countdown)
        if countdown.isSpent { throw .tooSlow }
        return collector.metadata
    }

    private mutating func walk(_ document: htmlDocPtr, _ countdown: inout CPUBudget.Countdown) {
        _ = DOMTraversal.walk(document, &countdown) { step in
            switch step {
            case .enter(let node):
                if node.pointee.type == XML_TEXT_NODE {
                    visitText(node)
                    return false
                }
                guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return false }
                let element = ElementName(name)
                guard visit(node, element) else { return false }
                enterContainer(element, by: 1)
                return true
            case .leave(let node):
                if let name = node.pointee.name { enterContainer(ElementName(name), by: -1) }
                return false
            }
        }
    }

    private mutating func enterContainer(_ element: ElementName, by step: Int) {
        if element.isArticle { articleDepth += step }
        if element.isChrome { chromeDepth += step }
        if element.isLink { linkDepth += step }
    }

    /// Bytes of a text node searched for a publication label.
    static let labelSearchBytes = 160
    /// A text node this short may be a label whose date is in the next
    /// element; its parent's text is read then.
    static let labelOnlyCharacters = 24

    /// Notes a publication date labelled in the text ("发布时间：2025-12-01",
    /// "Posted on December 1, 2025"), outside links and the site's header:
    /// the first inside `article`/`main`, and the first anywhere. The date
    /// may sit in the next element (`<span>发布时间：</span><span>2025-12-01</span>`).
    private mutating func visitText(_ node: xmlNodePtr) {
        guard linkDepth == 0, chromeDepth == 0, metadata.articleLabelledDate == nil,
              articleDepth > 0 || metadata.labelledDate == nil,
              let content = node.pointee.content, Self.mayHoldPublicationLabel(content) else { return }
        let length = Int(xmlStrlen(content))
        let rawText = String(decoding: UnsafeBufferPointer(start: content, count: min(length, 480)), as: UTF8.self)
        var found = DateFinder.labelledDate(in: Substring(rawText))
        // A label alone ("发布时间：", "Posted on"): the date follows in the next element.
        if found?.rank != .publication, length <= Self.labelOnlyCharacters * 4, let parent = node.pointee.parent,
           case let ownText = Self.collapsed(rawText), !ownText.isEmpty, ownText.count <= Self.labelOnlyCharacters {
            let around = Self.text(of: parent)
            if let start = around.firstRange(of: ownText)?.lowerBound { found = DateFinder.labelledDate(in: around[start...]) }
        }
        guard let found, found.rank == .publication, !Self.isElsewhere(node) else { return }
        if articleDepth > 0, metadata.articleLabelledDate == nil { metadata.articleLabelledDate = found.date }
        if metadata.labelledDate == nil { metadata.labelledDate = found.date }
    }

    /// Ancestors `isElsewhere(_:)` climbs at most.
    static let maximumAncestors = 64

    /// Whether `node` sits where a labelled date is another page's or
    /// another person's: in comments ("Posted by: Ann | October 03, 2012"),
    /// related posts, a sidebar or a menu by their class or id, or hidden
    /// (a list of recipe cards, each "Posted by Ree on February 16 2012").
    /// Asked only of the rare text that holds a label, so the walk reads no
    /// class of every element.
    static func isElsewhere(_ node: xmlNodePtr) -> Bool {
        var current = node.pointee.parent
        var climbed = 0
        while let element = current, element.pointee.type == XML_ELEMENT_NODE, climbed < maximumAncestors {
            climbed += 1
            var attribute = element.pointee.properties
            while let property = attribute {
                attribute = property.pointee.next
                guard let name = property.pointee.name, let value = property.pointee.children?.pointee.content else { continue }
                if Bytes.equal(name, "class") || Bytes.equal(name, "id") {
                    switch ChromeWords.kind(in: value) {
                    case .comments?, .related?, .aside?, .navigation?: return true
                    default: break
                    }
                } else if Bytes.equal(name, "hidden") || (Bytes.equal(name, "style") && Bytes.hidesElement(style: value)) {
                    return true
                }
            }
            current = element.pointee.parent
        }
        return false
    }

    /// A byte test for the first letters of a publication label among the
    /// first `labelSearchBytes` bytes: 发 (E5 8F 91) or 發 (E7 99 BC) of
    /// 发布/發佈/发表, or "posted", "publish", "publica(tion)", "publié" in any case.
    static func mayHoldPublicationLabel(_ content: UnsafePointer<UInt8>) -> Bool {
        var index = 0
        while index < labelSearchBytes, content[index] != 0 {
            switch content[index] {
            case 0xE5:
                if content[index + 1] == 0x8F, content[index + 2] == 0x91 { return true }
            case 0xE7:
                if content[index + 1] == 0x99, content[index + 2] == 0xBC { return true }
            case UInt8(ascii: "p"), UInt8(ascii: "P"):
                if ASCIIBytes.matches(cString: content, at: index, "posted")
                    || ASCIIBytes.matches(cString: content, at: index, "publish")
                    || ASCIIBytes.matches(cString: content, at: index, "publica")
                    || ASCIIBytes.matches(cString: content, at: index, "publi\u{E9}") { return true }
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// Records what `node` declares; true when its children should be walked.
    private mutating func visit(_ node: xmlNodePtr, _ name: ElementName) -> Bool {
        if let itemprop = Self.attribute(node, "itemprop"), itemprop.lowercased() == "datepublished",
           metadata.itempropDate == nil {
            let value = Self.attribute(node, "content") ?? Self.attribute(node, "datetime") ?? Self.text(of: node)
            metadata.itempropDate = DateFinder.date(in: value)
        }
        switch name.kind {
        case .html:
            if metadata.htmlLanguage.isEmpty {
                metadata.htmlLanguage = Self.attribute(node, "lang") ?? Self.attribute(node, "xml:lang") ?? ""
            }
        case .meta:
            visitMeta(node)
            return false
        case .base:
            if metadata.baseURL.isEmpty { metadata.baseURL = (Self.attribute(node, "href") ?? "").trimmingASCIISpaces() }
            return false
        case .link:
            if metadata.canonicalURL.isEmpty, let rel = Self.attribute(node, "rel"),
               rel.lowercased().split(separator: " ").contains("canonical") {
                metadata.canonicalURL = (Self.attribute(node, "href") ?? "").trimmingASCIISpaces()
            }
            return false
        case .title:
            if metadata.title.isEmpty { metadata.title = Self.text(of: node) }
            return false
        case .h1:
            if metadata.firstHeading.isEmpty, chromeDepth == 0 || articleDepth > 0 {
                metadata.firstHeading = Self.text(of: node)
            }
            return false
        case .time:
            // Only a `<time>` that can still set a date is read: reading
            // every one made nested `<time>`s quadratic.
            if (articleDepth > 0 && metadata.articleTime == nil) || metadata.anyTime == nil {
                let value = Self.attribute(node, "datetime") ?? Self.text(of: node)
                if let date = DateFinder.date(in: value) {
                    if articleDepth > 0, metadata.articleTime == nil { metadata.articleTime = date }
                    if metadata.anyTime == nil { metadata.anyTime = date }
                }
            }
        case .opaque:
            return false
        case .other:
            break
        }
        return true
    }

    private mutating func visitMeta(_ node: xmlNodePtr) {
        guard let content = Self.attribute(node, "content")?.trimmingASCIISpaces(), !content.isEmpty else { return }
        let key = (Self.attribute(node, "property") ?? Self.attribute(node, "name")
            ?? Self.attribute(node, "itemprop") ?? Self.attribute(node, "http-equiv") ?? "").lowercased()
        switch key {
        case "og:title":
            if metadata.openGraphTitle.isEmpty { metadata.openGraphTitle = Self.collapsed(content) }
        case "og:site_name", "application-name":
            if metadata.siteName.isEmpty { metadata.siteName = Self.collapsed(content) }
        case "og:url":
            if metadata.openGraphURL.isEmpty { metadata.openGraphURL = content }
        case "content-language", "language", "dc.language":
            if metadata.contentLanguage.isEmpty { metadata.contentLanguage = content }
        default:
            if let rank = MetaDateNames.rank(of: key), rank < metadata.metaDateRank,
               let date = DateFinder.date(in: content) {
                metadata.metaDate = date
                metadata.metaDateRank = rank
            }
        }
    }

    // MARK: Reading the tree

    /// The value of the attribute `name` (lower case), or nil.
    private static func attribute(_ node: xmlNodePtr, _ name: StaticString) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard let attributeName = current.pointee.name, ElementName.equal(attributeName, name) else { continue }
            guard let value = current.pointee.children?.pointee.content else { return "" }
            return String(cString: value)
        }
        return nil
    }

    /// Nodes `text(of:)` visits at most. A date, a title or a heading is
    /// a few text nodes; without this bound, every `<time>` or `<h1>` of a
    /// page nesting thousands of them deep walked all of its descendants.
    static let maximumTextNodes = 256

    /// The text below `node`, whitespace collapsed, at most a few KiB from
    /// at most `maximumTextNodes` nodes.
    private static func text(of node: xmlNodePtr) -> String {
        var bytes: [UInt8] = []
        var current = node.pointee.children
        var visited = 0
        while let child = current, bytes.count < 4096, visited < maximumTextNodes {
            visited += 1
            if child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE,
               let content = child.pointee.content {
                bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                bytes.append(0x20)
            }
            if child.pointee.type == XML_ELEMENT_NODE, let first = child.pointee.children {
                current = first
                continue
            }
            var climbing = child
            current = nil
            while climbing != node {
                if let next = climbing.pointee.next { current = next; break }
                guard let parent = climbing.pointee.parent, parent != node else { break }
                climbing = parent
            }
        }
        return collapsed(String(decoding: bytes, as: UTF8.self))
    }

    /// Whitespace (and NBSP) runs as one space, ends trimmed.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{A0}" }).joined(separator: " ")
    }
}

/// `<meta>` names that carry a publication date, best first.
enum MetaDateNames {
    private static let names = [
        "article:published_time", "datepublished", "citation_publication_date", "dc.date.issued", "dcterms.issued",
        "pubdate", "publishdate", "publish-date", "publish_date", "date", "citation_date", "dc.date", "dcterms.date",
        "og:published_time",
    ]

    static func rank(of key: String) -> Int? { names.firstIndex(of: key) }
}

/// An element's name, compared as bytes: which of the few elements that
/// carry metadata it is.
struct ElementName {
    enum Kind { case html, meta, link, base, title, h1, time, opaque, other }

    let kind: Kind
    let isArticle: Bool
    /// `header` or `nav`: site chrome by declaration.
    let isChrome: Bool
    /// `a`.
    let isLink: Bool

    init(_ name: UnsafePointer<UInt8>) {
        switch name[0] {
        case UInt8(ascii: "h"):
            kind = Self.equal(name, "html") ? .html : Self.equal(name, "h1") ? .h1 : .other
        case UInt8(ascii: "m"):
            kind = Self.equal(name, "meta") ? .meta : .other
        case UInt8(ascii: "l"):
            kind = Self.equal(name, "link") ? .link : .other
        case UInt8(ascii: "b"):
            kind = Self.equal(name, "base") ? .base : .other
        case UInt8(ascii: "t"):
            kind = Self.equal(name, "title") ? .title : Self.equal(name, "time") ? .time
                : Self.equal(name, "template") ? .opaque : .other
        case UInt8(ascii: "s"):
            // An svg holds <title>s of its own; scripts and styles hold no metadata.
            kind = Self.equal(name, "svg") || Self.equal(name, "script") || Self.equal(name, "style") ? .opaque : .other
        default:
            kind = .other
        }
        isArticle = (name[0] == UInt8(ascii: "a") && Self.equal(name, "article"))
            || (name[0] == UInt8(ascii: "m") && Self.equal(name, "main"))
        isChrome = (name[0] == UInt8(ascii: "h") && Self.equal(name, "header"))
            || (name[0] == UInt8(ascii: "n") && Self.equal(name, "nav"))
        isLink = name[0] == UInt8(ascii: "a") && name[1] == 0
    }

    static func equal(_ value: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        ASCIIBytes.equalsIgnoringCase(cString: value, literal)
    }
}
