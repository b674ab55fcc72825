import Foundation
import Testing
import Scour
import ScourTestSupport

/// Damaged WARC files: what comes before the damage is kept, the damage is
/// reported with the file and offset, and (for corruption) what comes after
/// is still read. The records are made here and each gzipped as its own
/// member by the real `gzip`, as `.warc.gz` writers do.
@Suite("Damaged WARC files", .enabled(if: ExternalTools.gzip != nil, "gzip not on PATH: damaged WARC tests skipped"))
struct DamagedWARCTests {
    static let uris = (0..<4).map { "http://example.org/page\($0).html" }

    /// A page of ~6 KB of varied words, so each member's deflate data is
    /// Huffman-coded and a flipped byte in its middle breaks it.
    static func html(_ index: Int) -> String {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1)
        let words = ["rover", "plankton", "library", "orbit", "vessel", "lecture", "harbor", "quartz", "meadow", "signal"]
        var text = "<html><head><title>Page \(index)</title></head><body><p>"
        for _ in 0..<800 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text += words[Int(state >> 60) % words.count] + (state & 1 == 0 ? " " : ", ")
        }
        return text + "</p></body></html>"
    }

    static func record(_ index: Int, lengthError: Int = 0) -> [UInt8] {
        let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n\(html(index))".utf8)
        let header = "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: \(uris[index])\r\n"
            + "WARC-Date: 2024-05-01T12:00:0\(index)Z\r\nContent-Type: application/http; msgtype=response\r\n"
            + "Content-Length: \(http.count - lengthError)\r\n\r\n"
        return Array(header.utf8) + http + Array("\r\n\r\n".utf8)
    }

    /// The four records as gzip members, and each member's offset.
    static func members(_ scratch: TemporaryDirectory) throws -> (bytes: [UInt8], offsets: [Int]) {
        var bytes: [UInt8] = [], offsets: [Int] = []
        for index in uris.indices {
            offsets.append(bytes.count)
            bytes += try ExternalTools.gzipMember(record(index), scratch: scratch)
        }
        return (bytes, offsets)
    }

    static func read(_ path: String) throws -> [WARCEvent] { allEvents(try WARCReader(path: path)) }

    @Test func gzipCutInsideAMemberKeepsTheMembersBefore() throws {
        let folder = TemporaryDirectory()
        let (bytes, offsets) = try Self.members(folder)
        let cut = offsets[2] + (offsets[3] - offsets[2]) / 2
        let path = folder.write("cut.warc.gz", Array(bytes[..<cut]))
        let events = try Self.read(path)
        #expect(events.documents.map(\.targetURI) == Array(Self.uris[0...1]))
        #expect(events.documents.map(\.body) == [Array(Self.html(0).utf8), Array(Self.html(1).utf8)])
        #expect(events.documents.map(\.offset) == Array(offsets[0...1]))
        #expect(events.damages == [SourceDamage(offset: offsets[2],
            message: "\(path): truncated gzip member at offset \(offsets[2]): the file ends at offset \(cut)")])
        #expect(events.count == 3)
    }

    @Test func gzipCutBetweenMembersIsACleanEnd() throws {
        let folder = TemporaryDirectory()
        let (bytes, offsets) = try Self.members(folder)
        let events = try Self.read(folder.write("short.warc.gz", Array(bytes[..<offsets[3]])))
        #expect(events.documents.map(\.targetURI) == Array(Self.uris[0...2]))
        #expect(events.count == 3)
    }

    @Test func corruptMemberIsReportedAndTheMembersAfterItAreRead() throws {
        let folder = TemporaryDirectory()
        var (bytes, offsets) = try Self.members(folder)
        let middle = offsets[1] + (offsets[2] - offsets[1]) / 2
        for index in middle..<(middle + 16) { bytes[index] ^= 0xA5 }
        let path = folder.write("corrupt.warc.gz", bytes)
        let events = try Self.read(path)
        #expect(events.documents.map(\.targetURI) == [Self.uris[0], Self.uris[2], Self.uris[3]])
        #expect(events.documents.map(\.offset) == [offsets[0], offsets[2], offsets[3]])
        let damage = try #require(events.damages.first)
        #expect(events.damages.count == 1)
        #expect(damage.offset == offsets[1])
        #expect(damage.message.hasPrefix("\(path): corrupt gzip member at offset \(offsets[1]) ("))
        #expect(damage.message.hasSuffix("; resumed at offset \(offsets[2])"))
    }

    @Test func brokenMemberHeaderIsSkippedToTheNextMember() throws {
        let folder = TemporaryDirectory()
        var (bytes, offsets) = try Self.members(folder)
        bytes[offsets[2]] = 0x00
        bytes[offsets[2] + 1] = 0x00
        let path = folder.write("header.warc.gz", bytes)
        let events = try Self.read(path)
        #expect(events.documents.map(\.targetURI) == [Self.uris[0], Self.uris[1], Self.uris[3]])
        #expect(events.damages == [SourceDamage(offset: offsets[2],
            message: "\(path): corrupt gzip member at offset \(offsets[2]) (incorrect header check); resumed at offset \(offsets[3])")])
    }

    /// One gzip member for the whole file (some tools compress a finished
    /// .warc with plain gzip): a cut near its end loses only the last record.
    @Test func singleMemberCutMidRecordKeepsTheRecordsBefore() throws {
        let folder = TemporaryDirectory()
        let whole = try ExternalTools.gzipMember(Self.uris.indices.flatMap { Self.record($0) }, scratch: folder)
        let path = folder.write("single.warc.gz", Array(whole[..<(whole.count - 200)]))
        let events = try Self.read(path)
        #expect(events.documents.map(\.targetURI) == Array(Self.uris[0...2]))
        #expect(events.documents.allSatisfy { $0.offset == 0 })
        #expect(events.damages.map(\.message) == ["\(path): truncated gzip member at offset 0: the file ends at offset \(whole.count - 200)"])
    }

    @Test func uncompressedCutMidRecordReportsTheTruncatedRecord() throws {
        let folder = TemporaryDirectory()
        let records = Self.uris.indices.map { Self.record($0) }
        let third = records[0].count + records[1].count
        for (name, cut) in [("header", third + 40), ("body", third + records[2].count / 2)] {
            let path = folder.write("cut-\(name).warc", Array(records.joined())[..<cut].map { $0 })
            let events = try Self.read(path)
            #expect(events.documents.map(\.targetURI) == Array(Self.uris[0...1]), "\(name)")
            let expectedURI: String? = name == "header" ? nil : Self.uris[2]
            #expect(events.skips == [WARCSkip(offset: third, targetURI: expectedURI,
                                              reason: "truncated record at offset \(third)", category: .truncated)], "\(name)")
            #expect(events.count == 3)
        }
    }

    /// A Content-Length 10 bytes short leaves 10 body bytes where the next
    /// record should start: reported, skipped, and the next record is read.
    @Test func wrongContentLengthIsResynchronisedAtTheNextRecord() throws {
        let folder = TemporaryDirectory()
        let records = [Self.record(0), Self.record(1, lengthError: 10), Self.record(2), Self.record(3)]
        let path = folder.write("short-length.warc", Array(records.joined()))
        let events = try Self.read(path)
        #expect(events.documents.map(\.targetURI) == Self.uris)
        let garbage = records[0].count + records[1].count - 14
        #expect(events.damages == [SourceDamage(offset: garbage,
            message: "\(path): no WARC record at offset \(garbage); skipped 14 bytes to the next record")])
    }
}
