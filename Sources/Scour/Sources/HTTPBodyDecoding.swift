import Foundation

/// Undoes the transfer and content codings of an HTTP body as a crawler
/// stored it. `wget --warc-file` and Heritrix store the bytes as received
/// (chunked, gzip-compressed); other writers store them decoded but keep
/// the headers — so each step first checks the bytes really are encoded.
enum HTTPBodyDecoding {
    /// Why a body could not be turned into a document.
    enum Failure: Error, Equatable {
        /// The Content-Encoding is one zlib cannot undo (`br`, `zstd`, ...).
        case unsupportedEncoding(String)
        /// The bytes claim a coding but are not valid for it.
        case corrupt(String)
        /// Decoding would exceed the body size cap.
        case tooLarge(Int)
    }

    /// Decodes `Transfer-Encoding: chunked` (when the body parses as chunks),
    /// then `Content-Encoding` gzip / x-gzip / deflate. A chunked or gzip body
    /// cut short (a truncated record) yields what was decoded up to the cut.
    static func decode(_ body: [UInt8], transferEncoding: String?, contentEncoding: String?,
                       limit: Int) -> Result<[UInt8], Failure> {
        var body = body
        if let transfer = transferEncoding?.lowercased(), transfer.contains("chunked"), let joined = dechunked(body) {
            body = joined
        }
        guard let coding = contentEncoding?.lowercased().split(separator: ",").last?
            .trimmingCharacters(in: [" ", "\t"]), !coding.isEmpty, coding != "identity" else { return .success(body) }
        switch coding {
        case "gzip", "x-gzip":
            guard body.count >= 2, body[0] == 0x1F, body[1] == 0x8B else { return .success(body) }
            return inflate(body, format: .gzip, coding: coding, limit: limit)
        case "deflate":
            // RFC 9110 says a zlib stream; many servers send raw deflate.
            let zlibHeader = body.count >= 2 && body[0] & 0x0F == 8 && (UInt(body[0]) << 8 | UInt(body[1])) % 31 == 0
            // No zlib header and markup first: stored decoded (raw deflate
            // could start with `<` too, but a page that does is far rarer).
            if !zlibHeader, body.first(where: { $0 > 0x20 }) == 0x3C { return .success(body) }
            return inflate(body, format: zlibHeader ? .zlib : .raw, coding: coding, limit: limit)
        default:
            return .failure(.unsupportedEncoding(coding))
        }
    }

    private static func inflate(_ body: [UInt8], format: Inflater.Format, coding: String, limit: Int) -> Result<[UInt8], Failure> {
        switch Inflater.decode(body, format: format, limit: limit) {
        case .complete(let bytes), .truncated(let bytes): return .success(bytes)
        case .tooLarge: return .failure(.tooLarge(limit))
        case .corrupt(let message): return .failure(.corrupt("Content-Encoding \(coding): \(message)"))
        }
    }

    /// Joins the chunks of a chunked body; nil when it does not start with a
    /// chunk-size line (then it was stored already joined). Stops at the
    /// zero-size chunk or where the bytes run out.
    static func dechunked(_ body: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var position = 0
        var first = true
        while position < body.count {
            var size = 0, digits = 0
            while position < body.count, let digit = hexDigit(body[position]) {
                guard size < 1 << 40 else { return first ? nil : output }
                size = size * 16 + digit
                digits += 1
                position += 1
            }
            guard digits > 0 else { return first ? nil : output }
            // Skip chunk extensions (`;name=value`) and spaces up to the line
            // end; anything else after the first size means "not chunked".
            var inExtension = false
            while position < body.count && body[position] != 0x0A {
                let byte = body[position]
                if byte == 0x3B { inExtension = true }
                if first && !inExtension && byte != 0x20 && byte != 0x09 && byte != 0x0D { return nil }
                position += 1
            }
            position += 1
            first = false
            if size == 0 { break }
            let end = min(body.count, position + size)
            if position < end { output.append(contentsOf: body[position..<end]) }
            position = end
            // The CRLF after the chunk data.
            if position < body.count && body[position] == 0x0D { position += 1 }
            if position < body.count && body[position] == 0x0A { position += 1 }
        }
        return output
    }

    private static func hexDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x41...0x46: return Int(byte - 0x41 + 10)
        case 0x61...0x66: return Int(byte - 0x61 + 10)
        default: return nil
        }
    }
}
