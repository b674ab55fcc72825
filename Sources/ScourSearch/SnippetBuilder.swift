import ScourAnalysis

/// Picks the passage of a document that best shows why it matched.
///
/// The document text is re-analysed with the index's analyzer, so a match
/// is exactly what the index matched (stems, folded case and accents, CJK
/// bigrams). Among windows of about `length` characters, the one covering
/// the most idf weight of *distinct* query terms wins (ties: more matches,
/// then earlier); it is then widened to a sentence start when one is near
/// and cut at word boundaries. Phrase matches are highlighted as one span.
/// When the body has no match (a title-only hit), the document's opening is
/// shown.
struct SnippetBuilder {
    private let termIndex: [String: Int]
    /// The query terms' bytes, by index: compared directly against each
    /// token so that scanning a document allocates nothing per token.
    private let termBytes: [[UInt8]]
    private let termWeights: [Double]
    private let phrases: [[Int]]
    let length: Int

    init(terms: [String], phrases: [[String]], weights: [String: Double], length: Int) {
        var index: [String: Int] = [:]
        for term in terms where index[term] == nil { index[term] = index.count }
        termIndex = index
        var termBytes = [[UInt8]](repeating: [], count: index.count)
        for (term, i) in index { termBytes[i] = Array(term.utf8) }
        self.termBytes = termBytes
        var termWeights = [Double](repeating: 0, count: index.count)
        for (term, i) in index { termWeights[i] = max(weights[term] ?? 1, 0.01) }
        self.termWeights = termWeights
        self.phrases = phrases.map { $0.map { index[$0] ?? -1 } }
        self.length = max(length, 40)
    }

    private struct Match {
        var start: Int
        var end: Int
        var term: Int
        var position: Int
    }

    /// Bytes analysed at once: a longer text is looked at in windows of
    /// this size, so a snippet never re-analyses a whole huge document.
    static let window = 4 << 20
    /// Windows tried, nearest the hint first, before the opening is shown.
    static let windowsTried = 8

    /// The snippet of `text`. A text longer than ``window`` is searched a
    /// window at a time, starting with the one around byte `hint` (where the
    /// index says the first match is, see ``Searcher``) and moving outwards.
    func snippet(for text: String, near hint: Int? = nil, session: inout AnalysisSession) -> Snippet {
        var text = text
        return text.withUTF8 { all in
            guard all.count > Self.window else {
                return snippet(in: Array(all), textBefore: false, textAfter: false, session: &session)
                    ?? cut(Array(all), from: 0, matches: [], textBefore: false, textAfter: false)
            }
            let count = (all.count + Self.window - 1) / Self.window
            let first = min(count - 1, max(0, (hint ?? 0) / Self.window))
            // Nearest the hint first: first, first + 1, first − 1, first + 2, …
            var order: [Int] = [first]
            for distance in 1..<count where order.count < Self.windowsTried {
                if first + distance < count { order.append(first + distance) }
                if first - distance >= 0, order.count < Self.windowsTried { order.append(first - distance) }
            }
            for number in order {
                let range = Self.windowRange(number, in: all)
                if let found = snippet(in: Array(all[range]), textBefore: range.lowerBound > 0,
                                       textAfter: range.upperBound < all.count, session: &session) {
                    return found
                }
            }
            let opening = Self.windowRange(0, in: all)
            return cut(Array(all[opening]), from: 0, matches: [], textBefore: false, textAfter: true)
        }
    }

    /// Window `number` of `text`, its ends moved forward to a character
    /// boundary and then past the next space or line break (within 256
    /// bytes), so that no window starts or ends inside a word.
    static func windowRange(_ number: Int, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        func boundary(_ offset: Int) -> Int {
            guard offset > 0 else { return 0 }
            var i = offset
            let limit = min(text.count, offset + 256)
            while i < limit && text[i] != 0x20 && text[i] != 0x0A { i += 1 }
            if i == limit {   // no space nearby (CJK): a character boundary will do
                i = offset
                while i < text.count && text[i] & 0xC0 == 0x80 { i += 1 }
            }
            return min(i, text.count)
        }
        let start = boundary(number * window)
        let end = boundary(min(text.count, (number + 1) * window))
        return start..<max(start, end)
    }

    /// The best passage of `bytes`; nil when no query term occurs in them.
    private func snippet(in bytes: [UInt8], textBefore: Bool, textAfter: Bool,
                         session: inout AnalysisSession) -> Snippet? {
        var matches: [Match] = []
        _ = bytes.withUnsafeBufferPointer { buffer in
            session.analyze(buffer) { term, span in
                guard let id = termBytes.firstIndex(where: { $0.elementsEqual(term) }) else { return }
                matches.append(Match(start: span.start, end: span.end, term: id, position: span.position))
            }
        }
        // Joined compounds come after their parts but start earlier.
        matches.sort { ($0.start, $0.position) < ($1.start, $1.position) }
        matches = mergePhrases(matches)
        guard !matches.isEmpty else { return nil }

        // Best window: start at each match, extend while within `length` characters.
        var best = (score: -1.0, count: 0, first: 0)
        var last = 0
        for first in matches.indices {
            last = max(last, first)
            while last + 1 < matches.count,
                  characterCount(bytes, matches[first].start, matches[last + 1].end) <= length * 3 / 4 {
                last += 1
            }
            var seen = Set<Int>()
            var score = 0.0
            for m in matches[first...last] where m.term >= 0 && seen.insert(m.term).inserted {
                score += termWeights[m.term]
            }
            if containsPhrase(matches[first...last]) { score += 0.5 }
            let count = last - first + 1
            if score > best.score || (score == best.score && count > best.count) {
                best = (score, count, first)
            }
        }
        let anchor = matches[best.first].start
        let start = passageStart(bytes, before: anchor)
        return cut(bytes, from: start, matches: matches, textBefore: textBefore, textAfter: textAfter)
    }

    private func containsPhrase(_ slice: ArraySlice<Match>) -> Bool {
        slice.contains { $0.term == -2 }
    }

    /// Replaces runs of matches that form a query phrase with one match
    /// (term -2) spanning them.
    private func mergePhrases(_ matches: [Match]) -> [Match] {
        guard !phrases.isEmpty else { return matches }
        var result: [Match] = []
        var i = 0
        outer: while i < matches.count {
            for phrase in phrases where phrase.count > 1 && i + phrase.count <= matches.count {
                var ok = true
                for (k, term) in phrase.enumerated() {
                    let m = matches[i + k]
                    if m.term != term || m.position != matches[i].position + k { ok = false; break }
                }
                if ok {
                    result.append(Match(start: matches[i].start, end: matches[i + phrase.count - 1].end,
                                        term: -2, position: matches[i].position))
                    i += phrase.count
                    continue outer
                }
            }
            result.append(matches[i])
            i += 1
        }
        return result
    }

    /// Where to begin the passage that must show `anchor`: the start of its
    /// sentence if that is close, else a word boundary a little before it.
    private func passageStart(_ bytes: [UInt8], before anchor: Int) -> Int {
        let maxLookBack = length / 3
        var i = anchor
        var chars = 0
        while i > 0 && chars < maxLookBack {
            let previous = bytes[i - 1]
            if previous == 0x0A { return i }
            if (previous == 0x20 || previous == 0x0A) && i >= 2 && [0x2E, 0x21, 0x3F].contains(bytes[i - 2]) {
                return i
            }
            if i >= 3 && bytes[i - 3] == 0xE3 && bytes[i - 2] == 0x80 && bytes[i - 1] == 0x82 { return i } // 。
            i -= 1
            if bytes[i] & 0xC0 != 0x80 { chars += 1 }
        }
        if i == 0 { return 0 }
        // No sentence start nearby: back up to a word boundary ~1/6 of the length.
        var j = anchor
        chars = 0
        while j > 0 && chars < length / 6 {
            j -= 1
            if bytes[j] & 0xC0 != 0x80 { chars += 1 }
        }
        while j < anchor && !(bytes[j] == 0x20 || bytes[j] == 0x0A) && bytes[j] < 0x80 { j += 1 }
        while j < anchor && bytes[j] & 0xC0 == 0x80 { j += 1 }
        return j
    }

    /// Cuts about `length` characters from `start`, ending at a word boundary,
    /// and maps the matches inside to offsets in the result.
    /// `textBefore`/`textAfter`: `bytes` is a window with more text before
    /// or after it (an ellipsis shows it).
    private func cut(_ bytes: [UInt8], from start: Int, matches: [Match], textBefore: Bool, textAfter: Bool) -> Snippet {
        var end = start
        var chars = 0
        while end < bytes.count && chars < length {
            end += 1
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
            chars += 1
        }
        if end < bytes.count {
            // Back up to a word boundary (ASCII space), unless the text has none nearby (CJK).
            var k = end
            while k > start + length / 2 && bytes[k] != 0x20 && bytes[k] != 0x0A { k -= 1 }
            if k > start + length / 2 { end = k }
        }
        // Never split a highlighted match.
        for m in matches where m.start < end && m.end > end { end = m.end }
        var passage = Array(bytes[start..<end])
        for i in passage.indices where passage[i] == 0x0A || passage[i] == 0x09 || passage[i] == 0x0D { passage[i] = 0x20 }
        // Trim, remembering how much was removed at the front.
        var front = 0
        while front < passage.count && passage[front] == 0x20 { front += 1 }
        var back = passage.count
        while back > front && passage[back - 1] == 0x20 { back -= 1 }
        let prefix: [UInt8] = start > 0 || textBefore ? Array("… ".utf8) : []
        let suffix: [UInt8] = end < bytes.count || textAfter ? Array(" …".utf8) : []
        let shift = prefix.count - front - start
        var highlights: [Range<Int>] = []
        for m in matches where m.start >= start + front && m.end <= start + back {
            let range = (m.start + shift)..<(m.end + shift)
            if let previous = highlights.last, previous.upperBound > range.lowerBound { continue }
            highlights.append(range)
        }
        let text = String(decoding: prefix + passage[front..<back] + suffix, as: UTF8.self)
        return Snippet(text: text, highlights: highlights)
    }

    private func characterCount(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }
}
