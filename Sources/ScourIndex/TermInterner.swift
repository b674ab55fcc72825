#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ScourPrimitives

/// Maps term bytes to dense integer ids without allocating per lookup.
///
/// Open addressing with linear probing over a power-of-two table; the
/// terms' bytes live in one arena. Indexing interns every token, so this is
/// the hottest structure of the build: a `Dictionary<[UInt8], Int>` would
/// allocate an array per token.
struct TermInterner {
    private var slots: [Int32]
    private var hashes: [UInt32] = []
    private(set) var arena: [UInt8] = []
    private(set) var starts: [Int32] = [0]
    private var mask: Int

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { starts.count - 1 }

    /// Bytes of term `id`.
    func term(_ id: Int) -> ArraySlice<UInt8> {
        arena[Int(starts[id])..<Int(starts[id + 1])]
    }

    /// The id of `term`, adding it when new.
    @inline(__always)
    mutating func intern(_ term: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(term)
        var slot = Int(hash) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if hashes[id] == hash, equals(id, term) { return id }
            slot = (slot + 1) & mask
        }
        let id = count
        slots[slot] = Int32(id)
        hashes.append(hash)
        arena.append(contentsOf: term)
        starts.append(Int32(arena.count))
        if count * 2 > slots.count { grow() }
        return id
    }

    @inline(__always)
    private func equals(_ id: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[id]), end = Int(starts[id + 1])
        guard end - start == term.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            var i = 0
            while i < term.count {
                if arena[start + i] != term[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for id in 0..<count {
            var slot = Int(hashes[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// Term ids in bytewise (memcmp) order of their terms, shorter first on ties.
    func sortedIDs() -> [Int] {
        var order = Array(0..<count)
        arena.withUnsafeBufferPointer { arena in
            starts.withUnsafeBufferPointer { starts in
                order.sort { a, b in
                    let aStart = Int(starts[a]), aLength = Int(starts[a + 1]) - aStart
                    let bStart = Int(starts[b]), bLength = Int(starts[b + 1]) - bStart
                    let raw = UnsafeRawBufferPointer(arena)
                    return ByteOrder.compare(UnsafeRawBufferPointer(rebasing: raw[aStart..<(aStart + aLength)]),
                                             UnsafeRawBufferPointer(rebasing: raw[bStart..<(bStart + bLength)])) < 0
                }
            }
        }
        return order
    }

    /// FNV-1a, 32 bit: short terms, good spread, no setup.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        FNV1a.hash32(bytes)
    }
}
