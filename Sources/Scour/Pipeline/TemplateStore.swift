import Foundation
import ScourExtraction

/// The site templates an index has learned, kept in the index (the file
/// the manifest names as `templates`) so that a page indexed next month is
/// stripped like one indexed today.
///
/// Besides each group's template lines it remembers every group that was
/// learned, with how many pages it had then — also the groups whose pages
/// share no line — so an update knows which groups are new, which grew
/// past the size worth learning from, and which changed so much that they
/// must be learned again (see `IndexingRun`).
///
/// On disk: JSON, `{"version":1,"groups":{"host":{"pages":40,"lines":[[hash,pages],…]}},"learned":{"host":40}}`,
/// hashes as decimal strings (JSON numbers lose 64-bit precision).
struct TemplateStore: Sendable, Equatable {
    /// Groups with template lines.
    var templates: SiteTemplates
    /// Every group learned, with its page count at the time.
    var learned: [String: Int]

    init(templates: SiteTemplates = SiteTemplates(), learned: [String: Int] = [:]) {
        self.templates = templates
        self.learned = learned
    }

    static func == (lhs: TemplateStore, rhs: TemplateStore) -> Bool {
        lhs.learned == rhs.learned && lhs.templates.groups == rhs.templates.groups
    }

    private struct Stored: Codable {
        struct Group: Codable {
            var pages: Int
            var lines: [[String]]
        }
        var version: Int
        var groups: [String: Group]
        var learned: [String: Int]
    }

    func encoded() -> [UInt8] {
        var groups: [String: Stored.Group] = [:]
        for (name, group) in templates.groups {
            let lines = group.lines.sorted { $0.key < $1.key }.map { [String($0.key), String($0.value)] }
            groups[name] = Stored.Group(pages: group.pages, lines: lines)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(Stored(version: 1, groups: groups, learned: learned))) ?? Data("{}".utf8)
        return Array(data)
    }

    /// Decodes a stored file; nil when it is not one this version wrote.
    static func decode(_ bytes: [UInt8]) -> TemplateStore? {
        guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(bytes)), stored.version == 1 else { return nil }
        var groups: [String: SiteTemplates.Group] = [:]
        for (name, group) in stored.groups {
            var lines: [UInt64: Int] = [:]
            for pair in group.lines {
                guard pair.count == 2, let hash = UInt64(pair[0]), let pages = Int(pair[1]) else { return nil }
                lines[hash] = pages
            }
            groups[name] = SiteTemplates.Group(pages: group.pages, lines: lines)
        }
        return TemplateStore(templates: SiteTemplates(groups: groups), learned: stored.learned)
    }

    /// Replaces what is known of `names` with what `learned` (from all
    /// their pages) says.
    mutating func replace(_ names: Set<String>, with learned: SiteTemplates, sizes: [String: Int]) {
        for name in names {
            templates.groups[name] = learned.groups[name]
            if let size = sizes[name], size >= templates.rule.minimumPages {
                self.learned[name] = size
            } else {
                self.learned[name] = nil
            }
        }
    }
}
