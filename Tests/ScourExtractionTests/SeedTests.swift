import Foundation
import Testing
@testable import ScourExtraction

/// Where the reference data beside the repository lives (`../shared`). A
/// fresh clone does not have it; tests that need it skip and say so.
enum SharedData {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    static let seedsAvailable = FileManager.default.fileExists(atPath: seeds.path)

    static func seed(_ prefix: String) throws -> ExtractedDocument {
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path)
        let name = try #require(names.first { $0.hasPrefix(prefix) }, "no seed \(prefix)")
        let data = try Data(contentsOf: seeds.appendingPathComponent(name))
        return try DocumentExtractor().extract([UInt8](data), fileExtension: "txt")
    }

    /// Every line of the raw seed that reads as a paragraph of prose.
    static func paragraphs(_ prefix: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path)
        let name = try #require(names.first { $0.hasPrefix(prefix) })
        let text = try String(contentsOf: seeds.appendingPathComponent(name), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).map { LineShape(String($0).replacingOccurrences(
            of: "\u{A0}", with: " ").trimmingCharacters(in: .whitespaces)) }.filter(\.isProse).map(\.text)
    }
}

/// The five real scraped pages in ../shared/seeds: their chrome goes, every
/// paragraph and credit stays.
@Suite("Seeds", .enabled(if: SharedData.seedsAvailable, "../shared/seeds is absent (fresh clone): seed tests skipped"))
struct SeedTests {
    @Test(arguments: ["000", "001", "002", "003", "004"])
    func everyParagraphIsKept(seed: String) throws {
        let document = try SharedData.seed(seed)
        let paragraphs = try SharedData.paragraphs(seed)
        #expect(paragraphs.count >= 3)
        for paragraph in paragraphs {
            #expect(document.lines.contains(paragraph), "seed \(seed) lost: \(paragraph.prefix(60))…")
        }
        #expect(document.format == .plainText)
        #expect(document.encoding == "UTF-8")
    }

    @Test func seed000() throws {
        let document = try SharedData.seed("000")
        #expect(document.title
            == "Student Unions of QMES and Sichuan University - Pittsburgh Institute Held Joint Online Exchange Meeting")
        for chrome in ["Add to favorites", "Loaction: Home > About", "Copyright ©", "ICP备"] {
            #expect(!document.text.contains(chrome), "kept \(chrome)")
        }
        // The site name heads the scrape twice (two copies of the header):
        // both go, and so do the section the trail names and the dateline.
        #expect(!document.lines.contains("Queen Mary University of London Engineering School, NPU"))
        #expect(!document.lines.contains("News & Events"))
        #expect(!document.text.contains("ClickTimes"))
        #expect(document.date == "2026-01-10")
        #expect(document.lines.first
            == "Student Unions of QMES and Sichuan University - Pittsburgh Institute Held Joint Online Exchange Meeting")
        for credit in ["Text: Bi Shurui and Chen Hanlin", "Photo: Geng Tao", "Editors: Xiao Mingze and Ma Huili",
                       "Translator: Fang Jie", "Reviewer: Cheng Yin"] {
            #expect(document.lines.contains(credit), "lost \(credit)")
        }
    }

    @Test func seed001HasNoChrome() throws {
        let document = try SharedData.seed("001")
        #expect(document.lines.count == 10)
        #expect(document.lines.last == "Edit: Cheng Yin")
    }

    @Test func seed002() throws {
        let document = try SharedData.seed("002")
        #expect(document.title == "Strengthen communication and promote development together")
        #expect(document.lines.first == "Strengthen communication and promote development together")
        for chrome in ["Home Company News", "Hits: 218", "Online QQ Service", "QQ Service", "Wechat Service"] {
            #expect(!document.text.contains(chrome), "kept \(chrome)")
        }
        #expect(Array(document.lines.suffix(3))
            == ["Copy / Publicity Department", "Typesetting / Qiu Yonghong", "Reviewed by / Wang Xiaoyun"])
    }

    @Test func seed003() throws {
        let document = try SharedData.seed("003")
        #expect(document.title == "2024 SSPU Global Partnership Week Opens")
        #expect(!document.text.contains("Position:"))
        #expect(document.lines.first == "2024 SSPU Global Partnership Week Opens")
    }

    @Test func seed004() throws {
        let document = try SharedData.seed("004")
        #expect(document.title == "XJTU signed cooperation agreements with a number of UANSR membership universities")
        #expect(!document.lines.contains("2015-05-25 []"))
        #expect(document.date == "2015-05-25")
    }
}
