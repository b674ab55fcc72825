/// Learns each site's template — the lines that recur on many of its pages:
/// menus, site names, address blocks, "Online QQ Service" — from the pages
/// of one indexing run, so that chrome no extraction rule knows is still
/// stripped.
///
/// ```swift
/// let templates = TemplateLearner.learn(pages.map { (group: $0.folder, lines: $0.lines) })
/// let (kept, _) = templates.strip(lines: page.lines, group: page.folder, explain: false)
/// ```
///
/// Counting works on 64-bit line hashes (``LineFingerprint``): each group
/// keeps a dictionary from hash to how many of its pages hold the line and
/// where. `TemplateRule` then decides which lines are template lines.
public enum TemplateLearner {
    public static func learn(_ pages: [TemplatePage], rule: TemplateRule = .standard) -> SiteTemplates {
        var sizes: [String: Int] = [:]
        for page in pages {
            for group in page.groups { sizes[group, default: 0] += 1 }
        }
        var accumulator = Accumulator(sizes: sizes, rule: rule)
        for page in pages { accumulator.add(page) }
        return accumulator.templates()
    }

    /// Learns from pages given one at a time, so that they need not all be
    /// held at once: the indexer reads each page's line fingerprints back
    /// from disk. `sizes` is how many pages each group has (only groups
    /// large enough to learn from are counted at all); every page is then
    /// given to ``add(_:)`` once. The result is what ``learn(_:rule:)``
    /// gives for the same pages.
    public struct Accumulator {
        let rule: TemplateRule
        let sizes: [String: Int]
        private var groupIDs: [String: Int] = [:]
        private var names: [String] = []
        private var counts: [[UInt64: LineCounts]]
        private var places: [UInt64: (flags: UInt8, weight: Int)] = [:]
        private var ids: [Int] = []

        public init(sizes: [String: Int], rule: TemplateRule = .standard) {
            self.rule = rule
            self.sizes = sizes
            for (group, size) in sizes.sorted(by: { $0.key < $1.key }) where size >= rule.minimumPages {
                groupIDs[group] = names.count
                names.append(group)
            }
            counts = Array(repeating: [:], count: names.count)
        }

        public mutating func add(_ page: TemplatePage) {
            guard !names.isEmpty else { return }
            ids.removeAll(keepingCapacity: true)
            for group in page.groups { if let id = groupIDs[group] { ids.append(id) } }
            guard !ids.isEmpty else { return }
            places.removeAll(keepingCapacity: true)
            let count = page.fingerprints.count
            for (index, fingerprint) in page.fingerprints.enumerated() where fingerprint.hash != 0 {
                var flags: UInt8 = 0
                if rule.isLeading(index, of: count) { flags |= 1 }
                if rule.isTrailing(index, of: count) { flags |= 2 }
                let previous = places[fingerprint.hash]
                places[fingerprint.hash] = ((previous?.flags ?? 0) | flags, max(previous?.weight ?? 0, fingerprint.weight))
            }
            for id in ids {
                for (hash, place) in places {
                    counts[id][hash, default: LineCounts()].add(flags: place.flags, weight: place.weight)
                }
            }
        }

        public func templates() -> SiteTemplates {
            var groups: [String: SiteTemplates.Group] = [:]
            for (id, name) in names.enumerated() {
                let size = sizes[name]!
                var lines: [UInt64: Int] = [:]
                for (hash, lineCounts) in counts[id] where rule.isTemplate(lineCounts, pages: size) {
                    lines[hash] = Int(lineCounts.documents)
                }
                if !lines.isEmpty { groups[name] = SiteTemplates.Group(pages: size, lines: lines) }
            }
            return SiteTemplates(groups: groups, rule: rule)
        }
    }

    public static func learn(_ documents: [(group: String, lines: [String])],
                             rule: TemplateRule = .standard) -> SiteTemplates {
        learn(documents.map { TemplatePage(groups: [$0.group], lines: $0.lines) }, rule: rule)
    }
}

extension LineCounts {
    mutating func add(flags: UInt8, weight: Int) {
        documents += 1
        if flags & 1 != 0 { leading += 1 }
        if flags & 2 != 0 { trailing += 1 }
        if flags != 0 { atEdge += 1 }
        self.weight = max(self.weight, weight)
    }
}
