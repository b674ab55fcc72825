import Foundation

/// Every item an index was built from, with what the next run needs to tell
/// whether it changed: one file per commit (`catalog-<generation>.scat`),
/// named by the manifest.
///
/// An item is a file, a JSON Lines record or a WARC response. It is either
/// a *document* (held at ``Entry/segment`` / ``Entry/local``) or an *alias*
/// folded into another document as a duplicate (``Entry/keeper`` names that
/// document's id). The update decides "changed" in three steps: size and
/// modification time (files), then ``Entry/rawHash`` (the source bytes),
/// then ``Entry/textHash`` (the text after chrome and template stripping):
/// a re-scrape where only a hit counter or a sidebar changed keeps its
/// document.
///
/// Containers (JSON Lines and WARC files) are recorded with their size and
/// modification time: an unchanged container's records are not read at all.
///
/// On disk, little-endian, strings as varint length + UTF-8:
///
///     "SCOURCAT"  u32 format version
///     varint      string-table count, then the strings (sources, containers,
///                 segments, template groups: each stored once)
///     varint      container count, then per container: string index,
///                 u64 size, u64 modification time (Double bits)
///     varint      entry count, then per entry: id, keeper, alias, varint source,
///                 varint container, url, location, varint segment,
///                 varint local, u64 size, u64 modified, u64 raw hash,
///                 u64 text hash, varint group count, the groups' indexes,
///                 u64 exact, u64 sketch low, u64 sketch high, varint words,
///                 varint title-word count, the title words (u32 each)
///     u32         CRC-32 of all preceding bytes
public struct DocumentCatalog: Sendable, Equatable {
    public static let fileExtension = "scat"
    static let magic: [UInt8] = Array("SCOURCAT".utf8)
    static let formatVersion: UInt32 = 1

    /// One indexed item.
    public struct Entry: Sendable, Equatable {
        /// The item's id: a document id, or the id it would have had (aliases).
        public var id: String
        /// For an alias, the id of the document it was folded into; else empty.
        public var keeper: String
        /// For an alias, how the keeper's aliases name it (its URL, else its id).
        public var alias: String
        /// The `scour index` source it came from (absolute path).
        public var source: String
        /// The JSON Lines or WARC file holding it; empty for files.
        public var container: String
        /// The page's URL and the file it was read from, when known: what
        /// `scour remove` matches besides the id.
        public var url: String
        public var location: String
        /// The segment file holding the document; empty for aliases.
        public var segment: String
        public var local: Int
        /// File size and modification time (seconds since 1970); 0 for records.
        public var size: Int64
        public var modified: Double
        public var rawHash: UInt64
        public var textHash: UInt64
        /// The template groups (sites, folders) the page belongs to.
        public var groups: [String]
        /// Its content fingerprint (see `ContentFingerprint`): exact hash,
        /// sketch, length in words and title words.
        public var exact: UInt64
        public var sketchLow: UInt64
        public var sketchHigh: UInt64
        public var words: Int
        public var titleWords: [UInt32]

        public init(id: String, keeper: String = "", alias: String = "", source: String, container: String = "", url: String = "", location: String = "", segment: String = "",
                    local: Int = 0, size: Int64 = 0, modified: Double = 0, rawHash: UInt64, textHash: UInt64 = 0,
                    groups: [String] = [], exact: UInt64 = 0, sketchLow: UInt64 = 0, sketchHigh: UInt64 = 0,
                    words: Int = 0, titleWords: [UInt32] = []) {
            self.id = id
            self.keeper = keeper
            self.alias = alias
            self.source = source
            self.container = container
            self.url = url
            self.location = location
            self.segment = segment
            self.local = local
            self.size = size
            self.modified = modified
            self.rawHash = rawHash
            self.textHash = textHash
            self.groups = groups
            self.exact = exact
            self.sketchLow = sketchLow
            self.sketchHigh = sketchHigh
            self.words = words
            self.titleWords = titleWords
        }

        /// Whether the item is folded into another document.
        public var isAlias: Bool { !keeper.isEmpty }
    }

    /// A JSON Lines or WARC file's state when it was last read.
    public struct Container: Sendable, Equatable {
        public var size: Int64
        public var modified: Double
        public init(size: Int64, modified: Double) {
            self.size = size
            self.modified = modified
        }
    }

    public var entries: [Entry]
    public var containers: [String: Container]

    public init(entries: [Entry] = [], containers: [String: Container] = [:]) {
        self.entries = entries
        self.containers = containers
    }

    /// The file name for commit `generation`.
    public static func fileName(generation: Int) -> String {
        String(format: "catalog-%06d.%@", generation, fileExtension)
    }

    // MARK: Encoding

    /// Writes the catalog durably to `path`.
    public func write(to path: String) throws(IndexError) {
        var table = StringTable()
        for entry in entries { table.add(entry) }
        for name in containers.keys { table.add(name) }
        var encoder = try Encoder(path: path, strings: table, containers: containers, count: entries.count)
        for entry in entries { try encoder.append(entry) }
        try encoder.finish()
    }

    /// Reads and verifies the catalog at `path`. Every count and index is
    /// checked against the bytes left, so a damaged file gives an error
    /// naming it, never a crash.
    public static func read(path: String) throws(IndexError) -> DocumentCatalog {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
        }
        return try decode(Array(data), path: path)
    }

    static func decode(_ bytes: [UInt8], path: String) throws(IndexError) -> DocumentCatalog {
        guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else {
            throw .corrupted(file: path, reason: "not a Scour catalog")
        }
        let result: Result<DocumentCatalog, IndexError> = bytes.withUnsafeBytes { raw in
            var trailer = ByteReader(raw, offset: raw.count - 4)
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 4)])) == trailer.integer(UInt32.self) else {
                return .failure(.corrupted(file: path, reason: "checksum mismatch"))
            }
            var reader = ByteReader(UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 4)]), offset: magic.count)
            let version = reader.integer(UInt32.self) ?? 0
            guard version == formatVersion else {
                return .failure(.unsupportedVersion(file: path, found: version, supported: formatVersion...formatVersion))
            }
            func damaged(_ what: String) -> Result<DocumentCatalog, IndexError> {
                .failure(.corrupted(file: path, reason: what))
            }
            guard let stringCount = reader.count(minimumSize: 1) else { return damaged("bad string table") }
            var strings: [String] = []
            strings.reserveCapacity(stringCount)
            for _ in 0..<stringCount {
                guard let string = reader.string() else { return damaged("bad string table") }
                strings.append(string)
            }
            guard let containerCount = reader.count(minimumSize: 17) else { return damaged("bad container table") }
            var containers: [String: Container] = [:]
            for _ in 0..<containerCount {
                guard let name = reader.string(in: strings), let size = reader.integer(UInt64.self),
                      let modified = reader.integer(UInt64.self)
                else { return damaged("bad container table") }
                containers[name] = Container(size: Int64(bitPattern: size), modified: Double(bitPattern: modified))
            }
            guard let entryCount = reader.count(minimumSize: 60) else { return damaged("bad entry count") }
            var entries: [Entry] = []
            entries.reserveCapacity(entryCount)
            for number in 0..<entryCount {
                guard let entry = Entry.decode(&reader, strings: strings) else { return damaged("bad entry \(number)") }
                entries.append(entry)
            }
            guard reader.isAtEnd else { return damaged("bytes after the last entry") }
            return .success(DocumentCatalog(entries: entries, containers: containers))
        }
        return try result.get()
    }
}
