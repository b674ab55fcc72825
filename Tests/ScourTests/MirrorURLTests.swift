import Testing
import Scour

@Suite("Mirror URLs")
struct MirrorURLTests {
    @Test(arguments: [
        // wget -m / -r: HOST/path/file.
        ("www.example.edu/news/2025/a.html", "http://www.example.edu/news/2025/a.html"),
        ("www.example.edu/news.jsp", "http://www.example.edu/news.jsp"),
        ("www.example.edu/article.asp", "http://www.example.edu/article.asp"),
        ("www.example.edu/item.php", "http://www.example.edu/item.php"),
        ("www.example.edu/view.shtml", "http://www.example.edu/view.shtml"),
        ("www.example.edu/content.cfm", "http://www.example.edu/content.cfm"),
        ("www.example.edu/robots.txt", "http://www.example.edu/robots.txt"),
        // A folder's page.
        ("www.example.edu/index.html", "http://www.example.edu/"),
        ("www.example.edu/news/index.html", "http://www.example.edu/news/"),
        ("www.example.edu/news/INDEX.HTM", "http://www.example.edu/news/"),
        ("www.example.edu/news/index.php", "http://www.example.edu/news/index.php"),
        // Queries wget kept in the name.
        ("www.example.edu/newsitem.aspx?id=7", "http://www.example.edu/newsitem.aspx?id=7"),
        ("www.example.edu/files/index.html?C=M;O=A", "http://www.example.edu/files/?C=M;O=A"),
        // A file name holds no `/`: wget writes it `%2F` in the query.
        ("www.example.edu/search?q=a%2Fb&page=2", "http://www.example.edu/search?q=a%2Fb&page=2"),
        ("www.example.edu/list.php?q=two words", "http://www.example.edu/list.php?q=two%20words"),
        // wget's duplicate suffixes.
        ("www.example.edu/page.html.1", "http://www.example.edu/page.html"),
        ("www.example.edu/news/index.html.2", "http://www.example.edu/news/"),
        ("www.example.edu/version.1", "http://www.example.edu/version.1"),
        ("www.example.edu/item.php?v=1.2", "http://www.example.edu/item.php?v=1.2"),
        // Escapes wget wrote stay; what a URL cannot hold is escaped.
        ("www.example.edu/caf%C3%A9.html", "http://www.example.edu/caf%C3%A9.html"),
        ("www.example.edu/100%.html", "http://www.example.edu/100%25.html"),
        ("www.example.edu/a b/c\"d.html", "http://www.example.edu/a%20b/c%22d.html"),
        ("www.example.edu/新闻/中文.html", "http://www.example.edu/%E6%96%B0%E9%97%BB/%E4%B8%AD%E6%96%87.html"),
        ("www.example.edu/~smith/a{b}.html", "http://www.example.edu/~smith/a%7Bb%7D.html"),
        // Hosts: ports, addresses, localhost, windows-style `+port`, case.
        ("127.0.0.1:8000/news.jsp", "http://127.0.0.1:8000/news.jsp"),
        ("192.168.1.20/a.html", "http://192.168.1.20/a.html"),
        ("localhost:8080/a.html", "http://localhost:8080/a.html"),
        ("localhost/a.html", "http://localhost/a.html"),
        ("www.example.edu+8080/a.html", "http://www.example.edu:8080/a.html"),
        // HTTrack writes a port with `_`.
        ("127.0.0.1_47391/library/collections.html", "http://127.0.0.1:47391/library/collections.html"),
        ("www.example.edu_8080/a.html", "http://www.example.edu:8080/a.html"),
        // wget -E (--adjust-extension) adds .html to server pages and queries.
        ("www.example.edu/news.php.html", "http://www.example.edu/news.php"),
        ("www.example.edu/item.php?id=7.html", "http://www.example.edu/item.php?id=7"),
        ("www.example.edu/login.aspx.html", "http://www.example.edu/login.aspx"),
        ("www.example.edu/notes.txt.html", "http://www.example.edu/notes.txt.html"),
        ("WWW.Example.EDU/A.html", "http://www.example.edu/A.html"),
        ("news.bbc.co.uk/1/hi/world.stm", "http://news.bbc.co.uk/1/hi/world.stm"),
        ("xn--bcher-kva.example/a.html", nil),
        ("www.xn--bcher-kva.de/a.html", "http://www.xn--bcher-kva.de/a.html"),
    ] as [(String, String?)])
    func folderLayout(relative: String, url: String?) {
        #expect(MirrorURL.url(relative: relative, root: "/data/mirror") == url)
    }

    @Test(arguments: [
        // Flattened: WebKB's `^` for `/`, a Windows copy's `_` for `:`.
        ("http:^^www.cs.example.edu^~smith^", "http://www.cs.example.edu/~smith/"),
        ("http:^^www.cs.example.edu^course.html", "http://www.cs.example.edu/course.html"),
        ("http:^^www.cs.example.edu", "http://www.cs.example.edu/"),
        ("http_^^www.cs.example.edu^people^index.html", "http://www.cs.example.edu/people/index.html"),
        ("https:^^www.cs.example.edu:8080^a?b=c", "https://www.cs.example.edu:8080/a?b=c"),
        ("http:^^www.cs.example.edu^cgi-bin^who?name=a b", "http://www.cs.example.edu/cgi-bin/who?name=a%20b"),
        // A URL escaped whole.
        ("https%3A%2F%2Fwww.example.org%2Fnews%2Fa.html", "https://www.example.org/news/a.html"),
        ("http%3a%2f%2fwww.example.org%2Fsearch%3Fq%3Dx", "http://www.example.org/search?q%3Dx"),
    ] as [(String, String?)])
    func flattenedNames(name: String, url: String?) {
        // Flattened names decide alone, wherever they sit.
        #expect(MirrorURL.url(relative: "course/cornell/" + name, root: "/data/webkb") == url)
    }

    @Test func theRootItselfCanBeTheHostFolder() {
        #expect(MirrorURL.url(relative: "news/a.html", root: "/data/mirror/www.example.edu") == "http://www.example.edu/news/a.html")
        #expect(MirrorURL.url(relative: "index.html", root: "/data/mirror/www.example.edu") == "http://www.example.edu/")
        // A folder inside the host folder.
        #expect(MirrorURL.url(relative: "a.html", root: "/data/mirror/www.example.edu/news") == "http://www.example.edu/news/a.html")
        // The first folder under the root wins over the root's own path.
        #expect(MirrorURL.url(relative: "b.example.org/a.html", root: "/m/a.example.org") == "http://b.example.org/a.html")
    }

    @Test func aFileDirectlyUnderTheRootIsNotAHost() {
        // `example.com` is the file here, not a folder naming a host.
        #expect(MirrorURL.url(relative: "example.com", root: "/data/notes") == nil)
    }

    @Test(arguments: [
        "pages/a.html", "site.old/a.html", "report.html/a.html", "notes.js/a.html", "backup.gz/a.html",
        "j.smith/a.html", "v1.2/a.html", "300.1.1.1/a.html", "a..b.com/a.html", "-bad.com/a.html", "host:99999x/a.html",
    ])
    func foldersThatAreNotHostsGiveNoURL(relative: String) {
        #expect(MirrorURL.url(relative: relative, root: "/home/user/docs") == nil)
    }

    @Test func bytesThatAreNotUTF8AreEscaped() {
        let url = MirrorURL.url(rootComponents: [], relative: [Array("www.example.de".utf8), [0x63, 0x61, 0x66, 0xE9] + Array(".html".utf8)])
        #expect(url == "http://www.example.de/caf%E9.html")
    }

    @Test(arguments: [
        ("www.example.edu", true), ("example.com:8080", true), ("localhost:3000", true), ("10.0.0.1:80", true),
        ("intranet", false), ("example", false), ("www.example.edu:", false), ("256.1.1.1", false),
        ("example.co", true), ("example.zz", false), ("index.html", false),
    ])
    func hostNames(name: String, isHost: Bool) {
        #expect(MirrorURL.isHost(Array(name.utf8)) == isHost)
    }
}
