import Foundation
import Testing
@testable import Scour
import ScourTestSupport

/// WARC files written by warcio (the Webrecorder library that pywb and
/// browsertrix build on): WARC/1.1 gzip and WARC/1.0 uncompressed, with a
/// revisit, chunked, gzip- and deflate-encoded, and chunked+gzip bodies, a windows-1252 page,
/// an image, a PDF, a 410, a page without Content-Type, a 3 MiB page and an
/// `http` resource. `Tests/Fixtures/write-warcio-warcs.py` writes them and
/// what each page must decode to.
@Suite("WARC written by warcio",
       .enabled(if: ExternalTools.hasWarcio, "no .venv-tests/bin/python: run Tests/Scripts/setup-test-tools.sh to install warcio"))
struct WarcioWARCTests {
    struct Expected: Decodable {
        /// Per file: [type, target URI or null, offset] as warcio's ArchiveIterator reports them.
        var offsets: [String: [[OffsetField]]]
        var bodies: [String: String]
    }
    enum OffsetField: Decodable {
        case text(String), number(Int), none
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .none }
            else if let number = try? container.decode(Int.self) { self = .number(number) }
            else { self = .text(try container.decode(String.self)) }
        }
    }

    static func write(_ folder: TemporaryDirectory) throws -> Expected {
        let script = RepositoryFiles.root.appendingPathComponent("Tests/Fixtures/write-warcio-warcs.py").path
        let result = try ExternalProcess.run(ExternalTools.venvPython!, [script, folder.path])
        try #require(result.status == 0, "warcio script failed: \(result.output)")
        return try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: folder.file("expected.json"))))
    }

    /// warcio's (type, uri) → offset list for one file.
    static func offsets(_ expected: Expected, _ name: String) -> [(type: String, uri: String?, offset: Int)] {
        expected.offsets[name, default: []].map { fields in
            guard case .text(let type) = fields[0], case .number(let offset) = fields[2] else { return ("?", nil, -1) }
            if case .text(let uri) = fields[1] { return (type, uri, offset) }
            return (type, nil, offset)
        }
    }

    @Test(arguments: ["test.warc.gz", "test.warc"])
    func pagesAreDecodedAndOtherRecordsSkipped(_ name: String) throws {
        let folder = TemporaryDirectory()
        let expected = try Self.write(folder)
        // A 64 KiB buffer: the 3 MiB page streams through it in many refills.
        let reader = try WARCReader(path: folder.file(name), bufferCapacity: 64 * 1024)
        let events = allEvents(reader)
        #expect(events.damages.isEmpty, "\(events.damages)")

        let documents = Dictionary(uniqueKeysWithValues: events.documents.map { ($0.targetURI, $0) })
        #expect(Set(documents.keys) == Set(expected.bodies.keys))
        for (uri, base64) in expected.bodies {
            #expect(documents[uri]?.body == [UInt8](Data(base64Encoded: base64)!), "\(uri)")
        }
        let plain = try #require(documents["http://example.org/plain"])
        #expect(plain.contentType == "text/html")
        #expect(plain.charset == "utf-8")
        #expect(plain.lastModified == "Wed, 01 May 2024 10:00:00 GMT")
        #expect(plain.date?.hasSuffix("Z") == true)
        #expect(documents["http://example.org/latin1"]?.charset == "windows-1252")
        #expect(documents["http://example.org/latin1"]?.body.contains(0xE9) == true)
        #expect(documents["http://example.org/deflated"]?.contentType == "text/plain")
        #expect(documents["http://example.org/notype"].map { $0.contentType == nil } == true)
        #expect(documents["http://example.org/saved.html"]?.contentType == "text/html")
        #expect(documents["http://example.org/big"]?.body.count ?? 0 > 3 * 1024 * 1024)

        let skips = events.skips.map { "\($0.category.rawValue) \($0.targetURI ?? "-") \($0.reason)" }
        #expect(skips == [
            "warcinfo - warcinfo record",
            "request http://example.org/plain request record",
            "image http://example.org/photo.jpg image/jpeg",
            "pdf http://example.org/report.pdf application/pdf",
            "http-status http://example.org/gone HTTP 410",
            "revisit http://example.org/plain-again revisit record",
            "metadata http://example.org/plain metadata record",
        ])

        // Every record's offset is the one warcio reports (the gzip member
        // for .warc.gz, the record's first byte for .warc).
        let ours = events.map { event -> Int in
            switch event {
            case .document(let document): return document.offset
            case .skipped(let skip): return skip.offset
            case .damaged(let damage): return damage.offset
            }
        }
        #expect(ours == Self.offsets(expected, name).map(\.offset))
    }

    /// Bounded memory, checked by structure rather than by measuring: a body
    /// over the cap is skipped without being kept, and in an uncompressed
    /// file without even being read; the records after it are intact.
    @Test(arguments: ["test.warc.gz", "test.warc"])
    func bodyOverTheCapIsSkippedAndReadingGoesOn(_ name: String) throws {
        let folder = TemporaryDirectory()
        let expected = try Self.write(folder)
        let path = folder.file(name)
        let reader = try WARCReader(path: path, maximumBodySize: 1 << 20, bufferCapacity: 64 * 1024)
        let events = allEvents(reader)
        let tooLarge = events.skips.filter { $0.category == .tooLarge }
        #expect(tooLarge.map(\.targetURI) == ["http://example.org/big"])
        #expect(tooLarge.first?.reason.hasPrefix("body of 31457") == true)
        #expect(Set(events.documents.map(\.targetURI)) == Set(expected.bodies.keys).subtracting(["http://example.org/big"]))
        #expect(events.skips.last?.category == .metadata)
        if !reader.isCompressed {
            // The 3 MiB body was stepped over with the file offset, not read.
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
            #expect(reader.fileBytesRead < size - 3 * 1024 * 1024 + 128 * 1024)
        }
    }
}
