extension SourceFile {
    /// The path as a `String` for readers that open by name (JSON Lines,
    /// WARC): exact for UTF-8 names; a name that is not UTF-8 fails to open
    /// and is reported as unreadable.
    var openablePath: String { String(decoding: path.prefix { $0 != 0 }, as: UTF8.self) }

    /// The last component of the path, as displayed.
    var fileName: String {
        displayPath.split(separator: "/").last.map(String.init) ?? displayPath
    }
}

extension WalkSkipReason {
    /// Skips a user should hear about without `--verbose`: something on
    /// disk that could not be read, as opposed to a choice (hidden,
    /// excluded) or a harmless repeat (the same file under two paths).
    var isProblem: Bool {
        switch self {
        case .unreadable, .danglingSymlink, .symlinkLoop: return true
        case .hidden, .excluded, .notRegularFile, .duplicatePath, .crawlerBookkeeping: return false
        }
    }
}

extension WARCSkipCategory {
    /// The plural noun a skipped record counts under in the summary; nil
    /// for records that are never pages (requests, warcinfo, crawler
    /// metadata and logs), which are not counted.
    var summaryCategory: String? {
        switch self {
        case .warcinfo, .request, .metadata, .resource, .otherRecord: return nil
        case .revisit: return "revisit records"
        case .redirect: return "redirects"
        case .httpStatus: return "HTTP errors"
        case .image: return "images"
        case .pdf: return "PDFs"
        case .otherType: return "other types"
        case .encoding: return "undecodable bodies"
        case .tooLarge: return "too large"
        case .truncated: return "truncated records"
        case .malformed: return "malformed WARC records"
        }
    }

    /// Damage a user should hear about without `--verbose`.
    var isDamage: Bool {
        switch self {
        case .truncated, .malformed, .encoding: return true
        default: return false
        }
    }
}
