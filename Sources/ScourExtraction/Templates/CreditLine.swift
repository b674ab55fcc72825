/// Bylines and credits — "Text: Wang Lei", "Photo / Zhang Min",
/// "Editors: Li Hua", "责任编辑：张三" — are content: people search for
/// names. The same editor may sign every page of a site, which makes the
/// line look like a template; it is kept anyway.
enum CreditLine {
    /// Lowercased English labels, longest first where one is a prefix of another.
    private static let labels: [[UInt8]] = [
        "reviewed by", "typesetting", "translator", "reviewer", "editors", "editor", "photos", "photo",
        "author", "text", "edit", "copy",
    ].map { Array($0.utf8) }
    /// Chinese labels (longest first): 责任编辑 before 编辑.
    private static let chineseLabels: [[Unicode.Scalar]] = [
        "责任编辑", "编辑", "审核", "作者", "摄影", "文", "图",
    ].map { Array($0.unicodeScalars) }

    /// Whether the line starts with a credit label followed by `:` or `/`
    /// (ASCII or fullwidth), after optional spaces and an opening bracket.
    static func matches(_ line: Substring) -> Bool {
        let scalars = Array(line.unicodeScalars.prefix(24))
        var start = 0
        while start < scalars.count, " \t\u{A0}\u{3000}([（【".unicodeScalars.contains(scalars[start]) { start += 1 }
        let rest = scalars[start...]
        for label in labels where rest.count > label.count {
            var matched = true
            for (offset, byte) in label.enumerated() {
                let value = rest[rest.startIndex + offset].value
                let lower = value >= 0x41 && value <= 0x5A ? value + 0x20 : value
                if lower != UInt32(byte) { matched = false; break }
            }
            if matched, followedBySeparator(rest.dropFirst(label.count)) { return true }
        }
        for label in chineseLabels where rest.count > label.count && rest.starts(with: label) {
            if followedBySeparator(rest.dropFirst(label.count)) { return true }
        }
        return false
    }

    private static func followedBySeparator(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let next = rest.first(where: { $0 != " " && $0 != "\u{A0}" && $0 != "\u{3000}" }) else { return false }
        return next == ":" || next == "/" || next == "：" || next == "／"
    }
}
