/// The site footer of a page without footer markup — a 1990s page's
/// `<hr><center><font size=1>` block: after the last paragraph, the largest
/// box that holds a copyright or registration line and nothing before that
/// paragraph. Its address, phone, visitor-counter and "last updated" lines
/// go with the copyright line; credit lines stay.
enum FooterBlock {
    /// - Parameters:
    ///   - lineIndices: the layout line of each filtered candidate.
    ///   - result: the line filter's verdict, updated in place.
    static func drop(_ layout: PageLayout, lineIndices: [Int], _ result: inout ChromeLineFilter.Result) {
        guard let trailingStart = result.regions.firstIndex(of: .trailing), trailingStart > 0 else { return }
        let lastProseLine = lineIndices[trailingStart - 1]
        for candidate in trailingStart..<lineIndices.count {
            let lower = LowercasedLine(result.shapes[candidate].text)
            guard ChromePatterns.isRegistration(lower) || ChromePatterns.hasCopyrightMark(lower) else { continue }
            var footer: Int32 = -1
            var box = layout.lines[lineIndices[candidate]].box
            while box >= 0, layout.boxes[Int(box)].firstLine > lastProseLine {
                footer = box
                box = layout.boxes[Int(box)].parent
            }
            guard footer >= 0 else { continue }
            let lines = Int(layout.boxes[Int(footer)].firstLine)..<Int(layout.boxes[Int(footer)].endLine)
            for other in trailingStart..<lineIndices.count where lines.contains(lineIndices[other]) {
                if !ChromePatterns.isCredit(result.shapes[other]) { result.kept[other] = false }
            }
        }
    }
}
