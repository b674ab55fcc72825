import Foundation
import Testing
@testable import Scour
import ScourTestSupport

@Suite("JSON Lines streamed")
struct JSONLinesStreamTests {
    static func read(_ stream: JSONLinesStream) -> [JSONLinesRecord] {
        var records: [JSONLinesRecord] = []
        while let record = stream.next() { records.append(record) }
        return records
    }

    /// A tiny read buffer makes every line cross buffer boundaries.
    @Test(arguments: [16, 256 * 1024])
    func linesAreSplitOnLFAndCRLFWithBlankLinesSkipped(bufferCapacity: Int) throws {
        let folder = TemporaryDirectory()
        let long = #"{"id": "long", "text": ""# + String(repeating: "word ", count: 120_000) + #""}"#
        let text = "\u{FEFF}{\"id\": 1}\r\n\r\n   \t\n" + long + "\n{\"id\": 3}\r\n\n{\"id\": \"last\"}"
        let path = folder.write("lines.jsonl", text)
        let stream = try JSONLinesStream(path: path, bufferCapacity: bufferCapacity)
        let records = Self.read(stream)
        #expect(records.map(\.line) == [1, 4, 5, 7])
        #expect(records.map { String(decoding: $0.bytes, as: UTF8.self) } == [#"{"id": 1}"#, long, #"{"id": 3}"#, #"{"id": "last"}"#])
        #expect(records.allSatisfy { $0.file == path })
        #expect(stream.skipped.isEmpty)
    }

    @Test func aLineOverTheCapIsSkippedWithItsNumber() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("cap.jsonl", "{\"a\": 1}\n" + String(repeating: "x", count: 150) + "\n{\"b\": 2}\n"
                                + String(repeating: "y", count: 101))
        let stream = try JSONLinesStream(path: path, maximumLineLength: 100, bufferCapacity: 32)
        let records = Self.read(stream)
        #expect(records.map(\.line) == [1, 3])
        #expect(stream.skipped.map(\.description) == [
            "\(path):2: line is 150 bytes, over the 100-byte cap",
            "\(path):4: line is 101 bytes, over the 100-byte cap",
        ])
    }

    @Test func gzipCompressedLinesAreReadToo() throws {
        try #require(ExternalTools.gzip != nil)
        let folder = TemporaryDirectory()
        let compressed = try ExternalTools.gzipMember(Array("{\"id\": 1}\n\n{\"id\": 2}\n".utf8), scratch: folder)
        let path = folder.write("lines.jsonl.gz", compressed)
        #expect(Self.read(try JSONLinesStream(path: path)).map(\.line) == [1, 3])
    }

    @Test func missingFileThrowsNamingIt() {
        #expect(throws: SourceOpenError(path: "/nonexistent/x.jsonl", reason: "No such file or directory")) {
            try JSONLinesStream(path: "/nonexistent/x.jsonl")
        }
    }
}
