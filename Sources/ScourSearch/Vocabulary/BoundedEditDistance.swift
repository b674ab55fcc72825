/// Damerau–Levenshtein distance in its optimal-string-alignment form (insert,
/// delete, substitute, transpose two adjacent scalars), measured in Unicode
/// scalars, from one fixed query to many candidate terms, giving up as soon as
/// the distance must exceed `maxEdits`.
///
/// Fuzzy expansion runs this over every term of a dictionary with up to a
/// million entries, so the hot path avoids all per-term work it can:
///
/// - a length check on the raw UTF-8 before decoding anything;
/// - decoding into a buffer reused for every term (no allocation per term);
/// - a dynamic-programming band only `2 × maxEdits + 1` cells wide, stopping
///   at the first row whose every cell is over the bound (cells outside the
///   band are over the bound anyway; they are only ever read through explicit
///   "infinity" sentinels of bound + 1);
/// - reuse of rows across terms: row `i` depends only on the candidate's first
///   `i` scalars, and dictionary order puts terms with shared prefixes next to
///   each other, so only the rows past the prefix shared with the previous
///   term are computed — and a term that starts with a prefix already found
///   hopeless is rejected after decoding just that prefix.
final class BoundedEditDistance {
    let maxEdits: Int
    /// Number of scalars in the query.
    let queryLength: Int
    /// The query's scalars: the columns of the dynamic-programming table.
    private let query: UnsafeMutableBufferPointer<UInt32>
    /// The current candidate's scalars. A term longer than
    /// `queryLength + maxEdits` scalars is out of reach, so that is all the
    /// room it ever needs.
    private let candidate: UnsafeMutableBufferPointer<UInt32>
    /// Row `i` (cells `i * rowWidth ..< (i + 1) * rowWidth`) holds the
    /// distances from the candidate's first `i` scalars to each query prefix,
    /// one column per query prefix plus one spare for the band's right sentinel.
    private let rows: UnsafeMutableBufferPointer<Int>
    private let rowWidth: Int
    /// Rows `0...computedRows` are up to date for `candidate[0 ..< computedRows]`.
    private var computedRows = 0
    /// Whether row `computedRows` is entirely over the bound, which dooms every
    /// candidate starting with `candidate[0 ..< computedRows]`.
    private var lastRowHopeless = false

    init(query text: String, maxEdits: Int) {
        let k = max(0, maxEdits)
        let scalars = text.unicodeScalars.map(\.value)
        let n = scalars.count
        self.maxEdits = k
        queryLength = n
        query = .allocate(capacity: max(1, n))
        query.initialize(repeating: 0)
        _ = query.initialize(from: scalars)
        candidate = .allocate(capacity: n + k)
        candidate.initialize(repeating: 0)
        rowWidth = n + 2
        rows = .allocate(capacity: (n + k + 1) * rowWidth)
        rows.initialize(repeating: 0)
        // Row 0: turning the empty prefix into j query scalars costs j.
        for column in 0...min(n, k) { rows[column] = column }
        if k + 1 <= n { rows[k + 1] = k + 1 }
    }

    deinit {
        query.deallocate()
        candidate.deallocate()
        rows.deallocate()
    }

    /// The distance from the query to the UTF-8 term `bytes`, or `nil` when it
    /// is more than `maxEdits`.
    func distance(toUTF8 bytes: UnsafeRawBufferPointer) -> Int? {
        let n = queryLength
        let k = maxEdits
        // A scalar takes 1–4 bytes: rule out what is too short or too long
        // before decoding. Decoding then gives the exact scalar count (and
        // stops early on a hopeless prefix or once past `n + k` scalars).
        guard bytes.count + k >= n, bytes.count <= 4 * (n + k) else { return nil }
        guard let m = decode(bytes), abs(m - n) <= k else { return nil }
        if m > computedRows {
            for row in (computedRows + 1)...m {
                let hopeless = !fillRow(row)
                computedRows = row
                lastRowHopeless = hopeless
                if hopeless { return nil }
            }
        }
        let result = rows[m * rowWidth + n]
        return result <= k ? result : nil
    }

    /// Decodes `bytes` into `candidate` and returns the scalar count, keeping
    /// `computedRows` true to the candidate. Returns `nil` when the term is
    /// out of reach: it starts with the prefix of a hopeless row, or has more
    /// scalars than fit. A malformed byte becomes U+FFFD, as
    /// `String(decoding:as:)` would.
    private func decode(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var count = 0
        var offset = 0
        var shared = computedRows  // rows still valid: the prefix unchanged so far
        defer { if shared < computedRows { computedRows = shared; lastRowHopeless = false } }
        while offset < bytes.count {
            guard count < candidate.count else { return nil }
            let scalar: UInt32
            let lead = bytes[offset]
            if lead < 0x80 {
                scalar = UInt32(lead)
                offset += 1
            } else if let (value, length) = Self.decodeMultibyte(bytes, at: offset) {
                scalar = value
                offset += length
            } else {
                scalar = 0xFFFD
                offset += 1
            }
            if count < shared, candidate[count] != scalar { shared = count }
            candidate[count] = scalar
            count += 1
            if lastRowHopeless, count == computedRows, shared == computedRows { return nil }
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

    /// Computes row `i` of the banded table from rows `i - 1` and `i - 2`,
    /// filling only columns `i - k ... i + k`; returns whether any cell is
    /// within the bound. No later row can come back under the bound once one
    /// is entirely over it: each cell builds on the row above (a
    /// transposition's source two rows up is covered by the diagonal step
    /// through the row in between).
    private func fillRow(_ i: Int) -> Bool {
        let n = queryLength
        let k = maxEdits
        let infinity = k + 1
        let current = i * rowWidth
        let above = current - rowWidth
        let twoAbove = above - rowWidth
        let low = max(1, i - k)
        let high = min(n, i + k)
        let firstCell = low == 1 ? min(i, infinity) : infinity
        rows[current + low - 1] = firstCell
        var rowMinimum = firstCell
        let scalar = candidate[i - 1]
        if low <= high {
            for j in low...high {
                let cost = scalar == query[j - 1] ? 0 : 1
                var value = min(rows[above + j - 1] + cost, rows[above + j] + 1, rows[current + j - 1] + 1)
                if i > 1, j > 1, scalar == query[j - 2], candidate[i - 2] == query[j - 1] {
                    value = min(value, rows[twoAbove + j - 2] + 1)
                }
                value = min(value, infinity)
                rows[current + j] = value
                rowMinimum = min(rowMinimum, value)
            }
        }
        if high + 1 <= n { rows[current + high + 1] = infinity }
        return rowMinimum <= k
    }
}
