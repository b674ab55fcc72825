import Foundation

/// A file found to index, with the path results will report for it.
public struct SourceFile: Sendable, Equatable {
    /// Where to read it.
    public var location: String
    /// The document's path in results: relative to the folder that was indexed.
    public var documentPath: String
    /// Lowercased extension without the dot; empty when there is none.
    public var fileExtension: String
}

/// Finds the files to index under the paths a user gives.
///
/// Folders are walked recursively in sorted order (so document ids, and so
/// the order of equal scores, are the same on every run); hidden files and
/// folders are skipped. Inside folders only `.html`, `.htm`, `.xhtml`,
/// `.txt` and extensionless files are taken — the extractor then sniffs the
/// content, so an HTML page saved as `.txt` is still read as HTML. A file
/// named explicitly is always taken.
public enum SourceWalker {
    /// Extensions taken from folders (besides extensionless files).
    public static let extensions: Set<String> = ["html", "htm", "xhtml", "txt"]

    /// Everything to index under `paths`: files found in folders, files
    /// named directly, and the records of JSON Lines (`.jsonl`) files named
    /// directly.
    public static func items(in paths: [String]) throws(IndexingError) -> [SourceItem] {
        var items: [SourceItem] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if path.lowercased().hasSuffix(".jsonl"),
               FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                items += try JSONLinesReader.records(in: path).map(SourceItem.record)
            } else {
                items += try files(in: [path]).map(SourceItem.file)
            }
        }
        return items
    }

    /// Files to index under `paths` (folders walked recursively, sorted), without
    /// expanding JSON Lines files; see ``items(in:)``.
    public static func files(in paths: [String]) throws(IndexingError) -> [SourceFile] {
        var result: [SourceFile] = []
        let manager = FileManager.default
        for root in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: root, isDirectory: &isDirectory) else { throw .noSuchPath(root) }
            let prefix = paths.count > 1 ? Self.trimmed(root) + "/" : ""
            if !isDirectory.boolValue {
                let name = (root as NSString).lastPathComponent
                result.append(SourceFile(location: root, documentPath: paths.count > 1 ? Self.trimmed(root) : name,
                                         fileExtension: (name as NSString).pathExtension.lowercased()))
                continue
            }
            guard let walker = manager.enumerator(atPath: root) else { throw .noSuchPath(root) }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walker.skipDescendants() }
                    continue
                }
                guard (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
                let ext = (name as NSString).pathExtension.lowercased()
                guard ext.isEmpty || extensions.contains(ext) else { continue }
                found.append(relative)
            }
            for relative in found.sorted() {
                let ext = ((relative as NSString).lastPathComponent as NSString).pathExtension.lowercased()
                result.append(SourceFile(location: (root as NSString).appendingPathComponent(relative),
                                         documentPath: prefix + relative, fileExtension: ext))
            }
        }
        return result
    }

    private static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        if path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }
}
