import ScourPrimitives

/// An in-memory vocabulary (sorts its input).
///
/// For tests and for callers that already hold their terms in memory. The
/// terms are packed into one buffer that lives as long as the vocabulary, so
/// ``term(at:)`` can hand out pointers exactly like a memory-mapped segment.
/// A term given more than once appears once, with its frequencies summed.
public struct ArrayVocabulary: TermVocabulary, Sendable {
    private let storage: Storage

    public init(_ termsWithFrequencies: [(String, Int)]) {
        var entries = termsWithFrequencies.map { (bytes: Array($0.0.utf8), frequency: $0.1) }
        entries.sort { ByteOrder.precedes($0.bytes, $1.bytes) }
        var merged: [(bytes: [UInt8], frequency: Int)] = []
        merged.reserveCapacity(entries.count)
        for entry in entries {
            if let last = merged.last, last.bytes == entry.bytes {
                merged[merged.count - 1].frequency += entry.frequency
            } else {
                merged.append(entry)
            }
        }
        storage = Storage(merged)
    }

    public var termCount: Int { storage.frequencies.count }

    public func term(at index: Int) -> UnsafeRawBufferPointer {
        let start = storage.offsets[index]
        return UnsafeRawBufferPointer(rebasing: storage.bytes[start..<storage.offsets[index + 1]])
    }

    public func documentFrequency(at index: Int) -> Int { storage.frequencies[index] }

    /// Owns the packed term bytes; a class so the buffer is freed exactly once.
    /// Immutable after `init`, hence safe to share across threads.
    private final class Storage: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
        /// `offsets[i]..<offsets[i + 1]` are the bytes of term `i`.
        let offsets: [Int]
        let frequencies: [Int]

        init(_ entries: [(bytes: [UInt8], frequency: Int)]) {
            var offsets = [0]
            offsets.reserveCapacity(entries.count + 1)
            for entry in entries { offsets.append(offsets[offsets.count - 1] + entry.bytes.count) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, offsets[offsets.count - 1]), alignment: 1)
            for (index, entry) in entries.enumerated() {
                entry.bytes.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(rebasing: buffer[offsets[index]..<offsets[index + 1]]).copyMemory(from: source)
                }
            }
            self.bytes = UnsafeRawBufferPointer(buffer)
            self.offsets = offsets
            self.frequencies = entries.map(\.frequency)
        }

        deinit { bytes.deallocate() }
    }
}
