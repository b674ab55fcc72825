/// How catalog entries are laid out on disk, shared by the catalog file
/// and the spill a run writes its entries to (``DocumentCatalogSpill``).
///
/// A catalog file is: magic, version, the string table (sources,
/// containers, segments and site groups, each stored once), the container
/// table, the entry count, the entries, and a CRC-32 of everything before
/// it. An entry names table strings by their index.
extension DocumentCatalog {
    /// The strings entries name by index, in first-seen order.
    struct StringTable {
        private(set) var strings: [String] = []
        private var indices: [String: Int] = [:]

        mutating func add(_ string: String) {
            guard indices[string] == nil else { return }
            indices[string] = strings.count
            strings.append(string)
        }

        /// The strings of the last entry added: neighbouring entries mostly
        /// share them, and comparing costs less than hashing.
        private var last: (source: String, container: String, segment: String, groups: [String])?

        mutating func add(_ entry: Entry) {
            if let last, last.source == entry.source, last.container == entry.container,
               last.segment == entry.segment, last.groups == entry.groups {
                return
            }
            add(entry.source)
            add(entry.container)
            add(entry.segment)
            for group in entry.groups { add(group) }
            last = (entry.source, entry.container, entry.segment, entry.groups)
        }

        /// The index of a string added before.
        func index(_ string: String) -> Int { indices[string]! }
    }

    /// Writes a catalog file entry by entry: the header first (the entry
    /// count is given up front), then each entry, then the checksum.
    struct Encoder {
        private let sink: FileSink
        private let table: StringTable
        private let expected: Int
        private var written = 0
        private var bytes: [UInt8] = []

        init(path: String, strings table: StringTable, containers: [String: Container], count: Int) throws(IndexError) {
            sink = try FileSink(path: path)
            self.table = table
            expected = count
            bytes = DocumentCatalog.magic
            bytes.appendInteger(DocumentCatalog.formatVersion)
            bytes.appendVarint(UInt64(table.strings.count))
            for string in table.strings { bytes.appendString(string) }
            bytes.appendVarint(UInt64(containers.count))
            for (name, state) in containers.sorted(by: { $0.key < $1.key }) {
                bytes.appendVarint(UInt64(table.index(name)))
                bytes.appendInteger(UInt64(bitPattern: state.size))
                bytes.appendInteger(state.modified.bitPattern)
            }
            bytes.appendVarint(UInt64(count))
        }

        mutating func append(_ entry: Entry) throws(IndexError) {
            entry.encode(into: &bytes, index: table.index)
            written += 1
            if bytes.count >= 1 << 20 {
                try sink.write(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }

        /// Appends an entry already encoded against a table this one's
        /// starts with (a ``DocumentCatalogSpill`` record).
        mutating func append(encoded record: UnsafeRawBufferPointer) throws(IndexError) {
            bytes.append(contentsOf: record)
            written += 1
            if bytes.count >= 1 << 20 {
                try sink.write(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }

        func finish() throws(IndexError) {
            guard written == expected else {
                throw .io(file: sink.path, message: "catalog has \(written) entries, \(expected) announced")
            }
            try sink.write(bytes)
            try sink.finishWithChecksum()
        }
    }
}

extension DocumentCatalog.Entry {
    /// Appends the entry's bytes; `index` gives a table string's index.
    func encode(into bytes: inout [UInt8], index: (String) -> Int) {
        bytes.appendString(id)
        bytes.appendString(keeper)
        bytes.appendString(alias)
        bytes.appendVarint(UInt64(index(source)))
        bytes.appendVarint(UInt64(index(container)))
        bytes.appendString(url)
        bytes.appendString(location)
        bytes.appendVarint(UInt64(index(segment)))
        bytes.appendVarint(UInt64(max(0, local)))
        bytes.appendInteger(UInt64(bitPattern: size))
        bytes.appendInteger(modified.bitPattern)
        bytes.appendInteger(rawHash)
        bytes.appendInteger(textHash)
        bytes.appendVarint(UInt64(groups.count))
        for group in groups { bytes.appendVarint(UInt64(index(group))) }
        bytes.appendInteger(exact)
        bytes.appendInteger(sketchLow)
        bytes.appendInteger(sketchHigh)
        bytes.appendVarint(UInt64(max(0, words)))
        bytes.appendVarint(UInt64(titleWords.count))
        for word in titleWords { bytes.appendInteger(word) }
    }

    /// The table index of the segment an encoded entry names, read
    /// without decoding the rest.
    static func segmentIndex(of record: UnsafeRawBufferPointer) -> Int? {
        var reader = ByteReader(record)
        for _ in 0..<3 { guard reader.skipString() else { return nil } }   // id, keeper, alias
        guard reader.varint() != nil, reader.varint() != nil else { return nil }   // source, container
        for _ in 0..<2 { guard reader.skipString() else { return nil } }   // url, location
        return reader.varint().flatMap { $0 <= UInt64(Int32.max) ? Int($0) : nil }
    }

    /// Reads one entry; nil when the bytes are damaged (a count past the
    /// end, an index outside the table, a value out of range).
    static func decode(_ reader: inout ByteReader, strings: [String]) -> Self? {
        guard let id = reader.string(), let keeper = reader.string(), let alias = reader.string(),
              let source = reader.string(in: strings), let container = reader.string(in: strings),
              let url = reader.string(), let location = reader.string(), let segment = reader.string(in: strings),
              let local = reader.varint(), local <= UInt64(Int32.max),
              let size = reader.integer(UInt64.self), let modified = reader.integer(UInt64.self),
              let rawHash = reader.integer(UInt64.self), let textHash = reader.integer(UInt64.self),
              let groupCount = reader.count(minimumSize: 1)
        else { return nil }
        var groups: [String] = []
        groups.reserveCapacity(groupCount)
        for _ in 0..<groupCount {
            guard let group = reader.string(in: strings) else { return nil }
            groups.append(group)
        }
        guard let exact = reader.integer(UInt64.self), let low = reader.integer(UInt64.self),
              let high = reader.integer(UInt64.self), let words = reader.varint(), words <= UInt64(Int32.max),
              let titleCount = reader.count(minimumSize: 4)
        else { return nil }
        var titleWords: [UInt32] = []
        titleWords.reserveCapacity(titleCount)
        for _ in 0..<titleCount {
            guard let word = reader.integer(UInt32.self) else { return nil }
            titleWords.append(word)
        }
        return Self(id: id, keeper: keeper, alias: alias, source: source, container: container, url: url,
                    location: location, segment: segment, local: Int(local), size: Int64(bitPattern: size),
                    modified: Double(bitPattern: modified), rawHash: rawHash, textHash: textHash, groups: groups,
                    exact: exact, sketchLow: low, sketchHigh: high, words: Int(words), titleWords: titleWords)
    }
}

extension ByteReader {
    /// A count of items at least `minimumSize` bytes each, when that many
    /// fit in the bytes left.
    mutating func count(minimumSize: Int) -> Int? {
        guard let value = varint(), value <= UInt64((end - offset) / max(1, minimumSize)) else { return nil }
        return Int(value)
    }

    /// Steps over a length-prefixed string; false when it runs past the end.
    mutating func skipString() -> Bool {
        guard let length = varint(), length <= UInt64(Int.max) else { return false }
        return bytes(Int(length)) != nil
    }

    /// A string named by its index in `strings`.
    mutating func string(in strings: [String]) -> String? {
        guard let index = varint(), index < UInt64(strings.count) else { return nil }
        return strings[Int(index)]
    }
}
