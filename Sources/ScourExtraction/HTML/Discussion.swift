import ScourPrimitives

/// Readers' comments, kept as content where they are the page's
/// discussion: the thread under a blog post is what many people search a
/// blog for, and the gold text of public extraction benchmarks (and
/// trafilatura by default) keeps it.
///
/// The thread is a chrome region the class words name comments
/// ("commentlist", `id=comments`, "disqus") that no other chrome holds (a
/// "recent comments" widget sits in a sidebar, which stays dropped). Inside
/// it, a line stays when it reads as something a person wrote: at least
/// `minimumWords` words, not mostly link text, not a heading, not a date
/// line. What surrounds the comments — "3 Comments", "Reply", the
/// commenter's name and the time, the form for writing one
/// (`ChromeKind.commentForm`) — stays dropped.
///
/// The main-content choice never sees the comments: they are added after
/// it, so a long thread cannot win over the article it discusses.
enum Discussion {
    /// A line of fewer words is the thread's furniture, not a comment.
    static let minimumWords = 5

    /// Turns dropped lines of the page's comment threads that read as
    /// comments into `.comment`. A thread counts only when a line shows
    /// comments were written there (`isEvidence`): a comments widget whose
    /// comments load by script holds only its help texts.
    static func keep(_ layout: PageLayout, _ fates: inout [LineFate]) {
        guard layout.regions.contains(where: { $0.kind == .comments }) else { return }
        var candidates: [(line: Int, thread: Int32)] = []
        var isDated = [Bool](repeating: false, count: layout.regions.count)
        for (index, line) in layout.lines.enumerated() where line.region >= 0 {
            let thread: Int32
            switch fates[index] {
            case .region(let outermost):
                // Dropped as chrome: the region that decided must be the thread.
                guard layout.regions[Int(outermost)].kind == .comments,
                      isThread(from: line.region, through: outermost, layout) else { continue }
                thread = outermostThread(from: outermost, layout) ?? outermost
            case .outsideMainContent:
                // A thread the chrome rules forgave (it holds much of the
                // page's prose) that lost to the article.
                guard let outermost = outermostThread(from: line.region, layout) else { continue }
                thread = outermost
            default:
                continue
            }
            let shape = LineShape(layout.text(of: line))
            if isEvidence(shape) {
                isDated[Int(thread)] = true
                continue
            }
            guard line.heading == 0, !line.isMostlyLink, shape.words >= minimumWords else { continue }
            candidates.append((index, thread))
        }
        for (line, thread) in candidates where isDated[Int(thread)] { fates[line] = .comment }
    }

    /// A short line that shows a thread holds comments people wrote: when
    /// one was posted ("March 3, 2012 at 5:14 pm", "November 12th", "09:47",
    /// "3 hours ago"), the "Reply" link under each, or a count of them
    /// ("12 Comments", "1 Response", "3条评论").
    static func isEvidence(_ shape: LineShape) -> Bool {
        guard shape.characters <= Byline.maximumCharacters else { return false }
        if Byline.isDateline(shape) { return true }
        let lower = LowercasedLine(shape.text)
        let bytes = lower.bytes
        if shape.characters <= 12, lower.hasPrefix(reply) || lower.hasPrefix(replyChinese) { return true }
        if shape.characters <= 40, bytes.count > 4, bytes.suffix(4).elementsEqual(ago) { return true }
        if lower.contains(commentsChinese) { return true }
        var index = 0
        var leadingNumber = 0
        while index < bytes.count, ASCIIBytes.isDigit(bytes[index]) {
            leadingNumber = min(leadingNumber * 10 + Int(bytes[index] - 0x30), 1_000_000)
            index += 1
        }
        if shape.characters <= 20, countInParentheses(lower) { return true }
        if index > 0, leadingNumber > 0, index < bytes.count, bytes[index] == 0x20,
           counted.contains(where: { lower.range(of: $0, from: index + 1) == index + 1..<index + 1 + $0.count }) {
            return true
        }
        // A time of day (h:mm), or a month's name with a day number.
        var hasMonth = false
        for month in months where lower.containsWord(month) { hasMonth = true; break }
        var position = 0
        while position < bytes.count {
            guard ASCIIBytes.isDigit(bytes[position]) else { position += 1; continue }
            let start = position
            while position < bytes.count, ASCIIBytes.isDigit(bytes[position]) { position += 1 }
            let digits = position - start
            if digits <= 2, position + 2 < bytes.count, bytes[position] == 0x3A,
               ASCIIBytes.isDigit(bytes[position + 1]), ASCIIBytes.isDigit(bytes[position + 2]) { return true }
            if digits <= 2, hasMonth, shape.characters <= 40 { return true }
        }
        return false
    }

    /// "Comments (4)", "评论(3)", "Replies (12)".
    private static func countInParentheses(_ lower: LowercasedLine) -> Bool {
        let bytes = lower.bytes
        guard bytes.last == 0x29, let open = bytes.lastIndex(of: 0x28), open + 2 < bytes.count else { return false }
        let digits = bytes[(open + 1)..<(bytes.count - 1)]
        guard digits.allSatisfy(ASCIIBytes.isDigit), digits.contains(where: { $0 != 0x30 }) else { return false }
        return counted.contains { lower.range(of: $0, from: 0).map { $0.upperBound <= open } ?? false }
            || lower.contains(commentChinese)
    }

    private static let commentChinese = Array("评论".utf8)
    private static let reply = Array("reply".utf8)
    private static let replyChinese = Array("回复".utf8)
    private static let ago = Array(" ago".utf8)
    private static let commentsChinese = Array("条评论".utf8)
    private static let counted = ["comment", "response", "repl", "thought", "reaction"].map { Array($0.utf8) }
    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                                 "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                                 "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"].map { Array($0.utf8) }

    /// The outermost region naming comments around `region`, when nothing
    /// around it is a comment form: the whole thread, when each comment is
    /// a region of its own inside one the chrome rules forgave.
    private static func outermostThread(from region: Int32, _ layout: PageLayout) -> Int32? {
        guard isThread(from: region, through: -1, layout) else { return nil }
        var current = region
        var found: Int32?
        while current >= 0 {
            if layout.regions[Int(current)].kind == .comments { found = current }
            current = layout.regions[Int(current)].parent
        }
        return found
    }

    /// The regions from `region` out to `outermost` (to the root for -1)
    /// are a comment thread: one of them names comments, and the others
    /// are only a comment's own header or footer.
    private static func isThread(from region: Int32, through outermost: Int32, _ layout: PageLayout) -> Bool {
        var current = region
        var namesComments = false
        while current >= 0 {
            let kind = layout.regions[Int(current)].kind
            switch kind {
            case .comments: namesComments = true
            case .header, .footer: break
            case .commentForm: return false
            // Other chrome around the line was forgiven, not dropped, unless it decided.
            default: if outermost >= 0 { return false }
            }
            if current == outermost { break }
            current = layout.regions[Int(current)].parent
        }
        return namesComments
    }
}
