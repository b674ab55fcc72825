extension IndexChecker {
    /// What is wrong with a format-6 store (see ``StoreBlocks``), one line
    /// each: the blocks must follow one another from the store's start to
    /// where document 0's head starts, each decompressing whole to its
    /// declared size with a matching Adler-32; the documents' bodies must
    /// lie in them in document order, the first of a block at its start,
    /// each decoding to exactly the bytes up to the next; the heads must
    /// follow one another from there to the store's end, each decoding to
    /// exactly its bytes.
    static func compressedStoreProblems(in segment: SegmentReader) -> [String] {
        var problems: [String] = []
        var records = StoreRecords(segment)
        let storeLength = segment.footer.storeLength
        if segment.documentCount > 0, segment.headOffset(of: 0) > storeLength {
            problems.append("document 0's head starts at \(segment.headOffset(of: 0)), past the store (\(storeLength) bytes)")
        }
        let blocksLength = segment.blocksLength
        /// Where the next block must start.
        var nextBlock: UInt64 = 0
        var currentBlock: UInt64?
        for id in 0..<segment.documentCount {
            let (blockOffset, start) = StoreBlocks.split(segment.bodyAddress(of: id))
            if blockOffset != currentBlock {
                currentBlock = blockOffset
                if blockOffset != nextBlock {
                    problems.append("document \(id)'s body is in the store block at \(blockOffset), the next block starts at \(nextBlock)")
                }
                do {
                    let block = try StoreBlocks.block(in: segment.blockBytes, at: blockOffset, file: segment.path)
                    nextBlock = blockOffset + UInt64(block.storedCount)
                } catch {
                    problems.append(reason(error))
                    continue
                }
                if start != 0 {
                    problems.append("document \(id)'s body starts at byte \(start) of its store block, not at its start")
                }
            }
            do {
                let valid = try records.withBody(id) { raw -> Bool in
                    var reader = ByteReader(raw)
                    var document = StoredDocument(path: "", title: "", text: "")
                    return document.decodeBody(&reader) && reader.isAtEnd
                }
                if !valid { problems.append("document \(id)'s stored body is malformed") }
            } catch {
                problems.append(reason(error))
            }
        }
        if nextBlock != blocksLength {
            problems.append(segment.documentCount > 0
                ? "the store's blocks end at \(nextBlock), document 0's head starts at \(blocksLength)"
                : "the store's blocks end at \(nextBlock), the store at \(blocksLength)")
        }
        // Each head runs to the next one's start (the last to the store's
        // end), so heads in ascending order, the first where the blocks
        // end, tile the rest of the store.
        for id in 0..<segment.documentCount {
            do {
                let valid = try records.withHead(id) { raw -> Bool in
                    var reader = ByteReader(raw)
                    return StoredDocument.decodeHead(&reader) != nil && reader.isAtEnd
                }
                if !valid { problems.append("document \(id)'s stored head is malformed") }
            } catch {
                problems.append(reason(error))
            }
        }
        return problems
    }
}
