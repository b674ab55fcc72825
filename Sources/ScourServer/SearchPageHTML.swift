import Foundation
import Hummingbird
import Scour

/// The search page at `/`: a search box, ten results a page (title, URL,
/// date, snippet with the matches marked), paging, "did you mean", the
/// matches counted by site and by year as filters, and newest-first order.
/// Rendered on the server, so it works without JavaScript; every piece of
/// indexed text is escaped (a page about `<script>` shows the tag as text)
/// and only http(s) addresses become links.
struct SearchPageHTML {
    static let pageSize = 10

    var query: String
    var sites: [String]
    var offset: Int
    var after: String?
    var before: String?
    var sortByDate = false
    var results: SearchResults?
    var error: String?

    func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(query.isEmpty ? "Scour" : HTML.escape(query) + " — Scour")</title>
            <style>\(Self.style)</style>
            </head><body>
            <form action="/" method="get" role="search">
            <input type="search" name="q" value="\(HTML.escape(query))" aria-label="Search" autofocus>
            \(hiddenInputs)
            <button type="submit">Search</button>
            </form>

            """
        if let error {
            html += "<p class=\"error\">\(HTML.escape(error))</p>\n"
        }
        if let results {
            html += summary(results)
            html += filters(results)
            if let suggestion = results.suggestion {
                html += "<p class=\"suggestion\">Did you mean <a href=\"\(link(query: suggestion, offset: 0))\">\(HTML.escape(suggestion))</a>?</p>\n"
            }
            html += "<ol start=\"\(offset + 1)\">\n"
            for hit in results.hits { html += item(hit) }
            html += "</ol>\n" + pages(results)
        }
        return html + "</body></html>\n"
    }

    private func summary(_ results: SearchResults) -> String {
        let count = results.totalIsLowerBound ? "at least \(results.total)" : "\(results.total)"
        let noun = results.total == 1 && !results.totalIsLowerBound ? "result" : "results"
        if results.hits.isEmpty { return "<p class=\"summary\">No results for <b>\(HTML.escape(query))</b>.</p>\n" }
        return "<p class=\"summary\">\(offset + 1)–\(offset + results.hits.count) of \(count) \(noun)</p>\n"
    }

    private func item(_ hit: SearchHit) -> String {
        let title = HTML.escape(hit.title.isEmpty ? hit.id : hit.title)
        let address = hit.url.flatMap(Self.webAddress)
        var html = "<li>"
        html += address.map { "<a class=\"title\" href=\"\(HTML.escape($0))\">\(title)</a>" } ?? "<span class=\"title\">\(title)</span>"
        html += "<div class=\"meta\">\(HTML.escape(hit.url ?? hit.id))\(hit.date.map { " · " + HTML.escape($0) } ?? "")</div>"
        html += "<p>\(hit.snippet.marked(open: "<mark>", close: "</mark>", escaping: HTML.escape))</p></li>\n"
        return html
    }

    private func pages(_ results: SearchResults) -> String {
        var links: [String] = []
        if offset > 0 { links.append("<a rel=\"prev\" href=\"\(link(query: query, offset: max(0, offset - Self.pageSize)))\">← Previous</a>") }
        if offset + results.hits.count < results.total {
            links.append("<a rel=\"next\" href=\"\(link(query: query, offset: offset + Self.pageSize))\">Next →</a>")
        }
        return links.isEmpty ? "" : "<nav class=\"pages\">\(links.joined(separator: " "))</nav>\n"
    }

    private func link(query: String, offset: Int) -> String {
        link(query: query, offset: offset, sites: sites, after: after, before: before, sortByDate: sortByDate)
    }

    private func link(query: String, offset: Int = 0, sites: [String], after: String?, before: String?, sortByDate: Bool) -> String {
        var parts = ["q=" + HTML.queryValue(query)] + sites.map { "site=" + HTML.queryValue($0) }
        if let after { parts.append("after=" + HTML.queryValue(after)) }
        if let before { parts.append("before=" + HTML.queryValue(before)) }
        if sortByDate { parts.append("sort=date") }
        if offset > 0 { parts.append("offset=\(offset)") }
        return HTML.escape("/?" + parts.joined(separator: "&"))
    }

    /// The form's hidden fields: the filters and order in force.
    private var hiddenInputs: String {
        var fields = sites.map { ("site", $0) }
        if let after { fields.append(("after", after)) }
        if let before { fields.append(("before", before)) }
        if sortByDate { fields.append(("sort", "date")) }
        return fields.map { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\(HTML.escape($0.1))\">" }.joined()
    }

    /// The order, the filters in force (each with a link that drops it) and
    /// the facets (each a link that adds it).
    private func filters(_ results: SearchResults) -> String {
        var html = "<nav class=\"filters\">"
        html += sortByDate
            ? "<a href=\"\(link(query: query, sites: sites, after: after, before: before, sortByDate: false))\">Most relevant</a> · <b>Newest first</b>"
            : "<b>Most relevant</b> · <a href=\"\(link(query: query, sites: sites, after: after, before: before, sortByDate: true))\">Newest first</a>"
        for site in sites {
            html += " · site <b>\(HTML.escape(site))</b> <a href=\"\(link(query: query, sites: sites.filter { $0 != site }, after: after, before: before, sortByDate: sortByDate))\" title=\"all sites\">✕</a>"
        }
        if after != nil || before != nil {
            let period = after == before ? after ?? "" : "\(after ?? "…")–\(before ?? "…")"
            html += " · <b>\(HTML.escape(period))</b> <a href=\"\(link(query: query, sites: sites, after: nil, before: nil, sortByDate: sortByDate))\" title=\"any date\">✕</a>"
        }
        html += "</nav>\n"
        guard let facets = results.facets else { return html }
        if !facets.sites.isEmpty, sites.isEmpty {
            html += "<p class=\"facets\">Sites: " + facets.sites.prefix(8).map { count in
                "<a href=\"\(link(query: query, sites: [count.value], after: after, before: before, sortByDate: sortByDate))\">\(HTML.escape(count.value))</a> (\(count.count))"
            }.joined(separator: " · ") + "</p>\n"
        }
        if !facets.years.isEmpty, after == nil, before == nil {
            html += "<p class=\"facets\">Years: " + facets.years.prefix(12).map { count in
                "<a href=\"\(link(query: query, sites: sites, after: count.value, before: count.value, sortByDate: sortByDate))\">\(count.value)</a> (\(count.count))"
            }.joined(separator: " · ") + "</p>\n"
        }
        return html
    }

    /// `address` when it is an http or https URL (a page's URL comes from
    /// the crawl: a `javascript:` one must not become a link).
    static func webAddress(_ address: String) -> String? {
        let lower = address.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") ? address : nil
    }

    func response(status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: render())))
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;\
        max-width:46rem;margin:0 auto;padding:1rem;line-height:1.45;color:#1b1b1b}\
        form{display:flex;gap:.5rem;margin:1rem 0}input[type=search]{flex:1;font-size:1.1rem;padding:.45rem;min-width:0}\
        button{font-size:1rem;padding:.45rem .9rem}ol{padding-left:1.4rem}li{margin:0 0 1.2rem}\
        .title{font-size:1.1rem}.meta{color:#2d6a2d;font-size:.85rem;overflow-wrap:anywhere}\
        li p{margin:.2rem 0}mark{background:#fff0a0;padding:0 .1em}.summary,.suggestion{color:#555}\
        .error{color:#a00}.pages a{margin-right:1rem}.filters,.facets{font-size:.9rem;color:#555}
        """
}
