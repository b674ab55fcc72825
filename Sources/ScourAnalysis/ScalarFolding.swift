import Foundation
import ScourPrimitives

/// What the tokenizer does with one non-ASCII Unicode scalar.
///
/// Computing this needs Unicode normalisation (NFKD / NFKC) and case
/// mapping, which allocate; ``ScalarFoldingTable`` caches the answer so each
/// distinct scalar is looked up once per tokenizer.
enum ScalarKind: UInt8 {
    /// Ends the current word (spaces, punctuation, symbols).
    case separator = 0
    /// Part of a word; its folded form is appended to the term.
    case word = 1
    /// A Hiragana, Katakana or Hangul character: indexed as bigrams.
    case cjk = 2
    /// Combining marks and invisible format characters (soft hyphen, ZWJ):
    /// dropped without breaking the word, so "café" finds "cafe".
    case ignorable = 3
    /// A typographic apostrophe (U+2019, U+02BC): joins "university’s".
    case apostrophe = 4
    /// A Han character: indexed in bigrams like ``cjk``, and on its own too
    /// when the configuration asks for Han unigrams.
    case han = 5
}

/// Per-tokenizer cache from scalar value to ``ScalarKind`` and folded UTF-8.
struct ScalarFoldingTable {
    /// Packed entries for the Basic Multilingual Plane, 0 = not computed yet:
    /// bits 0–7 kind + 1, bits 8–15 folded length, bits 16–47 arena offset.
    private var bmp: [UInt64]
    private var astral: [UInt32: UInt64] = [:]
    /// Folded UTF-8 bytes of every scalar seen so far.
    private(set) var arena: [UInt8] = []
    /// Chinese script folding applied to Han characters. Its table (built
    /// from OpenCC's data, about 80 ms) is fetched on the first Han
    /// character a session meets, so English text and queries never pay
    /// for it.
    private let hanFolding: ChineseFolding?

    /// Cheap to create: the table is allocated on the first non-ASCII
    /// scalar, so analysing an English query costs no 512 KiB allocation.
    init(hanFolding: ChineseFolding? = nil) {
        bmp = []
        self.hanFolding = hanFolding
    }

    /// The kind of `scalar` and the range of its folded bytes in ``arena``.
    @inline(__always)
    mutating func lookup(_ scalar: UInt32) -> (kind: ScalarKind, start: Int, count: Int) {
        var packed: UInt64
        if scalar < 0x10000 {
            if bmp.isEmpty {
                bmp = [UInt64](repeating: 0, count: 0x10000)
                arena.reserveCapacity(4096)
            }
            packed = bmp[Int(scalar)]
            if packed == 0 {
                packed = compute(scalar)
                bmp[Int(scalar)] = packed
            }
        } else if let cached = astral[scalar] {
            packed = cached
        } else {
            packed = compute(scalar)
            astral[scalar] = packed
        }
        let kind = ScalarKind(rawValue: UInt8(truncatingIfNeeded: packed) &- 1) ?? .separator
        return (kind, Int(truncatingIfNeeded: packed >> 16), Int(UInt8(truncatingIfNeeded: packed >> 8)))
    }

    private mutating func compute(_ value: UInt32) -> UInt64 {
        guard let scalar = Unicode.Scalar(value) else { return pack(.separator, 0, 0) }
        let (kind, folded) = Self.classify(scalar, hanFolding: hanFolding)
        let start = arena.count
        let bytes = folded.utf8.prefix(255)
        arena.append(contentsOf: bytes)
        return pack(kind, start, bytes.count)
    }

    private func pack(_ kind: ScalarKind, _ start: Int, _ count: Int) -> UInt64 {
        UInt64(kind.rawValue + 1) | UInt64(count) << 8 | UInt64(start) << 16
    }

    /// Classifies a scalar and returns its folded text.
    static func classify(_ scalar: Unicode.Scalar, hanFolding folding: ChineseFolding? = nil) -> (ScalarKind, String) {
        let value = scalar.value
        if value == 0x2019 || value == 0x02BC { return (.apostrophe, "'") }
        // Han, kana and Hangul are indexed as bigrams; Han alone is folded
        // and indexed as unigrams too (``UnicodeRanges``).
        if UnicodeRanges.isCJK(value) {
            // NFKC maps compatibility ideographs and half-width katakana to
            // their canonical forms without decomposing Hangul syllables.
            let canonical = String(Character(scalar)).precomposedStringWithCompatibilityMapping
            guard UnicodeRanges.isHan(value) else { return (.cjk, canonical) }
            if let folding, let hanFolding = HanFoldingTable.loaded(for: folding),
               let only = canonical.unicodeScalars.first, canonical.unicodeScalars.count == 1,
               let folded = hanFolding.folded(only.value).flatMap(Unicode.Scalar.init) {
                return (.han, String(folded))
            }
            return (.han, canonical)
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return (.word, fold(scalar))
        case .nonspacingMark, .spacingMark, .enclosingMark, .format:
            return (.ignorable, "")
        default:
            return (.separator, "")
        }
    }

    /// Compatibility decomposition, diacritics removed, lowercased:
    /// "É" → "e", "ﬁ" → "fi", "Ⅻ" → "xii", "Ａ" → "a".
    private static func fold(_ scalar: Unicode.Scalar) -> String {
        let decomposed = String(Character(scalar)).decomposedStringWithCompatibilityMapping
        var kept = String.UnicodeScalarView()
        for part in decomposed.unicodeScalars {
            switch part.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark, .format: continue
            default: kept.append(part)
            }
        }
        let lowered = String(kept).lowercased()
        return lowered.replacingOccurrences(of: "ß", with: "ss")
    }
}
