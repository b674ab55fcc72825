/// Collects a page's visible text as UTF-8 bytes, one line at a time, with
/// whitespace collapsed as a browser would: every run of spaces, tabs,
/// newlines, no-break and other Unicode spaces becomes one space; zero-width
/// characters vanish; a line never starts or ends with a space.
///
/// All lines share one byte buffer, so a page costs no allocation per node.
/// With `collapsing` off, a run of spaces keeps its length (each Unicode
/// space becomes one ASCII space): plain-text chrome rules read runs of
/// spaces as separators ("Home    Company News    Headline").
struct LineAccumulator {
    private(set) var storage: [UInt8] = []
    private(set) var lineStart = 0
    private var pendingSpace = 0
    private let collapsing: Bool

    init(capacity: Int = 0, collapsing: Bool = true) {
        storage.reserveCapacity(capacity)
        self.collapsing = collapsing
    }

    /// Bytes in the line being built.
    var currentLength: Int { storage.count - lineStart }

    /// Ends the current line; returns its byte range, or `nil` if empty.
    ///
    /// A pilcrow ending the line goes: it is the permalink documentation
    /// generators (Sphinx, MkDocs) put after each heading and definition
    /// (`defaultdict objects¶`), not text.
    mutating func endLine() -> Range<Int>? {
        while storage.count - lineStart >= 2, storage[storage.count - 2] == 0xC2, storage[storage.count - 1] == 0xB6 {
            storage.removeLast(2)
            while storage.count > lineStart, storage[storage.count - 1] == 0x20 { storage.removeLast() }
        }
        defer {
            lineStart = storage.count
            pendingSpace = 0
        }
        return storage.count > lineStart ? lineStart..<storage.count : nil
    }

    /// Marks a word boundary (as between two table cells on one line).
    mutating func appendSpace() {
        pendingSpace += 1
    }

    @inline(__always)
    private mutating func flushSpaces() {
        if pendingSpace > 0, storage.count > lineStart {
            if collapsing || pendingSpace == 1 {
                storage.append(0x20)
            } else {
                storage.append(contentsOf: repeatElement(0x20, count: pendingSpace))
            }
        }
        pendingSpace = 0
    }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        guard let base = text.baseAddress else { return }
        let count = text.count
        var index = 0
        while index < count {
            let byte = base[index]
            if byte < 0x80 {
                if byte <= 0x20 || byte == 0x7F {
                    pendingSpace += 1
                } else {
                    if pendingSpace > 0 { flushSpaces() }
                    storage.append(byte)
                }
                index += 1
                continue
            }
            let (length, action) = UnicodeSpace.classify(base, index, count)
            switch action {
            case .space:
                pendingSpace += 1
            case .drop:
                break
            case .keep:
                if pendingSpace > 0 { flushSpaces() }
                storage.append(contentsOf: UnsafeBufferPointer(start: base + index, count: length))
            }
            index += length
        }
    }
}

/// What whitespace collapsing does with one non-ASCII character.
enum UnicodeSpace {
    enum Action { case space, drop, keep }

    /// Classifies the UTF-8 sequence starting at `index` (lead byte ≥ 0x80)
    /// and returns its length. Input is already valid UTF-8.
    @inline(__always)
    static func classify(_ base: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> (Int, Action) {
        let lead = base[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard index + length <= count else { return (count - index, .drop) }
        switch lead {
        case 0xC2:
            let second = base[index + 1]
            if second == 0xA0 { return (2, .space) }          // no-break space
            if second < 0xA0 { return (2, .space) }           // C1 controls, NEL
            if second == 0xAD { return (2, .drop) }           // soft hyphen
        case 0xE1:
            if base[index + 1] == 0x9A, base[index + 2] == 0x80 { return (3, .space) } // ogham space
        case 0xE2:
            let second = base[index + 1], third = base[index + 2]
            if second == 0x80 {
                if third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF { return (3, .space) }
                if third >= 0x8B, third <= 0x8F { return (3, .drop) }  // zero-width, LRM/RLM
                if third >= 0xAA, third <= 0xAE { return (3, .drop) }  // bidi embeddings
            } else if second == 0x81 {
                if third == 0x9F { return (3, .space) }                // medium math space
                if third >= 0xA0, third <= 0xAF { return (3, .drop) }  // word joiner, invisibles
            }
        case 0xE3:
            if base[index + 1] == 0x80, base[index + 2] == 0x80 { return (3, .space) } // ideographic space
        case 0xEF:
            if base[index + 1] == 0xBB, base[index + 2] == 0xBF { return (3, .drop) }  // BOM / ZWNBSP
        default:
            break
        }
        return (length, .keep)
    }
}
