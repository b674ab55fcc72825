import Foundation
import ScourExtraction
import ScourPrimitives

/// A page found in a WARC file: an HTTP 200 `response` (or an `http(s)`
/// `resource`) whose type is HTML or text, with its body decoded.
public struct WARCDocument: Sendable, Equatable {
    /// `WARC-Target-URI`, without the `<>` some writers put around it.
    public var targetURI: String
    /// `WARC-Date`, as written (ISO 8601, e.g. `2024-05-01T12:00:00Z`).
    public var date: String?
    /// The HTTP `Content-Type` base type, lowercased (`text/html`); nil when
    /// the server sent none — the extractor then sniffs the content.
    public var contentType: String?
    /// The `charset` parameter of the HTTP `Content-Type`, as written.
    public var charset: String?
    /// The HTTP `Last-Modified` header, as written.
    public var lastModified: String?
    /// The HTTP body with chunking and gzip/deflate content coding undone.
    public var body: [UInt8]
    /// Where the record starts in the file; for `.warc.gz`, the offset of its
    /// gzip member (what CDX indexes record, and where to seek to re-read it).
    public var offset: Int

    public init(targetURI: String, date: String? = nil, contentType: String? = nil, charset: String? = nil,
                lastModified: String? = nil, body: [UInt8], offset: Int) {
        self.targetURI = targetURI
        self.date = date
        self.contentType = contentType
        self.charset = charset
        self.lastModified = lastModified
        self.body = body
        self.offset = offset
    }
}

/// Why a record is not a document, for counting in summaries.
public enum WARCSkipCategory: String, Sendable, CaseIterable {
    /// The file's own description (crawler, software).
    case warcinfo
    /// The HTTP request a crawler sent.
    case request
    /// Crawler metadata (outlinks, fetch times, manifests).
    case metadata
    /// A `resource` record that is not an `http(s)` page (e.g. wget's log).
    case resource
    /// A revisit: the payload was identical to an earlier capture and is not stored.
    case revisit
    /// Any other record type (`conversion`, `continuation`, unknown ones) or a
    /// `response` that is not HTTP (e.g. Heritrix's `dns:` records).
    case otherRecord = "other-record"
    /// HTTP 3xx.
    case redirect
    /// Any other status than 200 and 3xx (404, 500, 204, ...).
    case httpStatus = "http-status"
    /// `image/*` bodies.
    case image
    /// `application/pdf` bodies.
    case pdf
    /// Any other non-text type (CSS, scripts, JSON, archives, ...).
    case otherType = "other-type"
    /// A Content-Encoding zlib cannot undo, or a body that fails to decode.
    case encoding
    /// The body is larger than the reader's cap; its bytes were skipped unread.
    case tooLarge = "too-large"
    /// The file ends inside the record.
    case truncated
    /// The record's headers cannot be parsed.
    case malformed
}

/// A record that was read past, with why.
public struct WARCSkip: Sendable, Equatable, CustomStringConvertible {
    /// Where the record starts (for `.warc.gz`, its member's offset).
    public var offset: Int
    /// `WARC-Target-URI`, when the record has one.
    public var targetURI: String?
    /// One line: `revisit record`, `HTTP 404`, `image/png`, `truncated record at offset 1234`.
    public var reason: String
    public var category: WARCSkipCategory

    public init(offset: Int, targetURI: String?, reason: String, category: WARCSkipCategory) {
        self.offset = offset
        self.targetURI = targetURI
        self.reason = reason
        self.category = category
    }

    public var description: String {
        "offset \(offset)" + (targetURI.map { " \($0)" } ?? "") + ": \(reason)"
    }
}

/// One step through a WARC file.
public enum WARCEvent: Sendable, Equatable {
    case document(WARCDocument)
    case skipped(WARCSkip)
    /// Bytes that could not be read (a damaged or truncated gzip member, no
    /// WARC header where one should start); reading goes on after them.
    case damaged(SourceDamage)
}

/// Streams the records of a WARC file (`.warc`, or `.warc.gz` with one gzip
/// member per record or one for the whole file; WARC 1.0 and 1.1, as written
/// by wget, Heritrix, warcio, browsertrix and Common Crawl) and turns the
/// pages among them into ``WARCDocument``s.
///
/// Memory stays bounded whatever the file's size: one fixed read buffer
/// (``defaultBufferCapacity``; a WARC or HTTP header block must fit in it),
/// a 256 KiB compressed-input buffer for gzip, and the body of the one
/// record being delivered, at most `maximumBodySize` bytes (decoded). Bodies
/// of records that are skipped are read through the buffer and dropped —
/// or, in an uncompressed file, not read at all.
///
/// ```swift
/// let reader = try WARCReader(path: "crawl.warc.gz")
/// while let event = reader.next() {
///     switch event {
///     case .document(let page): index(page.targetURI, page.body)
///     case .skipped(let skip): counts[skip.category, default: 0] += 1
///     case .damaged(let damage): print(damage)   // "crawl.warc.gz: corrupt gzip member at offset ..."
///     }
/// }
/// ```
public final class WARCReader {
    /// 64 MiB: larger bodies are skipped as ``WARCSkipCategory/tooLarge``.
    public static let defaultMaximumBodySize = 64 << 20
    /// 1 MiB: large enough for any real header block, small enough to not matter.
    public static let defaultBufferCapacity = 1 << 20

    /// The file, as given; messages start with it.
    public let path: String
    /// Bodies larger than this (before or after decoding) are skipped.
    public let maximumBodySize: Int

    private let input: ByteInput
    private let buffer: UnsafeMutableRawBufferPointer
    private var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(buffer) }
    /// Unread bytes are `buffer[head..<tail]`.
    private var head = 0
    private var tail = 0
    /// Position in the decoded stream of `buffer[0]`.
    private var bufferOrigin = 0
    private var ended = false
    /// Damage met while filling; reported by the next call to ``next()``.
    private var pendingDamage: SourceDamage?

    /// The read buffer's size, fixed at init.
    var bufferCapacity: Int { buffer.count }

    /// Bytes read from the file so far (compressed bytes for gzip).
    var fileBytesRead: Int {
        switch input {
        case .plain(let file): return file.bytesRead
        case .gzip(let stream): return stream.file.bytesRead
        }
    }

    /// Opens `path`; gzip is recognised by its magic bytes, not its name.
    /// Throws only when the file cannot be opened.
    public init(path: String, maximumBodySize: Int = defaultMaximumBodySize,
                bufferCapacity: Int = defaultBufferCapacity) throws(SourceOpenError) {
        self.path = path
        self.maximumBodySize = maximumBodySize
        input = try ByteInput.open(path: path)
        buffer = .allocate(byteCount: max(bufferCapacity, 1024), alignment: 1)
    }

    deinit { buffer.deallocate() }

    /// Whether the file is gzip-compressed.
    public var isCompressed: Bool { input.isCompressed }

    /// The next document, skipped record or damage; nil at the end of the file.
    public func next() -> WARCEvent? {
        while true {
            if let damage = pendingDamage {
                pendingDamage = nil
                head = tail  // what is buffered came from the damaged member
                return .damaged(damage)
            }
            switch readRecord() {
            case .event(let event): return event
            case .again: continue
            case .end: return nil
            }
        }
    }

    // MARK: - Records

    private enum Step {
        case event(WARCEvent)
        /// Damage is pending (or a record was dropped): go round again.
        case again
        case end
    }

    /// The fields of a WARC header that matter here.
    private struct RecordHeader {
        var offset: Int
        var type: String?
        var targetURI: String?
        var date: String?
        var contentType: String?
        var length: Int?
    }

    private func readRecord() -> Step {
        switch skipLineBreaks() {
        case .more: break
        case .end: return .end
        case .damaged: return .again
        }
        let offset = input.sourceOffset(ofOutput: bufferOrigin + head)
        switch ensure(5) {
        case .more: break
        case .end: return truncated(offset, nil)
        case .damaged: return .again
        }
        guard ASCIIBytes.hasPrefix(bytes, head..<tail, "WARC/") else {
            return resynchronize(offset, "no WARC record at offset \(offset)")
        }
        let block: (fieldsEnd: Int, next: Int)
        switch findBlankLine(limit: buffer.count) {
        case .found(let fieldsEnd, let next): block = (fieldsEnd, next)
        case .notFound: return resynchronize(offset, "WARC header at offset \(offset) longer than \(buffer.count) bytes")
        case .end: return truncated(offset, nil)
        case .damaged: return .again
        }
        var header = RecordHeader(offset: offset)
        var firstLineEnd = head
        while bytes[firstLineEnd] != 0x0A { firstLineEnd += 1 }
        HeaderBytes.forEachField(in: bytes, (firstLineEnd + 1)..<block.fieldsEnd) { name, value in
            if ASCIIBytes.equalsIgnoringCase(bytes, name, "warc-type") {
                header.type = HeaderBytes.string(bytes, value).lowercased()
            } else if ASCIIBytes.equalsIgnoringCase(bytes, name, "warc-target-uri") {
                var uri = HeaderBytes.string(bytes, value)
                if uri.hasPrefix("<") && uri.hasSuffix(">") && uri.count >= 2 { uri = String(uri.dropFirst().dropLast()) }
                header.targetURI = uri
            } else if ASCIIBytes.equalsIgnoringCase(bytes, name, "warc-date") {
                header.date = HeaderBytes.string(bytes, value)
            } else if ASCIIBytes.equalsIgnoringCase(bytes, name, "content-length") {
                header.length = HeaderBytes.decimal(bytes, value)
            } else if ASCIIBytes.equalsIgnoringCase(bytes, name, "content-type") {
                header.contentType = HeaderBytes.string(bytes, value)
            }
        }
        head = block.next
        guard let length = header.length else {
            return resynchronize(offset, "WARC record at offset \(offset) without a valid Content-Length")
        }
        switch header.type {
        case "response": return response(header, length: length)
        case "resource": return resource(header, length: length)
        case "revisit": return skip(header, remaining: length, .revisit, "revisit record")
        case "warcinfo": return skip(header, remaining: length, .warcinfo, "warcinfo record")
        case "request": return skip(header, remaining: length, .request, "request record")
        case "metadata": return skip(header, remaining: length, .metadata, "metadata record")
        case nil: return skip(header, remaining: length, .malformed, "record without WARC-Type")
        case let type?: return skip(header, remaining: length, .otherRecord, "\(type) record")
        }
    }

    /// An HTTP response: status line and headers first, then the body if it
    /// is a page worth delivering.
    private func response(_ header: RecordHeader, length: Int) -> Step {
        switch ensure(min(5, length)) {
        case .more: break
        case .end: return truncated(header.offset, header.targetURI)
        case .damaged: return .again
        }
        guard ASCIIBytes.hasPrefix(bytes, head..<tail, "HTTP/") else {
            let type = header.contentType.map { " (\($0))" } ?? ""
            return skip(header, remaining: length, .otherRecord, "response record that is not HTTP\(type)")
        }
        let block: (fieldsEnd: Int, next: Int)
        switch findBlankLine(limit: min(length, buffer.count)) {
        case .found(let fieldsEnd, let next): block = (fieldsEnd, next)
        case .notFound: return skip(header, remaining: length, .malformed, "HTTP header without an end")
        case .end: return truncated(header.offset, header.targetURI)
        case .damaged: return .again
        }
        var lineEnd = head
        while bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let status = statusCode(head..<lineEnd)
        var contentType: String?, transferEncoding: String?, contentEncoding: String?
        var lastModified: String?, location: String?
        HeaderBytes.forEachField(in: bytes, (lineEnd + 1)..<block.fieldsEnd) { name, value in
            if contentType == nil, ASCIIBytes.equalsIgnoringCase(bytes, name, "content-type") {
                contentType = HeaderBytes.string(bytes, value)
            } else if ASCIIBytes.equalsIgnoringCase(bytes, name, "transfer-encoding") {
                transferEncoding = HeaderBytes.string(bytes, value)
            } else if ASCIIBytes.equalsIgnoringCase(bytes, name, "content-encoding") {
                contentEncoding = HeaderBytes.string(bytes, value)
            } else if ASCIIBytes.equalsIgnoringCase(bytes, name, "last-modified") {
                lastModified = HeaderBytes.string(bytes, value)
            } else if ASCIIBytes.equalsIgnoringCase(bytes, name, "location") {
                location = HeaderBytes.string(bytes, value)
            }
        }
        let bodyLength = length - (block.next - head)
        head = block.next
        guard let status else { return skip(header, remaining: bodyLength, .malformed, "HTTP status line without a status") }
        if status != 200 {
            if (300..<400).contains(status) {
                return skip(header, remaining: bodyLength, .redirect,
                            "HTTP \(status) redirect" + (location.map { " to \($0)" } ?? ""))
            }
            return skip(header, remaining: bodyLength, .httpStatus, "HTTP \(status)")
        }
        let media = MediaType(contentType ?? "")
        if let base = media.base, let category = Self.skipCategory(base) {
            return skip(header, remaining: bodyLength, category, base)
        }
        return deliver(header, bodyLength: bodyLength, contentType: media.base, charset: media.charset,
                       lastModified: lastModified, transferEncoding: transferEncoding, contentEncoding: contentEncoding)
    }

    /// A resource record holds the document itself, typed by the record's own
    /// Content-Type. Only `http(s)` ones are pages: wget stores its log as a
    /// `metadata://` resource, browsertrix its screenshots and text as `urn:`.
    private func resource(_ header: RecordHeader, length: Int) -> Step {
        let uri = header.targetURI?.lowercased() ?? ""
        guard uri.hasPrefix("http:") || uri.hasPrefix("https:") else {
            return skip(header, remaining: length, .resource, "resource record (\(header.targetURI ?? "no target URI"))")
        }
        let media = MediaType(header.contentType ?? "")
        if let base = media.base, let category = Self.skipCategory(base) {
            return skip(header, remaining: length, category, base)
        }
        return deliver(header, bodyLength: length, contentType: media.base, charset: media.charset,
                       lastModified: nil, transferEncoding: nil, contentEncoding: nil)
    }

    /// nil for the types delivered as documents; otherwise how to count the skip.
    ///
    /// Servers label many pages badly — a README or changelog without an
    /// extension goes out as `application/octet-stream`, Markdown and source
    /// files as `text/x-…` — so only types that are surely not pages are
    /// skipped here; everything else is delivered and its content decides,
    /// as for a file on disk.
    static func skipCategory(_ base: String) -> WARCSkipCategory? {
        switch base {
        case "application/pdf": return .pdf
        case "text/css", "text/javascript", "application/javascript", "application/x-javascript",
             "application/json", "application/ld+json", "application/manifest+json", "text/calendar",
             "application/gzip", "application/x-gzip", "application/zip", "application/x-tar",
             "application/x-bzip2", "application/x-xz", "application/zstd", "application/x-7z-compressed",
             "application/vnd.rar", "application/x-rar-compressed", "application/wasm",
             "application/x-executable", "application/x-sharedlib", "application/java-archive":
            return .otherType
        default:
            if base.hasPrefix("image/") { return .image }
            if base.hasPrefix("audio/") || base.hasPrefix("video/") || base.hasPrefix("font/") { return .otherType }
            if base.hasPrefix("application/vnd.") || base.hasPrefix("application/x-font") { return .otherType }
            return nil
        }
    }

    private func deliver(_ header: RecordHeader, bodyLength: Int, contentType: String?, charset: String?,
                         lastModified: String?, transferEncoding: String?, contentEncoding: String?) -> Step {
        guard let targetURI = header.targetURI, !targetURI.isEmpty else {
            return skip(header, remaining: bodyLength, .malformed, "page record without WARC-Target-URI")
        }
        guard bodyLength <= maximumBodySize else {
            return skip(header, remaining: bodyLength, .tooLarge,
                        "body of \(bodyLength) bytes is over the \(maximumBodySize)-byte cap")
        }
        var body: [UInt8] = []
        body.reserveCapacity(bodyLength)
        var remaining = bodyLength
        while remaining > 0 {
            if head == tail {
                switch fill() {
                case .more: continue
                case .end: return truncated(header.offset, header.targetURI)
                case .damaged: return .again
                }
            }
            let take = min(remaining, tail - head)
            body.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[head..<(head + take)]))
            head += take
            remaining -= take
        }
        // In a .warc.gz, read on until the next member starts (or the file
        // ends): only then has zlib checked this member's CRC, so a record
        // from a member that turns out corrupt is dropped, not delivered.
        if input.isCompressed, skipLineBreaks() == .damaged, pendingDamage?.offset == header.offset {
            return .again
        }
        switch HTTPBodyDecoding.decode(body, transferEncoding: transferEncoding, contentEncoding: contentEncoding,
                                       limit: maximumBodySize) {
        case .success(let decoded): body = decoded
        case .failure(.tooLarge(let limit)):
            return .event(.skipped(WARCSkip(offset: header.offset, targetURI: header.targetURI,
                                            reason: "decoded body is over the \(limit)-byte cap", category: .tooLarge)))
        case .failure(.unsupportedEncoding(let coding)):
            return .event(.skipped(WARCSkip(offset: header.offset, targetURI: header.targetURI,
                                            reason: "unsupported Content-Encoding \(coding)", category: .encoding)))
        case .failure(.corrupt(let message)):
            return .event(.skipped(WARCSkip(offset: header.offset, targetURI: header.targetURI,
                                            reason: message, category: .encoding)))
        }
        return .event(.document(WARCDocument(
            targetURI: targetURI, date: header.date, contentType: contentType, charset: charset,
            lastModified: lastModified, body: body, offset: header.offset)))
    }

    /// `HTTP/1.1 404 Not Found` → 404.
    private func statusCode(_ line: Range<Int>) -> Int? {
        var index = line.lowerBound
        while index < line.upperBound && bytes[index] != 0x20 { index += 1 }
        while index < line.upperBound && bytes[index] == 0x20 { index += 1 }
        guard index + 3 <= line.upperBound else { return nil }
        let end = index + 3
        guard end == line.upperBound || bytes[end] == 0x20 || bytes[end] == 0x0D else { return nil }
        return HeaderBytes.decimal(bytes, index..<end)
    }

    /// Reads past the rest of a record's body and reports it skipped.
    private func skip(_ header: RecordHeader, remaining: Int, _ category: WARCSkipCategory, _ reason: String) -> Step {
        switch discard(remaining) {
        case .more:
            return .event(.skipped(WARCSkip(offset: header.offset, targetURI: header.targetURI,
                                            reason: reason, category: category)))
        case .end: return truncated(header.offset, header.targetURI)
        case .damaged: return .again
        }
    }

    private func truncated(_ offset: Int, _ uri: String?) -> Step {
        head = tail
        return .event(.skipped(WARCSkip(offset: offset, targetURI: uri,
                                        reason: "truncated record at offset \(offset)", category: .truncated)))
    }

    /// Drops bytes up to the next line starting `WARC/` and reports what was lost.
    private func resynchronize(_ offset: Int, _ problem: String) -> Step {
        var skipped = 0
        while true {
            var index = head
            while index + 6 <= tail {
                if bytes[index] == 0x0A && ASCIIBytes.hasPrefix(bytes, (index + 1)..<tail, "WARC/") {
                    skipped += index + 1 - head
                    head = index + 1
                    return .event(.damaged(SourceDamage(offset: offset,
                        message: "\(path): \(problem); skipped \(skipped) bytes to the next record")))
                }
                index += 1
            }
            let keep = min(5, tail - head)
            skipped += tail - keep - head
            head = tail - keep
            switch fill() {
            case .more: continue
            case .end:
                skipped += tail - head
                head = tail
                return .event(.damaged(SourceDamage(offset: offset,
                    message: "\(path): \(problem); skipped \(skipped) bytes to the end of the file")))
            case .damaged: return .again
            }
        }
    }

    // MARK: - Buffer

    private enum Fill: Equatable {
        /// More bytes are buffered (or, for ``discard(_:)``, done).
        case more
        case end
        /// Damage is pending; the caller abandons the record.
        case damaged
    }

    /// Reads more into the buffer after moving unread bytes to its front.
    private func fill() -> Fill {
        if pendingDamage != nil { return .damaged }
        if ended { return .end }
        if head > 0 {
            let count = tail - head
            if count > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + head, count) }
            bufferOrigin += head
            tail = count
            head = 0
        }
        guard tail < buffer.count else { return .more }
        switch input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[tail...])) {
        case .bytes(let count):
            tail += count
            return .more
        case .end:
            ended = true
            return .end
        case .damaged(let damage):
            pendingDamage = damage
            return .damaged
        }
    }

    /// Fills until `count` bytes (at most the buffer's size) are unread.
    private func ensure(_ count: Int) -> Fill {
        while tail - head < count {
            let result = fill()
            if result != .more { return result }
        }
        return .more
    }

    /// Consumes CR and LF bytes (record terminators, stray blank lines) until
    /// another byte is buffered.
    private func skipLineBreaks() -> Fill {
        while true {
            while head < tail && (bytes[head] == 0x0D || bytes[head] == 0x0A) { head += 1 }
            if head < tail { return .more }
            let result = fill()
            if result != .more { return result }
        }
    }

    private enum BlankLine {
        case found(fieldsEnd: Int, next: Int)
        /// `limit` bytes are buffered without a blank line.
        case notFound
        case end
        case damaged
    }

    /// Finds the blank line ending the header block at `head` within its
    /// first `limit` bytes, filling the buffer as needed.
    private func findBlankLine(limit: Int) -> BlankLine {
        var scanned = 0
        while true {
            let available = min(tail - head, limit)
            if let found = HeaderBytes.blankLine(in: bytes, (head + max(0, scanned - 2))..<(head + available)) {
                return .found(fieldsEnd: found.fieldsEnd, next: found.next)
            }
            scanned = available
            if available >= limit { return .notFound }
            switch fill() {
            case .more: continue
            case .end: return .end
            case .damaged: return .damaged
            }
        }
    }

    /// Consumes `count` bytes without keeping them. In an uncompressed file,
    /// whatever is not buffered yet is skipped by moving the read position.
    private func discard(_ count: Int) -> Fill {
        var remaining = count
        while true {
            let available = tail - head
            if available >= remaining {
                head += remaining
                return .more
            }
            remaining -= available
            head = tail
            if case .plain(let file) = input, pendingDamage == nil {
                let moved = file.advance(by: remaining)
                bufferOrigin += moved
                if moved < remaining {
                    ended = true
                    return .end
                }
                return .more
            }
            switch fill() {
            case .more: continue
            case .end: return .end
            case .damaged: return .damaged
            }
        }
    }
}
