/// Brings extracted text to Unicode Normalization Form C, so that "é"
/// typed as one character matches "e" + U+0301 as a page (often a Mac's,
/// or a PDF's) wrote it, and "가" matches its two jamo.
///
/// Almost every page is NFC already, so the work is a check: all bytes
/// below 0xCC means nothing past U+02FF, which nothing can compose with;
/// past that, code points in blocks that hold neither combining marks nor
/// characters that NFC replaces (CJK ideographs, kana, Hangul syllables,
/// Cyrillic, …) pass. Only text with anything else is normalised, and
/// copied only when that changed it.
///
/// The normaliser is the standard library's, the one `String` equality
/// uses (`_nfcCodeUnits`, public though underscored), rather than
/// Foundation's `precomposedStringWithCanonicalMapping`: this module does
/// not import Foundation, and both give NFC.
enum CanonicalComposition {
    /// `text` in NFC.
    ///
    ///     CanonicalComposition.composed("Cafe\u{301}")  // "Café"
    static func composed(_ text: String) -> String {
        guard !isSurelyComposed(text) else { return text }
        let composed = text._nfcCodeUnits
        if composed.elementsEqual(text.utf8) { return text }
        return String(decoding: composed, as: UTF8.self)
    }

    /// True when no code point of `text` can change under NFC, whatever
    /// follows it; false when it might.
    static func isSurelyComposed(_ text: String) -> Bool {
        // U+0300, the first combining mark, is 0xCC 0x80; lead and
        // continuation bytes of anything below it are smaller.
        let hasHighBytes = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 >= 0xCC }
        } ?? text.utf8.contains { $0 >= 0xCC }
        guard hasHighBytes else { return true }
        for scalar in text.unicodeScalars where !isInert(scalar.value) { return false }
        return true
    }

    /// A code point that NFC neither replaces, reorders nor composes with
    /// what precedes it: ranges of common scripts checked against the
    /// Unicode data (`NFC_Quick_Check=Yes` and combining class 0
    /// throughout). Anything outside them is merely not known to be inert.
    @inline(__always)
    private static func isInert(_ value: UInt32) -> Bool {
        switch value {
        case 0..<0x300,
             0x388...0x3FF,  // Greek and Coptic, after the singletons U+0374, U+037E, U+0387
             0x400...0x482, 0x48A...0x52F,  // Cyrillic, without its combining marks
             0x5D0...0x5EA,  // Hebrew letters
             0x620...0x64A,  // Arabic letters, without the marks around them
             0x1E00...0x1EFF,  // Latin Extended Additional (Vietnamese)
             0x2010...0x206F,  // punctuation, after the singletons U+2000, U+2001
             0x20A0...0x20CF,  // currency
             0x2190...0x21FF,  // arrows
             0x2500...0x27BF,  // box drawing, shapes, dingbats
             0x3000...0x3029, 0x3030...0x303F,  // CJK punctuation, without the tone marks
             0x3040...0x3098, 0x309B...0x30FF,  // kana, without the voicing marks U+3099, U+309A
             0x3100...0x312F,  // bopomofo
             0x3400...0x4DBF, 0x4E00...0x9FFF,  // CJK ideographs (not the compatibility ones)
             0xAC00...0xD7A3,  // Hangul syllables (the jamo that compose with them are outside)
             0xE000...0xF8FF,  // private use
             0xFF01...0xFFEF,  // full- and half-width forms
             0x1F300...0x1FAFF:  // emoji
            true
        default:
            false
        }
    }
}
