import Testing
@testable import ScourExtraction

/// Charset sniffing and transcoding: the traps that make libxml2 alone lose
/// or garble pages (see STYLE.md).
@Suite("Charset")
struct CharsetTests {
    /// 镕 exists in GBK but not in GB2312; libxml2 told "gb2312" stops at it
    /// and silently drops the rest of the page.
    @Test func gbkOnlyCharacterInPageLabelledGB2312KeepsTheRest() throws {
        let page = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
            <title>学校新闻</title></head><body>
            <p>朱镕基同志视察我校并发表重要讲话。</p>
            <p>讲话之后的这一段文字必须完整保留在索引中。</p>
            </body></html>
            """
        let document = try DocumentExtractor().extract(encoded(page, as: "GBK"), fileExtension: "html")
        #expect(document.encoding == "GB18030")
        #expect(document.title == "学校新闻")
        #expect(document.text.contains("朱镕基同志视察我校"))
        #expect(document.text.contains("讲话之后的这一段文字必须完整保留在索引中。"))
    }

    /// The same page as UTF-8 still says gb2312 in its meta tag: libxml2 must
    /// not switch encodings mid-parse when it meets it.
    @Test func utf8PageWithLyingGB2312LabelStaysUTF8() throws {
        let page = """
            <html><head><meta charset="gb2312"><title>喆与堃</title></head>
            <body><p>张喆和李堃获得一等奖学金。</p><p>后面的段落。</p></body></html>
            """
        let document = try extract(page)
        #expect(document.encoding == "UTF-8")
        #expect(document.title == "喆与堃")
        #expect(document.text == "张喆和李堃获得一等奖学金。\n后面的段落。")
    }

    @Test func undeclaredGBKIsDecodedAsChinese() throws {
        let page = "<html><body><h1>计算机学院召开教学工作会议</h1><p>会议由院长主持，全体教师参加了会议。</p></body></html>"
        let document = try DocumentExtractor().extract(encoded(page, as: "GBK"))
        #expect(document.encoding == "GB18030")
        #expect(document.text == "计算机学院召开教学工作会议\n会议由院长主持，全体教师参加了会议。")
    }

    @Test func undeclaredGBKPlainText() throws {
        let text = "当前位置：首页 > 新闻中心\n\n数学系举办学术报告会\n\n本次报告会邀请了多位知名学者，就代数几何的最新进展作了专题报告，吸引了大量师生参加。\n"
        let document = try DocumentExtractor().extract(encoded(text, as: "GBK"), fileExtension: "txt")
        #expect(document.format == .plainText)
        #expect(document.encoding == "GB18030")
        #expect(document.title == "数学系举办学术报告会")
        #expect(!document.text.contains("当前位置"))
        #expect(document.text.contains("代数几何的最新进展"))
    }

    @Test func windows1252AccentsAndCurlyQuotes() throws {
        let page = "<html><body><p>The caf\u{E9} r\u{E9}sum\u{E9} said \u{201C}bonjour\u{201D} \u{2014} it\u{2019}s fine.</p></body></html>"
        let document = try DocumentExtractor().extract(encoded(page, as: "WINDOWS-1252"), fileExtension: "html")
        #expect(document.encoding == "windows-1252")
        #expect(document.text == "The café résumé said “bonjour” — it’s fine.")
    }

    @Test func latin1LabelIsReadAsWindows1252() throws {
        let page = "<meta charset=iso-8859-1><p>\u{201C}Na\u{EF}ve\u{201D} caf\u{E9}</p>"
        let document = try DocumentExtractor().extract(encoded(page, as: "WINDOWS-1252"), fileExtension: "html")
        #expect(document.encoding == "windows-1252")
        #expect(document.text == "“Naïve” café")
    }

    @Test(arguments: [("UTF-16LE", [UInt8]([0xFF, 0xFE])), ("UTF-16BE", [UInt8]([0xFE, 0xFF]))])
    func utf16WithByteOrderMark(charset: String, bom: [UInt8]) throws {
        let page = "<html><head><title>Über uns</title></head><body><p>Grüße aus Zürich — 你好</p></body></html>"
        let document = try DocumentExtractor().extract(bom + encoded(page, as: charset), fileExtension: "html")
        #expect(document.encoding == charset)
        #expect(document.title == "Über uns")
        #expect(document.text == "Grüße aus Zürich — 你好")
    }

    @Test func utf16WithoutByteOrderMarkIsRecognised() throws {
        let text = "Department of Physics\nSeminar on quantum materials, Room 204, all welcome."
        let document = try DocumentExtractor().extract(encoded(text, as: "UTF-16LE"), fileExtension: "txt")
        #expect(document.encoding == "UTF-16LE")
        #expect(document.text.contains("quantum materials"))
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let document = try DocumentExtractor().extract([0xEF, 0xBB, 0xBF] + Array("<p>Hello</p>".utf8))
        #expect(document.encoding == "UTF-8")
        #expect(document.text == "Hello")
    }

    /// One stray Latin-1 byte in a UTF-8 page becomes U+FFFD; the rest stays.
    @Test func invalidByteInUTF8PageKeepsTheRest() throws {
        let bytes = Array("<meta charset=utf-8><p>Zürich ".utf8) + [0xE9] + Array(" and everything after 中文</p>".utf8)
        let document = try DocumentExtractor().extract(bytes, fileExtension: "html")
        #expect(document.encoding == "UTF-8")
        #expect(document.text == "Zürich \u{FFFD} and everything after 中文")
    }

    @Test func sniffingOrder() {
        func sniff(_ bytes: [UInt8]) -> TextEncoding { bytes.withUnsafeBufferPointer(CharsetSniffer.sniff).encoding }
        #expect(sniff(Array("plain ascii".utf8)) == .utf8)
        #expect(sniff(Array("<meta charset='GBK'>ascii only".utf8)) == .gb18030)
        #expect(sniff(Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><p>x</p>".utf8)) == .windows1252)
        #expect(sniff(Array("<meta charset=\"x-gbk\"><p>中文</p>".utf8)) == .utf8)  // the label lies
        #expect(sniff(encoded("<p>naïve café</p>", as: "WINDOWS-1252")) == .windows1252)
        #expect(sniff(Array("<script>var charset='gbk'</script><p>x</p>".utf8)) == .utf8)  // not in a meta tag
        #expect(sniff(Array("<meta charset=shift_jis><p>x</p>".utf8)) == .iconv("SHIFT_JIS"))
    }
}
