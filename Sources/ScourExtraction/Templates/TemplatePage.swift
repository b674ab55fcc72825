/// One page as template learning sees it: the groups it belongs to and the
/// fingerprint of each of its lines.
///
/// A page may belong to several groups — its site's host, its folder and
/// the folders above it — because a crawl spreads one site over many
/// folders (`news/2019/`, `news/2025/`) while a folder of scrapes may mix
/// sites. Put the most specific group first: stripped lines are credited to
/// the first group that knows them.
public struct TemplatePage: Sendable {
    public var groups: [String]
    public var fingerprints: [LineFingerprint]

    public init(groups: [String], lines: some Sequence<Substring>) {
        self.groups = groups
        self.fingerprints = lines.map(LineFingerprint.init)
    }

    /// A page whose lines were fingerprinted before (and kept on disk).
    public init(groups: [String], fingerprints: [LineFingerprint]) {
        self.groups = groups
        self.fingerprints = fingerprints
    }

    public init(groups: [String], lines: [String]) {
        self.init(groups: groups, lines: lines.lazy.map { $0[...] })
    }

    /// A page of extracted text: one line per block, split on `"\n"`.
    public init(groups: [String], text: String) {
        self.init(groups: groups, lines: Self.lines(of: text))
    }

    /// The lines of `text`, split on `"\n"` (empty lines included) by a
    /// byte scan: `String.split` walks grapheme clusters, which cost more
    /// than fingerprinting the lines.
    public static func lines(of text: String) -> [Substring] {
        var text = text
        text.makeContiguousUTF8()
        let utf8 = text.utf8
        var breaks: [Int] = []
        utf8.withContiguousStorageIfAvailable { bytes in
            for (offset, byte) in bytes.enumerated() where byte == 0x0A { breaks.append(offset) }
        }
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = utf8.startIndex
        for offset in breaks {
            // O(1) on a contiguous UTF-8 string.
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(Substring(utf8[start..<end]))
            start = utf8.index(after: end)
        }
        lines.append(Substring(utf8[start...]))
        return lines
    }
}
