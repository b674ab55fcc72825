/// Decides which lines of a `PageLayout` are the page's content.
///
/// `main` prunes as `strict` does, then `HTMLExtractor` keeps only the main
/// content (`MainContent`). `strict` drops chrome regions (navigation, site header and footer,
/// sidebars, share widgets, comments, related links, ads) and lines that sit
/// in link-dense boxes (menus, link columns of table layouts).
/// `gentle` drops only declared navigation and site footers.
/// `everything` keeps all visible text. `HTMLExtractor` falls back through
/// them when a stricter pass leaves too little.
enum BoilerplatePruner {
    enum Pass: Sendable { case main, strict, gentle, everything }

    /// A box decides for its short link lines once it holds this many links…
    static let decisiveLinkCount = 3
    /// …or this much text; a box at least this link-dense is navigation.
    static let decisiveBytes = 300
    static let navigationLinkDensity = 0.6
    /// A line with this much text outside links is never navigation.
    static let contentBytesOutsideLinks = 80

    /// Each line's fate: `.kept(pass)`, or the region, menu or noindex
    /// fence that dropped it.
    static func fates(_ layout: PageLayout, _ pass: Pass) -> [LineFate] {
        var fates = [LineFate](repeating: .kept(pass), count: layout.lines.count)
        guard pass != .everything else { return fates }
        let droppedRegions = regionsToDrop(layout, pass)
        for (index, line) in layout.lines.enumerated() {
            if line.region >= 0, droppedRegions[Int(line.region)] {
                fates[index] = .region(droppedRest(line.region, droppedRegions, layout))
            } else if line.isNoIndex, pass != .gentle {
                fates[index] = .noIndex
            }
        }
        if pass != .gentle { dropNavigationLines(layout, &fates) }
        return fates
    }

    /// The outermost dropped region around `region`: the one that decided.
    private static func droppedRest(_ region: Int32, _ dropped: [Bool], _ layout: PageLayout) -> Int32 {
        var decided = region
        var current = layout.regions[Int(region)].parent
        while current >= 0 {
            if dropped[Int(current)] { decided = current }
            current = layout.regions[Int(current)].parent
        }
        return decided
    }

    /// A paragraph: long, and mostly not link text.
    private static func isProse(_ line: PageLayout.Line) -> Bool {
        line.length >= 150 && line.linkBytes * 4 < line.end - line.start
    }

    /// Below this much prose a page is too small to judge by shares of it.
    static let minimumProse = 400

    /// Regions come in document order, so a parent precedes its children.
    private static func regionsToDrop(_ layout: PageLayout, _ pass: Pass) -> [Bool] {
        let regions = layout.regions
        guard !regions.isEmpty else { return [] }
        // Prose and plain (unlinked) h1 headlines per region subtree.
        var prose = [Int](repeating: 0, count: regions.count)
        var plainH1 = [Bool](repeating: false, count: regions.count)
        var totalProse = 0
        for line in layout.lines where isProse(line) {
            totalProse += line.length
            if line.region >= 0 { prose[Int(line.region)] += line.length }
        }
        for line in layout.lines where line.region >= 0 && line.heading == 1 && !line.isMostlyLink {
            plainH1[Int(line.region)] = true
        }
        for index in regions.indices.reversed() where regions[index].parent >= 0 {
            let parent = Int(regions[index].parent)
            prose[parent] += prose[index]
            plainH1[parent] = plainH1[parent] || plainH1[index]
        }

        var dropped = [Bool](repeating: false, count: regions.count)
        for (index, region) in regions.enumerated() {
            if region.parent >= 0, dropped[Int(region.parent)] {
                dropped[index] = true
                continue
            }
            if region.containsArticle { continue }
            if region.isInsideArticle, region.kind.isKeptInsideArticle { continue }
            switch pass {
            case .main, .strict:
                // A site header does not hold the page's own unlinked h1.
                if region.kind == .header, plainH1[index] { continue }
                // Class words on the element holding much of the page's prose
                // name a layout ("article-body pagination-first"), not chrome.
                if !region.isDeclared, totalProse >= minimumProse, prose[index] * 5 >= totalProse * 2 { continue }
                // An `aside` or `header` wrapped around most of the page's
                // prose is a misused element, not a sidebar or a site header.
                if region.kind == .aside || region.kind == .header, totalProse >= minimumProse,
                   prose[index] * 5 >= totalProse * 3 { continue }
                dropped[index] = true
            case .gentle:
                dropped[index] = region.isDeclared && (region.kind == .navigation || region.kind == .footer)
            case .everything:
                break
            }
        }
        return dropped
    }

    /// Drops short, mostly-link lines whose deciding box is link-dense: the
    /// entries of a menu `ul`, a link column `td`, a "Home | About" bar.
    /// The deciding box is the innermost one with enough links or text to
    /// judge; statistics count only lines still kept, so a menu already
    /// dropped as a region does not make the content around it look dense.
    private static func dropNavigationLines(_ layout: PageLayout, _ fates: inout [LineFate]) {
        let boxes = layout.boxes
        guard !boxes.isEmpty else { return }
        var bytes = [Int](repeating: 0, count: boxes.count)
        var linkBytes = [Int](repeating: 0, count: boxes.count)
        var links = [Int](repeating: 0, count: boxes.count)
        for (index, line) in layout.lines.enumerated() where fates[index].isKept && line.box >= 0 {
            bytes[Int(line.box)] += line.length
            linkBytes[Int(line.box)] += Int(line.linkBytes)
            links[Int(line.box)] += Int(line.linkCount)
        }
        for index in boxes.indices.reversed() where boxes[index].parent >= 0 {
            let parent = Int(boxes[index].parent)
            bytes[parent] += bytes[index]
            linkBytes[parent] += linkBytes[index]
            links[parent] += links[index]
        }
        for (index, line) in layout.lines.enumerated() where fates[index].isKept {
            guard line.heading != 1, line.linkCount > 0, line.isMostlyLink,
                  line.length - Int(line.linkBytes) < contentBytesOutsideLinks else { continue }
            var box = line.box
            while box >= 0, links[Int(box)] < decisiveLinkCount, bytes[Int(box)] < decisiveBytes {
                box = boxes[Int(box)].parent
            }
            guard box >= 0 else { continue }
            let deciding = Int(box)
            if links[deciding] >= decisiveLinkCount,
               Double(linkBytes[deciding]) > navigationLinkDensity * Double(bytes[deciding]) {
                fates[index] = .navigation(linkDensity: Float(linkBytes[deciding]) / Float(max(bytes[deciding], 1)))
            }
        }
    }
}
