import ScourPrimitives

/// Receives the hash of every word shingle of a text, in order.
protocol ShingleSink {
    mutating func take(_ shingle: UInt64)
}

/// Splits a page's text into normalised words and hands every run of
/// ``width`` consecutive words (a shingle) to a sink, straight from the
/// UTF-8 bytes: no `String`, no array, no allocation per word.
///
/// Normalisation, so that re-scrapes of one page give the same words:
/// - case is folded (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic,
///   fullwidth Latin);
/// - punctuation, symbols and any run of spaces separate words and count
///   for nothing else ("Hello,  world!" = "hello world");
/// - in the shingles, a word of digits only is `0` whatever its value
///   ("Hits: 218" = "Hits: 31", "2026-01-05" = "2025-12-31"): counters,
///   dates and page numbers are the commonest difference between two scrapes
///   of one page, and a page long enough for a sketch (see
///   `NearDuplicateIndex.minimumWords`) has enough words besides its figures
///   to be told apart from another. The exact hash keeps every digit: short
///   pages that differ only in a number ("Lecture 3 slides", "Lecture 4
///   slides") are different pages. Digits inside a word with letters always
///   keep their value ("topic3" ≠ "topic4").
/// - a Han, kana or other spaceless-script character is a word of its own,
///   so Chinese and Japanese shingles are character trigrams. Hangul, which
///   has spaces, forms words like Latin text; Thai and other spaceless
///   scripts without a rule here form one long word per phrase.
///
/// It also folds the words into an order-sensitive hash of the whole
/// normalised text (``exact``) and counts them (``words``).
struct ShingleScanner<Sink: ShingleSink> {
    /// Words per shingle. Three is the usual choice for short web texts: one
    /// changed word touches only three shingles, yet two different texts
    /// rarely share a word trigram outside set phrases.
    static var width: Int { 3 }

    var sink: Sink
    /// Words seen so far (a CJK character counts as one).
    private(set) var words = 0
    /// Running hash of the normalised word sequence.
    private(set) var exact: UInt64 = FNV1a.basis

    /// The current word with its digits as they are, and with each run of
    /// digits as one `0` (used in shingles for words without letters).
    private var word = FNV1a.basis
    private var digitsCollapsed = FNV1a.basis
    private var inWord = false
    private var inDigits = false
    private var hasLetter = false
    /// The two words before the current one (their final hashes).
    private var previous = (older: UInt64(0), last: UInt64(0))

    /// When set, the exact hash of each word is appended (used while
    /// scanning a title, to compare titles word by word).
    var capturedWords: [UInt32]?

    init(sink: Sink) { self.sink = sink }

    /// Scans one piece of text (the title, a line); a piece ends a word.
    mutating func scan<Text: StringProtocol>(_ text: Text) {
        let scanned: Void? = text.utf8.withContiguousStorageIfAvailable { scan(bytes: $0) }
        if scanned == nil {
            // A bridged or foreign string: one copy of the piece, not per word.
            var copy = String(text)
            copy.withUTF8 { scan(bytes: $0) }
        }
        endWord()
    }

    /// Marks a boundary that the exact hash must see (between title and
    /// text) without breaking the shingles that run across it.
    mutating func mark(_ boundary: UInt64) {
        endWord()
        exact = DuplicateHashing.avalanche(exact ^ boundary)
    }

    /// Flushes the last word; a text of one or two words gives one short
    /// shingle so that it still has a sketch.
    mutating func finish() {
        endWord()
        if words > 0 && words < Self.width {
            sink.take(Self.shingle(previous.older, previous.last, 0x5348_4F52_54))
        }
    }

    private mutating func scan(bytes: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                switch lead {
                case 0x61...0x7A: letter(UInt32(lead))
                case 0x41...0x5A: letter(UInt32(lead) + 0x20)
                case 0x30...0x39: digit(UInt32(lead))
                default: endWord()
                }
                continue
            }
            // Valid UTF-8 by construction (it comes from a Swift string);
            // a stray continuation byte is only skipped.
            var value: UInt32
            let length: Int
            if lead >= 0xF0 { value = UInt32(lead & 0x07); length = 4 }
            else if lead >= 0xE0 { value = UInt32(lead & 0x0F); length = 3 }
            else if lead >= 0xC0 { value = UInt32(lead & 0x1F); length = 2 }
            else { index += 1; endWord(); continue }
            guard index + length <= count else { endWord(); return }
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            index += length
            scalar(value)
        }
    }

    /// Sorts a non-ASCII character into separator, digit, single-character
    /// word or letter.
    @inline(__always)
    private mutating func scalar(_ value: UInt32) {
        switch value {
        // Latin-1 punctuation and symbols (with NBSP), × and ÷.
        case 0x80...0xBF, 0xD7, 0xF7: endWord()
        // General punctuation, super/subscripts, currency, letterlike and
        // number forms, arrows, maths, box drawing, shapes, dingbats.
        case 0x2000...0x2BFF: endWord()
        // CJK punctuation, variation selectors, private use, CJK compatibility
        // forms, fullwidth punctuation, specials, emoji and pictographs.
        case 0x3000...0x303F, 0xE000...0xF8FF, 0xFE00...0xFE0F, 0xFE30...0xFE6F,
             0xFF00...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65,
             0xFFF0...0xFFFF, 0x1F000...0x1FAFF:
            endWord()
        case 0xFF10...0xFF19: digit(value - 0xFF10 + 0x30)
        case 0xFF21...0xFF3A: letter(value - 0xFEE0 + 0x20)
        case 0xFF41...0xFF5A: letter(value - 0xFEE0)
        // Han (with radicals), kana, bopomofo, halfwidth kana.
        case _ where UnicodeRanges.isWrittenWithoutSpaces(value):
            endWord()
            letter(value)
            endWord()
        default: letter(Self.lowercased(value))
        }
    }

    @inline(__always)
    private mutating func letter(_ value: UInt32) {
        word = FNV1a.add(word, value)
        digitsCollapsed = FNV1a.add(digitsCollapsed, value)
        inWord = true
        inDigits = false
        hasLetter = true
    }

    @inline(__always)
    private mutating func digit(_ value: UInt32) {
        word = FNV1a.add(word, value)
        if !inDigits { digitsCollapsed = FNV1a.add(digitsCollapsed, UInt32(0x30)) }
        inWord = true
        inDigits = true
    }

    @inline(__always)
    private mutating func endWord() {
        guard inWord else { return }
        let hash = DuplicateHashing.avalanche(hasLetter ? word : digitsCollapsed)
        let exactHash = hasLetter ? hash : DuplicateHashing.avalanche(word)
        word = FNV1a.basis
        digitsCollapsed = FNV1a.basis
        inWord = false
        inDigits = false
        hasLetter = false
        words += 1
        exact = DuplicateHashing.avalanche(exact &+ exactHash)
        if capturedWords != nil, capturedWords!.count < 32 { capturedWords!.append(UInt32(truncatingIfNeeded: exactHash)) }
        if words >= Self.width { sink.take(Self.shingle(previous.older, previous.last, hash)) }
        previous = (previous.last, hash)
    }

    /// An order-sensitive hash of three word hashes.
    @inline(__always)
    static func shingle(_ first: UInt64, _ second: UInt64, _ third: UInt64) -> UInt64 {
        let head = DuplicateHashing.avalanche(first &+ 0x9E37_79B9_7F4A_7C15)
        return DuplicateHashing.avalanche(DuplicateHashing.avalanche(head ^ second) ^ third)
    }

    /// Simple lowercase mapping of the capitals of Latin-1, Latin
    /// Extended-A, Greek and Cyrillic: enough to fold a page's own
    /// capitalisation changes without a Unicode table look-up per letter.
    @inline(__always)
    static func lowercased(_ value: UInt32) -> UInt32 {
        switch value {
        case 0xC0...0xDE: return value + 0x20
        case 0x100...0x137, 0x14A...0x177: return value | 1
        case 0x139...0x148: return value & 1 == 1 ? value + 1 : value
        case 0x391...0x3A9, 0x410...0x42F: return value + 0x20
        case 0x400...0x40F: return value + 0x50
        default: return value
        }
    }
}
