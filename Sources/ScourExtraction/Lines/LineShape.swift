import ScourPrimitives

/// The measurements the chrome rules judge a line by: how long it is, how
/// many words, whether it reads as prose. Chinese text has no spaces, so its
/// characters count as words at half weight.
struct LineShape: Sendable {
    /// The line with runs of spaces collapsed: what is kept and compared.
    let text: String
    /// Unicode scalars in `text`.
    let characters: Int
    /// Latin words plus half the CJK characters.
    let words: Int
    /// Han, kana and hangul characters.
    let cjk: Int
    /// Ends like a sentence (`.` `!` `?` `。` …, possibly before a quote).
    let endsLikeSentence: Bool
    /// Holds at least one letter or CJK character.
    let hasLetters: Bool

    init(_ line: String) {
        text = LineShape.hasDoubleSpace(line) ? LineShape.collapsingSpaces(line) : line
        var characters = 0, latinWords = 0, cjk = 0
        var inWord = false, hasLetters = false
        var last: Unicode.Scalar = " ", beforeLast: Unicode.Scalar = " "
        // Scalars decoded from the UTF-8 bytes by hand: `unicodeScalars`
        // iteration costs more than the whole measurement on ASCII lines.
        var utf8 = text.utf8.makeIterator()
        while let lead = utf8.next() {
            characters += 1
            if lead < 0x80 {
                // ASCII fast path: no Unicode property look-up.
                let lower = lead | 0x20
                if lower >= 0x61, lower <= 0x7A {
                    if !inWord { latinWords += 1 }
                    inWord = true
                    hasLetters = true
                } else if lead >= 0x30, lead <= 0x39 {
                    if !inWord { latinWords += 1 }
                    inWord = true
                } else if lead == 0x20 {
                    inWord = false
                }
                if lead != 0x20 {
                    beforeLast = last
                    last = Unicode.Scalar(lead)
                }
                continue
            }
            var value = UInt32(lead)
            let continuation = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
            value &= continuation == 3 ? 0x07 : continuation == 2 ? 0x0F : 0x1F
            for _ in 0..<continuation { value = value << 6 | UInt32((utf8.next() ?? 0x80) & 0x3F) }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            if LineShape.isCJK(scalar) {
                cjk += 1
                inWord = false
                hasLetters = true
            } else if scalar.properties.isAlphabetic {
                if !inWord { latinWords += 1 }
                inWord = true
                hasLetters = true
            }
            beforeLast = last
            last = scalar
        }
        self.characters = characters
        self.cjk = cjk
        self.words = latinWords + (cjk + 1) / 2
        self.hasLetters = hasLetters
        endsLikeSentence = LineShape.isTerminal(last)
            || (LineShape.isClosing(last) && LineShape.isTerminal(beforeLast))
    }

    /// Two spaces in a row, found in the bytes.
    private static func hasDoubleSpace(_ line: String) -> Bool {
        var previousSpace = false
        for byte in line.utf8 {
            let isSpace = byte == 0x20
            if isSpace, previousSpace { return true }
            previousSpace = isSpace
        }
        return false
    }

    /// A paragraph of prose: the chrome rules are bold before the first and
    /// after the last of these, conservative between them. A headline is not
    /// one: it may be long, but it does not end like a sentence.
    var isProse: Bool {
        if cjk >= 50 || characters >= 200 { return true }
        if cjk >= 20 { return endsLikeSentence }
        return characters >= 80 && words >= 10 && (endsLikeSentence || text.contains(". "))
    }

    /// Short enough to be a label, widget or menu entry.
    var isShort: Bool { characters <= 60 && words <= 8 }

    private static func isTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", "。", "！", "？", "…", ";", "；": true
        default: false
        }
    }

    private static func isClosing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "”", "’", "'", ")", "）", "」", "』": true
        default: false
        }
    }

    /// Han, kana and Hangul, as the tokenizer sees them. (This list used to
    /// leave out half-width Katakana, the Katakana extensions, Hangul jamo
    /// and Han past plane 2, which were then counted as Latin words.)
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        UnicodeRanges.isCJK(scalar.value)
    }

    static func collapsingSpaces(_ line: String) -> String {
        var out = ""
        out.reserveCapacity(line.utf8.count)
        var pending = false
        for character in line {
            if character == " " {
                pending = true
            } else {
                if pending, !out.isEmpty { out.append(" ") }
                pending = false
                out.append(character)
            }
        }
        return out
    }
}

extension String {
    /// Without leading and trailing spaces.
    func trimmingSpaces() -> String {
        let start = firstIndex(where: { $0 != " " }) ?? endIndex
        let end = lastIndex(where: { $0 != " " }).map(index(after:)) ?? start
        return String(self[start..<end])
    }
}
