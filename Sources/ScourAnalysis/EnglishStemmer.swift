// The Snowball English ("Porter2") stemming algorithm.
//
// Written from the algorithm's specification (snowballstem.org, `english.sbl`,
// the Snowball 3.x revision). See `EnglishStemmer` for the version notes.

/// The Snowball English stemmer ("Porter2"), as published at
/// <https://snowballstem.org/algorithms/english/stemmer.html>.
///
/// Stemming maps inflected and derived forms ("connection", "connected",
/// "connecting") to one index term ("connect") so that a query for one form
/// finds documents containing the others. Porter2 is the de-facto standard
/// English stemmer of search engines (Lucene, Xapian, PostgreSQL), so its
/// output is predictable for users and testable against the official data.
///
/// This implementation follows the current `english.sbl` (Snowball 3.x), which
/// differs from the 2.x rules in a few places:
/// - extra R1 prefixes: `gener`, `commun`, `arsen`, `past`, `univers`, `later`,
///   `emerg`, `organ`, `inter` (so "university" → "universiti",
///   "emergency" → "emergenc", "international" → "internat");
/// - `-ogist` → `-og` in step 2, `past` counts as a short syllable
///   ("pasted" → "paste"), a double consonant is kept in `add`/`egg`/`odd`;
/// - the `-ing`/`-eed` exceptions (dying, inning, proceed, …, evening) live in
///   step 1b, and `vying` → `vie`.
/// It reproduces the official `voc.txt`/`output.txt` test vocabulary exactly.
///
/// The stemmer is stateless and works in place on the token's bytes without
/// allocating, because the tokenizer calls it once per token.
public struct EnglishStemmer: Sendable {
    public init() {}

    /// Stems `word` in place. `word` holds lowercase UTF-8 bytes of one token.
    /// Words containing bytes outside a-z and the apostrophe (digits, non-ASCII) are left unchanged.
    /// Must not allocate in steady state (work in place on the array: shrink/replace its tail; no String, no new arrays per call).
    public func stem(_ word: inout [UInt8]) {
        let count = word.count
        if count == 0 { return }
        for byte in word where !Porter2Word.isStemmable(byte) { return }
        let newCount = word.withUnsafeMutableBufferPointer { buffer -> Int in
            var work = Porter2Word(buffer.baseAddress!, count: count)
            work.stem()
            return work.n
        }
        if newCount < count {
            word.removeLast(count - newCount)
        }
    }

    /// Convenience for tests and tools.
    public func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

// MARK: - The algorithm

/// Working state of one stemming run: the word is `p[0..<n]`; it only ever
/// shrinks below its original length (every replacement is no longer than the
/// text it replaces, counted from the original word), so it fits in place.
private struct Porter2Word {
    let p: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var n: Int
    /// Start of region R1 / R2 (a position in `p`; `n` when the region is empty).
    var p1 = 0
    var p2 = 0

    init(_ p: UnsafeMutablePointer<UInt8>, count: Int) {
        self.p = p
        self.capacity = count
        self.n = count
    }

    // MARK: Character classes

    private static let a: UInt8 = 0x61  // "a"
    private static let apostrophe: UInt8 = 0x27
    /// Marker for a consonantal "y" (Snowball's "Y"); never a lowercase input byte.
    private static let upperY: UInt8 = 0x59

    @inline(__always)
    static func isStemmable(_ b: UInt8) -> Bool {
        (b &- a) < 26 || b == apostrophe
    }

    /// Bit i is set when letter ("a" + i) is in the class.
    private static func mask(_ letters: StaticString) -> UInt32 {
        var m: UInt32 = 0
        letters.withUTF8Buffer { for b in $0 { m |= 1 << UInt32(b - a) } }
        return m
    }

    private static let vowels = mask("aeiouy")
    private static let vowelsWX = mask("aeiouywx")  // plus "Y", checked separately
    private static let validLI = mask("cdeghkmnrt")
    private static let aeo = mask("aeo")

    @inline(__always)
    private static func inClass(_ b: UInt8, _ m: UInt32) -> Bool {
        let i = b &- a
        return i < 26 && (m >> UInt32(i)) & 1 != 0
    }

    /// `v` in english.sbl: a e i o u y ("Y" is a consonant).
    @inline(__always)
    func isV(_ i: Int) -> Bool { Self.inClass(p[i], Self.vowels) }

    /// `v_WXY`: vowels, w, x and "Y".
    @inline(__always)
    func isVWXY(_ i: Int) -> Bool { p[i] == Self.upperY || Self.inClass(p[i], Self.vowelsWX) }

    /// Is there a vowel in `p[from..<to]`?
    @inline(__always)
    func hasVowel(_ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            if isV(i) { return true }
            i += 1
        }
        return false
    }

    // MARK: Byte-string helpers (StaticString: no allocation)

    /// Does `p[0..<end]` end with `s`?
    @inline(__always)
    func ends(_ s: StaticString, at end: Int) -> Bool {
        let k = s.utf8CodeUnitCount
        if k > end { return false }
        let q = s.utf8Start
        let base = end - k
        var i = 0
        while i < k {
            if p[base + i] != q[i] { return false }
            i += 1
        }
        return true
    }

    /// Does the word end with `s`?
    @inline(__always)
    func ends(_ s: StaticString) -> Bool { ends(s, at: n) }

    /// Is `p[0..<end]` exactly `s`?
    @inline(__always)
    func equals(_ s: StaticString, length end: Int) -> Bool {
        end == s.utf8CodeUnitCount && ends(s, at: end)
    }

    /// Does the word start with `s`?
    @inline(__always)
    func starts(_ s: StaticString) -> Bool {
        let k = s.utf8CodeUnitCount
        if k > n { return false }
        let q = s.utf8Start
        var i = 0
        while i < k {
            if p[i] != q[i] { return false }
            i += 1
        }
        return true
    }

    /// Replaces the last `k` bytes with `s`.
    @inline(__always)
    mutating func replaceSuffix(_ k: Int, with s: StaticString) {
        let start = n - k
        let m = s.utf8CodeUnitCount
        assert(start + m <= capacity, "Porter2 replacement outgrew the word")
        let q = s.utf8Start
        var i = 0
        while i < m {
            p[start + i] = q[i]
            i += 1
        }
        n = start + m
    }

    @inline(__always)
    mutating func append(_ b: UInt8) {
        assert(n < capacity, "Porter2 replacement outgrew the word")
        p[n] = b
        n += 1
    }

    // MARK: Driver

    mutating func stem() {
        if exception1() { return }
        if n < 3 { return }
        let yFound = prelude()
        markRegions()
        step1a()
        step1b()
        step1c()
        step2()
        step3()
        step4()
        step5()
        if yFound {
            for i in 0..<n where p[i] == Self.upperY { p[i] = 0x79 }  // "y"
        }
    }

    /// Whole-word exceptions, checked before anything else.
    mutating func exception1() -> Bool {
        switch n {
        case 3:
            return equals("sky", length: n)
        case 4:
            if equals("skis", length: n) { n = 3; return true }  // ski
            if equals("idly", length: n) { n = 3; return true }  // idl
            if equals("ugly", length: n) { p[3] = 0x69; return true }  // ugli
            if equals("only", length: n) { p[3] = 0x69; return true }  // onli
            return equals("news", length: n) || equals("howe", length: n) || equals("bias", length: n)
        case 5:
            if equals("skies", length: n) { replaceSuffix(3, with: "y"); return true }  // sky
            if equals("early", length: n) { p[4] = 0x69; return true }  // earli
            return equals("atlas", length: n) || equals("andes", length: n)
        case 6:
            if equals("gently", length: n) || equals("singly", length: n) { n = 5; return true }  // gentl, singl
            return equals("cosmos", length: n)
        default:
            return false
        }
    }

    /// Drops a leading apostrophe and marks consonantal y as "Y".
    mutating func prelude() -> Bool {
        if p[0] == Self.apostrophe {
            var i = 1
            while i < n {
                p[i - 1] = p[i]
                i += 1
            }
            n -= 1
        }
        if n == 0 { return false }
        var found = false
        if p[0] == 0x79 { p[0] = Self.upperY; found = true }
        var i = 1
        while i < n {
            if p[i] == 0x79 && isV(i - 1) {
                p[i] = Self.upperY
                found = true
            }
            i += 1
        }
        return found
    }

    /// R1 starts after the first non-vowel following a vowel (or after one of
    /// the special prefixes gener, commun, arsen, past, univers, later, emerg,
    /// organ, inter); R2 is the same rule applied again inside R1.
    mutating func markRegions() {
        p1 = n
        p2 = n
        if let k = specialPrefixLength() {
            p1 = k
        } else {
            guard let r = regionStart(from: 0) else { return }
            p1 = r
        }
        p2 = regionStart(from: p1) ?? n
    }

    /// Position just past `gopast v  gopast non-v` starting at `from`.
    func regionStart(from: Int) -> Int? {
        var i = from
        while i < n && !isV(i) { i += 1 }
        if i == n { return nil }
        i += 1
        while i < n && isV(i) { i += 1 }
        if i == n { return nil }
        return i + 1
    }

    func specialPrefixLength() -> Int? {
        guard n >= 4 else { return nil }
        switch p[0] {
        case 0x61: return starts("arsen") ? 5 : nil
        case 0x63: return starts("commun") ? 6 : nil
        case 0x65: return starts("emerg") ? 5 : nil
        case 0x67: return starts("gener") ? 5 : nil
        case 0x69: return starts("inter") ? 5 : nil
        case 0x6C: return starts("later") ? 5 : nil
        case 0x6F: return starts("organ") ? 5 : nil
        case 0x70: return starts("past") ? 4 : nil
        case 0x75: return starts("univers") ? 7 : nil
        default: return nil
        }
    }

    /// Snowball's `shortv`, tested on `p[0..<end]`: ends non-vowel, vowel,
    /// non-vowel other than w/x/Y ("hop"), or is non-vowel + vowel at the start
    /// ("at"), or ends in "past".
    func shortSyllable(endingAt end: Int) -> Bool {
        if end >= 3 && !isVWXY(end - 1) && isV(end - 2) && !isV(end - 3) { return true }
        if end == 2 && !isV(1) && isV(0) { return true }
        return ends("past", at: end)
    }

    @inline(__always) func inR1(_ start: Int) -> Bool { start >= p1 }
    @inline(__always) func inR2(_ start: Int) -> Bool { start >= p2 }

    // MARK: Steps

    /// Possessives and plurals.
    mutating func step1a() {
        if ends("'s'") {
            n -= 3
        } else if ends("'s") {
            n -= 2
        } else if ends("'") {
            n -= 1
        }
        if ends("sses") {
            n -= 2  // -> ss
        } else if ends("ies") || ends("ied") {
            n -= n - 3 >= 2 ? 2 : 1  // -> i when preceded by 2+ letters, else -> ie
        } else if ends("us") || ends("ss") {
            return
        } else if ends("s") && n >= 2 && hasVowel(0, n - 2) {
            n -= 1  // a vowel somewhere before the letter preceding the s
        }
    }

    /// -eed, -ed, -ing (and -edly, -ingly, -eedly).
    mutating func step1b() {
        var k: Int
        if ends("eedly") {
            k = 5
        } else if ends("eed") {
            k = 3
        } else {
            k = 0
        }
        if k != 0 {
            let start = n - k
            if equals("proc", length: start) || equals("exc", length: start) || equals("succ", length: start) {
                return
            }
            if inR1(start) { n = start + 2 }  // -> ee
            return
        }
        if ends("ingly") {
            k = 5
        } else if ends("edly") {
            k = 4
        } else if ends("ing") {
            k = 3
            let start = n - 3
            // dying -> die, lying -> lie, tying -> tie, vying -> vie
            if start == 2 && p[1] == 0x79 && !isV(0) {
                p[1] = 0x69  // "i"
                p[2] = 0x65  // "e"
                n = 3
                return
            }
            // inning, outing, canning, herring, earring, evening: left alone
            if equals("inn", length: start) || equals("out", length: start) || equals("cann", length: start)
                || equals("herr", length: start) || equals("earr", length: start) || equals("even", length: start)
            {
                return
            }
        } else if ends("ed") {
            k = 2
        } else {
            return
        }
        let start = n - k
        guard hasVowel(0, start) else { return }
        n = start
        if ends("at") || ends("bl") || ends("iz") {
            append(0x65)  // "e"
            return
        }
        if n >= 2 && p[n - 1] == p[n - 2] {
            switch p[n - 1] {
            case 0x62, 0x64, 0x66, 0x67, 0x6D, 0x6E, 0x70, 0x72, 0x74:  // b d f g m n p r t
                if n == 3 && Self.inClass(p[0], Self.aeo) { return }  // add, egg, odd
                n -= 1
                return
            default:
                break
            }
        }
        if n == p1 && shortSyllable(endingAt: n) {
            append(0x65)  // "e"
        }
    }

    /// Final y/Y after a consonant (not the first letter) becomes i.
    mutating func step1c() {
        guard n >= 3 else { return }
        let last = p[n - 1]
        if (last == 0x79 || last == Self.upperY) && !isV(n - 2) {
            p[n - 1] = 0x69
        }
    }

    /// Derivational suffixes in R1 (longest match wins; no fallback to shorter).
    mutating func step2() {
        guard n >= 2 else { return }
        switch p[n - 1] {
        case 0x6C:  // l
            if ends("ational") { r1Replace(7, "ate") }
            else if ends("tional") { r1Replace(6, "tion") }
        case 0x69:  // i
            if ends("biliti") { r1Replace(6, "ble") }
            else if ends("lessli") { r1Replace(6, "less") }
            else if ends("aliti") { r1Replace(5, "al") }
            else if ends("iviti") { r1Replace(5, "ive") }
            else if ends("fulli") { r1Replace(5, "ful") }
            else if ends("ousli") { r1Replace(5, "ous") }
            else if ends("entli") { r1Replace(5, "ent") }
            else if ends("enci") { r1Replace(4, "ence") }
            else if ends("anci") { r1Replace(4, "ance") }
            else if ends("abli") { r1Replace(4, "able") }
            else if ends("alli") { r1Replace(4, "al") }
            else if ends("bli") { r1Replace(3, "ble") }
            else if ends("ogi") {
                let start = n - 3
                if inR1(start) && start >= 1 && p[start - 1] == 0x6C { n -= 1 }  // l + ogi -> og
            } else if ends("li") {
                let start = n - 2
                if inR1(start) && start >= 1 && Self.inClass(p[start - 1], Self.validLI) { n = start }
            }
        case 0x6E:  // n
            if ends("ization") { r1Replace(7, "ize") }
            else if ends("ation") { r1Replace(5, "ate") }
        case 0x72:  // r
            if ends("izer") { r1Replace(4, "ize") }
            else if ends("ator") { r1Replace(4, "ate") }
        case 0x6D:  // m
            if ends("alism") { r1Replace(5, "al") }
        case 0x73:  // s
            if ends("fulness") { r1Replace(7, "ful") }
            else if ends("ousness") { r1Replace(7, "ous") }
            else if ends("iveness") { r1Replace(7, "ive") }
        case 0x74:  // t
            if ends("ogist") { r1Replace(5, "og") }
        default:
            break
        }
    }

    @inline(__always)
    mutating func r1Replace(_ k: Int, _ s: StaticString) {
        if inR1(n - k) { replaceSuffix(k, with: s) }
    }

    /// More derivational suffixes in R1.
    mutating func step3() {
        guard n >= 3 else { return }
        switch p[n - 1] {
        case 0x6C:  // l
            if ends("ational") { r1Replace(7, "ate") }
            else if ends("tional") { r1Replace(6, "tion") }
            else if ends("ical") { r1Replace(4, "ic") }
            else if ends("ful") { r1Replace(3, "") }
        case 0x65:  // e
            if ends("alize") { r1Replace(5, "al") }
            else if ends("icate") { r1Replace(5, "ic") }
            else if ends("ative") {
                if inR1(n - 5) && inR2(n - 5) { n -= 5 }
            }
        case 0x69:  // i
            if ends("iciti") { r1Replace(5, "ic") }
        case 0x73:  // s
            if ends("ness") { r1Replace(4, "") }
        default:
            break
        }
    }

    /// Suffixes deleted when in R2.
    mutating func step4() {
        guard n >= 2 else { return }
        var k = 0
        switch p[n - 1] {
        case 0x6C:  // l
            if ends("al") { k = 2 }
        case 0x65:  // e
            if ends("ance") || ends("ence") || ends("able") || ends("ible") { k = 4 }
            else if ends("ate") || ends("ive") || ends("ize") { k = 3 }
        case 0x72:  // r
            if ends("er") { k = 2 }
        case 0x63:  // c
            if ends("ic") { k = 2 }
        case 0x74:  // t
            if ends("ement") { k = 5 }
            else if ends("ment") { k = 4 }
            else if ends("ent") || ends("ant") { k = 3 }
        case 0x6D:  // m
            if ends("ism") { k = 3 }
        case 0x69:  // i
            if ends("iti") { k = 3 }
        case 0x73:  // s
            if ends("ous") { k = 3 }
        case 0x6E:  // n
            if ends("ion") {
                let start = n - 3
                if inR2(start) && start >= 1 && (p[start - 1] == 0x73 || p[start - 1] == 0x74) { n = start }
            }
            return
        default:
            return
        }
        if k != 0 && inR2(n - k) { n -= k }
    }

    /// Final -e and -ll.
    mutating func step5() {
        guard n >= 1 else { return }
        let start = n - 1
        switch p[start] {
        case 0x65:  // e
            if inR2(start) || (inR1(start) && !shortSyllable(endingAt: start)) { n = start }
        case 0x6C:  // l
            if inR2(start) && start >= 1 && p[start - 1] == 0x6C { n = start }
        default:
            break
        }
    }
}
