import Foundation
import ScourPrimitives

/// One thing wrong with (or worth knowing about) an index, naming its file.
public struct IndexProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The path of the file concerned.
    public var file: String
    /// What is wrong, one line.
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

/// What ``IndexChecker`` found.
public struct IndexCheckReport: Sendable, Equatable, Codable {
    /// Documents across the manifest's segments (deleted ones included).
    public var documents = 0
    /// Documents not deleted.
    public var liveDocuments = 0
    /// Segments the manifest names.
    public var segments = 0
    /// Damage: each makes the index unhealthy.
    public var problems: [IndexProblem] = []
    /// Harmless findings, such as files no manifest names (left by an
    /// interrupted run; the next commit removes them).
    public var notes: [IndexProblem] = []

    public init() {}

    /// Whether no problem was found (notes do not count).
    public var isHealthy: Bool { problems.isEmpty }
}

/// Reads every byte of an index and checks it against its own structure and
/// the manifest, like Lucene's `CheckIndex`: what `scour check` runs.
///
/// Checked: the manifest's checksum and values; each segment's full CRC,
/// size, checksum, document and term counts against the manifest; every
/// term's postings decode completely with ascending ids below the segment's
/// document count, valid positions, and as many documents as the
/// dictionary's frequency; terms strictly ascending by bytes; every stored
/// document decodes (and, in a format-6 store, every block decompresses,
/// the bodies fill the blocks exactly and the heads the rest of the store);
/// the footer's token totals are its documents' lengths; spelling entries
/// point inside the segment; each
/// deletion file decodes, fits its segment and deletes as many documents as
/// the manifest says; the catalog and templates files exist and are not
/// empty. Files the manifest does not name are reported as notes.
public struct IndexChecker: Sendable {
    /// A further check of a decoded manifest (the façade adds the catalog's
    /// and templates' validators this way).
    public typealias Check = @Sendable (_ manifest: Manifest, _ directory: IndexDirectory) -> [IndexProblem]

    public let directory: IndexDirectory
    /// Run after the built-in checks, when the manifest decoded.
    public var additionalChecks: [Check] = []

    public init(path: String) {
        directory = IndexDirectory(path: path)
    }

    /// Checks the whole index; never throws: whatever is wrong is a problem.
    public func check() -> IndexCheckReport {
        var report = IndexCheckReport()
        let manifestPath = directory.filePath(Manifest.fileName)
        let manifest: Manifest
        do {
            guard let read = try directory.readManifest() else {
                report.problems.append(IndexProblem(file: manifestPath, message: "no manifest: this folder holds no index"))
                return report
            }
            manifest = read
        } catch {
            report.problems.append(IndexProblem(file: manifestPath, message: Self.reason(error)))
            return report
        }
        report.segments = manifest.segments.count
        report.documents = manifest.documentCount
        report.liveDocuments = manifest.liveDocumentCount
        for info in manifest.segments {
            report.problems += checkSegment(info)
        }
        for (name, what) in [(manifest.catalog, "catalog"), (manifest.templates, "templates file")] {
            guard let name else { continue }
            let path = directory.filePath(name)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            if let size {
                if size == 0 { report.problems.append(IndexProblem(file: path, message: "the \(what) is empty")) }
            } else {
                report.problems.append(IndexProblem(file: path, message: "the \(what) the manifest names is missing"))
            }
        }
        for check in additionalChecks { report.problems += check(manifest, directory) }
        let named = manifest.fileNames
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names.sorted() where IndexDirectory.isIndexFile(name) && !named.contains(name) {
            report.notes.append(IndexProblem(
                file: directory.filePath(name),
                message: "not named by the manifest (left by an interrupted run; the next commit removes it)"))
        }
        return report
    }

    /// The problems of the segment `info` names and of its deletion file.
    func checkSegment(_ info: SegmentInfo) -> [IndexProblem] {
        let path = directory.filePath(info.name)
        guard FileManager.default.fileExists(atPath: path) else {
            return [IndexProblem(file: path, message: "the segment the manifest names is missing")]
        }
        let segment: SegmentReader
        do {
            segment = try SegmentReader(path: path, expectedBytes: info.bytes, expectedChecksum: info.checksum)
            try segment.verifyChecksum()
        } catch {
            return [IndexProblem(file: path, message: Self.reason(error))]
        }
        var problems: [IndexProblem] = []
        if segment.documentCount != info.documents {
            problems.append(IndexProblem(file: path, message: "holds \(segment.documentCount) documents, the manifest says \(info.documents)"))
        }
        if segment.termCount != info.terms {
            problems.append(IndexProblem(file: path, message: "holds \(segment.termCount) terms, the manifest says \(info.terms)"))
        }
        problems += Self.problems(in: segment, name: path)
        if let deletions = info.deletions {
            let deletionsPath = directory.filePath(deletions)
            do {
                let deleted = try DeletedDocuments.read(path: deletionsPath, documentCount: segment.documentCount)
                if deleted.count != (info.deleted ?? 0) {
                    problems.append(IndexProblem(
                        file: deletionsPath, message: "deletes \(deleted.count) documents, the manifest says \(info.deleted ?? 0)"))
                }
            } catch {
                problems.append(IndexProblem(file: deletionsPath, message: Self.reason(error)))
            }
        }
        return problems
    }

    /// Everything wrong inside one opened segment (its structure, not its
    /// checksum): dictionary order and entries, postings, stored documents,
    /// spelling entries. Stops listing a kind of problem after a few.
    package static func problems(in segment: SegmentReader, name: String) -> [IndexProblem] {
        var problems: [IndexProblem] = []
        var counts: [String: Int] = [:]
        func report(_ kind: String, _ message: @autoclosure () -> String) {
            counts[kind, default: 0] += 1
            let seen = counts[kind]!
            if seen <= 3 {
                problems.append(IndexProblem(file: name, message: message()))
            } else if seen == 4 {
                problems.append(IndexProblem(file: name, message: "more \(kind) problems (not listed)"))
            }
        }
        var positions: [UInt32] = []
        if segment.blockIndexIsDamaged { report("block index", "the term table's block index lies outside the file") }
        for index in 0..<segment.termCount {
            let term = segment.term(at: index)
            if index % TermDictionary.blockSize == 0, !segment.blockIndexAgrees(block: index / TermDictionary.blockSize) {
                report("block index", "the term table's block index does not hold term \(index) (\(Self.quoted(term))), its block's first")
            }
            if !segment.termBytesAreInBounds(at: index) {
                report("term", "term \(index)'s bytes lie outside the term bytes")
            } else if index > 0, segment.termBytesAreInBounds(at: index - 1),
                      ByteOrder.compare(segment.term(at: index - 1), term) >= 0 {
                report("term", "term \(index) (\(Self.quoted(term))) does not sort after the one before it")
            }
            let info = segment.termInfo(at: index)
            guard !info.isDamaged else {
                report("postings", "term \(index)'s postings lie outside the postings section")
                continue
            }
            var cursor = segment.postings(info)
            var documents = 0
            var badPositions = false
            // The skip data must say what the postings hold: recomputed
            // here. From format 6 the whole region is encoded again and
            // must come out byte for byte (site terms without lengths, as
            // they are written).
            let blockPostings = segment.formatVersion >= SegmentLayout.blockPostingsVersion
            var skips = PostingsSkips.Builder(withPositions: false)
            var encoder = PostingsEncoder()
            var encodable = true
            let site = term.first == SiteTerms.markerByte
            while cursor.next() {
                documents += 1
                if !cursor.positionsAreValid() { badPositions = true }
                cursor.positions(into: &positions)
                let lengths = segment.lengths(of: Int(cursor.document))
                if blockPostings {
                    encodable = encodable && positions.withUnsafeBufferPointer {
                        encoder.add(document: cursor.document, frequencies: cursor.frequencies, positions: $0,
                                    lengths: site ? FieldCounts() : lengths)
                    }
                } else {
                    skips.add(document: cursor.document, frequencies: cursor.frequencies, lengths: lengths,
                              end: UInt64(cursor.byteOffset))
                }
            }
            if !cursor.isDamaged, !badPositions, blockPostings {
                if !encodable || segment.postingsRegion(info).map({ !$0.elementsEqual(encoder.finish()) }) ?? true {
                    report("postings", "term \(index) (\(Self.quoted(term)))'s postings are not as the codec writes them (skip data, framing or positions)")
                }
            } else if !cursor.isDamaged, cursor.blockCount > 0, !segment.skipDataMatches(skips, of: info, term: term) {
                report("postings", "term \(index) (\(Self.quoted(term)))'s skip data does not match its postings")
            }
            if cursor.isDamaged {
                report("postings", "term \(index) (\(Self.quoted(term)))'s postings do not decode (after \(documents) documents)")
            } else if documents != info.documentFrequency {
                report("postings", "term \(index) (\(Self.quoted(term))) has postings for \(documents) documents, its dictionary entry says \(info.documentFrequency)")
            }
            if badPositions { report("positions", "term \(index) (\(Self.quoted(term)))'s positions do not decode") }
        }
        var totals = [UInt64](repeating: 0, count: IndexField.allCases.count)
        if segment.hasCompressedStore {
            for problem in compressedStoreProblems(in: segment) { report("document", problem) }
        }
        let hasDates = segment.formatVersion >= SegmentLayout.packedDictionaryVersion
        for id in 0..<segment.documentCount {
            if !segment.hasCompressedStore {
                do { _ = try segment.document(id) } catch { report("document", Self.reason(error)) }
            }
            if hasDates, let stored = try? segment.document(id, includingText: false),
               PublicationDate.number(stored.date) != segment.publicationDate(of: id) {
                report("date", "document \(id)'s date in the documents table is \(segment.publicationDate(of: id)), its stored date says \(stored.date.debugDescription)")
            }
            let lengths = segment.lengths(of: id)
            for field in IndexField.allCases { totals[field.rawValue] += UInt64(lengths[field]) }
        }
        for field in IndexField.allCases where totals[field.rawValue] != segment.tokens(in: field) {
            report("total", "the footer's \(field) token total is \(segment.tokens(in: field)), its documents' lengths add up to \(totals[field.rawValue])")
        }
        for index in 0..<segment.spellingCount {
            if !segment.spellingBytesAreInBounds(at: index) {
                report("spelling", "spelling word \(index) lies outside the spelling bytes")
            }
        }
        return problems
    }

    /// An error's reason without the file name and remedy that
    /// ``IndexError/description`` adds (the problem names the file).
    static func reason(_ error: any Error) -> String {
        guard let error = error as? IndexError else { return "\(error)" }
        switch error {
        case .corrupted(_, let reason): return reason
        case .io(_, let message): return message
        default: return error.description
        }
    }

    private static func quoted(_ term: UnsafeRawBufferPointer) -> String {
        String(decoding: term.prefix(40), as: UTF8.self).debugDescription
    }
}
