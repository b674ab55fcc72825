/// The project's one table of East Asian Unicode ranges, as named
/// predicates on scalar values. Each caller picks the predicate that says
/// what it means; they differ on purpose:
///
/// | predicate | covers | used by |
/// | --- | --- | --- |
/// | ``isHan(_:)`` | Han ideographs | Chinese folding, Han unigrams |
/// | ``isKana(_:)`` | Hiragana, Katakana (with half-width) | — |
/// | ``isHangul(_:)`` | Hangul syllables and jamo | — |
/// | ``isCJK(_:)`` | the union of the three | the tokenizer (bigrams), the spelling suggester, line shapes |
/// | ``isWrittenWithoutSpaces(_:)`` | Han (with radicals), kana, bopomofo; not Hangul | the duplicate detector's words |
/// | ``isWide(_:)`` | every CJK block, Hangul syllables, full-width forms | line weights (template learning), title separators |
///
/// The tokenizer's terms and the line fingerprints are persisted, so a
/// predicate's coverage is part of the index format: widening one changes
/// what an old index holds. Add a new predicate rather than editing one.
///
/// - Complexity: a few comparisons; no table look-up, no allocation.
public enum UnicodeRanges {
    /// Han ideographs: unified (with extension A and B to G) and
    /// compatibility ideographs (with their supplement).
    @inlinable
    public static func isHan(_ value: UInt32) -> Bool {
        switch value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF,   // Han ext. A, unified
             0xF900...0xFAFF,                     // compatibility ideographs
             0x20000...0x3134F:                   // Han ext. B and later
            return true
        default:
            return false
        }
    }

    /// Hiragana, Katakana, Katakana phonetic extensions and half-width Katakana.
    @inlinable
    public static func isKana(_ value: UInt32) -> Bool {
        switch value {
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return true
        default: return false
        }
    }

    /// Hangul jamo, compatibility jamo and syllables.
    @inlinable
    public static func isHangul(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: return true
        default: return false
        }
    }

    /// Han, kana or Hangul: what the tokenizer indexes as bigrams, and
    /// therefore what is never one "word" to correct or count as Latin.
    @inlinable
    public static func isCJK(_ value: UInt32) -> Bool {
        isHan(value) || isKana(value) || isHangul(value)
    }

    /// Scripts written without spaces between words, where each character
    /// is its own word to the duplicate detector: Han with its radicals and
    /// every supplementary ideographic plane, kana, bopomofo (and the small
    /// blocks among them: compatibility jamo, kanbun, strokes), half-width
    /// Katakana. Not Hangul syllables: Korean puts spaces between words.
    @inlinable
    public static func isWrittenWithoutSpaces(_ value: UInt32) -> Bool {
        switch value {
        case 0x2E80...0x2FFF, 0x3040...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }

    /// Characters a line of East Asian text is made of, drawn about twice
    /// as wide as a Latin letter: every CJK block of the BMP (radicals to
    /// unified ideographs, with CJK punctuation and kana), Hangul
    /// syllables, compatibility ideographs, half- and full-width forms, and
    /// the supplementary ideographic planes.
    @inlinable
    public static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }
}
