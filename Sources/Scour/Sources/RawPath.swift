#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File paths as the raw bytes the kernel hands out.
///
/// Linux file names are byte strings, not text: a crawl saved on a Latin-1
/// system has names that are not valid UTF-8, and any `String` round trip
/// (FileManager included) replaces those bytes and then cannot open the file.
/// The walker keeps the bytes to open the file and derives text only for
/// display and document ids.
enum RawPath {
    /// Text for messages and ids: the bytes decoded as UTF-8, each byte of an
    /// invalid sequence written as `\xNN` (upper-case hex), like GNU `ls -b`.
    ///
    /// `\xNN` rather than `%XX` because wget itself writes `%XX` into names,
    /// and those must stay readable as what they are. A name that literally
    /// contains `\xFF` displays the same as the byte 0xFF; document ids stay
    /// unique anyway (see ``DocumentIDs``).
    static func display(_ bytes: [UInt8]) -> String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        // The standard library's UTF-8 parser says how many bytes each
        // invalid sequence spans (ScourExtraction's UTF8Scan counts, it does
        // not locate); valid runs are decoded in one piece.
        var result = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, validStart = 0
        func flushValid(upTo end: Int) {
            if validStart < end { result += String(decoding: bytes[validStart..<end], as: UTF8.self) }
        }
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .error(let length):
                flushValid(upTo: offset)
                for byte in bytes[offset..<offset + length] { result += "\\x" + hex(byte) }
                offset += length
                validStart = offset
            case .emptyInput:
                break loop
            }
        }
        flushValid(upTo: bytes.count)
        return result
    }

    /// Two upper-case hex digits.
    static func hex(_ byte: UInt8) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// `parent/name` as bytes (no doubled slash when `parent` ends with one).
    static func joined(_ parent: [UInt8], _ name: [UInt8]) -> [UInt8] {
        if parent.isEmpty { return name }
        return parent.last == UInt8(ascii: "/") ? parent + name : parent + [UInt8(ascii: "/")] + name
    }

    /// Calls `body` with `path` as a NUL-terminated C string (one copy).
    static func withCString<R>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// The message for an `errno` value, e.g. "Permission denied".
    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The components of `path` (split on `/`, empty ones dropped).
    static func components(_ path: [UInt8]) -> [[UInt8]] {
        path.split(separator: UInt8(ascii: "/")).map(Array.init)
    }
}
