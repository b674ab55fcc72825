import Glibc
@testable import ScourExtraction

/// Encodes `text` in `charset` with glibc's iconv, as a legacy page would be saved.
func encoded(_ text: String, as charset: String) -> [UInt8] {
    let descriptor = iconv_open(charset, "UTF-8")
    precondition(descriptor != iconv_t(bitPattern: -1), "iconv lacks \(charset)")
    defer { iconv_close(descriptor) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
    let written = input.withUnsafeMutableBufferPointer { source in
        output.withUnsafeMutableBufferPointer { target in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(source.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(target.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = source.count, outLeft = target.count
            let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            precondition(status != -1, "cannot encode test text in \(charset)")
            return target.count - outLeft
        }
    }
    return Array(output.prefix(written))
}

/// Extracts a page given as a Swift string (UTF-8 bytes).
func extract(_ page: String, fileExtension: String = "html") throws -> ExtractedDocument {
    try DocumentExtractor().extract(Array(page.utf8), fileExtension: fileExtension)
}

extension ExtractedDocument {
    /// The kept lines.
    var lines: [String] { text.split(separator: "\n").map(String.init) }
}
