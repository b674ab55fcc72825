import ScourPrimitives

/// The HTTP head some crawlers and tools save in front of a page: a status
/// line (`HTTP/1.1 200 OK`), a request line (`GET /x HTTP/1.0`) or just
/// header lines (`MIME-Version: 1.0`, `Date: …`), up to a blank line, then
/// the page. Several heads may follow one another (a request and its
/// response, `100 Continue`, a redirect chain); all of them are skipped.
///
/// It is not part of the page: left in, its lines would be indexed as text
/// and the `<html>` after it would not be seen as the start of a document.
/// What it says is kept: `Content-Type`'s charset (weighed by the charset
/// sniffer like a `<meta charset>`) and base type, the page's URL and its
/// `Last-Modified` date.
///
/// A head without a status or request line must look like one beyond
/// doubt, because plain text can start "Date: 2025-01-01" or "Subject: …"
/// and those lines are content: no e-mail header (`From`, `Subject`…), and
/// either known HTTP header names making up more than half its lines (two
/// at least), or one known name with markup right after the blank line.
/// Costs one pass over at most `maximumLength` bytes.
struct HTTPHeaderBlock: Sendable, Equatable {
    /// Bytes from the start of the file to the first byte of the page.
    var length: Int
    /// The `charset` parameter of `Content-Type`, lowercased, if any.
    var charset: String?
    /// `Content-Type` without parameters, lowercased (`text/html`).
    var contentType: String?
    /// `Content-Location`, resolved against the request's host when it is a path.
    var contentLocation: String?
    /// The `Location` of a redirect that another head follows.
    var redirectLocation: String?
    /// The request line's URL: absolute as written, or `Host:` plus path.
    var requestURL: String?
    /// `Last-Modified` as ISO 8601 `yyyy-MM-dd` (RFC 1123, RFC 850 and
    /// asctime dates are read).
    var lastModified: String?

    /// The best URL the heads give for the page.
    var url: String? { contentLocation ?? redirectLocation ?? requestURL }

    /// A head longer than this is not a head: the page would be lost.
    static let maximumLength = 16 * 1024

    /// Header names that mark an HTTP (or MIME) head, lower case.
    private static let knownNames: [StaticString] = [
        "content-type", "content-length", "content-location", "content-encoding", "content-language",
        "content-disposition", "content-transfer-encoding", "content-security-policy", "last-modified", "etag",
        "server", "date", "expires", "cache-control", "pragma", "connection", "keep-alive", "transfer-encoding",
        "accept-ranges", "age", "vary", "set-cookie", "location", "x-powered-by", "via", "mime-version", "host",
        "user-agent", "accept", "accept-encoding", "accept-language", "referer", "cookie", "x-cache",
        "x-frame-options", "x-content-type-options", "x-xss-protection", "strict-transport-security",
        "access-control-allow-origin", "alt-svc", "p3p", "status", "x-aspnet-version", "x-cache-lookup",
    ]

    /// Names only e-mail heads carry: a message's Subject and From are its
    /// content, so a head with them is never skipped as HTTP.
    private static let mailNames: [StaticString] = [
        "from", "to", "cc", "bcc", "subject", "reply-to", "message-id", "in-reply-to", "references", "received",
        "return-path", "newsgroups",
    ]

    private enum LineKind { case status, request, header }

    /// Recognises heads at the very start of `bytes` (after blank lines),
    /// or returns `nil`.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < bytes.count, bytes[start] == 0x0D || bytes[start] == 0x0A || bytes[start] == 0x20 { start += 1 }
        let limit = min(bytes.count, start + Self.maximumLength)
        length = 0
        var host: String?, requestTarget: String?
        var blockStart = start
        var blocks = 0
        var pendingLocation: String?
        while blockStart < limit {
            guard let firstEnd = Self.lineEnd(bytes, from: blockStart, limit: limit) else { break }
            let firstLine = Self.line(bytes, blockStart, firstEnd)
            let firstKind: LineKind
            if Self.isStatusLine(firstLine) {
                firstKind = .status
            } else if Self.isRequestLine(firstLine) {
                firstKind = .request
            } else if blocks == 0, Self.headerName(firstLine) != nil {
                firstKind = .header
            } else {
                break
            }
            // Every further line is "Name: value" or a folded continuation, up to a blank line.
            var lineStart = firstKind == .header ? blockStart : firstEnd + 1
            var lines = 0, known = 0
            var hasMailHeader = false
            var blankEnd: Int?
            var fields: [(name: StaticString, value: String)] = []
            while let end = Self.lineEnd(bytes, from: lineStart, limit: limit) {
                let line = Self.line(bytes, lineStart, end)
                if line.isEmpty { blankEnd = end + 1; break }
                if line[0] == 0x20 || line[0] == 0x09 {
                    lineStart = end + 1
                    continue
                }
                guard let nameLength = Self.headerName(line) else { break }
                lines += 1
                if Self.mailNames.contains(where: { $0.utf8CodeUnitCount == nameLength && ASCIIBytes.matches(line, 0, $0) }) {
                    hasMailHeader = true
                }
                let name = Self.knownNames.first { $0.utf8CodeUnitCount == nameLength && ASCIIBytes.matches(line, 0, $0) }
                if let name {
                    known += 1
                    fields.append((name, Self.value(line, after: nameLength)))
                }
                lineStart = end + 1
            }
            guard let bodyStart = blankEnd else { break }
            if firstKind == .header {
                var next = bodyStart
                while next < bytes.count, bytes[next] <= 0x20 { next += 1 }
                let markupFollows = next < bytes.count && bytes[next] == UInt8(ascii: "<")
                guard next < bytes.count, !hasMailHeader,
                      known >= 2 && known * 2 > lines || known >= 1 && markupFollows else { break }
            }
            if let pendingLocation { redirectLocation = pendingLocation }
            pendingLocation = nil
            for (name, value) in fields {
                switch "\(name)" {
                case "host" where firstKind == .request: host = value
                case "content-type" where firstKind != .request:
                    let media = MediaType(value)
                    contentType = media.base
                    charset = media.charset
                case "content-location" where firstKind != .request: contentLocation = value
                case "last-modified" where firstKind != .request: lastModified = DateFinder.httpDate(value)
                case "location" where firstKind == .status: pendingLocation = value
                default: break
                }
            }
            if firstKind == .request { requestTarget = Self.requestTarget(firstLine) }
            blocks += 1
            length = bodyStart
            // Blank lines between heads.
            blockStart = bodyStart
            while blockStart < limit, bytes[blockStart] == 0x0D || bytes[blockStart] == 0x0A { blockStart += 1 }
        }
        guard blocks > 0 else { return nil }
        requestURL = requestTarget.flatMap { Self.absolute($0, host: host) }
        contentLocation = contentLocation.flatMap { Self.absolute($0, host: host) }
        redirectLocation = redirectLocation.flatMap { Self.absolute($0, host: host) }
    }

    // MARK: Lines

    /// The index of the `\n` ending the line at `start`, or nil when the
    /// line does not end before `limit`.
    private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int? {
        var end = start
        while end < limit, bytes[end] != 0x0A { end += 1 }
        return end < limit ? end : nil
    }

    /// The line from `start` to `end` without its `\r`.
    private static func line(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        var contentEnd = end
        if contentEnd > start, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<contentEnd])
    }

    /// `HTTP/1.1 200 OK`, `HTTP/1.0 404`, `HTTP/2 200`.
    private static func isStatusLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard ASCIIBytes.matches(line, 0, "http/"), line.count > 6, isDigit(line[5]) else { return false }
        var index = 6
        if index + 1 < line.count, line[index] == UInt8(ascii: "."), isDigit(line[index + 1]) { index += 2 }
        return index < line.count && line[index] == 0x20
    }

    /// `GET /path HTTP/1.0`: an upper-case method, a target, a version.
    private static func isRequestLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < line.count, line[index] >= UInt8(ascii: "A"), line[index] <= UInt8(ascii: "Z") { index += 1 }
        guard (3...10).contains(index), index < line.count, line[index] == 0x20 else { return false }
        guard let space = line[(index + 1)...].firstIndex(of: 0x20), space > index + 1 else { return false }
        return ASCIIBytes.matchesExactly(line, space + 1, "HTTP/") && space + 6 < line.count && isDigit(line[space + 6])
    }

    private static func requestTarget(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        guard let first = line.firstIndex(of: 0x20), let second = line[(first + 1)...].firstIndex(of: 0x20) else { return nil }
        return String(decoding: line[(first + 1)..<second], as: UTF8.self)
    }

    /// The length of the name of a `Name: value` line (token characters
    /// then a colon), or nil.
    private static func headerName(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        for (index, byte) in line.enumerated() {
            if byte == UInt8(ascii: ":") { return index > 0 ? index : nil }
            let lower = ASCIIBytes.lower(byte)
            let isNameByte = isDigit(byte) || (lower >= 0x61 && lower <= 0x7A) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
            if !isNameByte { return nil }
        }
        return nil
    }

    private static func value(_ line: UnsafeBufferPointer<UInt8>, after nameLength: Int) -> String {
        var start = nameLength + 1
        var end = line.count
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        return String(decoding: line[start..<end], as: UTF8.self)
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    // MARK: Values

    /// An absolute URL as given; a path made absolute with the request's
    /// `Host` (scheme `http`, as the head does not say); else nil.
    private static func absolute(_ target: String, host: String?) -> String? {
        if target.contains("://") { return target }
        guard target.hasPrefix("/"), let host, !host.isEmpty else { return nil }
        return "http://\(host)\(target)"
    }
}
