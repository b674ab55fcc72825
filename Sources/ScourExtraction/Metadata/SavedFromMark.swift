import ScourPrimitives

/// The mark browsers write at the top of a page saved with "Save As":
/// `<!-- saved from url=(0042)http://www.example.com/dept/page.html -->`.
/// The number is the URL's length in characters; `about:internet` marks a
/// page saved from an unknown place and names no URL.
///
/// Also HTTrack's `<!-- Mirrored from host/path by HTTrack … -->`.
///
/// Read from the first 4 KiB of the decoded page (the mark sits before or
/// just after the doctype); a byte scan, no parse.
enum SavedFromMark {
    static let window = 4096

    static func url(in utf8: UnsafeBufferPointer<UInt8>) -> String? {
        browserMark(in: utf8) ?? httrackMark(in: utf8)
    }

    /// HTTrack's mark, written near the top of every page it saves:
    /// `<!-- Mirrored from www.example.edu/news/a.html by HTTrack Website
    /// Copier/3.x [XR&CO'2014], Mon, 30 Nov 2026 06:05:11 GMT -->`. It names
    /// the page's address without a scheme (`http://` is assumed), query and
    /// port included — which HTTrack's file names lose (`host_port`,
    /// `page4b2c.html` for a page fetched with a query).
    static func httrackMark(in utf8: UnsafeBufferPointer<UInt8>) -> String? {
        let window = UnsafeBufferPointer(rebasing: utf8.prefix(4 * Self.window))
        guard let mark = ASCIIBytes.firstIndex(of: "<!-- mirrored from ", in: window) else { return nil }
        let start = mark + 19
        var end = start
        while end < window.count, window[end] > 0x20 { end += 1 }
        guard end > start, ASCIIBytes.matches(window, end, " by httrack") else { return nil }
        let address = String(decoding: window[start..<end], as: UTF8.self)
        let lower = address.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") ? address : "http://" + address
    }

    private static func browserMark(in utf8: UnsafeBufferPointer<UInt8>) -> String? {
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
