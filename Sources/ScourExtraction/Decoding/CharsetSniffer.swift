/// Decides which encoding to decode a page with, trusting evidence in this
/// order: a byte-order mark; a declared label (HTTP header block or
/// `<meta>`), unless the bytes are valid multi-byte UTF-8 (then the label
/// lies) or a Latin-1/CJK label is contradicted by a confident CJK guess;
/// UTF-8 validity; and last `LegacyCJKGuesser`, which tells GB18030, Big5,
/// Shift_JIS and EUC-KR apart, with windows-1252 when none of them fits.
///
/// Sniffing before libxml2 sees the page matters: libxml2 alone reads an
/// undeclared GBK page as Latin-1 gibberish and stops at the first byte that
/// is invalid in the declared encoding, dropping the rest of the page.
struct CharsetSniffer: Sendable {
    struct Verdict: Sendable, Equatable {
        var encoding: TextEncoding
        /// Bytes to skip before decoding: a byte-order mark, an HTTP
        /// header block saved in front of the page, or both.
        var skippedPrefix: Int
        /// The HTTP header block saved in front of the page, if any.
        var header: HTTPHeaderBlock?
    }

    static func sniff(_ file: UnsafeBufferPointer<UInt8>) -> Verdict {
        sniff(file, header: HTTPHeaderBlock(file))
    }

    /// - Parameter header: the file's header block, already recognised by the caller.
    static func sniff(_ file: UnsafeBufferPointer<UInt8>, header: HTTPHeaderBlock?) -> Verdict {
        let skipped = header?.length ?? 0
        let bytes = UnsafeBufferPointer(rebasing: file[skipped...])
        func verdict(_ encoding: TextEncoding, _ prefix: Int = 0) -> Verdict {
            Verdict(encoding: encoding, skippedPrefix: skipped + prefix, header: header)
        }
        if let bom = byteOrderMark(bytes) { return verdict(bom.encoding, bom.skippedPrefix) }
        if let utf16 = unmarkedUTF16(bytes) { return verdict(utf16) }

        let scan = UTF8Scan(bytes)
        switch declaredEncoding(header: header, bytes) {
        case .utf8?:
            // A page labelled UTF-8 with a stray Latin-1 byte stays UTF-8;
            // one with more invalid bytes than valid sequences was mislabelled.
            if scan.invalidBytes <= scan.multibyteSequences { return verdict(.utf8) }
        case let label?:
            // Valid multi-byte UTF-8 almost never happens by chance in a
            // legacy encoding, so it outranks what the page says.
            if scan.invalidBytes == 0, scan.multibyteSequences > 0 { return verdict(.utf8) }
            return verdict(checked(label, bytes, hasHighBytes: scan.invalidBytes > 0))
        case nil:
            break
        }
        if scan.invalidBytes == 0 { return verdict(.utf8) }
        let guess = LegacyCJKGuesser.guess(bytes)
        if guess.isConfident { return verdict(guess.encoding) }
        return verdict(looksLikeGBK(bytes) ? .gb18030 : .windows1252)
    }

    /// The server's label from an HTTP header block, else the page's own.
    /// A header saying Latin-1 is usually the server's default, not a
    /// statement about the page, so a `<meta charset>` outranks it.
    private static func declaredEncoding(header: HTTPHeaderBlock?, _ bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding? {
        let fromHeader = header?.charset.flatMap(TextEncoding.init(label:))
        if let fromHeader, fromHeader != .windows1252 { return fromHeader }
        return DeclaredCharset.label(in: bytes).flatMap(TextEncoding.init(label:)) ?? fromHeader
    }

    /// A Latin-1 or CJK label is checked against the bytes: servers label
    /// everything ISO-8859-1, and Chinese pages labelled gb2312 are
    /// sometimes Big5. Only a confident guess overrules the label.
    private static func checked(_ label: TextEncoding, _ bytes: UnsafeBufferPointer<UInt8>, hasHighBytes: Bool) -> TextEncoding {
        guard hasHighBytes, label == .windows1252 || label.isLegacyCJK else { return label }
        let guesses = LegacyCJKGuesser.evaluations(bytes)
        guard let best = guesses.max(by: { $0.score < $1.score }), best.isConfident, best.encoding != label
        else { return label }
        if label == .windows1252 { return best.encoding }
        let labelled = guesses.first { $0.encoding == label }
        if let labelled, labelled.isConfident, labelled.hits * 3 >= best.hits { return label }
        return best.encoding
    }

    /// True for UTF-16 text, marked or not: its NULs are not binary.
    static func isUTF16(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let bom = byteOrderMark(bytes) { return bom.encoding != .utf8 }
        return unmarkedUTF16(bytes) != nil
    }

    private static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return Verdict(encoding: .utf8, skippedPrefix: 3)
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return Verdict(encoding: .utf16LE, skippedPrefix: 2) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return Verdict(encoding: .utf16BE, skippedPrefix: 2) }
        return nil
    }

    /// UTF-16 saved without a BOM: mostly-ASCII text leaves a NUL in every
    /// other byte, always on the same side.
    private static func unmarkedUTF16(_ bytes: UnsafeBufferPointer<UInt8>) -> TextEncoding? {
        let pairs = min(bytes.count, 1024) / 2
        guard pairs >= 8 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for pair in 0..<pairs {
            if bytes[2 * pair] == 0 { zeroEven += 1 }
            if bytes[2 * pair + 1] == 0 { zeroOdd += 1 }
        }
        if zeroOdd * 10 >= pairs * 3, zeroEven * 50 <= pairs { return .utf16LE }
        if zeroEven * 10 >= pairs * 3, zeroOdd * 50 <= pairs { return .utf16BE }
        return nil
    }

    /// GBK text is made of byte pairs whose lead (0x81–0xFE) and trail are
    /// both high bytes; windows-1252 text has high bytes one at a time
    /// between ASCII letters ("café", curly quotes).
    static func looksLikeGBK(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var highPairs = 0, otherHigh = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            if byte >= 0x81, byte <= 0xFE, index + 1 < count {
                let trail = bytes[index + 1]
                if trail >= 0x80, trail <= 0xFE {
                    highPairs += 1
                    index += 2
                    continue
                }
                if trail >= 0x40, trail <= 0x7E {
                    // A valid GBK pair with an ASCII-range trail, or a lone
                    // Latin-1 letter before ASCII: weak evidence either way.
                    otherHigh += 1
                    index += 2
                    continue
                }
            }
            otherHigh += 1
            index += 1
        }
        return highPairs >= 2 && highPairs > 2 * otherHigh
    }
}
