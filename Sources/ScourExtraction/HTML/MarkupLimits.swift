import ScourPrimitives

/// Caps what libxml2 is handed, as browsers cap what they build: at most
/// `maximumAttributes` attributes per start tag and at most `maximumDepth`
/// open elements. libxml2 2.9 checks each new attribute against all the
/// previous ones (50,000 attributes on one element took 30 s) and searches
/// its whole stack of open elements for every end tag that closes none of
/// them (40,000 stray end tags under 40,000 open `div`s: seconds), so both
/// grow with the square of a hostile page. Chrome's parser stops nesting at
/// 512 levels; this keeps 1,024.
///
/// One linear pass over the bytes, no allocation per byte; the page is
/// copied only when something is cut. Attributes past the cap are dropped.
/// A start tag past the depth cap is dropped, its content kept — it lands
/// in the deepest kept element, as in Chrome — and so is one matching end
/// tag later; a dropped block tag leaves a `<br>`, so lines stay lines. The open-element stack follows HTML's commonest implied end
/// tags (`p`, `li`, `td`/`th`, `tr`, `option`, `dt`/`dd`) so that pages of
/// unclosed paragraphs and list items are not taken for deep ones; where it
/// errs it counts too deep, which only matters past the cap.
enum MarkupLimits {
    static let maximumAttributes = 256
    static let maximumDepth = 1024

    static func limited(_ utf8: [UInt8]) -> [UInt8] {
        utf8.withUnsafeBufferPointer { bytes in
            var scanner = Scanner(bytes)
            scanner.run()
            guard var out = scanner.out else { return utf8 }
            out.append(contentsOf: bytes[scanner.copied...])
            return out
        }
    }

    /// Element names as FNV-1a hashes of their lower-cased bytes.
    private typealias NameHash = UInt64

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> NameHash {
        FNV1a.hashLowercased(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    private static func hash(_ name: StaticString) -> NameHash {
        name.withUTF8Buffer { hash($0, 0..<$0.count) }
    }

    private static let void: Set<NameHash> = Set(
        ["area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "isindex",
         "keygen", "link", "meta", "param", "source", "track", "wbr"].map { hash($0) })
    /// Elements that end a line: dropped past the depth cap, they leave a
    /// `<br>` so their text does not run into the next block's.
    private static let blocks: Set<NameHash> = closesParagraph.union(
        ["td", "th", "tr", "dt", "dd", "option", "caption", "tbody", "thead", "tfoot", "body"].map { hash($0) })
    private static let lineBreak = Array("<br>".utf8)
    private static let script = hash("script"), style = hash("style")
    private static let p = hash("p"), li = hash("li"), td = hash("td"), th = hash("th"), tr = hash("tr")
    private static let option = hash("option"), dt = hash("dt"), dd = hash("dd")
    private static let ul = hash("ul"), ol = hash("ol"), menu = hash("menu"), table = hash("table"), dl = hash("dl")
    private static let select = hash("select")
    /// Start tags that end an open `p`.
    private static let closesParagraph: Set<NameHash> = Set(
        ["address", "article", "aside", "blockquote", "center", "dir", "div", "dl", "fieldset", "figure", "footer",
         "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "menu", "nav", "ol", "p", "pre",
         "section", "table", "ul"].map { hash($0) })

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        /// The limited page, once something was cut; nil while it is the input.
        var out: [UInt8]?
        /// Input bytes before this index are in `out` (or need no copy).
        var copied = 0
        var open: [NameHash] = []
        /// Start tags dropped past the depth cap, by name: their end tags go too.
        var dropped: [NameHash: Int] = [:]

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// Replaces `range` of the input with `replacement`.
        mutating func cut(_ range: Range<Int>, replacement: [UInt8] = []) {
            if out == nil {
                out = []
                out!.reserveCapacity(bytes.count)
            }
            out!.append(contentsOf: bytes[copied..<range.lowerBound])
            out!.append(contentsOf: replacement)
            copied = range.upperBound
        }

        mutating func run() {
            let count = bytes.count
            var index = 0
            while index < count {
                guard let next = find(UInt8(ascii: "<"), from: index) else { return }
                index = next
                guard index + 1 < count else { return }
                let following = bytes[index + 1]
                if following == UInt8(ascii: "!") || following == UInt8(ascii: "?") {
                    index = skipDeclaration(index)
                } else if following == UInt8(ascii: "/") {
                    index = endTag(index)
                } else if isLetter(following) {
                    index = startTag(index)
                } else {
                    index += 1
                }
            }
        }

        /// A comment to its `-->`, anything else `<!…>`, `<?…>` to its `>`.
        func skipDeclaration(_ start: Int) -> Int {
            if ASCIIBytes.matches(bytes, start, "<!--") {
                var index = start + 4
                while let dash = find(UInt8(ascii: "-"), from: index) {
                    if ASCIIBytes.matches(bytes, dash, "-->") { return dash + 3 }
                    index = dash + 1
                }
                return bytes.count
            }
            return (find(UInt8(ascii: ">"), from: start + 2) ?? bytes.count - 1) + 1
        }

        mutating func endTag(_ start: Int) -> Int {
            let nameStart = start + 2
            var nameEnd = nameStart
            while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            let end = (find(UInt8(ascii: ">"), from: nameEnd) ?? bytes.count - 1) + 1
            guard nameEnd > nameStart else { return end }
            let name = hash(bytes, nameStart..<nameEnd)
            if let position = open.lastIndex(of: name) {
                open.removeSubrange(position...)
            } else if let count = dropped[name], count > 0 {
                dropped[name] = count - 1
                cut(start..<end, replacement: blocks.contains(name) ? lineBreak : [])
            }
            return end
        }

        mutating func startTag(_ start: Int) -> Int {
            let nameStart = start + 1
            var index = nameStart
            while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
            let name = hash(bytes, nameStart..<index)
            // Attributes: name, optionally `=` and a quoted or bare value.
            var attributes = 0
            var cutFrom: Int?
            var selfClosing = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: ">") { break }
                if isSpace(byte) { index += 1; continue }
                if byte == UInt8(ascii: "/") {
                    selfClosing = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ">")
                    index += 1
                    continue
                }
                selfClosing = false
                attributes += 1
                if attributes > maximumAttributes, cutFrom == nil { cutFrom = index }
                index += 1
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
                      bytes[index] != UInt8(ascii: ">"), bytes[index] != UInt8(ascii: "/") { index += 1 }
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
                index += 1
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count else { break }
                let quote = bytes[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    index = (find(quote, from: index + 1) ?? bytes.count - 1) + 1
                } else {
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                }
            }
            let end = min(index + 1, bytes.count)
            let tagEnd: [UInt8] = selfClosing ? [UInt8(ascii: "/"), UInt8(ascii: ">")] : [UInt8(ascii: ">")]
            if !selfClosing, !Self.isVoid(name) {
                closeImplied(by: name)
                if open.count >= maximumDepth {
                    dropped[name, default: 0] += 1
                    cut(start..<end, replacement: blocks.contains(name) ? lineBreak : [])
                    return end
                }
                open.append(name)
            }
            if let cutFrom { cut(cutFrom..<end, replacement: tagEnd) }
            // Script and style hold text, not tags, up to their end tag.
            if name == script || name == style, !selfClosing {
                return rawTextEnd(from: end, name: name == script ? "</script" : "</style")
            }
            return end
        }

        static func isVoid(_ name: NameHash) -> Bool { MarkupLimits.void.contains(name) }

        /// Pops what HTML's implied end tags close when `name` opens.
        mutating func closeImplied(by name: NameHash) {
            if open.last == p, closesParagraph.contains(name) { open.removeLast() }
            switch name {
            case li: popTo([li], stoppingAt: [ul, ol, menu])
            case td, th: popTo([td, th], stoppingAt: [tr, table])
            case tr: popTo([tr], stoppingAt: [table])
            case dt, dd: popTo([dt, dd], stoppingAt: [dl])
            case option: popTo([option], stoppingAt: [select])
            default: break
            }
        }

        /// Pops down to and including the nearest of `names`, unless one of
        /// `boundaries` (or 64 levels) comes first: bounded work per tag.
        mutating func popTo(_ names: [NameHash], stoppingAt boundaries: [NameHash]) {
            var position = open.count - 1
            while position >= 0, open.count - position <= 64 {
                let current = open[position]
                if names.contains(current) {
                    open.removeSubrange(position...)
                    return
                }
                if boundaries.contains(current) { return }
                position -= 1
            }
        }

        /// The index after the script's or style's end tag (its `<` is
        /// left for the end-tag scan), or the end of the page.
        func rawTextEnd(from start: Int, name: StaticString) -> Int {
            var index = start
            while let next = find(UInt8(ascii: "<"), from: index) {
                if ASCIIBytes.matches(bytes, next, name) { return next }
                index = next + 1
            }
            return bytes.count
        }

        func find(_ byte: UInt8, from start: Int) -> Int? {
            guard start < bytes.count else { return nil }
            return bytes[start...].firstIndex(of: byte)
        }

        @inline(__always) func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
        }

        @inline(__always) func isLetter(_ byte: UInt8) -> Bool {
            let lower = byte | 0x20
            return lower >= 0x61 && lower <= 0x7A
        }

        @inline(__always) func isNameByte(_ byte: UInt8) -> Bool {
            !isSpace(byte) && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "/") && byte != 0
        }
    }
}
