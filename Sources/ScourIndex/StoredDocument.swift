/// What the index keeps of each document besides its postings: enough to
/// show a result (URL, openable location, title, snippet text) and to notice
/// later whether the source changed.
///
/// Identity fields (format 4): ``path`` is the unique document id; ``url``
/// the page's address on the web when known; ``aliases`` other URLs or ids
/// of the same page; ``location`` the file it was read from; ``source`` the
/// argument of `scour index` that led to it.
public struct StoredDocument: Sendable, Equatable {
    /// The document's unique id in the index (TREC docid, JSON `id`): a
    /// file's path relative to the indexed folder, or an id given by the
    /// source. Named `path` for compatibility with format 3.
    public var path: String
    public var title: String
    /// The extracted text, one block per line; snippets are cut from it.
    public var text: String
    /// `"html"` or `"text"`: what the source turned out to be.
    public var format: String
    /// A hash of the source bytes, for incremental reindexing.
    public var fingerprint: UInt64
    /// The headings among the text's lines, indexed as a field of their own.
    public var headings: [String]
    /// The page's URL (`http…`) when known. Its words, and its host and
    /// parent domains as site terms (see ``SiteTerms``), are indexed in the
    /// url field. When empty, a file's ``path`` words are indexed there
    /// instead; a record without a URL has no url words.
    public var url: String
    /// Publication date (ISO 8601 `yyyy-MM-dd`), shown in results; empty when unknown.
    public var date: String
    /// The page's canonical URL, when it declares one; else empty.
    public var canonicalURL: String
    /// The page's declared language (lowercased), when known; else empty.
    public var language: String
    /// Other URLs or ids of the same page, found by duplicate detection.
    /// Their hosts count for `site:` too. Empty in format-3 segments.
    public var aliases: [String]
    /// The absolute path of the file the document was read from; empty for
    /// JSON Lines and WARC records and in format-3 segments.
    public var location: String
    /// The source given to `scour index` it came from (a folder, a JSON
    /// Lines or a WARC path); empty in format-3 segments.
    public var source: String

    public init(path: String, title: String, text: String, format: String = "text", fingerprint: UInt64 = 0,
                headings: [String] = [], url: String = "", date: String = "", canonicalURL: String = "",
                language: String = "", aliases: [String] = [], location: String = "", source: String = "") {
        self.path = path
        self.title = title
        self.text = text
        self.format = format
        self.fingerprint = fingerprint
        self.headings = headings
        self.url = url
        self.date = date
        self.canonicalURL = canonicalURL
        self.language = language
        self.aliases = aliases
        self.location = location
        self.source = source
    }

    /// ``url`` when it is an absolute URL with a host (`http://…`), else nil:
    /// what results show as the page's address.
    public var webURL: String? {
        SiteTerms.host(of: url) == nil ? nil : url
    }

    /// The host ``url`` names (lowercased, no port, no `www.`), if any: what
    /// `site:` matches in segments without site terms.
    public var host: String? { SiteTerms.host(of: url) }

    /// The text indexed in the url field: the URL (or, for a file without
    /// one, its path) without scheme, `www.` and file extension, so
    /// "robotics-lab-opens.html" gives "robotics lab opens".
    var urlWords: String {
        var words = !url.isEmpty ? url : location.isEmpty ? "" : path
        if let scheme = words.range(of: "://") { words = String(words[scheme.upperBound...]) }
        if words.hasPrefix("www.") { words.removeFirst(4) }
        if let dot = words.lastIndex(of: "."), let slash = words.lastIndex(of: "/").map({ words.index(after: $0) }) ?? Optional(words.startIndex),
           dot > slash, words.distance(from: dot, to: words.endIndex) <= 6 {
            words = String(words[..<dot])
        }
        return words
    }
}

extension StoredDocument {
    /// Appends the document as one whole record, in the layout of the
    /// stores before format 6 (see ``SegmentLayout``): what
    /// ``encodedRecord()`` gives and ``init(record:file:)`` reads back.
    func appendStoreRecord(to store: inout [UInt8]) {
        store.appendString(path)
        store.appendString(title)
        store.appendString(text)
        store.appendString(format)
        store.appendInteger(fingerprint)
        store.appendString(headings.joined(separator: "\n"))
        appendLinks(to: &store)
    }

    /// Appends the document's head (format 6, see ``StoreBlocks``): every
    /// field but the text and headings, uncompressed in the store.
    func appendHead(to store: inout [UInt8]) {
        store.appendString(path)
        store.appendString(title)
        store.appendString(format)
        store.appendInteger(fingerprint)
        appendLinks(to: &store)
    }

    /// Appends the document's body (format 6): the text and the headings,
    /// what the store compresses.
    func appendBody(to store: inout [UInt8]) {
        store.appendString(text)
        store.appendString(headings.joined(separator: "\n"))
    }

    /// The fields after the headings in a record and after the fingerprint
    /// in a head: url, date, canonical URL, language, aliases, location, source.
    private func appendLinks(to store: inout [UInt8]) {
        store.appendString(url)
        store.appendString(date)
        store.appendString(canonicalURL)
        store.appendString(language)
        store.appendVarint(UInt64(aliases.count))
        for alias in aliases { store.appendString(alias) }
        store.appendString(location)
        store.appendString(source)
    }
}

extension StoredDocument {
    /// The document as one store record (the bytes a segment stores).
    public func encodedRecord() -> [UInt8] {
        var bytes: [UInt8] = []
        appendStoreRecord(to: &bytes)
        return bytes
    }

    /// Decodes a record written by ``encodedRecord()`` (or read from a
    /// segment's store); throws naming `file` when the bytes are damaged.
    public init(record: UnsafeRawBufferPointer, file: String) throws(IndexError) {
        var reader = ByteReader(record)
        guard let document = Self.decodeRecord(&reader, hasIdentity: true) else {
            throw .corrupted(file: file, reason: "bad document record")
        }
        self = document
    }

    /// Reads one whole record (the stores before format 6); nil when the
    /// bytes are damaged. Records of format-3 segments (`hasIdentity`
    /// false) end before the aliases, location and source, which come back
    /// empty. Without `includingText`, the text and headings are skipped,
    /// not decoded, and come back empty.
    static func decodeRecord(_ reader: inout ByteReader, hasIdentity: Bool, includingText: Bool = true) -> StoredDocument? {
        func textField() -> String? { includingText ? reader.string() : reader.skipString() ? "" : nil }
        guard let path = reader.string(), let title = reader.string(), let text = textField(),
              let format = reader.string(), let fingerprint = reader.integer(UInt64.self), let headings = textField()
        else { return nil }
        var document = StoredDocument(path: path, title: title, text: text, format: format, fingerprint: fingerprint,
                                      headings: Self.headings(headings))
        guard document.decodeLinks(&reader, hasIdentity: hasIdentity) else { return nil }
        return document
    }

    /// Reads a head (format 6, see ``appendHead(to:)``); the text and
    /// headings come back empty. Nil when the bytes are damaged.
    static func decodeHead(_ reader: inout ByteReader) -> StoredDocument? {
        guard let path = reader.string(), let title = reader.string(),
              let format = reader.string(), let fingerprint = reader.integer(UInt64.self)
        else { return nil }
        var document = StoredDocument(path: path, title: title, text: "", format: format, fingerprint: fingerprint)
        guard document.decodeLinks(&reader, hasIdentity: true) else { return nil }
        return document
    }

    /// Reads a body (format 6, see ``appendBody(to:)``) into ``text`` and
    /// ``headings``; false when the bytes are damaged.
    mutating func decodeBody(_ reader: inout ByteReader) -> Bool {
        guard let text = reader.string(), let headings = reader.string() else { return false }
        self.text = text
        self.headings = Self.headings(headings)
        return true
    }

    /// The headings stored as one string, one a line.
    private static func headings(_ joined: String) -> [String] {
        joined.isEmpty ? [] : joined.components(separatedBy: "\n")
    }

    /// Reads what ``appendLinks(to:)`` wrote (without the identity fields
    /// when `hasIdentity` is false); false when the bytes are damaged.
    private mutating func decodeLinks(_ reader: inout ByteReader, hasIdentity: Bool) -> Bool {
        guard let url = reader.string(), let date = reader.string(),
              let canonicalURL = reader.string(), let language = reader.string()
        else { return false }
        (self.url, self.date, self.canonicalURL, self.language) = (url, date, canonicalURL, language)
        guard hasIdentity else { return true }
        // Each alias takes at least a byte: a larger count is damage, refused before looping.
        guard let aliasCount = reader.varint(), aliasCount <= UInt64(reader.end - reader.offset) else { return false }
        for _ in 0..<aliasCount {
            guard let alias = reader.string() else { return false }
            aliases.append(alias)
        }
        guard let location = reader.string(), let source = reader.string() else { return false }
        (self.location, self.source) = (location, source)
        return true
    }

    /// Splits a whole record (the stores before format 6) into the head
    /// and the body format 6 stores, appended to `head` and `body` byte for
    /// byte, no string decoded: what a merge of an older segment writes. A
    /// format-3 record (`hasIdentity` false) gets empty aliases, location
    /// and source (three zero bytes). False when the record is damaged;
    /// bytes after its last field are left out.
    static func splitRecord(_ record: UnsafeRawBufferPointer, hasIdentity: Bool,
                            head: inout [UInt8], body: inout [UInt8]) -> Bool {
        var reader = ByteReader(record)
        guard reader.skipString(), reader.skipString() else { return false }  // path, title
        let textStart = reader.offset
        guard reader.skipString() else { return false }
        let textEnd = reader.offset
        guard reader.skipString(), reader.integer(UInt64.self) != nil else { return false }  // format, fingerprint
        let headingsStart = reader.offset
        guard reader.skipString() else { return false }
        let headingsEnd = reader.offset
        for _ in 0..<4 { guard reader.skipString() else { return false } }  // url, date, canonical URL, language
        if hasIdentity {
            guard let aliasCount = reader.varint(), aliasCount <= UInt64(reader.end - reader.offset) else { return false }
            for _ in 0..<aliasCount { guard reader.skipString() else { return false } }
            guard reader.skipString(), reader.skipString() else { return false }  // location, source
        }
        head.append(contentsOf: record[..<textStart])
        head.append(contentsOf: record[textEnd..<headingsStart])
        head.append(contentsOf: record[headingsEnd..<reader.offset])
        if !hasIdentity { head.append(contentsOf: [0, 0, 0]) }
        body.append(contentsOf: record[textStart..<textEnd])
        body.append(contentsOf: record[headingsStart..<headingsEnd])
        return true
    }
}
