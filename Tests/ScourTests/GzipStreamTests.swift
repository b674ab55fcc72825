import Foundation
import Testing
@testable import Scour
import ScourTestSupport

@Suite("Gzip stream", .enabled(if: ExternalTools.gzip != nil, "gzip not on PATH: gzip stream tests skipped"))
struct GzipStreamTests {
    /// Members are read one after another, an empty member in between
    /// included, and each decoded position maps back to its member's offset.
    @Test func membersFollowEachOtherAndPositionsMapToTheirMember() throws {
        let folder = TemporaryDirectory()
        let parts = ["alpha ", "", "omega"]
        var file: [UInt8] = [], offsets: [Int] = []
        for part in parts {
            offsets.append(file.count)
            file += try ExternalTools.gzipMember(Array(part.utf8), scratch: folder)
        }
        let path = folder.write("parts.gz", file)
        let stream = GzipStream(file: try FileHandleInput(path: path), inputCapacity: 64)
        var text: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 4, alignment: 1)
        defer { chunk.deallocate() }
        reading: while true {
            switch stream.read(into: chunk) {
            case .bytes(let count): text += chunk[..<count]
            case .end: break reading
            case .damaged(let damage): Issue.record("\(damage)"); break reading
            }
        }
        #expect(String(decoding: text, as: UTF8.self) == "alpha omega")
        #expect(stream.membersStarted == 3)
        #expect(stream.sourceOffset(ofOutput: 0) == offsets[0])
        #expect(stream.sourceOffset(ofOutput: 5) == offsets[0])
        // Position 6 starts both the empty member and the last one: the last wins.
        #expect(stream.sourceOffset(ofOutput: 6) == offsets[2])
    }
}
