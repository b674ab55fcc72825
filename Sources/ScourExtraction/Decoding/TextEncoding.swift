import Glibc

/// A character encoding the extractor decodes from. Labels found in pages
/// are mapped onto these so that a page is always decoded with the widest
/// compatible encoding (gb2312 → GB18030, latin1 → windows-1252).
enum TextEncoding: Sendable, Equatable {
    case utf8
    case utf16LE
    case utf16BE
    /// A superset of GB2312 and GBK, so GBK-only characters (镕 喆 堃) decode.
    case gb18030
    /// A superset of ISO-8859-1 and US-ASCII, as browsers treat them.
    case windows1252
    /// Any other encoding glibc's iconv knows, by its iconv name.
    case iconv(String)

    /// Traditional Chinese; decoded as Big5-HKSCS, its superset.
    static let big5 = TextEncoding.iconv("BIG5")
    /// Japanese; decoded as Windows-31J (CP932), its superset, as browsers do.
    static let shiftJIS = TextEncoding.iconv("SHIFT_JIS")
    /// Korean; decoded as CP949 (Unified Hangul Code), its superset.
    static let eucKR = TextEncoding.iconv("EUC-KR")

    /// The double-byte encodings `LegacyCJKGuesser` chooses between.
    var isLegacyCJK: Bool { self == .gb18030 || self == .big5 || self == .shiftJIS || self == .eucKR }

    /// The name reported in `ExtractedDocument.encoding`.
    var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .gb18030: "GB18030"
        case .windows1252: "windows-1252"
        case .iconv(let name): name
        }
    }

    /// Maps a declared label (`<meta charset>`, XML declaration) to an
    /// encoding, or `nil` when neither this table nor iconv knows it.
    init?(label rawLabel: String) {
        let label = rawLabel.lowercased()
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            self = .utf8
        // A UTF-16 label inside ASCII-compatible bytes is a lie (the label
        // itself was readable as ASCII); browsers read such pages as UTF-8.
        case "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2":
            self = .utf8
        case "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb_2312-80", "gb_2312",
             "csgb2312", "chinese", "euc-cn", "x-euc-cn", "iso-ir-58", "gb18030", "hz-gb-2312":
            self = .gb18030
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
             "ansi_x3.4-1968", "cp1252", "windows-1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100":
            self = .windows1252
        case "big5", "big-5", "cn-big5", "csbig5", "x-x-big5", "big5-hkscs", "big5hkscs", "cp950", "x-big5":
            self = .big5
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932", "ms932":
            self = .shiftJIS
        case "euc-kr", "euckr", "cseuckr", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601",
             "iso-ir-149", "windows-949", "cp949", "uhc":
            self = .eucKR
        default:
            guard label.count <= 40, TextEncoding.iconvKnows(label) else { return nil }
            self = .iconv(label.uppercased())
        }
    }

    private static func iconvKnows(_ label: String) -> Bool {
        let descriptor = iconv_open("UTF-8", label)
        guard descriptor != iconv_t(bitPattern: -1) else { return false }
        iconv_close(descriptor)
        return true
    }
}
