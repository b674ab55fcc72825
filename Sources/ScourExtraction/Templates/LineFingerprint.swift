import ScourPrimitives

/// A line reduced to what makes two lines "the same line" on different
/// pages of a site, hashed so that counting never builds a `String`.
///
/// Case, runs of spaces and punctuation at either end are ignored, so
/// "Online QQ Service, Click here." and "online qq service, click here"
/// match. In short counter-like lines (at most six digits and a few letters)
/// every run of digits counts as one `0`, so "Hits: 218" and "Hits: 31"
/// match; in other lines digits stay as they are, because there they are
/// content — a phone number or a room on a staff page differs from page to
/// page and must not turn the line into a template.
public struct LineFingerprint: Sendable, Hashable {
    /// FNV-1a 64 of the normalised line; 0 when nothing is left (a blank or
    /// punctuation-only line), which is never a template line.
    public let hash: UInt64
    /// Length in Latin-character units; a CJK character counts two, since
    /// it carries about as much as a short word. Counted over the first
    /// ``scannedScalars`` only: past that a line is long whatever its length.
    public let weight: Int

    /// Only this many characters of a line are normalised; a longer line
    /// (a paragraph) is told apart by them and by its length in bytes.
    /// Paragraphs are most of the text and almost never template lines, so
    /// this keeps fingerprinting cheap: SciFact's abstracts cost about as
    /// much as its titles.
    static let scannedScalars = 200

    /// Counter lines: at most this many digits…
    static let counterDigits = 6
    /// …and at most this many letters (weight units) besides them.
    static let counterLetters = 24

    public init(_ line: Substring) {
        var state = Normaliser()
        let fast: Void? = line.utf8.withContiguousStorageIfAvailable { bytes in
            var index = 0
            while index < bytes.count {
                // Decodes UTF-8 by hand: valid by construction (a Swift string).
                let lead = UInt32(bytes[index])
                var value = lead
                var length = 1
                if lead >= 0xF0 { value = lead & 0x07; length = 4 }
                else if lead >= 0xE0 { value = lead & 0x0F; length = 3 }
                else if lead >= 0xC0 { value = lead & 0x1F; length = 2 }
                for offset in 1..<max(length, 1) where index + offset < bytes.count {
                    value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F)
                }
                index += length
                if !state.feed(value) {
                    state.finishEarly(byteCount: bytes.count)
                    break
                }
            }
        }
        if fast == nil {
            for scalar in line.unicodeScalars where !state.feed(scalar.value) {
                state.finishEarly(byteCount: line.utf8.count)
                break
            }
        }
        (hash, weight) = state.result
    }

    public init(_ line: String) { self.init(line[...]) }

    /// A fingerprint computed before, from its two parts.
    public init(hash: UInt64, weight: Int) {
        self.hash = hash
        self.weight = weight
    }

    /// Two lines are the same line when their hashes are; the weight only
    /// differs by digits.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.hash == rhs.hash }
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    fileprivate static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// ASCII, Latin-1, general and CJK punctuation, arrows, box drawing,
    /// shapes and dingbats (the bullets and separators of menus).
    fileprivate static func isPunctuation(_ value: UInt32) -> Bool {
        switch value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E,
             0xA1...0xBF, 0xD7, 0xF7,
             0x2010...0x205E, 0x2190...0x21FF, 0x2500...0x27BF,
             0x3001...0x3004, 0x3008...0x303F, 0xFE30...0xFE4F,
             0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65:
            return true
        default:
            return false
        }
    }

    /// The value of an ASCII or fullwidth digit.
    fileprivate static func digit(_ value: UInt32) -> UInt32? {
        if value >= 0x30 && value <= 0x39 { return value - 0x30 }
        if value >= 0xFF10 && value <= 0xFF19 { return value - 0xFF10 }
        return nil
    }

    /// Lowercases ASCII, Latin-1, Greek and Cyrillic capitals: enough for
    /// menus, without a Unicode property look-up per character.
    fileprivate static func lowercased(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE, 0x391...0x3A9, 0x410...0x42F: return value + 0x20
        case 0x400...0x40F: return value + 0x50
        default: return value
        }
    }

}

extension LineFingerprint {
    /// The running state of one line's normalisation and its two hashes:
    /// with digits as they are, and with each run of digits as one `0`.
    private struct Normaliser {
        static let basis = FNV1a.basis
        var exact = basis, collapsed = basis
        /// The hashes at the last character that was not punctuation, so
        /// trailing punctuation and spaces count for nothing.
        var exactEnd = basis, collapsedEnd = basis
        var started = false, pendingSpace = false, inDigits = false
        var digits = 0, letters = 0, weight = 0, scanned = 0

        /// Takes one character; false once ``scannedScalars`` were taken.
        mutating func feed(_ value: UInt32) -> Bool {
            scanned += 1
            if scanned > LineFingerprint.scannedScalars { return false }
            if LineFingerprint.isSpace(value) {
                if started { pendingSpace = true }
                inDigits = false
                return true
            }
            let punctuation = LineFingerprint.isPunctuation(value)
            if !started && punctuation { return true }
            started = true
            if pendingSpace {
                exact = FNV1a.add(exact, UInt32(0x20))
                collapsed = FNV1a.add(collapsed, UInt32(0x20))
                pendingSpace = false
            }
            if let digit = LineFingerprint.digit(value) {
                digits += 1
                weight += 1
                exact = FNV1a.add(exact, 0x30 + digit)
                if !inDigits { collapsed = FNV1a.add(collapsed, UInt32(0x30)) }
                inDigits = true
            } else {
                inDigits = false
                let lower = LineFingerprint.lowercased(value)
                exact = FNV1a.add(exact, lower)
                collapsed = FNV1a.add(collapsed, lower)
                let units = UnicodeRanges.isWide(value) ? 2 : 1
                weight += units
                if !punctuation { letters += units }
            }
            if !punctuation {
                exactEnd = exact
                collapsedEnd = collapsed
            }
            return true
        }

        /// A long line: the rest is told by its length alone.
        mutating func finishEarly(byteCount: Int) {
            exact = FNV1a.add(exact, UInt32(truncatingIfNeeded: byteCount))
            exactEnd = exact
            digits = 0
        }

        var result: (hash: UInt64, weight: Int) {
            let isCounter = digits > 0 && digits <= LineFingerprint.counterDigits
                && letters <= LineFingerprint.counterLetters
            let hash = isCounter ? collapsedEnd : exactEnd
            return (hash == Self.basis ? 0 : (hash == 0 ? 1 : hash), weight)
        }
    }
}
