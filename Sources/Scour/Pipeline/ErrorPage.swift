/// A server's error page saved as if it were a page: HTTrack and
/// `wget --content-on-error` keep the body of a 404, and a site's "page not
/// found" template is often served with status 200 (a soft 404). Indexed,
/// such a page ranks first for "404" and gathers every other broken link
/// as its duplicate; a WARC skips the same responses by their status.
///
/// Recognised by a title that is an error's name and little text: a real
/// page that merely mentions an error ("Fixing 404 errors in our CMS") has
/// a title of its own and more to say.
enum ErrorPage {
    /// Titles error pages have, lower-cased.
    static let titles: Set<String> = [
        "404", "404 not found", "not found", "error 404", "404 error", "404 - not found", "error 404 - not found",
        "page not found", "404 page not found", "file not found", "error response", "403 forbidden", "forbidden",
        "401 unauthorized", "500 internal server error", "internal server error", "502 bad gateway",
        "503 service unavailable", "service unavailable", "400 bad request", "bad request", "410 gone",
    ]

    /// The most words an error page's text has (Apache's, nginx's and
    /// Python's error pages have under 40).
    static let maximumWords = 80

    static func isErrorPage(title: String, text: String) -> Bool {
        let name = title.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard titles.contains(name) else { return false }
        var words = 0
        var inWord = false
        for byte in text.utf8 {
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if !isSpace && !inWord { words += 1 }
            if words > maximumWords { return false }
            inWord = !isSpace
        }
        return true
    }
}
