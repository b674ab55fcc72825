/// Splits a `class` or `id` value into the words chrome and content
/// classification look up, without allocating.
///
/// The value is split on spaces into tokens, and each token on `-`, `_` and
/// camelCase into words ("mainNav" → main, nav; "site-footer" → site,
/// footer). Each word is visited, then its whole token (separators removed,
/// "site-footer" → sitefooter), so a table may hold either. A word after
/// "has", "with" or "no" describes a layout, not the element ("has-sidebar"
/// on `body`), and one after "tag" or "category" names a post's tag
/// ("tag-share"): it is visited as modified, and so is a token ending in one.
enum ClassWords {
    /// Calls `visit(hash, isWholeToken, isModified)` for every word and
    /// token of `value`, in order, until it returns true.
    static func scan(_ value: UnsafePointer<UInt8>, _ visit: (UInt64, Bool, Bool) -> Bool) {
        var index = 0
        var tokenHash = WordHash.seed
        var wordHash = WordHash.seed
        var wordLength = 0
        var previousWordWasModifier = false
        var thisWordIsModified = false
        var stopped = false

        func finishWord() {
            guard wordLength > 0 else { return }
            if !stopped { stopped = visit(wordHash, false, thisWordIsModified) }
            previousWordWasModifier = modifiers.contains(wordHash)
            wordHash = WordHash.seed
            wordLength = 0
        }
        func finishToken() {
            let hadWord = wordLength > 0 || tokenHash != WordHash.seed
            finishWord()
            if hadWord, !stopped { stopped = visit(tokenHash, true, thisWordIsModified) }
            tokenHash = WordHash.seed
            previousWordWasModifier = false
            thisWordIsModified = false
        }

        var previous: UInt8 = 0
        while !stopped {
            let byte = value[index]
            if byte == 0 { break }
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if isUpper || isLower || isDigit {
                let previousIsLower = previous >= 0x61 && previous <= 0x7A
                if isUpper, previousIsLower { finishWord() }
                if wordLength == 0 { thisWordIsModified = previousWordWasModifier }
                wordHash = WordHash.add(wordHash, byte)
                tokenHash = WordHash.add(tokenHash, byte)
                wordLength += 1
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                finishToken()
            } else {
                finishWord()
            }
            previous = byte
            index += 1
        }
        if !stopped { finishToken() }
    }

    /// "has-sidebar", "no-comments"; and WordPress's taxonomy classes on a
    /// post ("tag-share", "category-social-media"): the words after name
    /// the post's tags, not what the element is.
    private static let modifiers: Set<UInt64> = Set(
        ["has", "with", "no", "without", "tag", "category"].map(WordHash.hash))

    /// A table of word hashes, built from space-separated lists.
    static func table<Value>(_ entries: [(Value, String)]) -> [UInt64: Value] {
        var table: [UInt64: Value] = [:]
        for (value, list) in entries {
            for word in list.split(separator: " ") { table[WordHash.hash(String(word))] = value }
        }
        return table
    }
}
