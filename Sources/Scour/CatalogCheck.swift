import Foundation
import ScourIndex

/// What `scour check` verifies of the files the indexer keeps beside the
/// segments: the catalog decodes and agrees with the segments (every live
/// document has exactly one entry; every entry names a live document or,
/// for an alias, a document that has an entry), and the templates decode.
enum CatalogCheck {
    static let checks: [IndexChecker.Check] = [catalog, templates]

    static let catalog: IndexChecker.Check = { manifest, directory in
        guard let name = manifest.catalog else { return [] }
        let path = directory.filePath(name)
        let catalog: DocumentCatalog
        do { catalog = try DocumentCatalog.read(path: path) } catch {
            return [IndexProblem(file: path, message: "cannot be read: \(error)")]
        }
        var problems: [IndexProblem] = []
        func problem(_ message: String) {
            if problems.count < 20 { problems.append(IndexProblem(file: path, message: message)) }
        }
        var segments: [String: (documents: Int, deletions: DeletedDocuments?)] = [:]
        for info in manifest.segments {
            let deletions = info.deletions.flatMap { try? DeletedDocuments.read(path: directory.filePath($0), documentCount: info.documents) }
            segments[info.name] = (info.documents, deletions)
        }
        var claimed: [String: Set<Int>] = [:]
        var ids = Set<String>()
        for entry in catalog.entries where !entry.isAlias {
            ids.insert(entry.id)
            guard let segment = segments[entry.segment] else {
                problem("\(entry.id) is recorded in \(entry.segment), which the manifest does not name")
                continue
            }
            guard entry.local >= 0, entry.local < segment.documents, !(segment.deletions?.contains(entry.local) ?? false) else {
                problem("\(entry.id) is recorded as document \(entry.local) of \(entry.segment), which is not a live document")
                continue
            }
            guard claimed[entry.segment, default: []].insert(entry.local).inserted else {
                problem("document \(entry.local) of \(entry.segment) is recorded twice")
                continue
            }
        }
        let recorded = claimed.values.reduce(0) { $0 + $1.count }
        if recorded != manifest.liveDocumentCount {
            problem("records \(recorded) live documents, the segments hold \(manifest.liveDocumentCount)")
        }
        for entry in catalog.entries where entry.isAlias && !ids.contains(entry.keeper) {
            problem("\(entry.id) is recorded as a copy of \(entry.keeper), which has no entry")
        }
        return problems
    }

    static let templates: IndexChecker.Check = { manifest, directory in
        guard let name = manifest.templates else { return [] }
        let path = directory.filePath(name)
        guard let data = FileManager.default.contents(atPath: path) else {
            return [IndexProblem(file: path, message: "cannot be read")]
        }
        return TemplateStore.decode(Array(data)) == nil ? [IndexProblem(file: path, message: "is not a templates file this scour reads")] : []
    }
}
