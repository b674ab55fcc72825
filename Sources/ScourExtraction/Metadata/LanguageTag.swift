/// Normalises a declared language (`<html lang>`, `content-language`) to a
/// lowercase BCP 47 tag, so that "zh-CN", "zh_CN" and "ZH-cn" all index as
/// "zh-cn"; garbage ("{{lang}}", "English") is dropped rather than stored.
enum LanguageTag {
    static func normalised(_ raw: String) -> String? {
        // content-language may list several; the first is the main one.
        let first = raw.split(separator: ",").first.map(String.init) ?? ""
        let tag = String(first.trimmingASCIISpaces().lowercased().map { $0 == "_" ? "-" : $0 })
        guard !tag.isEmpty, tag.count <= 35 else { return nil }
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = subtags.first,
              (2...3).contains(primary.count) || primary == "x" || primary == "i",
              primary.allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return nil }
        for subtag in subtags.dropFirst() {
            guard (1...8).contains(subtag.count), subtag.allSatisfy({ ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") })
            else { return nil }
        }
        return tag
    }
}

extension StringProtocol {
    /// The string without leading and trailing ASCII whitespace and NBSP.
    func trimmingASCIISpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{A0}" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
