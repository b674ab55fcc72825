import Foundation
import Testing
@testable import Scour
import ScourTestSupport

/// Bodies stored as sent (wget, Heritrix) and bodies stored decoded under
/// the original headers (some browser-based crawlers) both come out decoded.
@Suite("HTTP body decoding")
struct HTTPBodyDecodingTests {
    static let page = Array("<html><p>café</p></html>".utf8)
    static let limit = 1 << 20

    @Test func chunksAreJoinedAndExtensionsIgnored() {
        let chunked = Array("5;ext=1\r\n<html\r\n".utf8) + Array("14\r\n><p>café</p></html>\r\n0\r\n\r\n".utf8)
        #expect(HTTPBodyDecoding.decode(chunked, transferEncoding: "chunked", contentEncoding: nil, limit: Self.limit)
                == .success(Self.page))
    }

    @Test func headersThatNoLongerApplyLeaveTheBodyAlone() {
        for (transfer, coding) in [("chunked", nil), (nil, "gzip"), (nil, "deflate"), ("chunked", "x-gzip")] as [(String?, String?)] {
            #expect(HTTPBodyDecoding.decode(Self.page, transferEncoding: transfer, contentEncoding: coding, limit: Self.limit)
                    == .success(Self.page), "\(transfer ?? "-") \(coding ?? "-")")
        }
    }

    @Test func unsupportedAndBrokenCodingsAreReported() throws {
        #expect(HTTPBodyDecoding.decode(Self.page, transferEncoding: nil, contentEncoding: "br", limit: Self.limit)
                == .failure(.unsupportedEncoding("br")))
        let broken: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0xFF, 0xFF, 0xFF, 0xFF]
        guard case .failure(.corrupt(let message)) = HTTPBodyDecoding.decode(broken, transferEncoding: nil, contentEncoding: "gzip",
                                                                             limit: Self.limit) else {
            Issue.record("a broken gzip body decoded")
            return
        }
        #expect(message.hasPrefix("Content-Encoding gzip: "))
    }

    @Test(.enabled(if: ExternalTools.gzip != nil, "gzip not on PATH"))
    func gzipBodiesOverTheLimitAreRefused() throws {
        let folder = TemporaryDirectory()
        let zeros = try ExternalTools.gzipMember([UInt8](repeating: 0x20, count: 300_000), scratch: folder)
        #expect(HTTPBodyDecoding.decode(zeros, transferEncoding: nil, contentEncoding: "gzip", limit: 100_000) == .failure(.tooLarge(100_000)))
        #expect(HTTPBodyDecoding.decode(zeros, transferEncoding: nil, contentEncoding: "gzip", limit: 300_000)
                == .success([UInt8](repeating: 0x20, count: 300_000)))
    }
}
