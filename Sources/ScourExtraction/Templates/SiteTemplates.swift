/// What `TemplateLearner` learned: per group of pages (a host or a folder),
/// the hashes of its template lines and on how many of its pages each was.
public struct SiteTemplates: Sendable {
    public struct Group: Sendable, Equatable {
        /// Pages in the group.
        public var pages: Int
        /// Template line hash → pages holding the line.
        public var lines: [UInt64: Int]

        public init(pages: Int, lines: [UInt64: Int]) {
            self.pages = pages
            self.lines = lines
        }
    }

    /// Only groups with at least one template line.
    public var groups: [String: Group]
    public var rule: TemplateRule

    public init(groups: [String: Group] = [:], rule: TemplateRule = .standard) {
        self.groups = groups
        self.rule = rule
    }

    /// Nothing was learned: stripping would change no page.
    public var isEmpty: Bool { groups.isEmpty }

    /// Template lines learned, over all groups.
    public var lineCount: Int { groups.values.reduce(0) { $0 + $1.lines.count } }

    /// The group whose template holds `hash`, and on how many of its pages
    /// the line is; the first of `groups` that knows it.
    func match(_ hash: UInt64, in groups: [String]) -> (group: String, documents: Int, pages: Int)? {
        guard hash != 0 else { return nil }
        for name in groups {
            if let group = self.groups[name], let documents = group.lines[hash] {
                return (name, documents, group.pages)
            }
        }
        return nil
    }
}
