import ScourPrimitives

/// Repairs two habits of old HTML that browsers forgive and libxml2 2.9
/// does not, as the last step before the parser sees the decoded page:
///
/// - entities without their semicolon (`&copy 1996`, `Tom &amp Jerry`),
///   which libxml2 leaves as literal text: the semicolon is added for the
///   HTML5 legacy names when no letter, digit or `=` follows (so URLs such
///   as `?a=1&copy=2` keep their meaning);
/// - bogus markup declarations such as `<!WA0>` (saved-page markers),
///   which browsers treat as comments and libxml2 shows as text: removed.
///
/// The page is copied only when something needs repair.
enum LegacyMarkup {
    static func repaired(_ utf8: [UInt8]) -> [UInt8] {
        utf8.withUnsafeBufferPointer { bytes in
            guard let first = firstRepair(bytes, from: 0) else { return utf8 }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var copied = 0
            var next: Repair? = first
            while let repair = next {
                out.append(contentsOf: bytes[copied..<repair.start])
                switch repair.kind {
                case .semicolon(let name):
                    out.append(UInt8(ascii: "&"))
                    out.append(contentsOf: name)
                    out.append(UInt8(ascii: ";"))
                case .removal:
                    break
                }
                copied = repair.end
                next = firstRepair(bytes, from: copied)
            }
            out.append(contentsOf: bytes[copied...])
            return out
        }
    }

    private struct Repair {
        enum Kind {
            /// Replace the range with `&name;`.
            case semicolon([UInt8])
            /// Drop the range.
            case removal
        }

        var start: Int, end: Int
        var kind: Kind
    }

    private static func firstRepair(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Repair? {
        var index = start
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&"), let repair = entityRepair(bytes, index) { return repair }
            if byte == UInt8(ascii: "<"), index + 2 < count, bytes[index + 1] == UInt8(ascii: "!"),
               let repair = bogusDeclaration(bytes, index) {
                return repair
            }
            index += 1
        }
        return nil
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

    /// `<!` followed by a letter that does not start `DOCTYPE`: a bogus
    /// comment, up to the next `>`. Comments and CDATA are left alone.
    private static func bogusDeclaration(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Repair? {
        let lead = ASCIIBytes.lower(bytes[start + 2])
        guard lead >= 0x61, lead <= 0x7A, !ASCIIBytes.matches(bytes, start, "<!doctype") else { return nil }
        var end = start + 2
        while end < bytes.count, bytes[end] != UInt8(ascii: ">") {
            if bytes[end] == UInt8(ascii: "<") || end - start > 256 { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        return Repair(start: start, end: end + 1, kind: .removal)
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
