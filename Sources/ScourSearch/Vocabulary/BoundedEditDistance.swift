/// Damerau–Levenshtein distance in its optimal-string-alignment form (insert,
/// delete, substitute, transpose two adjacent scalars), measured in Unicode
/// scalars, from one fixed query to many candidate terms, giving up as soon as
/// the distance must exceed `maxEdits`.
///
/// Fuzzy expansion runs this over every term of a dictionary with up to a
/// million entries, so the hot path avoids all per-term work it can: a length
/// check on the raw UTF-8 before decoding, decoding into a buffer reused for
/// every term, and a dynamic-programming band only `2 × maxEdits + 1` cells
/// wide that stops at the first row whose every cell is over the bound. Cells
/// outside the band can only be larger than the bound, so they are never read
/// except through explicit "infinity" (bound + 1) sentinels.
final class BoundedEditDistance {
    let maxEdits: Int
    /// The query's scalars: the columns of the dynamic-programming table.
    private let query: UnsafeMutableBufferPointer<UInt32>
    /// The candidate's scalars; a term longer than `query.count + maxEdits`
    /// scalars is out of reach, so that is all the room it ever needs.
    private let candidate: UnsafeMutableBufferPointer<UInt32>
    /// Three table rows (two back, one back, current) of `query.count + 2`
    /// cells each: the transposition looks two rows up.
    private let rows: UnsafeMutableBufferPointer<Int>

    init(query text: String, maxEdits: Int) {
        self.maxEdits = max(0, maxEdits)
        let scalars = text.unicodeScalars.map(\.value)
        query = .allocate(capacity: max(1, scalars.count))
        _ = query.initialize(from: scalars)
        candidate = .allocate(capacity: scalars.count + self.maxEdits + 1)
        candidate.initialize(repeating: 0)
        rows = .allocate(capacity: 3 * (scalars.count + 2))
        rows.initialize(repeating: 0)
        queryLength = scalars.count
    }

    deinit {
        query.deallocate()
        candidate.deallocate()
        rows.deallocate()
    }

    /// Number of scalars in the query.
    let queryLength: Int

    /// The distance from the query to the UTF-8 term `bytes`, or `nil` when it
    /// is more than `maxEdits`.
    func distance(toUTF8 bytes: UnsafeRawBufferPointer) -> Int? {
        let n = queryLength
        let k = maxEdits
        // A scalar takes 1–4 bytes: rule out what is too short or too long
        // before even counting scalars.
        guard bytes.count + k >= n, bytes.count <= 4 * (n + k) else { return nil }
        var scalarCount = 0
        for byte in bytes where byte & 0xC0 != 0x80 { scalarCount += 1 }
        guard abs(scalarCount - n) <= k, let m = decode(bytes), abs(m - n) <= k else { return nil }
        return bandedDistance(candidateLength: m)
    }

    /// Decodes `bytes` into `candidate` and returns the scalar count, or `nil`
    /// when there are more scalars than fit (which puts the term out of reach).
    /// A malformed byte becomes U+FFFD, as `String(decoding:as:)` would.
    private func decode(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var count = 0
        var offset = 0
        while offset < bytes.count {
            guard count < candidate.count else { return nil }
            let lead = bytes[offset]
            if lead < 0x80 {
                candidate[count] = UInt32(lead)
                offset += 1
            } else if let (scalar, length) = Self.decodeMultibyte(bytes, at: offset) {
                candidate[count] = scalar
                offset += length
            } else {
                candidate[count] = 0xFFFD
                offset += 1
            }
            count += 1
        }
        return count
    }

    /// A well-formed 2–4 byte sequence at `offset` (no overlongs, surrogates
    /// or values past U+10FFFF), or `nil`.
    private static func decodeMultibyte(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (UInt32, Int)? {
        let lead = bytes[offset]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard offset + length <= bytes.count else { return nil }
        for index in 1..<length {
            let byte = bytes[offset + index]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let smallest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= smallest, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return (value, length)
    }

    /// The banded optimal-string-alignment table: candidate scalars are rows,
    /// query scalars columns, and row `i` only fills columns `i - k ... i + k`.
    private func bandedDistance(candidateLength m: Int) -> Int? {
        let n = queryLength
        let k = maxEdits
        let infinity = k + 1
        let width = n + 2
        var twoUp = 0, oneUp = width, current = 2 * width
        // Row 0: turning the empty prefix into j query scalars costs j.
        for column in 0...min(n, k) { rows[oneUp + column] = column }
        if k + 1 <= n { rows[oneUp + k + 1] = infinity }
        if m > 0 {
            for i in 1...m {
                let low = max(1, i - k)
                let high = min(n, i + k)
                let firstCell = low == 1 ? min(i, infinity) : infinity
                rows[current + low - 1] = firstCell
                var rowMinimum = firstCell
                let scalar = candidate[i - 1]
                if low <= high {
                    for j in low...high {
                        let cost = scalar == query[j - 1] ? 0 : 1
                        var value = min(rows[oneUp + j - 1] + cost, rows[oneUp + j] + 1, rows[current + j - 1] + 1)
                        if i > 1, j > 1, scalar == query[j - 2], candidate[i - 2] == query[j - 1] {
                            value = min(value, rows[twoUp + j - 2] + 1)
                        }
                        value = min(value, infinity)
                        rows[current + j] = value
                        rowMinimum = min(rowMinimum, value)
                    }
                }
                if high + 1 <= n { rows[current + high + 1] = infinity }
                // No later row can come back under the bound: each cell builds
                // on the row above (a transposition's source row is covered by
                // the diagonal step through the row in between).
                if rowMinimum > k { return nil }
                (twoUp, oneUp, current) = (oneUp, current, twoUp)
            }
        }
        let result = rows[oneUp + n]
        return result <= k ? result : nil
    }
}
