import Foundation
import ScourExtraction

/// The site templates of a folder of pages, learned the way `scour index`
/// learns them, so that `scour extract FILE --site DIR --explain` can show
/// which of a page's lines indexing would strip as template lines, and why.
public struct SiteTemplateContext: Sendable {
    let root: String
    let templates: SiteTemplates

    /// Extracts every page under `folder` and learns its templates.
    public static func learn(folder: String) throws(IndexingError) -> SiteTemplateContext {
        let extractor = DocumentExtractor()
        var pages: [TemplatePage] = []
        for file in try SourceWalker.walk([folder]).files where file.kind == .page {
            guard let data = try? file.read(),
                  let page = try? extractor.extract(data, fileExtension: file.fileExtension)
            else { continue }
            let groups = TemplateGroups.forFile(documentPath: file.id, canonicalURL: file.url ?? page.canonicalURL)
            pages.append(TemplatePage(groups: groups, lines: page.text.split(separator: "\n", omittingEmptySubsequences: false)))
        }
        return SiteTemplateContext(root: folder, templates: TemplateLearner.learn(pages))
    }

    /// Number of template lines learned.
    public var lineCount: Int { templates.lineCount }

    /// Takes the template lines out of `document` (a page at `path`), and
    /// when it carries an explanation, marks those lines dropped in it.
    public func apply(to document: inout ExtractedDocument, path: String) {
        let relative = Self.relativePath(of: path, in: root)
        let groups = TemplateGroups.forFile(documentPath: relative, canonicalURL: document.canonicalURL)
        let lines = document.text.split(separator: "\n", omittingEmptySubsequences: false)
        let page = TemplatePage(groups: groups, lines: lines)
        let stripped = templates.strip(page, lines: lines, explain: true)
        guard !stripped.removed.isEmpty else { return }
        document.text = stripped.kept.joined(separator: "\n")
        guard var explanation = document.explanation, let decisions = stripped.decisions else { return }
        // Each dropped template line takes the first kept block with its text.
        var reasons: [String: [String]] = [:]
        for decision in decisions where !decision.kept { reasons[decision.text, default: []].append(decision.reason) }
        for index in explanation.indices where explanation[index].kept {
            guard var queue = reasons[explanation[index].text], !queue.isEmpty else { continue }
            explanation[index].kept = false
            explanation[index].reason = queue.removeFirst()
            reasons[explanation[index].text] = queue
        }
        document.explanation = explanation
    }

    static func relativePath(of path: String, in root: String) -> String {
        let file = URL(fileURLWithPath: path).standardizedFileURL.path
        var folder = URL(fileURLWithPath: root).standardizedFileURL.path
        if !folder.hasSuffix("/") { folder += "/" }
        return file.hasPrefix(folder) ? String(file.dropFirst(folder.count)) : (path as NSString).lastPathComponent
    }
}
