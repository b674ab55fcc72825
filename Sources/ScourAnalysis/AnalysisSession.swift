/// The tokenizer: scans UTF-8 bytes once and emits terms with positions and
/// byte spans.
///
/// - ASCII letters and digits take a fast path (case folding by bit
///   arithmetic, no table lookups).
/// - Other scalars are classified and folded once each (NFKD/NFKC, case
///   folding, diacritics removed) through a per-session cache.
/// - Runs of Han, Hiragana, Katakana and Hangul become overlapping bigrams
///   (a lone character is indexed as itself), the approach of Lucene's
///   CJKBigramFilter: no dictionary, good recall for Chinese queries.
/// - With Han unigrams (document sessions of a configuration that has
///   them), each Han character of a longer run is also emitted on its own,
///   at the position of the bigram it starts (the last one at the last
///   bigram's), so a run keeps the positions it has without unigrams:
///   document lengths, phrase positions and bigram-only queries are as
///   before. These unigrams get an empty surface: they are not words for
///   the spelling dictionary.
/// - Han characters are folded to one script (traditional → simplified)
///   through a table built once from OpenCC when the configuration says so.
/// - Apostrophes between letters stay in the word so the stemmer can remove
///   possessives ("university's" → "univers").
/// - English words are stemmed when the configuration says so.
/// - Hyphenated compounds are indexed as their parts and, at the first
///   part's position, joined: "inter-school" gives "inter", "school" and
///   "interschool", so all three spellings find each other; a date
///   "2026-01-10" also gives "20260110".
///
/// The emitted term bytes are only valid inside the callback; copy them if
/// you keep them.
public struct AnalysisSession {
    public let configuration: AnalyzerConfiguration
    private var folding = ScalarFoldingTable()
    private var word: [UInt8] = []
    private var surfaceWord: [UInt8] = []
    private var compound: [UInt8] = []
    private var bigram: [UInt8] = []
    private let stemmer = EnglishStemmer()
    /// Keeps stems for sessions that analyse much text (indexing); keeps
    /// nothing for queries, which stem a few words.
    private let stemCache: StemCache
    /// Emit each Han character of a run of two or more on its own too.
    private let runUnigrams: Bool

    init(configuration: AnalyzerConfiguration, hanFolding: ChineseFolding?, runUnigrams: Bool, cachingStems: Bool = false) {
        stemCache = StemCache(enabled: cachingStems && configuration.stemming)
        self.configuration = configuration
        self.runUnigrams = runUnigrams
        folding = ScalarFoldingTable(hanFolding: hanFolding)
        word.reserveCapacity(64)
        bigram.reserveCapacity(16)
    }

    /// Analyses `text`, calling `emit` for each term in order.
    ///
    /// - Parameters:
    ///   - firstPosition: the position given to the first token, so that
    ///     several fields of one document can share one position space.
    /// - Returns: the position after the last token (`firstPosition` plus
    ///   the number of tokens).
    @discardableResult
    public mutating func analyze(
        _ text: UnsafeBufferPointer<UInt8>,
        firstPosition: Int = 0,
        _ emit: (_ term: UnsafeBufferPointer<UInt8>, _ span: TokenSpan) -> Void
    ) -> Int {
        run(text, firstPosition: firstPosition, keepSurface: false) { term, _, span in emit(term, span) }
    }

    /// Like ``analyze(_:firstPosition:_:)``, but also passes each word's
    /// surface form (folded, unstemmed: "meetings" for the term "meet") —
    /// what a spelling dictionary wants to store. The surface is empty for
    /// a Han unigram taken out of a longer run: not a word to suggest.
    @discardableResult
    public mutating func analyzeWithSurface(
        _ text: UnsafeBufferPointer<UInt8>,
        firstPosition: Int = 0,
        _ emit: (_ term: UnsafeBufferPointer<UInt8>, _ surface: UnsafeBufferPointer<UInt8>, _ span: TokenSpan) -> Void
    ) -> Int {
        run(text, firstPosition: firstPosition, keepSurface: true, emit)
    }

    private mutating func run(
        _ text: UnsafeBufferPointer<UInt8>,
        firstPosition: Int,
        keepSurface: Bool,
        _ emit: (_ term: UnsafeBufferPointer<UInt8>, _ surface: UnsafeBufferPointer<UInt8>, _ span: TokenSpan) -> Void
    ) -> Int {
        var position = firstPosition
        var wordStart = 0
        var wordEnd = 0
        // The CJK run in progress: previous character's folded bytes and start.
        var cjkRun = 0
        var previousCJK: (start: Int, end: Int, foldStart: Int, foldCount: Int, han: Bool) = (0, 0, 0, 0, false)
        let runUnigrams = self.runUnigrams
        let count = text.count
        let stem = configuration.stemming

        // A hyphenated compound in progress ("e-mail", "2026-01-10"): its
        // parts are emitted as words, and when it ends the joined form too,
        // at the first part's position ("email", "20260110").
        var compoundParts = 0
        var compoundStart = 0
        var compoundPosition = 0

        @inline(__always) func emitWord(_ me: inout AnalysisSession, _ span: TokenSpan) {
            if stem {
                if keepSurface {
                    me.surfaceWord.removeAll(keepingCapacity: true)
                    me.surfaceWord.append(contentsOf: me.word)
                }
                me.stemCache.stem(&me.word, with: me.stemmer)
            }
            guard !me.word.isEmpty else { return }
            if stem && keepSurface && me.word != me.surfaceWord {
                me.word.withUnsafeBufferPointer { term in
                    me.surfaceWord.withUnsafeBufferPointer { surface in emit(term, surface, span) }
                }
            } else {
                // Unstemmed (or unchanged by the stemmer): the surface is the
                // term itself, passed as the same buffer so callers can tell.
                me.word.withUnsafeBufferPointer { emit($0, $0, span) }
            }
        }

        /// Ends the current word; `joinsNext` when a hyphen links it to the next.
        @inline(__always) func flushWord(_ me: inout AnalysisSession, joinsNext: Bool = false) {
            guard !me.word.isEmpty else {
                compoundParts = 0
                return
            }
            if joinsNext || compoundParts > 0 {
                if compoundParts == 0 {
                    me.compound.removeAll(keepingCapacity: true)
                    compoundStart = wordStart
                    compoundPosition = position
                }
                me.compound.append(contentsOf: me.word)
                compoundParts += 1
            }
            emitWord(&me, TokenSpan(position: position, start: wordStart, end: wordEnd))
            position += 1
            me.word.removeAll(keepingCapacity: true)
            if !joinsNext {
                if compoundParts >= 2 {
                    swap(&me.word, &me.compound)
                    emitWord(&me, TokenSpan(position: compoundPosition, start: compoundStart, end: wordEnd))
                    swap(&me.word, &me.compound)
                    me.word.removeAll(keepingCapacity: true)
                }
                compoundParts = 0
            }
        }

        /// The previous CJK character on its own, at `at`; a lone character
        /// is its own surface word, one taken out of a run has none.
        @inline(__always) func emitUnigram(_ me: inout AnalysisSession, at: Int, inRun: Bool) {
            me.bigram.removeAll(keepingCapacity: true)
            me.bigram.append(contentsOf: me.folding.arena[previousCJK.foldStart..<(previousCJK.foldStart + previousCJK.foldCount)])
            me.bigram.withUnsafeBufferPointer {
                emit($0, inRun ? UnsafeBufferPointer(start: nil, count: 0) : $0,
                     TokenSpan(position: at, start: previousCJK.start, end: previousCJK.end))
            }
        }

        @inline(__always) func flushCJK(_ me: inout AnalysisSession) {
            if cjkRun == 1 {
                emitUnigram(&me, at: position, inRun: false)
                position += 1
            } else if runUnigrams && previousCJK.han {
                // The run's last character shares the last bigram's position.
                emitUnigram(&me, at: position - 1, inRun: true)
            }
            cjkRun = 0
        }

        var i = 0
        while i < count {
            let byte = text[i]
            if byte < 0x80 {
                if let folded = Self.asciiWordByte(byte) {
                    if cjkRun > 0 { flushCJK(&self) }
                    if word.isEmpty { wordStart = i }
                    word.append(folded)
                    wordEnd = i + 1
                } else if byte == 0x27, !word.isEmpty, i + 1 < count, Self.asciiWordByte(text[i + 1]) != nil {
                    word.append(0x27)
                } else if byte == 0x2D, !word.isEmpty, i + 1 < count, Self.asciiWordByte(text[i + 1]) != nil {
                    flushWord(&self, joinsNext: true)
                } else {
                    flushWord(&self)
                    if cjkRun > 0 { flushCJK(&self) }
                }
                i += 1
                continue
            }
            let (scalar, length) = Self.decodeScalar(text, at: i)
            guard length > 0 else {
                // Invalid UTF-8: treat the byte as a separator.
                flushWord(&self)
                if cjkRun > 0 { flushCJK(&self) }
                i += 1
                continue
            }
            let entry = folding.lookup(scalar)
            switch entry.kind {
            case .word:
                if cjkRun > 0 { flushCJK(&self) }
                if word.isEmpty { wordStart = i }
                word.append(contentsOf: folding.arena[entry.start..<(entry.start + entry.count)])
                wordEnd = i + length
            case .apostrophe:
                let next = i + length
                if !word.isEmpty, next < count, Self.asciiWordByte(text[next]) != nil {
                    word.append(0x27)
                } else {
                    flushWord(&self)
                }
            case .ignorable:
                if !word.isEmpty { wordEnd = i + length }
            case .cjk, .han:
                flushWord(&self)
                if cjkRun > 0 {
                    if runUnigrams && previousCJK.han { emitUnigram(&self, at: position, inRun: true) }
                    bigram.removeAll(keepingCapacity: true)
                    bigram.append(contentsOf: folding.arena[previousCJK.foldStart..<(previousCJK.foldStart + previousCJK.foldCount)])
                    bigram.append(contentsOf: folding.arena[entry.start..<(entry.start + entry.count)])
                    bigram.withUnsafeBufferPointer {
                        emit($0, $0, TokenSpan(position: position, start: previousCJK.start, end: i + length))
                    }
                    position += 1
                }
                cjkRun += 1
                previousCJK = (i, i + length, entry.start, entry.count, entry.kind == .han)
            case .separator:
                flushWord(&self)
                if cjkRun > 0 { flushCJK(&self) }
            }
            i += length
        }
        flushWord(&self)
        if cjkRun > 0 { flushCJK(&self) }
        return position
    }

    /// Analyses a string. See ``analyze(_:firstPosition:_:)``.
    @discardableResult
    public mutating func analyze(
        _ text: String,
        firstPosition: Int = 0,
        _ emit: (_ term: UnsafeBufferPointer<UInt8>, _ span: TokenSpan) -> Void
    ) -> Int {
        var text = text
        return text.withUTF8 { analyze($0, firstPosition: firstPosition, emit) }
    }

    /// The terms of `text` as strings, with their spans. Allocates per token:
    /// for queries, tests and tools, not for indexing.
    public mutating func tokens(in text: String) -> [AnalyzedToken] {
        var result: [AnalyzedToken] = []
        analyze(text) { term, span in
            result.append(AnalyzedToken(term: String(decoding: term, as: UTF8.self), span: span))
        }
        return result
    }

    /// Lowercased ASCII letter or digit, or nil for any other byte.
    @inline(__always)
    static func asciiWordByte(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x61...0x7A, 0x30...0x39: return byte
        case 0x41...0x5A: return byte | 0x20
        default: return nil
        }
    }

    /// Decodes one multi-byte UTF-8 scalar at `i`; length 0 if invalid.
    @inline(__always)
    static func decodeScalar(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(text[i])
        let count = text.count
        func continuation(_ k: Int) -> UInt32? {
            guard i + k < count else { return nil }
            let b = text[i + k]
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b0 & 0xE0 == 0xC0, b0 >= 0xC2, let c1 = continuation(1) {
            return ((b0 & 0x1F) << 6 | c1, 2)
        }
        if b0 & 0xF0 == 0xE0, let c1 = continuation(1), let c2 = continuation(2) {
            let value = (b0 & 0x0F) << 12 | c1 << 6 | c2
            if value >= 0x800, !(0xD800...0xDFFF).contains(value) { return (value, 3) }
            return (0, 0)
        }
        if b0 & 0xF8 == 0xF0, let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) {
            let value = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            if (0x10000...0x10FFFF).contains(value) { return (value, 4) }
        }
        return (0, 0)
    }
}
