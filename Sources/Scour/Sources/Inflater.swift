import CZlib

/// The one wrapper around zlib's `inflate` in Scour: used by ``GzipStream``
/// (multi-member `.warc.gz` files) and by ``Inflater/decode(_:format:limit:)``
/// (HTTP bodies stored with `Content-Encoding: gzip` or `deflate`).
///
/// The `z_stream` lives at a fixed address (zlib keeps a pointer back to it
/// and refuses a moved one), so it is allocated once here and reused with
/// `inflateReset2` — resetting costs nothing, re-initialising allocates the
/// 32 KiB window again.
final class Inflater {
    /// What wrapper the compressed bytes carry.
    enum Format {
        /// A gzip member (RFC 1952): `Content-Encoding: gzip`, `.gz` files.
        case gzip
        /// A zlib stream (RFC 1950): what `Content-Encoding: deflate` means.
        case zlib
        /// Raw deflate (RFC 1951): what some servers send as `deflate`.
        case raw

        var windowBits: Int32 {
            switch self {
            case .gzip: return 15 + 16
            case .zlib: return 15
            case .raw: return -15
            }
        }
    }

    /// One step's outcome.
    enum Status: Equatable {
        /// Made progress; call again with more input or output room.
        case progress
        /// The end of the member or stream was reached (checksum verified).
        case streamEnd
        /// The data is not valid for the format; zlib's message.
        case corrupt(String)
    }

    let stream: UnsafeMutablePointer<z_stream>
    private(set) var format: Format

    init(format: Format) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.format = format
        // Fails only without memory for the window; nothing sensible to do then.
        precondition(scour_inflateInit2(stream, format.windowBits) == Z_OK, "zlib inflateInit2 failed")
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Starts a new member or stream, optionally switching format.
    func reset(format: Format? = nil) {
        if let format { self.format = format }
        inflateReset2(stream, self.format.windowBits)
    }

    /// Inflates from `input` into `output`; returns the outcome and how many
    /// bytes of each were used.
    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) -> (Status, consumed: Int, produced: Int) {
        stream.pointee.next_in = UnsafeMutablePointer(
            mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let result = inflate(stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.pointee.avail_in)
        let produced = output.count - Int(stream.pointee.avail_out)
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        switch result {
        case Z_STREAM_END:
            return (.streamEnd, consumed, produced)
        case Z_OK, Z_BUF_ERROR:
            return (.progress, consumed, produced)
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(result)"
            return (.corrupt(message), consumed, produced)
        }
    }

    /// The outcome of ``decode(_:format:limit:)``.
    enum Decoded: Equatable {
        case complete([UInt8])
        /// The compressed bytes ended early (a truncated record): what they held.
        case truncated([UInt8])
        /// Decoding would pass the limit (a compression bomb, or just too big).
        case tooLarge
        case corrupt(String)
    }

    /// Decodes a whole in-memory body of one `format` stream. Costs one
    /// array growing to the decoded size (at most `limit` bytes) plus a
    /// 64 KiB scratch buffer.
    static func decode(_ bytes: [UInt8], format: Format, limit: Int) -> Decoded {
        let inflater = Inflater(format: format)
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(bytes.count * 4, 4096)))
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        var position = 0
        return bytes.withUnsafeBytes { (all: UnsafeRawBufferPointer) -> Decoded in
            while true {
                let input = UnsafeRawBufferPointer(rebasing: all[position...])
                let (status, consumed, produced) = inflater.step(input: input, output: chunk)
                position += consumed
                if output.count + produced > limit { return .tooLarge }
                output.append(contentsOf: chunk[..<produced])
                switch status {
                case .streamEnd: return .complete(output)
                case .corrupt(let message): return .corrupt(message)
                case .progress:
                    // No input left and no output made: the stream is cut short.
                    if consumed == 0 && produced == 0 { return .truncated(output) }
                }
            }
        }
    }
}
