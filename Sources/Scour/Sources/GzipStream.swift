import Foundation

/// Streams the decompressed bytes of a gzip file that may hold many members
/// (`.warc.gz` compresses each record as its own member, so one can seek to a
/// record), with a fixed-size input buffer: memory does not grow with the file.
///
/// Damage is reported, not thrown, and never loses what came before:
/// - a file that ends inside a member reports the member's offset, then ends;
/// - a member zlib rejects (`Z_DATA_ERROR`: bad header, bad block, bad
///   checksum) reports its offset, then reading resumes at the next byte
///   sequence `1F 8B 08` (a gzip header) after that member's start, so the
///   rest of the file is still read. A candidate that turns out not to be a
///   member, failing before it yields a byte, is skipped silently.
///
/// Bytes of a member that fails are never delivered past the failing call,
/// but bytes it delivered before the failure (a checksum is only checked at
/// the member's end) were; readers drop what they built from them when they
/// see the damage.
final class GzipStream {
    let file: FileHandleInput
    var path: String { file.path }
    private let input: UnsafeMutableRawBufferPointer
    /// Unconsumed compressed bytes are `input[inputStart..<inputEnd]`.
    private var inputStart = 0
    private var inputEnd = 0
    /// File offset of `input[0]`.
    private var inputFileOffset = 0
    private let inflater = Inflater(format: .gzip)
    private var inMember = false
    /// Compressed offset where the current (or last) member starts.
    private var memberStart = 0
    /// The current member was found by resynchronising and has not yet
    /// yielded a byte: if it fails, it was a false header, not new damage.
    private var unconfirmed = false
    private var finished = false
    /// Decompressed bytes delivered so far.
    private(set) var outputPosition = 0
    /// Members started so far (including damaged ones).
    private(set) var membersStarted = 0
    /// (decompressed position, compressed offset) of recent member starts, to
    /// map a record's position back to its member; pruned as positions pass.
    private var memberStarts: [(output: Int, source: Int)] = []
    private var memberStartsHead = 0

    /// The fixed size of the compressed-input buffer.
    var inputCapacity: Int { input.count }

    init(file: FileHandleInput, inputCapacity: Int = 256 * 1024) {
        self.file = file
        input = .allocate(byteCount: max(inputCapacity, 64), alignment: 1)
    }

    deinit { input.deallocate() }

    private var consumedOffset: Int { inputFileOffset + inputStart }

    /// Moves unconsumed input to the front and reads more after it: bytes
    /// added, 0 at end of file, -1 on a read error.
    private func refill() -> Int {
        if inputStart > 0 {
            let count = inputEnd - inputStart
            if count > 0 { memmove(input.baseAddress!, input.baseAddress! + inputStart, count) }
            inputFileOffset += inputStart
            inputEnd = count
            inputStart = 0
        }
        guard inputEnd < input.count else { return -1 }
        let count = file.read(at: inputFileOffset + inputEnd,
                              into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
        if count > 0 { inputEnd += count }
        return count
    }

    /// Decompresses into `output` (which must not be empty). Each `.bytes`
    /// comes from a single member.
    func read(into output: UnsafeMutableRawBufferPointer) -> ByteRead {
        precondition(!output.isEmpty)
        while !finished {
            if inputStart == inputEnd {
                let added = refill()
                if added < 0 {
                    finished = true
                    return .damaged(SourceDamage(offset: consumedOffset,
                        message: "\(path): read error at offset \(inputFileOffset + inputEnd): \(String(cString: strerror(errno)))"))
                }
                if added == 0 {
                    finished = true
                    guard inMember, !unconfirmed else { return .end }
                    return .damaged(SourceDamage(offset: memberStart,
                        message: "\(path): truncated gzip member at offset \(memberStart): the file ends at offset \(consumedOffset)"))
                }
            }
            if !inMember {
                memberStart = consumedOffset
                inflater.reset()
                inMember = true
                membersStarted += 1
                noteMemberStart(output: outputPosition, source: memberStart)
            }
            let available = UnsafeRawBufferPointer(rebasing: input[inputStart..<inputEnd])
            let (status, consumed, produced) = inflater.step(input: available, output: output)
            inputStart += consumed
            switch status {
            case .streamEnd:
                inMember = false
                unconfirmed = false
            case .progress:
                break
            case .corrupt(let message):
                inMember = false
                let damaged = memberStart, silent = unconfirmed && produced == 0
                let resumed = resynchronize(after: damaged)
                if resumed == nil { finished = true }
                unconfirmed = resumed != nil
                if silent { continue }
                let next = resumed.map { "resumed at offset \($0)" } ?? "no gzip member follows"
                return .damaged(SourceDamage(offset: damaged,
                    message: "\(path): corrupt gzip member at offset \(damaged) (\(message)); \(next)"))
            }
            if produced > 0 {
                unconfirmed = false
                outputPosition += produced
                return .bytes(produced)
            }
        }
        return .end
    }

    /// Finds the next gzip header (`1F 8B 08`, reserved flag bits clear) after
    /// `start` and positions the input there; nil when none is left. Reads
    /// the file again from `start + 1` through the same fixed buffer.
    private func resynchronize(after start: Int) -> Int? {
        inputFileOffset = start + 1
        inputStart = 0
        inputEnd = 0
        while true {
            let added = refill()
            var index = inputStart
            while index + 3 < inputEnd {
                if input[index] == 0x1F && input[index + 1] == 0x8B && input[index + 2] == 0x08
                    && input[index + 3] & 0xE0 == 0 {
                    inputStart = index
                    return inputFileOffset + index
                }
                index += 1
            }
            if added <= 0 {
                inputStart = inputEnd
                return nil
            }
            inputStart = max(inputStart, inputEnd - 3)
        }
    }

    private func noteMemberStart(output: Int, source: Int) {
        if memberStarts.count > memberStartsHead, memberStarts[memberStarts.count - 1].output == output {
            memberStarts[memberStarts.count - 1].source = source
        } else {
            memberStarts.append((output, source))
        }
        // Only a record spanning thousands of members gets here; the oldest
        // entries then belong to positions already passed.
        if memberStarts.count - memberStartsHead > 4096 { memberStartsHead += 1 }
        if memberStartsHead > 1024 {
            memberStarts.removeFirst(memberStartsHead)
            memberStartsHead = 0
        }
    }

    /// Compressed offset of the member holding decompressed byte `position`.
    /// Positions must be asked in increasing order (older entries are dropped).
    func sourceOffset(ofOutput position: Int) -> Int {
        guard memberStarts.count > memberStartsHead else { return memberStart }
        while memberStartsHead + 1 < memberStarts.count, memberStarts[memberStartsHead + 1].output <= position {
            memberStartsHead += 1
        }
        return memberStarts[memberStartsHead].source
    }
}

/// A file read as it is, or through ``GzipStream`` when it starts with the
/// gzip magic bytes (whatever its name says).
enum ByteInput {
    case plain(FileHandleInput)
    case gzip(GzipStream)

    static func open(path: String) throws(SourceOpenError) -> ByteInput {
        let file = try FileHandleInput(path: path)
        var magic: (UInt8, UInt8) = (0, 0)
        let count = withUnsafeMutableBytes(of: &magic) { file.read(at: 0, into: $0) }
        return count == 2 && magic == (0x1F, 0x8B) ? .gzip(GzipStream(file: file)) : .plain(file)
    }

    var isCompressed: Bool {
        if case .gzip = self { return true }
        return false
    }

    func read(into output: UnsafeMutableRawBufferPointer) -> ByteRead {
        switch self {
        case .plain(let file): return file.read(into: output)
        case .gzip(let stream): return stream.read(into: output)
        }
    }

    /// File offset for a position in the decoded byte stream: itself for a
    /// plain file, the start of its member for gzip (where to seek to re-read it).
    func sourceOffset(ofOutput position: Int) -> Int {
        switch self {
        case .plain: return position
        case .gzip(let stream): return stream.sourceOffset(ofOutput: position)
        }
    }
}
