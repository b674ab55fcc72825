import Foundation
import ScourAnalysis
import ScourTestSupport
import Testing
@testable import ScourIndex

/// Catalog entries a run spills to disk and the commit copies into the
/// catalog file: what is read back is what was written, and entries of
/// documents a merge moved point where the merge put them.
@Suite("Spilled catalogs")
struct CatalogSpillTests {
    static func entry(_ id: String, segment: String, local: Int, alias: String = "", keeper: String = "",
                      url: String? = nil, container: String = "") -> DocumentCatalog.Entry {
        DocumentCatalog.Entry(
            id: id, keeper: keeper, alias: alias, source: "/crawl", container: container,
            url: url ?? "https://www.example.edu/\(id)", location: container.isEmpty ? "/crawl/\(id)" : "",
            segment: segment, local: local, size: Int64(id.utf8.count * 100), modified: 1_700_000_000.25,
            rawHash: UInt64(id.utf8.count) &* 0x9E37_79B9_7F4A_7C15, textHash: 42,
            groups: ["www.example.edu/", "www.example.edu/news/"], exact: 7, sketchLow: 1, sketchHigh: 2,
            words: 120, titleWords: [3, 1, 4])
    }

    /// Writes a segment of `texts` through `writer` and returns its name.
    static func addSegment(_ writer: IndexWriter, texts: [String]) throws -> String {
        var builder = SegmentBuilder(analyzer: Analyzer())
        for (number, text) in texts.enumerated() {
            builder.add(StoredDocument(path: "doc-\(number)-\(text.prefix(4))", title: "", text: text))
        }
        let info = try SegmentWriter.write(builder, to: writer.newSegmentPath())
        writer.add(written: info)
        return info.name
    }

    static func committedCatalog(_ directory: IndexDirectory) throws -> DocumentCatalog {
        let manifest = try #require(try directory.readManifest())
        return try DocumentCatalog.read(path: directory.filePath(try #require(manifest.catalog)))
    }

    @Test func entriesReadBackAsWrittenWhateverTheirSize() throws {
        let temporary = TemporaryDirectory()
        let spill = try DocumentCatalogSpill(path: temporary.file("entries.tmp"))
        // One entry larger than the 1 MB the spill reads at a time.
        let entries = (0..<3000).map { Self.entry("page\($0).html", segment: "seg-000001-000.scour", local: $0) }
            + [Self.entry("huge.html", segment: "", local: 0, url: "https://www.example.edu/" + String(repeating: "x", count: 3 << 20))]
            + (0..<10).map { Self.entry("copy\($0).html", segment: "", local: 0, alias: "https://mirror/\($0)", keeper: "page\($0).html") }
        try spill.append(contentsOf: entries)
        var read: [DocumentCatalog.Entry] = []
        try spill.forEach { read.append($0) }
        #expect(read == entries)
        #expect(spill.count == entries.count)
        #expect(spill.documentCount == 3001)
        #expect(spill.documentsBySource == ["/crawl": 3001])
        spill.remove()
        #expect(!FileManager.default.fileExists(atPath: temporary.file("entries.tmp")))
    }

    @Test func theSegmentIndexIsReadWithoutDecodingTheEntry() {
        var table = DocumentCatalog.StringTable()
        let entry = Self.entry("a.html", segment: "seg-000003-001.scour", local: 9, container: "/crawl/pages.jsonl")
        table.add(entry)
        var bytes: [UInt8] = []
        entry.encode(into: &bytes, index: table.index)
        let index = bytes.withUnsafeBytes { DocumentCatalog.Entry.segmentIndex(of: $0) }
        #expect(index.map { table.strings[$0] } == "seg-000003-001.scour")
        // Cut short: no index, no crash.
        let cut = bytes.prefix(10).withUnsafeBytes { DocumentCatalog.Entry.segmentIndex(of: UnsafeRawBufferPointer($0)) }
        #expect(cut == nil)
    }

    @Test func aCommitCopiesUnmovedEntriesAndMovesThoseAMergeMoved() throws {
        let temporary = TemporaryDirectory()
        let directory = IndexDirectory(path: temporary.path)
        // Commit 1: two segments, a catalog naming their documents.
        let (a, b, before, containers) = try { () throws -> (String, String, [DocumentCatalog.Entry], [String: DocumentCatalog.Container]) in
            let first = try IndexWriter(directory: directory, analyzer: .standard)
            let a = try Self.addSegment(first, texts: ["alpha one", "alpha two", "alpha three"])
            let b = try Self.addSegment(first, texts: ["beta one", "beta two"])
            let spill = try DocumentCatalogSpill(path: temporary.file("spill-1.tmp"))
            let entries = [Self.entry("a0", segment: a, local: 0), Self.entry("a1", segment: a, local: 1),
                           Self.entry("a2", segment: a, local: 2), Self.entry("b0", segment: b, local: 0),
                           Self.entry("b1", segment: b, local: 1),
                           Self.entry("copy", segment: "", local: 0, alias: "https://mirror/a0", keeper: "a0",
                                      container: "/crawl/pages.jsonl")]
            try spill.append(contentsOf: entries)
            spill.containers = ["/crawl/pages.jsonl": .init(size: 123, modified: 4.5)]
            try first.commit(sources: nil, catalog: nil, spilledCatalog: spill)
            return (a, b, entries, spill.containers)
        }()
        #expect(try Self.committedCatalog(directory) == DocumentCatalog(entries: before, containers: containers))

        // Commit 2: a1 deleted, everything merged into one segment.
        let second = try IndexWriter(directory: directory, analyzer: .standard)
        #expect(second.delete(segment: a, local: 1))
        #expect(second.currentSegments.map(\.name) == [a, b])
        try second.mergeAll()
        let merged = try #require(second.currentSegments.first?.name)
        #expect(second.currentSegments.count == 1)
        let spill2 = try DocumentCatalogSpill(path: temporary.file("spill-2.tmp"))
        let kept = before.filter { $0.id != "a1" }
        try spill2.append(contentsOf: kept)
        spill2.containers = containers
        try second.commit(sources: nil, catalog: nil, spilledCatalog: spill2)
        let catalog = try Self.committedCatalog(directory)
        #expect(catalog.entries.map(\.id) == ["a0", "a2", "b0", "b1", "copy"])
        #expect(catalog.entries.map(\.segment) == [merged, merged, merged, merged, ""])
        #expect(catalog.entries.map(\.local) == [0, 1, 2, 3, 0])
        // Everything else is as spilled.
        for (read, written) in zip(catalog.entries, kept) {
            var moved = written
            (moved.segment, moved.local) = (read.segment, read.local)
            #expect(read == moved)
        }
        // The merged segment holds those documents at those places.
        let reader = try IndexReader(path: temporary.path)
        #expect(try reader.document(1).text == "alpha three")
        #expect(try reader.document(3).text == "beta two")
    }
}
