/// Stop words: very frequent function words that carry little meaning for
/// ranking and would only bloat the posting lists.
///
/// The English list is the classic Lucene `EnglishAnalyzer` /
/// `StopAnalyzer.ENGLISH_STOP_WORDS_SET` list (33 words), not the longer
/// Snowball English stop list: it is the short, conservative set users of
/// search engines expect, and it leaves words such as "about", "what" or
/// "who" searchable.
public enum StopWords {
    /// The words, shortest first (the byte-level check below mirrors this list).
    static let englishList: [String] = [
        "a",
        "an", "as", "at", "be", "by", "if", "in", "is", "it", "no", "of", "on", "or", "to",
        "and", "are", "but", "for", "not", "the", "was",
        "into", "such", "that", "then", "they", "this", "will", "with",
        "their", "there", "these",
    ]

    /// English stop words as lowercase strings.
    public static let english: Set<String> = Set(englishList)

    /// Allocation-free check of lowercase UTF-8 bytes.
    public static func isEnglishStopWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch bytes.count {
        case 1:
            return bytes[0] == 0x61  // a
        case 2:
            return isTwoLetterStopWord(bytes[0], bytes[1])
        case 3:
            switch bytes[0] {
            case 0x61: return matches(bytes, "and") || matches(bytes, "are")
            case 0x62: return matches(bytes, "but")
            case 0x66: return matches(bytes, "for")
            case 0x6E: return matches(bytes, "not")
            case 0x74: return matches(bytes, "the")
            case 0x77: return matches(bytes, "was")
            default: return false
            }
        case 4:
            switch bytes[0] {
            case 0x69: return matches(bytes, "into")
            case 0x73: return matches(bytes, "such")
            case 0x74:
                return matches(bytes, "that") || matches(bytes, "then") || matches(bytes, "they")
                    || matches(bytes, "this")
            case 0x77: return matches(bytes, "will") || matches(bytes, "with")
            default: return false
            }
        case 5:
            return matches(bytes, "their") || matches(bytes, "there") || matches(bytes, "these")
        default:
            return false
        }
    }

    @inline(__always)
    private static func isTwoLetterStopWord(_ first: UInt8, _ second: UInt8) -> Bool {
        switch (first, second) {
        case (0x61, 0x6E), (0x61, 0x73), (0x61, 0x74),  // an as at
            (0x62, 0x65), (0x62, 0x79),  // be by
            (0x69, 0x66), (0x69, 0x6E), (0x69, 0x73), (0x69, 0x74),  // if in is it
            (0x6E, 0x6F),  // no
            (0x6F, 0x66), (0x6F, 0x6E), (0x6F, 0x72),  // of on or
            (0x74, 0x6F):  // to
            return true
        default:
            return false
        }
    }

    /// Byte-wise equality with a static string (same length already checked).
    @inline(__always)
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count == count else { return false }
        let q = word.utf8Start
        for i in 0..<count where bytes[i] != q[i] {
            return false
        }
        return true
    }
}
