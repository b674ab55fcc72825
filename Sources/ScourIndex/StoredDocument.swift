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
    /// Appends the document's record in the store section's current format
    /// (see ``SegmentLayout``): what ``SegmentReader/document(_:)`` decodes.
    func appendStoreRecord(to store: inout [UInt8]) {
        store.appendString(path)
        store.appendString(title)
        store.appendString(text)
        store.appendString(format)
        store.appendInteger(fingerprint)
        store.appendString(headings.joined(separator: "\n"))
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

    /// Reads one store record; nil when the bytes are damaged. Records of
    /// format-3 segments (`hasIdentity` false) end before the aliases,
    /// location and source, which come back empty.
    static func decodeRecord(_ reader: inout ByteReader, hasIdentity: Bool, includingText: Bool = true) -> StoredDocument? {
        guard let path = reader.string(), let title = reader.string() else { return nil }
        let text: String
        if includingText {
            guard let decoded = reader.string() else { return nil }
            text = decoded
        } else {
            guard reader.skipString() else { return nil }
            text = ""
        }
        guard let format = reader.string(), let fingerprint = reader.integer(UInt64.self) else { return nil }
        var headings = ""
        if includingText {
            guard let decoded = reader.string() else { return nil }
            headings = decoded
        } else {
            guard reader.skipString() else { return nil }
        }
        guard let url = reader.string(),
              let date = reader.string(), let canonicalURL = reader.string(), let language = reader.string()
        else { return nil }
        var document = StoredDocument(
            path: path, title: title, text: text, format: format, fingerprint: fingerprint,
            headings: headings.isEmpty ? [] : headings.components(separatedBy: "\n"), url: url,
            date: date, canonicalURL: canonicalURL, language: language)
        guard hasIdentity else { return document }
        guard let aliasCount = reader.varint(), aliasCount <= UInt64(reader.end - reader.offset) else { return nil }
        for _ in 0..<aliasCount {
            guard let alias = reader.string() else { return nil }
            document.aliases.append(alias)
        }
        guard let location = reader.string(), let source = reader.string() else { return nil }
        document.location = location
        document.source = source
        return document
    }
}
