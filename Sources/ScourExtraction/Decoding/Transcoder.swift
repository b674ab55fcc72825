import Glibc

/// Turns page bytes into clean UTF-8 — the only form the parser and the
/// line rules ever see. A byte that is invalid in the encoding becomes one
/// U+FFFD and decoding goes on, so one bad byte never costs the rest of a page.
enum Transcoder {
    struct Output {
        var utf8: [UInt8]
        /// How many U+FFFD were written for undecodable input.
        var replacements: Int
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Decodes `bytes` after the verdict's prefix (a byte-order mark, an
    /// HTTP header block) as the verdict's encoding.
    static func decode(_ bytes: [UInt8], as verdict: CharsetSniffer.Verdict) -> Output {
        switch verdict.encoding {
        case .utf8:
            return sanitizedUTF8(bytes, skipping: verdict.skippedPrefix)
        case .utf16LE:
            return utf16(bytes, skipping: verdict.skippedPrefix, bigEndian: false)
        case .utf16BE:
            return utf16(bytes, skipping: verdict.skippedPrefix, bigEndian: true)
        default:
            break
        }
        let body = verdict.skippedPrefix > 0 ? Array(bytes[min(verdict.skippedPrefix, bytes.count)...]) : bytes
        switch verdict.encoding {
        case .gb18030:
            return iconv(body, from: "GB18030") ?? windows1252(body)
        case .iconv(let name):
            return iconv(body, from: supersetName(name)) ?? windows1252(body)
        default:
            return windows1252(body)
        }
    }

    /// The iconv encoding that decodes what pages labelled `name` really
    /// hold: pages labelled Shift_JIS, EUC-KR or Big5 use the vendor
    /// extensions (NEC/IBM kanji, UHC Hangul, HKSCS) that browsers accept.
    static func supersetName(_ name: String) -> String {
        switch name {
        case "SHIFT_JIS": "CP932"
        case "EUC-KR": "CP949"
        case "BIG5": "BIG5-HKSCS"
        default: name
        }
    }

    /// Returns the input itself when it is clean UTF-8 (no copy), otherwise
    /// a copy without NULs and with each run of invalid bytes replaced.
    static func sanitizedUTF8(_ bytes: [UInt8], skipping prefix: Int) -> Output {
        bytes.withUnsafeBufferPointer { buffer in
            let body = UnsafeBufferPointer(rebasing: buffer[prefix...])
            if prefix == 0, UTF8Scan(body).isCleanUTF8 { return Output(utf8: bytes, replacements: 0) }
            var out: [UInt8] = []
            out.reserveCapacity(body.count)
            var replacements = 0
            var lastWasInvalid = false
            var index = 0
            let base = body.baseAddress!
            while index < body.count {
                let byte = base[index]
                if byte < 0x80 {
                    if byte != 0 { out.append(byte) }
                    lastWasInvalid = false
                    index += 1
                    continue
                }
                let length = UTF8Scan.sequenceLength(base, index, body.count)
                if length == 0 {
                    if !lastWasInvalid { out.append(contentsOf: replacement); replacements += 1 }
                    lastWasInvalid = true
                    index += 1
                } else {
                    out.append(contentsOf: body[index..<index + length])
                    lastWasInvalid = false
                    index += length
                }
            }
            return Output(utf8: out, replacements: replacements)
        }
    }

    private static func utf16(_ bytes: [UInt8], skipping prefix: Int, bigEndian: Bool) -> Output {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var replacements = 0
        var index = prefix
        @inline(__always) func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1]) : UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at])
        }
        while index + 1 < bytes.count {
            let first = unit(index)
            index += 2
            var scalar: UInt32 = first
            if first >= 0xD800, first <= 0xDBFF, index + 1 < bytes.count, (0xDC00...0xDFFF).contains(unit(index)) {
                scalar = 0x10000 + ((first - 0xD800) << 10) + (unit(index) - 0xDC00)
                index += 2
            } else if first >= 0xD800, first <= 0xDFFF {
                scalar = 0xFFFD
                replacements += 1
            }
            if scalar != 0 { appendScalar(scalar, to: &out) }
        }
        if index < bytes.count { appendScalar(0xFFFD, to: &out); replacements += 1 }
        return Output(utf8: out, replacements: replacements)
    }

    /// windows-1252 by table: 0x80–0x9F hold curly quotes, dashes, € and the
    /// like; every other byte is the Latin-1 code point of the same value.
    private static let cp1252High: [UInt16] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    private static func windows1252(_ bytes: [UInt8]) -> Output {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var replacements = 0
        for byte in bytes {
            if byte < 0x80 {
                if byte != 0 { out.append(byte) }
            } else if byte < 0xA0 {
                let scalar = UInt32(cp1252High[Int(byte - 0x80)])
                if scalar == 0xFFFD { replacements += 1 }
                appendScalar(scalar, to: &out)
            } else {
                out.append(0xC0 | byte >> 6)
                out.append(0x80 | byte & 0x3F)
            }
        }
        return Output(utf8: out, replacements: replacements)
    }

    /// Decodes with glibc's iconv; on an invalid byte writes U+FFFD, skips
    /// that one byte and carries on. `nil` when iconv lacks the encoding.
    private static func iconv(_ bytes: [UInt8], from name: String) -> Output? {
        let descriptor = iconv_open("UTF-8", name)
        guard descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        var out = [UInt8](repeating: 0, count: bytes.count * 3 / 2 + 16)
        var written = 0
        var replacements = 0
        var input = bytes
        input.withUnsafeMutableBufferPointer { source in
            var inPointer = UnsafeMutableRawPointer(source.baseAddress!).assumingMemoryBound(to: CChar.self)
            var inLeft = source.count
            while inLeft > 0 {
                if out.count - written < 16 { out.append(contentsOf: repeatElement(0, count: out.count / 2 + 16)) }
                var outLeft = out.count - written
                let result = out.withUnsafeMutableBufferPointer { target -> Int in
                    var outPointer: UnsafeMutablePointer<CChar>? =
                        UnsafeMutableRawPointer(target.baseAddress! + written).assumingMemoryBound(to: CChar.self)
                    var inOptional: UnsafeMutablePointer<CChar>? = inPointer
                    let status = Glibc.iconv(descriptor, &inOptional, &inLeft, &outPointer, &outLeft)
                    inPointer = inOptional!
                    written = target.count - outLeft
                    return status
                }
                if result != -1 { break }
                switch errno {
                case E2BIG:
                    out.append(contentsOf: repeatElement(0, count: out.count / 2 + 16))
                case EILSEQ, EINVAL:
                    // EINVAL: a sequence cut off at the end of the file.
                    if out.count - written < 3 { out.append(contentsOf: repeatElement(0, count: 64)) }
                    out[written] = 0xEF; out[written + 1] = 0xBF; out[written + 2] = 0xBD
                    written += 3
                    replacements += 1
                    inPointer += 1
                    inLeft -= 1
                default:
                    inLeft = 0
                }
            }
        }
        // Stateful decoders (BIG5-HKSCS holds back a character that a
        // combining mark might follow) release what they hold on a flush.
        if out.count - written < 16 { out.append(contentsOf: repeatElement(0, count: 16)) }
        out.withUnsafeMutableBufferPointer { target in
            var outPointer: UnsafeMutablePointer<CChar>? =
                UnsafeMutableRawPointer(target.baseAddress! + written).assumingMemoryBound(to: CChar.self)
            var outLeft = target.count - written
            _ = Glibc.iconv(descriptor, nil, nil, &outPointer, &outLeft)
            written = target.count - outLeft
        }
        out.removeSubrange(written...)
        if out.contains(0) { out.removeAll { $0 == 0 } }
        return Output(utf8: out, replacements: replacements)
    }

    @inline(__always)
    static func appendScalar(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
