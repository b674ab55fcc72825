import ScourPrimitives

/// Repairs habits of old HTML that browsers forgive and libxml2 2.9
/// does not, as the last step before the parser sees the decoded page:
///
/// - entities without their semicolon (`&copy 1996`, `Tom &amp Jerry`),
///   which libxml2 leaves as literal text: the semicolon is added for the
///   HTML5 legacy names when no letter, digit or `=` follows (so URLs such
///   as `?a=1&copy=2` keep their meaning);
/// - bogus markup declarations such as `<!WA0>` (saved-page markers) and
///   Word's conditional markers `<![if !supportLists]>` … `<![endif]>`,
///   which browsers treat as comments and libxml2 shows as text: removed;
/// - a `<noscript>` left with an open `div` or table element inside
///   (`<noscript><div><img src=x></noscript>`): libxml2 lets no end tag
///   close those, so it ignores the `</noscript>` and the rest of the
///   body ends up inside the `noscript` that extraction skips. The
///   missing end tags are added before `</noscript>`, and such end tags
///   with nothing to close inside it are dropped (a browser running
///   scripts reads the whole of `noscript` as text, so nothing in it can
///   close what is outside).
///
/// The page is copied only when something needs repair.
enum LegacyMarkup {
    static func repaired(_ utf8: [UInt8]) -> [UInt8] {
        utf8.withUnsafeBufferPointer { bytes in
            let repairs = allRepairs(bytes)
            guard !repairs.isEmpty else { return utf8 }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var copied = 0
            for repair in repairs where repair.start >= copied {
                out.append(contentsOf: bytes[copied..<repair.start])
                switch repair.kind {
                case .semicolon(let name):
                    out.append(UInt8(ascii: "&"))
                    out.append(contentsOf: name)
                    out.append(UInt8(ascii: ";"))
                case .insertion(let markup):
                    out.append(contentsOf: markup)
                case .removal:
                    break
                }
                copied = repair.end
            }
            out.append(contentsOf: bytes[copied...])
            return out
        }
    }

    private struct Repair {
        enum Kind {
            /// Replace the range with `&name;`.
            case semicolon([UInt8])
            /// Replace the range (empty: insert) with this markup.
            case insertion([UInt8])
            /// Drop the range.
            case removal
        }

        var start: Int, end: Int
        var kind: Kind
    }

    /// Every repair the page needs, in order of position.
    private static func allRepairs(_ bytes: UnsafeBufferPointer<UInt8>) -> [Repair] {
        var repairs: [Repair] = []
        // A noscript's repairs, found when its start tag is met, wait here
        // until the scan reaches them.
        var pending: [Repair] = []
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&"), let repair = entityRepair(bytes, index) {
                flush(&pending, upTo: repair.start, into: &repairs)
                repairs.append(repair)
                index = repair.end
                continue
            }
            // Only `<!`, `<s` and `<n` can start what is repaired or skipped here.
            if byte == UInt8(ascii: "<"), index + 2 < count, Self.mayNeedLook[Int(bytes[index + 1])] {
                // A comment is passed whole: `<!--[if IE]>…<![endif]-->` is not Word's marker.
                if ASCIIBytes.matchesExactly(bytes, index, "<!--") {
                    index = ASCIIBytes.firstIndex(of: "-->", in: bytes, from: index + 4).map { $0 + 3 } ?? index + 4
                    continue
                }
                // So are scripts and styles, raw text to libxml2: a "<!--" or a "<noscript>" in a string means nothing.
                if let end = rawTextEnd(bytes, index) {
                    index = end
                    continue
                }
                if bytes[index + 1] == UInt8(ascii: "!"), let repair = bogusDeclaration(bytes, index) {
                    flush(&pending, upTo: repair.start, into: &repairs)
                    repairs.append(repair)
                    index = repair.end
                    continue
                }
                if ASCIIBytes.matches(bytes, index + 1, "noscript"), index + 9 < count, isNameEnd(bytes[index + 9]) {
                    flush(&pending, upTo: index, into: &repairs)
                    // A noscript inside one being repaired is its text.
                    if pending.isEmpty { pending = noscriptRepairs(bytes, contentFrom: index + 9) }
                }
            }
            index += 1
        }
        flush(&pending, upTo: count, into: &repairs)
        return repairs
    }

    /// The bytes after `<` that start a comment, a declaration, a script,
    /// a style or a noscript.
    private static let mayNeedLook: [Bool] = (0...255).map {
        $0 == 0x21 || $0 == 0x73 || $0 == 0x53 || $0 == 0x6E || $0 == 0x4E
    }

    /// Where the `<script>` or `<style>` element starting at `start` ends
    /// (its end tag's `<`, or the end of the page), or nil for any other tag.
    private static func rawTextEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        if ASCIIBytes.matches(bytes, start + 1, "script"), start + 7 < bytes.count, isNameEnd(bytes[start + 7]) {
            return ASCIIBytes.firstIndex(of: "</script", in: bytes, from: start + 7) ?? bytes.count
        }
        if ASCIIBytes.matches(bytes, start + 1, "style"), start + 6 < bytes.count, isNameEnd(bytes[start + 6]) {
            return ASCIIBytes.firstIndex(of: "</style", in: bytes, from: start + 6) ?? bytes.count
        }
        return nil
    }

    private static func flush(_ pending: inout [Repair], upTo position: Int, into repairs: inout [Repair]) {
        guard !pending.isEmpty else { return }
        var taken = 0
        while taken < pending.count, pending[taken].start <= position { taken += 1 }
        guard taken > 0 else { return }
        repairs.append(contentsOf: pending[..<taken])
        pending.removeFirst(taken)
    }

    private static func entityRepair(_ bytes: UnsafeBufferPointer<UInt8>, _ ampersand: Int) -> Repair? {
        var end = ampersand + 1
        while end < bytes.count, end - ampersand <= 7, isAlphanumeric(bytes[end]) { end += 1 }
        guard end > ampersand + 1, end - ampersand <= 7 else { return nil }
        if end < bytes.count {
            let following = bytes[end]
            if following == UInt8(ascii: ";") || following == UInt8(ascii: "=") || isAlphanumeric(following) { return nil }
        }
        let name = Array(bytes[(ampersand + 1)..<end])
        if legacyNames.contains(name) { return Repair(start: ampersand, end: end, kind: .semicolon(name)) }
        // libxml2 knows only the lower-case spellings of these.
        let lowered = name.map(ASCIIBytes.lower)
        if upperCaseNames.contains(name) { return Repair(start: ampersand, end: end, kind: .semicolon(lowered)) }
        return nil
    }

    /// `<!` followed by a letter that does not start `DOCTYPE`, or `<![`
    /// that does not start `CDATA[` (Word's `<![if !supportLists]>` and
    /// `<![endif]>`): a bogus comment, up to the next `>`. Comments and
    /// CDATA are left alone.
    private static func bogusDeclaration(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Repair? {
        let lead = ASCIIBytes.lower(bytes[start + 2])
        if lead == UInt8(ascii: "[") {
            guard !ASCIIBytes.matches(bytes, start, "<![cdata[") else { return nil }
        } else {
            guard lead >= 0x61, lead <= 0x7A, !ASCIIBytes.matches(bytes, start, "<!doctype") else { return nil }
        }
        var end = start + 2
        while end < bytes.count, bytes[end] != UInt8(ascii: ">") {
            if bytes[end] == UInt8(ascii: "<") || end - start > 256 { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        // Word's markers end `]>`.
        if lead == UInt8(ascii: "["), bytes[end - 1] != UInt8(ascii: "]") { return nil }
        return Repair(start: start, end: end + 1, kind: .removal)
    }

    // MARK: noscript

    /// The elements whose end libxml2 lets no other end tag imply (its
    /// `htmlEndPriority` table): an open one keeps `</noscript>` from closing.
    private static let unclosable: [StaticString] = ["div", "td", "th", "tr", "thead", "tbody", "tfoot", "table"]
    /// Open elements tracked inside one `noscript`; past this the page is
    /// left as it is.
    private static let maximumOpen = 64

    /// The repairs inside the `noscript` whose name ends at `start`: its
    /// unclosable elements closed before `</noscript>`, and their stray end
    /// tags dropped. None when it is balanced or never closed.
    private static func noscriptRepairs(_ bytes: UnsafeBufferPointer<UInt8>, contentFrom start: Int) -> [Repair] {
        let count = bytes.count
        var index = start
        while index < count, bytes[index] != UInt8(ascii: ">") { index += 1 }
        var open: [Int] = []  // indices into `unclosable`
        var repairs: [Repair] = []
        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if ASCIIBytes.matches(bytes, index, "<!--") {
                guard let end = ASCIIBytes.firstIndex(of: "-->", in: bytes, from: index + 4) else { return [] }
                index = end + 3
                continue
            }
            let isEnd = index + 1 < count && bytes[index + 1] == UInt8(ascii: "/")
            let nameStart = index + (isEnd ? 2 : 1)
            var nameEnd = nameStart
            while nameEnd < count, ASCIIBytes.isAlphanumeric(bytes[nameEnd]) { nameEnd += 1 }
            guard nameEnd > nameStart, nameEnd < count, isNameEnd(bytes[nameEnd]) else { index += 1; continue }
            var tagEnd = nameEnd
            while tagEnd < count, bytes[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
            if isEnd, ASCIIBytes.equalsIgnoringCase(bytes, nameStart..<nameEnd, "noscript") {
                if !open.isEmpty {
                    var closing: [UInt8] = []
                    for element in open.reversed() {
                        closing.append(contentsOf: Array("</".utf8))
                        closing.append(contentsOf: nameBytes(unclosable[element]))
                        closing.append(UInt8(ascii: ">"))
                    }
                    repairs.append(Repair(start: index, end: index, kind: .insertion(closing)))
                }
                return repairs
            }
            if !isEnd, ASCIIBytes.equalsIgnoringCase(bytes, nameStart..<nameEnd, "script")
                || ASCIIBytes.equalsIgnoringCase(bytes, nameStart..<nameEnd, "style") {
                // Raw text to libxml2: skip to its end tag.
                let isScript = nameEnd - nameStart == 6
                guard let end = isScript ? ASCIIBytes.firstIndex(of: "</script", in: bytes, from: tagEnd)
                    : ASCIIBytes.firstIndex(of: "</style", in: bytes, from: tagEnd) else { return [] }
                index = end + 2
                continue
            }
            if let element = unclosable.firstIndex(where: { ASCIIBytes.equalsIgnoringCase(bytes, nameStart..<nameEnd, $0) }) {
                if !isEnd {
                    guard open.count < maximumOpen else { return [] }
                    open.append(element)
                } else if let depth = open.lastIndex(of: element) {
                    open.removeSubrange(depth...)
                } else if tagEnd < count {
                    repairs.append(Repair(start: index, end: tagEnd + 1, kind: .removal))
                }
            }
            index = tagEnd
        }
        return []  // never closed: nothing to repair before
    }

    private static func nameBytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
    }

    /// What may follow a tag's name: `>`, `/` or a space.
    @inline(__always)
    private static func isNameEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x20 || byte == 0x09 || byte == 0x0A
            || byte == 0x0D || byte == 0x0C
    }

    @inline(__always)
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (ASCIIBytes.lower(byte) >= 0x61 && ASCIIBytes.lower(byte) <= 0x7A)
    }

    /// The entities HTML5 recognises without a semicolon (the Latin-1 set).
    private static let legacyNames: Set<[UInt8]> = Set("""
        AElig Aacute Acirc Agrave Aring Atilde Auml Ccedil ETH Eacute Ecirc Egrave Euml Iacute Icirc Igrave Iuml \
        Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml THORN Uacute Ucirc Ugrave Uuml Yacute aacute acirc acute aelig \
        agrave amp aring atilde auml brvbar ccedil cedil cent copy curren deg divide eacute ecirc egrave eth euml \
        frac12 frac14 frac34 gt iacute icirc iexcl igrave iquest iuml laquo lt macr micro middot nbsp not ntilde \
        oacute ocirc ograve ordf ordm oslash otilde ouml para plusmn pound quot raquo reg sect shy sup1 sup2 sup3 \
        szlig thorn times uacute ucirc ugrave uml uuml yacute yen yuml
        """.split(separator: " ").map { Array($0.utf8) })

    private static let upperCaseNames: Set<[UInt8]> = Set(["AMP", "COPY", "GT", "LT", "QUOT", "REG"].map { Array($0.utf8) })
}
