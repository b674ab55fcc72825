import ScourPrimitives

/// The site terms (see ``SiteTerms``) of a segment written before they
/// existed (format 3), derived from its live documents' stored URLs, so
/// that ``SegmentMerger`` can post them in the merged segment exactly as
/// ``SegmentBuilder`` would have: url field, frequency 1, no positions.
///
/// Terms are sorted by ``ByteOrder`` and kept in one allocation that lives
/// as long as the value, so ``term(at:)`` can be compared in place during
/// the k-way merge. Costs a few short terms and one `UInt32` per live
/// document and domain level of its host.
final class DerivedSiteTerms {
    private let arena: UnsafeMutableRawBufferPointer
    private let starts: [Int]
    private let postings: [[UInt32]]

    /// Site terms of the live documents of `segment`; `newIDs` gives each
    /// document's id in the merged segment, -1 when it is deleted.
    init(of segment: SegmentReader, newIDs: [Int32]) throws(IndexError) {
        var documents: [String: [UInt32]] = [:]
        for id in newIDs.indices where newIDs[id] >= 0 {
            for term in SiteTerms.terms(forURLs: [try segment.storedURL(of: id)]) {
                documents[term, default: []].append(UInt32(newIDs[id]))
            }
        }
        let sorted = documents.keys.map { Array($0.utf8) }.sorted(by: ByteOrder.precedes)
        arena = .allocate(byteCount: max(1, sorted.reduce(0) { $0 + $1.count }), alignment: 1)
        var starts = [0]
        var postings: [[UInt32]] = []
        for term in sorted {
            let start = starts[starts.count - 1]
            UnsafeMutableRawBufferPointer(rebasing: arena[start..<(start + term.count)]).copyBytes(from: term)
            starts.append(start + term.count)
            postings.append(documents[String(decoding: term, as: UTF8.self)]!)
        }
        self.starts = starts
        self.postings = postings
    }

    deinit { arena.deallocate() }

    /// Number of distinct site terms.
    var count: Int { postings.count }

    /// The term at `index`, in ``ByteOrder``.
    func term(at index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: arena[starts[index]..<starts[index + 1]])
    }

    /// The merged ids of the documents with the term at `index`, ascending.
    func documents(at index: Int) -> [UInt32] { postings[index] }
}
