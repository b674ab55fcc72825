import ScourPrimitives

/// The mark browsers write at the top of a page saved with "Save As":
/// `<!-- saved from url=(0042)http://www.example.com/dept/page.html -->`.
/// The number is the URL's length in characters; `about:internet` marks a
/// page saved from an unknown place and names no URL.
///
/// Read from the first 4 KiB of the decoded page (the mark sits before or
/// just after the doctype); a byte scan, no parse.
enum SavedFromMark {
    static let window = 4096

    static func url(in utf8: UnsafeBufferPointer<UInt8>) -> String? {
        let window = UnsafeBufferPointer(rebasing: utf8.prefix(Self.window))
        guard let mark = ASCIIBytes.firstIndex(of: "saved from url=", in: window) else { return nil }
        // Inside a comment: "<!--" and spaces right before the mark.
        var before = mark
        while before > 0, window[before - 1] == 0x20 { before -= 1 }
        guard before >= 4, ASCIIBytes.matches(window, before - 4, "<!--") else { return nil }
        var cursor = mark + 15
        var declaredLength: Int?
        if cursor < window.count, window[cursor] == UInt8(ascii: "(") {
            var length = 0
            cursor += 1
            while cursor < window.count, window[cursor] >= 0x30, window[cursor] <= 0x39, length < 100_000 {
                length = length * 10 + Int(window[cursor] - 0x30)
                cursor += 1
            }
            guard cursor < window.count, window[cursor] == UInt8(ascii: ")") else { return nil }
            cursor += 1
            declaredLength = length
        }
        var end = cursor
        while end < window.count, window[end] > 0x20, !ASCIIBytes.matches(window, end, "-->") { end += 1 }
        // The declared length wins when it ends inside the token (a URL
        // glued to "-->"); a wrong one is ignored.
        if let declaredLength, declaredLength > 0, cursor + declaredLength <= end { end = cursor + declaredLength }
        guard end > cursor else { return nil }
        let url = String(decoding: window[cursor..<end], as: UTF8.self)
        return url.contains(":") && !url.hasPrefix("about:") ? url : nil
    }
}
