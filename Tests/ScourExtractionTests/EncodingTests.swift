import Testing
@testable import ScourExtraction

/// Legacy CJK encodings declared and undeclared, labels that lie, and HTTP
/// header blocks saved in front of pages.
@Suite("Encodings")
struct EncodingTests {
    static let traditional = "臺灣大學圖書館今天舉行新館開幕典禮，校長在致詞時表示，這座圖書館將成為學生學習與研究的重要場所。"
        + "新館共有五層樓，提供超過三十萬冊藏書，以及兩百個自習座位。圖書館館長說，我們希望同學們能多多利用這些資源。"
    static let japanese = "東京大学の図書館は、新しい学習スペースを来月から開放すると発表しました。学生は平日の午前九時から"
        + "午後九時まで利用できます。図書館の担当者は「多くの学生に使ってほしい」と話しています。"
    static let korean = "서울대학교 도서관은 다음 달부터 새로운 학습 공간을 학생들에게 개방한다고 밝혔다. 학생들은 평일 오전 "
        + "아홉 시부터 오후 아홉 시까지 이용할 수 있다. 도서관 관계자는 많은 학생들이 이 공간을 이용하기를 바란다고 말했다."
    static let simplified = "西岭理工大学图书馆新馆今天正式开放，校长在开馆仪式上表示，新馆将成为学生学习和研究的重要场所。"
        + "新馆共有五层，提供三十万册藏书和两百个自习座位。"

    static func page(_ text: String, meta: String = "") -> String {
        "<html><head>\(meta)<title>Library</title></head><body><p>\(text)</p></body></html>"
    }

    // MARK: Known bytes

    @Test func knownByteSequencesDecode() throws {
        // 中文 in Big5, 日本 in Shift_JIS, 한국 in EUC-KR, 中文 in GBK.
        let cases: [([UInt8], String, String)] = [
            ([0xA4, 0xA4, 0xA4, 0xE5], "big5", "中文"),
            ([0x93, 0xFA, 0x96, 0x7B], "shift_jis", "日本"),
            ([0xC7, 0xD1, 0xB1, 0xB9], "euc-kr", "한국"),
            ([0xD6, 0xD0, 0xCE, 0xC4], "gbk", "中文"),
        ]
        for (bytes, label, text) in cases {
            let page = Array("<html><head><meta charset=\(label)></head><body><p>".utf8) + bytes + Array("</p></body></html>".utf8)
            let document = try DocumentExtractor().extract(page, fileExtension: "html")
            #expect(document.text == text, "\(label)")
        }
    }

    // MARK: Declared

    @Test(arguments: [("BIG5", "big5", "BIG5"), ("SHIFT_JIS", "Shift_JIS", "SHIFT_JIS"), ("EUC-KR", "euc-kr", "EUC-KR")])
    func declaredLegacyEncodings(charset: String, label: String, name: String) throws {
        let text = [Self.traditional, Self.japanese, Self.korean][["BIG5", "SHIFT_JIS", "EUC-KR"].firstIndex(of: charset)!]
        let bytes = encoded(Self.page(text, meta: "<meta http-equiv='Content-Type' content='text/html; charset=\(label)'>"), as: charset)
        let document = try DocumentExtractor().extract(bytes, fileExtension: "html")
        #expect(document.encoding == name)
        #expect(document.text == text)
    }

    /// Vendor extensions browsers accept under the plain label: NEC kanji
    /// numbers (①, Shift_JIS), UHC Hangul (똠, EUC-KR).
    @Test func vendorExtensionsDecodeUnderThePlainLabel() throws {
        let japanese = Array("<meta charset=shift_jis><p>".utf8) + encoded("①番の教室", as: "CP932") + Array("</p>".utf8)
        #expect(try DocumentExtractor().extract(japanese, fileExtension: "html").text == "①番の教室")
        let korean = Array("<meta charset=euc-kr><p>".utf8) + encoded("똠방각하 한국어", as: "CP949") + Array("</p>".utf8)
        #expect(try DocumentExtractor().extract(korean, fileExtension: "html").text == "똠방각하 한국어")
    }

    // MARK: Undeclared

    @Test(arguments: [
        ("GB18030", "GB18030"), ("BIG5", "BIG5"), ("SHIFT_JIS", "SHIFT_JIS"), ("EUC-KR", "EUC-KR"),
    ])
    func undeclaredLegacyEncodingsAreSniffed(charset: String, name: String) throws {
        let text = ["GB18030": Self.simplified, "BIG5": Self.traditional, "SHIFT_JIS": Self.japanese,
                    "EUC-KR": Self.korean][charset]!
        let document = try DocumentExtractor().extract(encoded(Self.page(text), as: charset), fileExtension: "html")
        #expect(document.encoding == name)
        #expect(document.text == text)
    }

    @Test func undeclaredPlainTextInShiftJIS() throws {
        let document = try DocumentExtractor().extract(encoded("図書館のお知らせ\n" + Self.japanese, as: "SHIFT_JIS"))
        #expect(document.encoding == "SHIFT_JIS")
        #expect(document.text.contains("学習スペース"))
    }

    @Test func shortLatinPageStaysWindows1252() throws {
        let bytes = encoded("<p>Crème brûlée, naïve café — “quoted” for €5.</p>", as: "WINDOWS-1252")
        let document = try DocumentExtractor().extract(bytes, fileExtension: "html")
        #expect(document.encoding == "windows-1252")
        #expect(document.text == "Crème brûlée, naïve café — “quoted” for €5.")
    }

    @Test func undeclaredLatin1ProseStaysWindows1252() throws {
        let text = "Die Universität Zürich eröffnet ein neues Labor für Robotik. Studierende können ab März täglich "
            + "Versuche durchführen. L’université accueille aussi des élèves étrangers : « à côté de la bibliothèque »,"
            + " près du café, où l’on étudie jusqu’à vingt-deux heures. Señoras y señores, ¡bienvenidos!"
        let document = try DocumentExtractor().extract(encoded(Self.page(text), as: "WINDOWS-1252"), fileExtension: "html")
        #expect(document.encoding == "windows-1252")
        #expect(document.text == text)
    }

    @Test func big5PlainTextEndingInACJKCharacterKeepsIt() throws {
        let text = "圖書館公告\n" + Self.traditional + "館長"
        let document = try DocumentExtractor().extract(encoded(text, as: "BIG5"), fileExtension: "txt")
        #expect(document.encoding == "BIG5")
        #expect(document.text.hasSuffix("利用這些資源。館長"))
    }

    // MARK: Labels that lie

    @Test func labelledLatin1ButGBK() throws {
        let bytes = encoded(Self.page(Self.simplified, meta: "<meta charset=iso-8859-1>"), as: "GB18030")
        let document = try DocumentExtractor().extract(bytes, fileExtension: "html")
        #expect(document.encoding == "GB18030")
        #expect(document.text == Self.simplified)
    }

    @Test func labelledGB2312ButBig5() throws {
        let bytes = encoded(Self.page(Self.traditional, meta: "<meta charset=gb2312>"), as: "BIG5")
        let document = try DocumentExtractor().extract(bytes, fileExtension: "html")
        #expect(document.encoding == "BIG5")
        #expect(document.text == Self.traditional)
    }

    @Test func labelledLatin1ButUTF8() throws {
        let document = try extract(Self.page("Zürich café 中文", meta: "<meta charset=iso-8859-1>"))
        #expect(document.encoding == "UTF-8")
        #expect(document.text == "Zürich café 中文")
    }

    @Test func labelledLatin1AndReallyLatin1() throws {
        let bytes = encoded(Self.page("Zürich, Genève et Besançon", meta: "<meta charset=iso-8859-1>"), as: "ISO-8859-1")
        let document = try DocumentExtractor().extract(bytes, fileExtension: "html")
        #expect(document.encoding == "windows-1252")
        #expect(document.text == "Zürich, Genève et Besançon")
    }

    @Test func badByteInBig5PageKeepsTheRest() throws {
        var bytes = encoded(Self.page(Self.traditional, meta: "<meta charset=big5>"), as: "BIG5")
        let paragraph = bytes.firstIndex(of: UInt8(ascii: "<"))!  // any spot after the head will do
        let middle = bytes.count / 2 + paragraph % 2
        bytes.insert(0xFF, at: middle)
        let document = try DocumentExtractor().extract(bytes, fileExtension: "html")
        #expect(document.text.hasSuffix("我們希望同學們能多多利用這些資源。"))
        #expect(document.text.hasPrefix("臺灣大學圖書館"))
    }

    // MARK: HTTP header blocks

    @Test func httpHeaderBlockIsStrippedAndItsCharsetUsed() throws {
        let head = "HTTP/1.1 200 OK\r\nDate: Tue, 10 Feb 2026 08:00:00 GMT\r\nServer: Apache\r\n"
            + "Content-Type: text/html; charset=big5\r\nContent-Length: 512\r\n\r\n"
        let bytes = Array(head.utf8) + encoded(Self.page(Self.traditional), as: "BIG5")
        let document = try DocumentExtractor().extract(bytes, fileExtension: "html")
        #expect(document.encoding == "BIG5")
        #expect(document.format == .html)
        #expect(document.title == "Library")
        #expect(document.text == Self.traditional)
    }

    @Test func httpHeaderWithLatin1DefaultYieldsToTheBytes() throws {
        let head = "HTTP/1.0 200 OK\nContent-Type: text/html; charset=ISO-8859-1\n\n"
        let document = try extract(head + Self.page("Zürich 中文"))
        #expect(document.encoding == "UTF-8")
        #expect(document.text == "Zürich 中文")
        #expect(!document.text.contains("HTTP"))
    }

    @Test func httpHeaderBlockRecognition() {
        func block(_ text: String) -> HTTPHeaderBlock? { Array(text.utf8).withUnsafeBufferPointer { HTTPHeaderBlock($0) } }
        let withCharset = block("HTTP/1.1 200 OK\r\nContent-Type: text/html;charset=\"GBK\"\r\n\r\n<html>")
        #expect(withCharset?.length == 58)
        #expect(withCharset?.charset == "gbk")
        #expect(block("HTTP/1.1 404 Not Found\n\n<p>gone</p>")?.length == 24)
        #expect(block("HTTP/1.1 is a protocol version.\nIt has headers.\n\nText") == nil)  // prose, not headers
        #expect(block("<p>HTTP/1.1 200 OK</p>") == nil)
        #expect(block("HTTP/1.1 200 OK\r\nServer: x\r\n") == nil)  // never ends: not a head
    }
}
