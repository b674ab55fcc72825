import Foundation
import ScourExtraction
import ScourIndex

/// Site templates in a run: which sites to learn again, learning, and
/// stripping a page.
extension IndexingRun {

    /// The groups to learn again, and each group's page count after this
    /// run. A group is learned again when it is new and now large enough,
    /// or when at least ``relearnShare`` of its pages are new or changed,
    /// or its size doubled or halved since it was learned. Without stored
    /// templates (a first build, `--full`) everything is learned.
    func groupsToRelearn() -> (Set<String>, [String: Int]) {
        guard options.learnTemplates, let previous, let store = previous.templates else { return ([], [:]) }
        let inRun = Set(rootPaths)
        var before: [String: Int] = [:]
        var remaining: [String: Int] = [:]
        let entries = previous.catalog.entries
        for index in entries.indices where !entries[index].isAlias {
            let stays = unchangedItems[index] != nil || !inRun.contains(entries[index].source)
            for group in entries[index].groups {
                before[group, default: 0] += 1
                if stays { remaining[group, default: 0] += 1 }
            }
        }
        // Pages that were copies of another page (aliases) are not counted:
        // a group of copies has no documents, and re-reading a changed copy
        // says nothing about its site's template.
        var changed: [String: Int] = [:]
        for document in loaded where previous.entry(document.id)?.isAlias != true {
            for group in document.groups { changed[group, default: 0] += 1 }
        }
        var relearn: Set<String> = []
        var sizes: [String: Int] = [:]
        let minimum = store.templates.rule.minimumPages
        for (group, count) in changed {
            let size = (remaining[group] ?? 0) + count
            sizes[group] = size
            if let learned = store.learned[group] {
                if Double(count) >= Self.relearnShare * Double(size) || size >= 2 * learned || 2 * size <= learned {
                    relearn.insert(group)
                }
            } else if size >= minimum {
                relearn.insert(group)
            }
        }
        // Groups that lost pages only.
        for (group, learned) in store.learned where changed[group] == nil {
            let size = remaining[group] ?? 0
            if 2 * size <= learned, size < before[group] ?? 0 {
                relearn.insert(group)
                sizes[group] = size
            }
        }
        return (relearn, sizes)
    }

    /// The templates to strip with, as they will be stored.
    func learnTemplates(relearn: Set<String>, sizes: [String: Int]) throws(IndexError) -> TemplateStore {
        guard options.learnTemplates else { return TemplateStore() }
        guard let store = previous?.templates else {
            // Everything is learned from the pages at hand.
            let learned = try learn { _ in true }
            var sizes: [String: Int] = [:]
            for document in loaded { for group in document.groups { sizes[group, default: 0] += 1 } }
            var fresh = TemplateStore()
            fresh.replace(Set(sizes.keys), with: learned, sizes: sizes)
            return fresh
        }
        guard !relearn.isEmpty else { return store }
        // Every page of the relearned groups was read in one of the rounds.
        let learned = try learn { document in document.groups.contains(where: relearn.contains) }
        var updated = store
        updated.replace(relearn, with: learned, sizes: sizes)
        return updated
    }

    /// Learns templates from the pages `include` picks, reading each one's
    /// line fingerprints back from the spill (a page at a time: a crawl's
    /// fingerprints are not held at once).
    private func learn(_ include: (PendingDocument) -> Bool) throws(IndexError) -> SiteTemplates {
        var sizes: [String: Int] = [:]
        for document in loaded where document.lines != nil && include(document) {
            for group in document.groups { sizes[group, default: 0] += 1 }
        }
        var accumulator = TemplateLearner.Accumulator(sizes: sizes)
        guard sizes.values.contains(where: { $0 >= TemplateRule.standard.minimumPages }) else { return accumulator.templates() }
        for document in loaded where include(document) {
            guard let lines = document.lines,
                  document.groups.contains(where: { (sizes[$0] ?? 0) >= TemplateRule.standard.minimumPages })
            else { continue }
            accumulator.add(TemplatePage(groups: document.groups, fingerprints: try spill.readFingerprints(lines)))
        }
        return accumulator.templates()
    }

    static func stripTemplates(from document: inout StoredDocument, page: TemplatePage,
                               templates: SiteTemplates) -> (lines: Int, groups: Set<String>) {
        let lines = TemplatePage.lines(of: document.text)
        let stripped = templates.strip(page, lines: lines, explain: false)
        guard !stripped.removed.isEmpty else { return (0, []) }
        document.text = stripped.kept.joined(separator: "\n")
        let removed = Set(stripped.removed)
        document.headings.removeAll { removed.contains($0[...]) }
        let removedHashes = Set(stripped.removed.map { LineFingerprint($0).hash })
        if removedHashes.contains(LineFingerprint(document.title).hash) {
            if let heading = document.headings.first {
                document.title = heading
            } else if let line = stripped.kept.first(where: { LineFingerprint($0).hash != 0 }),
                      line.unicodeScalars.count <= maximumTitleLength {
                document.title = String(line)
            }
        }
        return (stripped.removed.count, stripped.groups)
    }

    /// The longest first line taken as a title in place of a template one.
    static let maximumTitleLength = 150

}
