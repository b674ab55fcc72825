import Foundation
import ScourExtraction
import ScourIndex

/// What an update starts from: the committed catalog, with lookups by id,
/// and the stored templates.
struct PreviousIndex: @unchecked Sendable {
    let manifest: Manifest
    let catalog: DocumentCatalog
    /// Entry index by item id.
    let positions: [String: Int]
    /// Entry index of each JSON Lines record by the hash of its line, which
    /// holds its id: an unchanged line is found without parsing it.
    let recordPositions: [UInt64: Int]
    let templates: TemplateStore?

    init(manifest: Manifest, directory: IndexDirectory) throws(IndexError) {
        self.manifest = manifest
        catalog = try manifest.catalog.map { name throws(IndexError) in
            try DocumentCatalog.read(path: directory.filePath(name))
        } ?? DocumentCatalog()
        var positions: [String: Int] = [:]
        positions.reserveCapacity(catalog.entries.count)
        var recordPositions: [UInt64: Int] = [:]
        var isJSONLines: [String: Bool] = [:]
        let entries = catalog.entries
        for index in entries.indices {
            positions[entries[index].id] = index
            guard !entries[index].container.isEmpty else { continue }
            let container = entries[index].container
            let jsonLines = isJSONLines[container] ?? (SourceKind.of(name: Array(container.utf8)) == .jsonLines)
            isJSONLines[container] = jsonLines
            if jsonLines {
                let rawHash = entries[index].rawHash
                recordPositions[rawHash] = recordPositions[rawHash] ?? index
            }
        }
        self.positions = positions
        self.recordPositions = recordPositions
        if let name = manifest.templates {
            guard let data = FileManager.default.contents(atPath: directory.filePath(name)),
                  let store = TemplateStore.decode(Array(data))
            else { throw .corrupted(file: directory.filePath(name), reason: "unreadable templates") }
            templates = store
        } else {
            templates = nil
        }
    }

    /// Whether the index can be updated at all: an index written before
    /// catalogs existed has nothing to compare with and is rebuilt.
    var canUpdate: Bool { manifest.catalog != nil }

    func entry(_ id: String) -> DocumentCatalog.Entry? {
        positions[id].map { catalog.entries[$0] }
    }
}
