/// A `--include` / `--exclude` pattern, matched against a path relative to
/// the root it was found under, the way `.gitignore` reads patterns.
///
/// - `*` matches any run of characters except `/`; `?` one character
///   (a whole UTF-8 sequence) except `/`; `[abc]`, `[a-z]`, `[!abc]` or
///   `[^abc]` one byte from (or not from) a set.
/// - `**` crosses folders: `**/x` is `x` in any folder, `news/**` everything
///   under `news`, `a/**/b` `b` any number of folders below `a`.
/// - A pattern without `/` matches the base name at any depth (`*.pdf`,
///   `drafts`); with a `/` it matches the whole relative path (a leading `/`
///   is dropped, it only says "from the root").
/// - A trailing `/` (`drafts/`) matches folders only.
///
/// Matching works on raw bytes, so names that are not UTF-8 can be matched
/// too. It backtracks; paths are short, so that costs microseconds.
struct PathGlob: Sendable, Equatable {
    let pattern: [UInt8]
    let basenameOnly: Bool
    let foldersOnly: Bool

    init(_ text: String) {
        var bytes = Array(text.utf8)
        foldersOnly = bytes.count > 1 && bytes.last == UInt8(ascii: "/")
        while bytes.count > 1 && bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        if bytes.first == UInt8(ascii: "/") {
            bytes.removeFirst()
            basenameOnly = false
        } else {
            basenameOnly = !bytes.contains(UInt8(ascii: "/"))
        }
        pattern = bytes
    }

    /// True when `relativePath` (no leading `/`) matches; `isFolder` says
    /// whether it names a folder (only folders match a `name/` pattern).
    func matches(_ relativePath: [UInt8], isFolder: Bool) -> Bool {
        if foldersOnly && !isFolder { return false }
        if basenameOnly {
            let start = relativePath.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
            return Self.match(pattern[...], Array(relativePath[start...])[...])
        }
        return Self.match(pattern[...], relativePath[...])
    }

    private static let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")

    private static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex, t = text.startIndex
        while p < pattern.endIndex {
            let byte = pattern[p]
            if byte == star {
                let isDouble = p + 1 < pattern.endIndex && pattern[p + 1] == star
                if isDouble {
                    var rest = p + 2
                    if rest < pattern.endIndex && pattern[rest] == slash {
                        // `**/`: zero or more whole folders.
                        rest += 1
                        if match(pattern[rest...], text[t...]) { return true }
                        var i = t
                        while i < text.endIndex {
                            if text[i] == slash && match(pattern[rest...], text[(i + 1)...]) { return true }
                            i += 1
                        }
                        return false
                    }
                    // `**` elsewhere: anything, slashes included.
                    var i = t
                    while true {
                        if match(pattern[rest...], text[i...]) { return true }
                        if i == text.endIndex { return false }
                        i += 1
                    }
                }
                // `*`: anything but a slash.
                var i = t
                while true {
                    if match(pattern[(p + 1)...], text[i...]) { return true }
                    if i == text.endIndex || text[i] == slash { return false }
                    i += 1
                }
            }
            guard t < text.endIndex else { return false }
            switch byte {
            case UInt8(ascii: "?"):
                guard text[t] != slash else { return false }
                t += 1
                // One character: also take the UTF-8 continuation bytes.
                while t < text.endIndex && text[t] & 0xC0 == 0x80 { t += 1 }
                p += 1
            case UInt8(ascii: "["):
                guard let (matched, next) = matchClass(pattern, from: p, byte: text[t]) else {
                    // No closing bracket: a literal `[`.
                    guard text[t] == byte else { return false }
                    p += 1; t += 1
                    continue
                }
                guard matched, text[t] != slash else { return false }
                p = next; t += 1
            case UInt8(ascii: "\\") where p + 1 < pattern.endIndex:
                guard text[t] == pattern[p + 1] else { return false }
                p += 2; t += 1
            default:
                guard text[t] == byte else { return false }
                p += 1; t += 1
            }
        }
        return t == text.endIndex
    }

    /// Whether `byte` is in the bracket set starting at `start`, and the
    /// index after its `]`; nil when the set is not closed.
    private static func matchClass(_ pattern: ArraySlice<UInt8>, from start: Int, byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negated = false
        if i < pattern.endIndex && (pattern[i] == UInt8(ascii: "!") || pattern[i] == UInt8(ascii: "^")) {
            negated = true
            i += 1
        }
        var found = false
        var first = true
        while i < pattern.endIndex {
            let c = pattern[i]
            if c == UInt8(ascii: "]") && !first { return (found != negated, i + 1) }
            first = false
            if i + 2 < pattern.endIndex && pattern[i + 1] == UInt8(ascii: "-") && pattern[i + 2] != UInt8(ascii: "]") {
                if (c...max(c, pattern[i + 2])).contains(byte) { found = true }
                i += 3
            } else {
                if c == byte { found = true }
                i += 1
            }
        }
        return nil
    }
}
