/// Finds the container that holds a page's own content and keeps it, its
/// content-like siblings and nothing else: what is left of teaser lists,
/// tickers, "related stories" and sidebars after the chrome rules goes.
///
/// The scoring follows Readability's idea. Every paragraph of 25 characters
/// or more scores 1, plus one per comma, plus one per 100 characters (at
/// most 3), and gives that to its container in full, to the container's
/// parent half, and to three more ancestors a sixth, a ninth and a twelfth.
/// A container gains by its element (`div` +5, `td` +3, lists −3), by
/// class words (`ContentWords`, ±25), by `itemprop=articleBody` and by
/// sitting at the headline — gains capped at what its paragraphs scored —
/// then loses its link density's share.
/// A container scores high by holding many paragraphs itself, so an
/// article body beats the page around it, and a teaser list (each teaser
/// its own container) spreads its points thin.
///
/// Inside the winner, boxes that read as link lists (link density over 0.2
/// and few commas) or whose class names side content go, and so do figure
/// captions. Beside it, sibling blocks are kept when they score at least a
/// fifth of the winner or read as a paragraph. Elsewhere, boxes with the
/// winner's element and class that score like it are parts of a split article.
struct MainContent {
    /// The box holding the main content, and its score.
    let top: Int32
    let topScore: Float
    /// The fate of every line the pruning kept (others are left alone).
    private(set) var fates: [LineFate]

    /// Paragraphs shorter than this (in characters) score nothing.
    static let minimumParagraph: Int32 = 25
    /// Below this best score a page has no main content worth singling out
    /// (a staff profile, a course page of short lines): nothing is dropped.
    static let minimumTopScore: Float = 20
    /// Siblings of the winner scoring this share of it are content too.
    static let siblingShare: Float = 0.2
    static let classWeight: Float = 25
    /// This many other containers scoring three quarters of the best mean
    /// the content is split across them (an advert or embed between parts).
    static let minimumAlternatives = 3
    /// A container holding the page's headline, or starting right below
    /// it, is where readers look for the article.
    static let headlineBonus: Float = 15
    /// An article split into parts by an advert, a pull quote or a signup
    /// box repeats its container: a box elsewhere with the winner's element
    /// and `class`, in the same chrome region (none, usually: not a
    /// forgiven comment), that scores this share of it is another part.
    static let partShare: Float = 0.3
    /// A winner holding less than this share of the page's paragraphs…
    static let smallShare: Float = 0.5
    /// …takes in any box elsewhere scoring this share of it, with less
    /// than this link density.
    static let strongShare: Float = 0.6
    static let strongLinkDensity: Float = 0.25

    /// - Parameter pruned: the pruner's verdicts; lines it dropped do not score.
    init?(_ layout: PageLayout, _ stats: LineStats, _ pruned: [LineFate]) {
        let boxes = layout.boxes
        guard !boxes.isEmpty else { return nil }
        var raw = [Float](repeating: 0, count: boxes.count)
        var scored = [Bool](repeating: false, count: boxes.count)
        var characters = [Int32](repeating: 0, count: boxes.count)
        var linkCharacters = [Int32](repeating: 0, count: boxes.count)
        var commas = [Int32](repeating: 0, count: boxes.count)
        var paragraphs = [Int32](repeating: 0, count: boxes.count)
        var containerParagraphs = [Int32](repeating: 0, count: boxes.count)
        var containerExcerpts = [Int32](repeating: 0, count: boxes.count)
        var scoring: [(container: Int32, score: Float)] = []
        // Characters of the page's paragraphs per box (subtree totals below).
        var prose = [Int32](repeating: 0, count: boxes.count)
        var pageProse: Int32 = 0
        for (index, line) in layout.lines.enumerated() where pruned[index].isKept && line.box >= 0 {
            let box = Int(line.box)
            characters[box] += stats.characters[index]
            linkCharacters[box] += stats.linkCharacters[index]
            commas[box] += stats.commas[index]
            guard line.heading == 0, stats.characters[index] >= Self.minimumParagraph,
                  stats.linkDensity(index) < 0.5 else { continue }
            let tag = boxes[box].tag
            if tag == .list || tag == .figure { continue }
            if tag == .paragraph { paragraphs[box] += 1 }
            prose[box] += stats.characters[index]
            pageProse += stats.characters[index]
            var score = 1 + Float(stats.commas[index]) + Float(min(stats.characters[index] / 100, 3))
            // Text the chrome rules forgave (a large "comments" block) competes at half weight.
            if line.region >= 0, !layout.regions[Int(line.region)].isInsideArticle { score /= 2 }
            let container = tag == .paragraph ? boxes[box].parent : Int32(box)
            if container >= 0 {
                containerParagraphs[Int(container)] += 1
                if Self.endsInEllipsis(line, layout.storage) { containerExcerpts[Int(container)] += 1 }
            }
            scoring.append((container, score))
        }
        // A container whose only paragraph is cut off with an ellipsis holds
        // an excerpt of another page: a teaser, which scores nothing.
        for (first, score) in scoring {
            if first >= 0, containerParagraphs[Int(first)] == 1, containerExcerpts[Int(first)] == 1 { continue }
            var container = first
            var level = 0
            while container >= 0, level < 5 {
                raw[Int(container)] += score / (level == 0 ? 1 : level == 1 ? 2 : Float(level * 3))
                scored[Int(container)] = true
                // A nested article (a teaser, a comment) is a whole of its own:
                // a list of them is not one long article.
                if boxes[Int(container)].isNestedArticle { break }
                container = boxes[Int(container)].parent
                level += 1
            }
        }
        // Subtree totals: a parent's index is always below its children's.
        for index in boxes.indices.reversed() where boxes[index].parent >= 0 {
            let parent = Int(boxes[index].parent)
            characters[parent] += characters[index]
            linkCharacters[parent] += linkCharacters[index]
            commas[parent] += commas[index]
            paragraphs[parent] += paragraphs[index]
            prose[parent] += prose[index]
        }
        func linkDensity(_ box: Int) -> Float {
            characters[box] > 0 ? Float(linkCharacters[box]) / Float(characters[box]) : 0
        }
        let headline = Self.headline(layout, pruned)
        var score = [Float](repeating: 0, count: boxes.count)
        var top = -1
        for index in boxes.indices where scored[index] {
            let box = boxes[index]
            var initial: Float = 0
            switch box.tag {
            case .block, .article: initial = 5
            case .cell: initial = 3
            case .list: initial = -3
            default: break
            }
            initial += Float(box.weight) * Self.classWeight
            if box.isDeclaredContent { initial += Self.classWeight }
            if let headline, Self.follows(index, box, headline, layout) { initial += Self.headlineBonus }
            // Bonuses amplify evidence but cannot make it: a one-line box
            // named "post-time" below the headline must not beat the article.
            if initial > raw[index] { initial = raw[index] }
            score[index] = (initial + raw[index]) * (1 - linkDensity(index))
            // …and competes at half weight with the page's own article.
            if box.isNestedArticle { score[index] /= 2 }
            if top < 0 || score[index] > score[top] { top = index }
        }
        guard top >= 0, score[top] >= Self.minimumTopScore else { return nil }
        let bestScore = score[top]
        top = Self.refined(top, score, boxes)
        top = Self.declaredAncestor(of: top, boxes) ?? top
        self.top = Int32(top)
        topScore = max(score[top], bestScore)
        fates = pruned

        // Which boxes are content: the winner, and siblings that score or read as paragraphs.
        var isContentBox = [Bool](repeating: false, count: boxes.count)
        isContentBox[top] = true
        let parent = boxes[top].parent
        let threshold = max(Float(10), topScore * Self.siblingShare)
        var siblingScore = [Float](repeating: 0, count: boxes.count)
        if parent >= 0 {
            for index in boxes.indices where boxes[index].parent == parent && index != top {
                let bonus = boxes[index].weight > 0 && boxes[index].weight == boxes[top].weight
                    ? topScore * Self.siblingShare : 0
                if score[index] + bonus >= threshold
                    || boxes[index].tag == .paragraph && Self.readsAsParagraph(
                        characters: characters[index], linkDensity: linkDensity(index),
                        text: layout, lines: boxes[index].firstLine..<boxes[index].endLine) {
                    isContentBox[index] = true
                    siblingScore[index] = score[index] / topScore
                }
            }
        }
        // Elsewhere on the page, other parts of a split article: boxes with
        // the winner's element and class, or sections like the winner's
        // (the same element inside a box of the winner's parent's class:
        // the steps of a how-to, "step > content").
        var isPart = [Bool](repeating: false, count: boxes.count)
        let partThreshold = topScore * Self.partShare
        let topClass = boxes[top].classHash
        let sectionClass = parent >= 0 ? boxes[Int(parent)].classHash : 0
        // A winner holding under half the page's paragraphs is reconsidered:
        // every strong candidate elsewhere (scoring `strongShare` of it, few
        // links) is another part of the content.
        let isSmall = Float(prose[top]) < Float(pageProse) * Self.smallShare
        if topClass != 0 || sectionClass != 0 || isSmall {
            let topRegion = Self.region(of: top, layout)
            for index in boxes.indices where !isContentBox[index] && boxes[index].tag == boxes[top].tag
                && score[index] >= partThreshold && Self.region(of: index, layout) == topRegion {
                let box = boxes[index]
                let sameClass = topClass != 0 && box.classHash == topClass
                let sameSection = sectionClass != 0 && box.parent >= 0 && box.parent != parent
                    && boxes[Int(box.parent)].classHash == sectionClass
                let isStrong = isSmall && score[index] >= topScore * Self.strongShare
                    && linkDensity(index) < Self.strongLinkDensity
                guard sameClass || sameSection || isStrong, !Self.isDescendant(index, of: top, boxes),
                      !Self.isDescendant(top, of: index, boxes) else { continue }
                isContentBox[index] = true
                isPart[index] = true
                siblingScore[index] = score[index] / topScore
            }
        }
        // Inside content boxes, drop link lists, side content and captions.
        // `verdict[box]`: nil = inherit from the parent.
        var verdict = [LineFate?](repeating: nil, count: boxes.count)
        var inContent = [Bool](repeating: false, count: boxes.count)
        for index in boxes.indices {
            let box = boxes[index]
            let inherited = box.parent >= 0 ? verdict[Int(box.parent)] : nil
            inContent[index] = isContentBox[index] || (box.parent >= 0 && inContent[Int(box.parent)])
            // A dropped box drops all inside it; a kept one lets its parts be judged.
            if let inherited, !inherited.isKept {
                verdict[index] = inherited
                continue
            }
            if isContentBox[index] {
                verdict[index] = index == top ? .mainContent
                    : isPart[index] ? .splitPart(score: siblingScore[index])
                    : .besideMainContent(score: siblingScore[index])
                continue
            }
            verdict[index] = inherited
            guard inContent[index] else { continue }
            if box.tag == .figure {
                verdict[index] = .caption
            } else if box.tag == .block || box.tag == .list || box.tag == .table {
                let weight = Float(box.weight) * Self.classWeight
                let density = linkDensity(index)
                let isList = box.tag == .list
                if weight + score[index] < 0 {
                    verdict[index] = .sideContent
                } else if commas[index] < 10,
                          !isList && weight <= 0 && density > 0.2 || weight > 0 && density > 0.5 {
                    verdict[index] = .linkList(linkDensity: density)
                }
            }
        }

        for (index, line) in layout.lines.enumerated() where pruned[index].isKept {
            if line.box >= 0, let decided = verdict[Int(line.box)] {
                fates[index] = decided
                continue
            }
            // Text directly in the winner's parent, between the boxes.
            if parent >= 0, line.box == parent, line.heading == 0,
               Self.readsAsParagraph(characters: stats.characters[index], linkDensity: stats.linkDensity(index),
                                     text: layout, lines: Int32(index)..<Int32(index + 1)) {
                fates[index] = .besideMainContent(score: 0)
                continue
            }
            fates[index] = .outsideMainContent(
                score: Self.nearestScore(line.box, score, boxes) / topScore, threshold: Self.siblingShare)
        }
    }

    /// The first unlinked `h1` still kept: the page's own headline.
    private static func headline(_ layout: PageLayout, _ fates: [LineFate]) -> Int32? {
        for (index, line) in layout.lines.enumerated() where line.heading == 1 && fates[index].isKept {
            if !line.isMostlyLink { return Int32(index) }
        }
        return nil
    }

    /// The box holds the headline itself (not merely somewhere inside), or
    /// starts within a few lines after it.
    private static func follows(_ index: Int, _ box: PageLayout.Box, _ headline: Int32, _ layout: PageLayout) -> Bool {
        layout.lines[Int(headline)].box == Int32(index)
            || (box.firstLine > headline && box.firstLine <= headline + 3)
    }

    /// The chrome region a box's first line sits in (-1: none). A part of
    /// the article in a region the chrome rules forgave (a long comment
    /// with the article's class) is not part of the article.
    private static func region(of box: Int, _ layout: PageLayout) -> Int32 {
        let first = Int(layout.boxes[box].firstLine)
        return first < layout.lines.count ? layout.lines[first].region : -1
    }

    /// Ends in `…` or `...` (possibly bracketed, `[…]`): a cut-off excerpt.
    private static func endsInEllipsis(_ line: PageLayout.Line, _ storage: [UInt8]) -> Bool {
        var end = Int(line.end)
        let start = Int(line.start)
        if end - start >= 2, storage[end - 1] == UInt8(ascii: "]") { end -= 1 }
        if end - start >= 3, storage[end - 3] == 0xE2, storage[end - 2] == 0x80, storage[end - 1] == 0xA6 { return true }
        return end - start >= 3 && storage[end - 3] == 0x2E && storage[end - 2] == 0x2E && storage[end - 1] == 0x2E
    }

    /// The score of the innermost scored box around a line.
    private static func nearestScore(_ box: Int32, _ score: [Float], _ boxes: [PageLayout.Box]) -> Float {
        var current = box
        while current >= 0 {
            if score[Int(current)] != 0 { return max(score[Int(current)], 0) }
            current = boxes[Int(current)].parent
        }
        return 0
    }

    /// Readability's sibling paragraph test: long with few links, or short
    /// without links and holding a sentence end.
    private static func readsAsParagraph(
        characters: Int32, linkDensity: Float, text layout: PageLayout, lines: Range<Int32>
    ) -> Bool {
        if characters > 80 { return linkDensity < 0.25 }
        guard characters > 0, linkDensity == 0 else { return false }
        return lines.contains { index in
            let line = layout.lines[Int(index)]
            return layout.storage.withUnsafeBufferPointer { storage in
                let end = Int(line.end)
                guard end > Int(line.start) else { return false }
                if storage[end - 1] == UInt8(ascii: ".") { return true }
                for position in Int(line.start)..<(end - 1)
                where storage[position] == UInt8(ascii: ".") && storage[position + 1] == 0x20 {
                    return true
                }
                return false
            }
        }
    }

    /// Readability's two corrections: when several near-best candidates
    /// share an ancestor, the content is split across them, so take the
    /// ancestor; and climb to a parent that scores higher than its child.
    private static func refined(_ top: Int, _ score: [Float], _ boxes: [PageLayout.Box]) -> Int {
        let best = score[top]
        let alternatives = score.indices.filter { $0 != top && score[$0] >= best * 0.75 }
        var result = top
        if alternatives.count >= Self.minimumAlternatives {
            var ancestor = boxes[top].parent
            while ancestor >= 0 {
                let holding = alternatives.filter { isDescendant($0, of: Int(ancestor), boxes) }.count
                if holding >= Self.minimumAlternatives {
                    result = Int(ancestor)
                    break
                }
                ancestor = boxes[Int(ancestor)].parent
            }
        }
        var lastScore = score[result]
        let threshold = lastScore / 3
        var parent = boxes[result].parent
        while parent >= 0, boxes[Int(parent)].tag != .body {
            let parentScore = score[Int(parent)]
            if parentScore == 0 {
                parent = boxes[Int(parent)].parent
                continue
            }
            if parentScore < threshold { break }
            if parentScore > lastScore {
                result = Int(parent)
                break
            }
            lastScore = parentScore
            parent = boxes[Int(parent)].parent
        }
        return result
    }

    /// The page says where its article body is (`itemprop=articleBody`):
    /// when the best container sits inside it, the body is split into
    /// parts (a podcast embed, an advert between paragraphs) and all of it counts.
    private static func declaredAncestor(of box: Int, _ boxes: [PageLayout.Box]) -> Int? {
        var current = boxes[box].parent
        while current >= 0 {
            if boxes[Int(current)].isDeclaredContent { return Int(current) }
            current = boxes[Int(current)].parent
        }
        return nil
    }

    private static func isDescendant(_ box: Int, of ancestor: Int, _ boxes: [PageLayout.Box]) -> Bool {
        var current = boxes[box].parent
        while current >= 0 {
            if Int(current) == ancestor { return true }
            current = boxes[Int(current)].parent
        }
        return false
    }
}
