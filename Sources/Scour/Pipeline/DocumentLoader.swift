import Foundation
import ScourExtraction
import ScourIndex
import ScourPrimitives

/// Turns one work item — a page file, a JSON Lines record, a WARC
/// response — into what the index stores: extracted text, metadata, the
/// document's id and URL, its template groups and content fingerprint.
struct DocumentLoader {
    let extractor = DocumentExtractor()
    let options: IndexingOptions
    let extraction: ExtractionOptions
    /// The paths given to `scour index`, absolute.
    let sources: [String]
    /// The current directory, read once: relative paths are resolved against it.
    let workingDirectory: String
    /// Asked with an item's id and the hash of its raw bytes before it is
    /// extracted: true when the index already holds exactly these bytes
    /// under this id, and extraction is skipped (`.unchanged`).
    var isUnchanged: (@Sendable (String, UInt64) -> Bool)?

    init(options: IndexingOptions, roots: [String]) {
        self.options = options
        var extraction = ExtractionOptions(keepAll: options.keepAll, keepComments: options.keepComments)
        extraction.cpuBudget = options.extractionBudgetSeconds
        self.extraction = extraction
        let workingDirectory = FileManager.default.currentDirectoryPath
        self.workingDirectory = workingDirectory
        self.sources = roots.map { Self.absolute($0, in: workingDirectory) }
    }

    func load(_ item: WorkItem) -> WorkResult {
        switch item {
        case .file(let file, let source): return load(file, source: source)
        case .record(let record, let source): return load(record, source: source)
        case .warc(let document, let file, let source): return load(document, file: file, source: source)
        }
    }

    // MARK: Files

    private func load(_ file: SourceFile, source: Int) -> WorkResult {
        if let limit = options.maximumFileBytes, file.size > limit {
            return .skipped(path: file.displayPath,
                            reason: "the file is \(file.size >> 20) MB, over the \(limit >> 20) MB limit (--max-file-size)",
                            category: "too large", isProblem: true)
        }
        let bytes: [UInt8]
        do { bytes = try file.read() } catch {
            return .skipped(path: file.displayPath, reason: "\(error)", category: "unreadable", isProblem: true)
        }
        let rawHash = Fingerprint.of(bytes)
        if let isUnchanged, isUnchanged(file.id, rawHash) { return .unchanged(id: file.id, rawHash: rawHash) }
        let extracted: ExtractedDocument
        do {
            extracted = try extractor.extract(bytes, fileExtension: file.fileExtension, options: extraction)
        } catch {
            return Self.skip(file.displayPath, error)
        }
        if ErrorPage.isErrorPage(title: extracted.title, text: extracted.text) {
            return .skipped(path: file.displayPath, reason: "a server's error page (\(extracted.title)), not content",
                            category: "error pages", isProblem: false)
        }
        let url = Self.url(known: file.url, page: extracted, fileName: file.fileName)
        var document = StoredDocument(
            path: file.id, title: extracted.title, text: extracted.text,
            format: extracted.format.rawValue, fingerprint: rawHash,
            headings: extracted.headings, url: url ?? "", date: extracted.date ?? "",
            canonicalURL: extracted.canonicalURL ?? "", language: extracted.language ?? "")
        document.location = Self.absolute(file.displayPath, in: workingDirectory)
        document.source = sources[source]
        let groups = TemplateGroups.forFile(documentPath: file.id, canonicalURL: url)
        var loaded = finish(document, groups: groups, source: source)
        loaded.displayName = file.displayPath
        return .loaded(loaded)
    }

    // MARK: JSON Lines

    /// A JSON Lines record: `id`/`_id`, optional `url`, `title` and `date`,
    /// `text` or `html`.
    private func load(_ record: JSONLinesRecord, source: Int) -> WorkResult {
        let name = "\(record.file):\(record.line)"
        func malformed(_ reason: String) -> WorkResult {
            .skipped(path: name, reason: reason, category: "malformed records", isProblem: true)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(record.bytes))) as? [String: Any] else {
            return malformed("line \(record.line) is not a JSON object")
        }
        let rawID = object["id"] ?? object["_id"]
        let id: String
        switch rawID {
        case let value as String where !value.isEmpty: id = value
        case let value as NSNumber: id = value.stringValue
        default: return malformed("line \(record.line) has no \"id\" (or \"_id\")")
        }
        let rawHash = Fingerprint.of(record.bytes)
        if let isUnchanged, isUnchanged(id, rawHash) { return .unchanged(id: id, rawHash: rawHash) }
        var title = object["title"] as? String ?? ""
        let text: String
        var format = "text"
        var headings: [String] = []
        var page: ExtractedDocument?
        if let html = object["html"] as? String {
            do {
                let extracted = try extractor.extract(Array(html.utf8), fileExtension: "html", options: extraction)
                if title.isEmpty { title = extracted.title }
                text = extracted.text
                headings = extracted.headings
                format = extracted.format.rawValue
                page = extracted
            } catch {
                return Self.skip(name, error)
            }
        } else if let plain = object["text"] as? String {
            text = plain
        } else {
            return malformed("line \(record.line) has neither \"text\" nor \"html\"")
        }
        guard !(text.isEmpty && title.isEmpty) else {
            return .skipped(path: name, reason: "line \(record.line) has no text", category: "empty", isProblem: false)
        }
        let given = (object["url"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let url = given ?? page.flatMap { Self.url(known: nil, page: $0, fileName: "") }
        var document = StoredDocument(
            path: id, title: title, text: text, format: format, fingerprint: rawHash,
            headings: headings, url: url ?? "", date: object["date"] as? String ?? page?.date ?? "",
            canonicalURL: page?.canonicalURL ?? "", language: page?.language ?? "")
        document.source = sources[source]
        return .loaded(finish(document, groups: TemplateGroups.forRecord(file: record.file, url: url), source: source))
    }

    // MARK: WARC

    /// A WARC response: its id and URL are the record's target URI; the
    /// HTTP header's charset and Last-Modified reach the extractor as the
    /// header block a saved page would carry.
    private func load(_ record: WARCDocument, file: String, source: Int) -> WorkResult {
        let name = "\(file)@\(record.offset) \(record.targetURI)"
        let rawHash = Fingerprint.of(record.body)
        if let isUnchanged, isUnchanged(record.targetURI, rawHash) { return .unchanged(id: record.targetURI, rawHash: rawHash) }
        var head = "HTTP/1.1 200 OK\r\n"
        if let type = record.contentType {
            head += "Content-Type: \(type)\(record.charset.map { "; charset=\($0)" } ?? "")\r\n"
        }
        if let modified = record.lastModified { head += "Last-Modified: \(modified)\r\n" }
        head += "Content-Location: \(record.targetURI)\r\n\r\n"
        let bytes = Array(head.utf8) + record.body
        // The server's label only lowers the bar for sniffing HTML; an
        // unlabelled or octet-stream body is judged by its content alone.
        let hint = switch record.contentType {
        case "text/html", "application/xhtml+xml": "html"
        case "text/plain": "txt"
        default: ""
        }
        let extracted: ExtractedDocument
        do {
            extracted = try extractor.extract(bytes, fileExtension: hint, options: extraction)
        } catch {
            return Self.skip(name, error)
        }
        if ErrorPage.isErrorPage(title: extracted.title, text: extracted.text) {
            return .skipped(path: name, reason: "an error page served with status 200 (\(extracted.title))",
                            category: "error pages", isProblem: false)
        }
        var document = StoredDocument(
            path: record.targetURI, title: extracted.title, text: extracted.text,
            format: extracted.format.rawValue, fingerprint: rawHash,
            headings: extracted.headings, url: record.targetURI, date: extracted.date ?? "",
            canonicalURL: extracted.canonicalURL ?? "", language: extracted.language ?? "")
        document.source = sources[source]
        return .loaded(finish(document, groups: TemplateGroups.forRecord(file: file, url: record.targetURI),
                              source: source))
    }

    // MARK: Shared

    /// Adds what template learning and duplicate detection need.
    private func finish(_ document: StoredDocument, groups: [String], source: Int) -> LoadedDocument {
        let lines = TemplatePage.lines(of: document.text)
        let page = options.learnTemplates ? TemplatePage(groups: groups, lines: lines) : nil
        let fingerprint = options.keepDuplicates ? nil : ContentFingerprint(title: document.title, lines: lines)
        return LoadedDocument(document: document, groups: groups, page: page, fingerprint: fingerprint, source: source,
                              displayName: document.path)
    }

    private static func skip(_ path: String, _ error: ExtractionError) -> WorkResult {
        .skipped(path: path, reason: error.description, category: error.category, isProblem: error.isProblem)
    }

    /// The page's URL: where it was fetched — what the saving tool wrote
    /// into the file (a saved HTTP header, a browser's "saved from" mark,
    /// HTTrack's "mirrored from" comment: exact, port and query included),
    /// else what the mirror's layout says (`known`) — else what the page
    /// declares (its canonical link), else its `<base href>` joined with
    /// its name.
    static func url(known: String?, page: ExtractedDocument, fileName: String) -> String? {
        for candidate in [page.headerURL, page.savedFromURL, known, page.canonicalURL] {
            if let candidate, Self.isWebURL(candidate) { return Self.escaped(candidate) }
        }
        if let base = page.baseURL, Self.isWebURL(base), let baseURL = URL(string: base) {
            let name = fileName.isEmpty ? "" : fileName
            return URL(string: name, relativeTo: baseURL)?.absoluteString ?? base
        }
        return nil
    }

    /// `url` with raw spaces, controls and non-ASCII percent-encoded.
    static func escaped(_ url: String) -> String { MirrorURL.escapedURL(url) }

    private static func isWebURL(_ text: String) -> Bool {
        let lower = text.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// `path` made absolute against `directory` (the current one by
    /// default), `./` and `..` resolved.
    static func absolute(_ path: String, in directory: String = FileManager.default.currentDirectoryPath) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    /// How a given path is recorded in the manifest: folder, file, jsonl or warc.
    static func sourceKind(of path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return "folder" }
        switch SourceKind.of(name: Array(path.utf8)) {
        case .jsonLines: return "jsonl"
        case .warc: return "warc"
        case .page: return "file"
        }
    }
}

extension ExtractionError {
    /// Skips a user should hear about without `--verbose`: a page that
    /// looked like text but could not be read as such.
    var isProblem: Bool {
        switch self {
        case .tooSlow, .undecodable: return true
        default: return false
        }
    }
}

/// FNV-1a 64 of a file's bytes: cheap change detection for reindexing.
enum Fingerprint {
    static func of(_ bytes: [UInt8]) -> UInt64 {
        FNV1a.hash(bytes)
    }
}
