import Foundation
import ScourIndex

/// Duplicate folding and unique ids over the pages of a run.
extension IndexingRun {
    /// Folds each page whose content repeats an earlier page's into that
    /// page, as an alias (its URL, else its id). Existing documents that
    /// stay come first: a new page that repeats one becomes its alias.
    /// Returns the number of pages folded.
    func foldDuplicates(keptExisting: [Int], aliasesOf: inout [String: [String]],
                        aliasEntries: inout [DocumentCatalog.Entry]) -> Int {
        var index = NearDuplicateIndex()
        var keeperIDs: [String] = []   // ordinal → id, for existing documents
        if let previous {
            for position in keptExisting {
                let entry = previous.catalog.entries[position]
                var fingerprint = ContentFingerprint(
                    exact: entry.exact, sketch: .init(low: entry.sketchLow, high: entry.sketchHigh), words: entry.words)
                fingerprint.titleWords = entry.titleWords
                if entry.exact != 0 || entry.words > 0 { index.insert(keeperIDs.count, fingerprint) }
                keeperIDs.append(entry.id)
            }
        }
        let existing = keeperIDs.count
        // The pages kept move to the front of `loaded`, in place: a second
        // array would double the largest thing a run holds.
        var kept = 0
        var position = [Int32](repeating: -1, count: loaded.count)   // page → its place among the kept
        var duplicates = 0
        for offset in loaded.indices {
            let document = loaded[offset]
            let ordinal = existing + offset
            guard let fingerprint = document.fingerprint, let original = index.add(ordinal, fingerprint) else {
                position[offset] = Int32(kept)
                if kept != offset { loaded.swapAt(kept, offset) }
                kept += 1
                continue
            }
            duplicates += 1
            let alias = document.url.isEmpty ? document.id : document.url
            var entry = Self.entry(for: document, source: sourcePath(document.source))
            entry.alias = alias
            if original < existing {
                let keeper = keeperIDs[original]
                entry.keeper = keeper
                aliasesOf[keeper, default: []].append(alias)
                events(.duplicate(path: document.displayName, of: keeper))
            } else if position[original - existing] >= 0 {
                let at = Int(position[original - existing])
                let keeper = loaded[at]
                if alias != keeper.url, alias != keeper.id, !keeper.aliases.contains(alias) {
                    loaded[at].aliases.append(alias)
                }
                entry.keeper = keeper.id
                events(.duplicate(path: document.displayName, of: keeper.displayName))
            }
            aliasEntries.append(entry)
        }
        loaded.removeLast(loaded.count - kept)
        return duplicates
    }

    /// Gives a document whose id an earlier one (or a document kept from
    /// the index, in `taken`) already has the id `ID#2`, `ID#3`, …: results,
    /// TREC runs and aliases need one id per document.
    static func makeIDsUnique<Documents: MutableCollection<PendingDocument>>(
        _ documents: inout Documents, taken: Set<String> = []
    ) {
        var taken = taken
        taken.reserveCapacity(taken.count + documents.count)
        var collisions: [Documents.Index] = []
        for index in documents.indices where !taken.insert(documents[index].id).inserted {
            collisions.append(index)
        }
        for index in collisions {
            let id = documents[index].id
            var number = 2
            while taken.contains("\(id)#\(number)") { number += 1 }
            documents[index].id = "\(id)#\(number)"
            taken.insert(documents[index].id)
        }
    }
}
