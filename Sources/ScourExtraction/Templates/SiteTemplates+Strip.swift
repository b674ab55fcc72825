/// One page with its template lines taken out.
public struct StrippedPage: Sendable, Equatable {
    /// The lines that stay, in order.
    public var kept: [Substring]
    /// The lines taken out, in order.
    public var removed: [Substring]
    /// The groups whose templates took lines out.
    public var groups: Set<String>
    /// One decision per line, when asked for.
    public var decisions: [BlockDecision]?
}

extension SiteTemplates {
    /// Takes the template lines out of one page. `lines` are the page's
    /// lines, the ones `page` was fingerprinted from.
    ///
    /// Credit lines stay, and when templates would take more than
    /// `rule.maximumStrippedShare` of the lines the page stays whole: a page
    /// made almost only of lines shared with its site (an index page, a
    /// stub) is better indexed with its chrome than left empty.
    public func strip(_ page: TemplatePage, lines: [Substring], explain: Bool) -> StrippedPage {
        precondition(lines.count == page.fingerprints.count, "lines and fingerprints differ")
        var matches: [(group: String, documents: Int, pages: Int)?] = []
        var credits: [Bool] = []
        var removable = 0
        if !isEmpty {
            for (index, fingerprint) in page.fingerprints.enumerated() {
                let found = match(fingerprint.hash, in: page.groups)
                let credit = found != nil && CreditLine.matches(lines[index])
                matches.append(found)
                credits.append(credit)
                if found != nil && !credit { removable += 1 }
            }
        }
        let nonBlank = page.fingerprints.reduce(0) { $0 + ($1.hash == 0 ? 0 : 1) }
        let tooMuch = Double(removable) > rule.maximumStrippedShare * Double(nonBlank)
        guard removable > 0, !tooMuch else {
            let decisions = explain ? lines.indices.map { index in
                BlockDecision(text: String(lines[index]), kept: true,
                              reason: matches.isEmpty || matches[index] == nil
                                  ? "not a template line"
                                  : credits[index] ? "credit line (names people), \(Self.describe(matches[index]!))"
                                  : "page kept whole: templates would remove \(removable) of \(nonBlank) lines")
            } : nil
            return StrippedPage(kept: lines, removed: [], groups: [], decisions: decisions)
        }
        var result = StrippedPage(kept: [], removed: [], groups: [], decisions: explain ? [] : nil)
        for (index, line) in lines.enumerated() {
            let stripped = matches[index] != nil && !credits[index]
            if stripped {
                result.removed.append(line)
                result.groups.insert(matches[index]!.group)
            } else {
                result.kept.append(line)
            }
            if explain {
                let reason = matches[index].map { credits[index] ? "credit line (names people), \(Self.describe($0))" : "template: \(Self.describe($0))" }
                    ?? "not a template line"
                result.decisions!.append(BlockDecision(text: String(line), kept: !stripped, reason: reason))
            }
        }
        return result
    }

    /// Strips the template lines of one document of `group`; returns the
    /// kept lines and, when `explain`, a decision per line
    /// ("template: on 38 of 40 pages of news/").
    public func strip(lines: [String], group: String, explain: Bool) -> (kept: [String], decisions: [BlockDecision]?) {
        let page = TemplatePage(groups: [group], lines: lines)
        let stripped = strip(page, lines: lines.map { $0[...] }, explain: explain)
        return (stripped.kept.map(String.init), stripped.decisions)
    }

    private static func describe(_ match: (group: String, documents: Int, pages: Int)) -> String {
        "on \(match.documents) of \(match.pages) pages of \(match.group)"
    }
}
