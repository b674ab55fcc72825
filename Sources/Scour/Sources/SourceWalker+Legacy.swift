/// The walker's previous interface, kept so `Indexer`, `scour extract` and
/// the benchmark build unchanged until they move to ``SourceWalker/walk(_:options:)``.
/// It keeps the old selection (`.html`, `.htm`, `.xhtml`, `.txt` and
/// extensionless names in folders, any file named directly); delete this
/// file once nothing calls it.
extension SourceWalker {
    /// Extensions the legacy selection takes from folders (besides extensionless files).
    public static let extensions: Set<String> = ["html", "htm", "xhtml", "txt"]

    /// Files found in folders, files named directly, and the records of
    /// JSON Lines (`.jsonl`) files named directly.
    public static func items(in paths: [String]) throws(IndexingError) -> [SourceItem] {
        var items: [SourceItem] = []
        for path in paths {
            let walked = try walk([path])
            if walked.files.count == 1, walked.files[0].displayPath == path, path.lowercased().hasSuffix(".jsonl") {
                items += try JSONLinesReader.records(in: path).map(SourceItem.record)
            } else {
                items += walked.files.filter(isLegacySelection).map(SourceItem.file)
            }
        }
        return items
    }

    /// Files to index under `paths`, in the legacy selection; see ``items(in:)``.
    public static func files(in paths: [String]) throws(IndexingError) -> [SourceFile] {
        try walk(paths).files.filter(isLegacySelection)
    }

    private static func isLegacySelection(_ file: SourceFile) -> Bool {
        file.displayPath == file.root || (file.kind == .page && (file.fileExtension.isEmpty || extensions.contains(file.fileExtension)))
    }
}

extension SourceFile {
    /// Legacy name of ``displayPath``.
    public var location: String { displayPath }
    /// Legacy name of ``id``.
    public var documentPath: String { id }
}
