import ScourPrimitives

/// "Did you mean …?": rewrites a query with its misspelt words corrected
/// against the words that actually occur in the index.
///
/// Only the words themselves change; everything around them (spaces,
/// quotes, operators, punctuation, `field:` names) is copied through, so the
/// suggestion can be run as a query exactly like the original.
public struct SpellingSuggester {
    private let vocabularies: [any TermVocabulary]
    private let deadline: SearchDeadline?

    /// `vocabularies`: dictionaries of SURFACE words (lowercased, unstemmed) with document frequencies.
    ///
    /// Surface words rather than index terms, because a stemmed term such as
    /// "univers" is not something to show a user.
    public init(vocabularies: [any TermVocabulary]) {
        self.init(vocabularies: vocabularies, deadline: nil)
    }

    /// Scans stop once `deadline` is past (see ``SearchOptions/timeLimit``).
    init(vocabularies: [any TermVocabulary], deadline: SearchDeadline?) {
        self.vocabularies = vocabularies
        self.deadline = deadline
    }

    /// A corrected version of `query` (the user's raw query text), or nil when no word needs correcting.
    ///
    /// A word (a maximal run of letters and digits) is corrected when its
    /// lower-case form is missing from the vocabulary, or occurs in at most three
    /// documents while a word one edit away is far more common (5× for one
    /// document, 20× for two, 45× for three).
    /// The replacement is the most frequent word within one edit, else (for
    /// words of five or more characters) within two; ties go to the smaller
    /// distance, then term order. It keeps the user's capitalisation style.
    /// Words of one or two characters, words with digits, CJK words, field
    /// names (`title:`), hosts (`site:example.com`), the operators `AND`,
    /// `OR`, `NOT`, and words the user already expands (`univ*`, `word~`)
    /// are left alone: too short to
    /// correct reliably, not prose, or deliberately partial or fuzzy.
    public func suggest(for query: String) -> String? {
        var result = ""
        var changed = false
        var index = query.startIndex
        while index < query.endIndex {
            guard Self.isWordCharacter(query[index]) else {
                result.append(query[index])
                index = query.index(after: index)
                continue
            }
            var end = index
            while end < query.endIndex, Self.isWordCharacter(query[end]) { end = query.index(after: end) }
            let word = query[index..<end]
            if end < query.endIndex, query[end] == ":", word.lowercased() == "site" {
                // `site:HOST`: a host, not a word to correct.
                var hostEnd = end
                while hostEnd < query.endIndex, !query[hostEnd].isWhitespace, !"()\"".contains(query[hostEnd]) {
                    hostEnd = query.index(after: hostEnd)
                }
                result += query[index..<hostEnd]
                index = hostEnd
                continue
            }
            let isMarked = end < query.endIndex && Self.markers.contains(query[end])
            if !isMarked, let replacement = correction(for: word), replacement != word {
                result += replacement
                changed = true
            } else {
                result += word
            }
            index = end
        }
        return changed ? result : nil
    }

    /// The query language's word operators (upper case only); never "corrected".
    private static let operatorWords: Set<Substring> = ["AND", "OR", "NOT"]
    /// A word directly followed by one of these is a field name (`title:`),
    /// a prefix (`univ*`) or already fuzzy (`word~1`): not a word to correct.
    private static let markers: Set<Character> = [":", "*", "~"]

    /// Frequencies at or below this mark a known word as suspiciously rare:
    /// a common misspelling ("libary") occurs in a few pages of a real crawl.
    private static let rareFrequency = 3
    /// How many times more common a one-edit neighbour of a rare word must
    /// be, times the word's own frequency: 5× for a word in one document,
    /// 20× for two, 45× for three ("libary" in 2 of Debian's doc pages,
    /// "library" in 439).
    private static let rarityRatio = 5
    /// Words this long (in characters) may be corrected by two edits; for
    /// shorter ones two edits reach too many unrelated words.
    private static let twoEditMinimumLength = 5

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// The replacement for `word` in the user's style, or `nil` to keep it.
    private func correction(for word: Substring) -> String? {
        guard word.count > 2,
              !word.contains(where: \.isNumber),
              !word.unicodeScalars.contains(where: Self.isCJK),
              !Self.operatorWords.contains(word)
        else { return nil }
        let lower = word.lowercased()
        let frequency = documentFrequency(of: lower)
        guard frequency <= Self.rareFrequency else { return nil }
        let oneEdit = neighbours(of: lower, maxEdits: 1)
        let replacement: ExpandedTerm?
        if frequency > 0 {
            replacement = oneEdit.first.flatMap { $0.documentFrequency >= Self.rarityRatio * frequency * frequency ? $0 : nil }
        } else if let best = oneEdit.first {
            replacement = best
        } else if word.count >= Self.twoEditMinimumLength {
            replacement = neighbours(of: lower, maxEdits: 2).first
        } else {
            replacement = nil
        }
        guard let replacement else { return nil }
        return CapitalisationStyle(of: word).apply(to: replacement.term)
    }

    /// Words within `maxEdits` of `word`, other than itself, best first:
    /// most documents, then fewer edits, then term order.
    private func neighbours(of word: String, maxEdits: Int) -> [ExpandedTerm] {
        TermExpander.fuzzy(word, maxEdits: maxEdits, in: vocabularies, limit: Int.max, deadline: deadline)
            .filter { $0.distance > 0 }
            .sorted { a, b in
                if a.documentFrequency != b.documentFrequency { return a.documentFrequency > b.documentFrequency }
                if a.distance != b.distance { return a.distance < b.distance }
                return ByteOrder.precedes(Array(a.term.utf8), Array(b.term.utf8))
            }
    }

    /// Documents containing `word`, summed over the vocabularies (0 if none).
    private func documentFrequency(of word: String) -> Int {
        let key = Array(word.utf8)
        return key.withUnsafeBytes { key in
            vocabularies.reduce(0) { $0 + ($1.documentFrequency(of: key) ?? 0) }
        }
    }

    /// Han, kana and Hangul: what the tokenizer indexes as bigrams
    /// (``UnicodeRanges/isCJK(_:)``), so a "word" run of them is a phrase,
    /// not a vocabulary word, and edit distance says nothing about spelling.
    /// The same predicate as the tokenizer's: this list used to be wider
    /// (radicals, bopomofo, Hangul extensions, half-width Hangul), so a
    /// bopomofo word the tokenizer indexes whole could not be corrected.
    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        UnicodeRanges.isCJK(scalar.value)
    }
}
