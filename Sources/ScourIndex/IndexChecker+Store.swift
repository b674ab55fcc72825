extension IndexChecker {
    /// What is wrong with a compressed store (format 6, see ``StoreBlocks``),
    /// one line each: the blocks must follow one another from the store's
    /// start to its end, each decompressing whole to its declared size with
    /// a matching Adler-32; the documents' records must lie in them in
    /// document order, the first of a block at its start, each record
    /// decoding to exactly the bytes up to the next.
    static func compressedStoreProblems(in segment: SegmentReader) -> [String] {
        var problems: [String] = []
        var records = StoreRecords(segment)
        let hasIdentity = segment.formatVersion >= SegmentLayout.identityVersion
        /// Where the next block must start.
        var nextBlock: UInt64 = 0
        var currentBlock: UInt64?
        for id in 0..<segment.documentCount {
            let (blockOffset, start) = StoreBlocks.split(segment.storeEntry(of: id))
            if blockOffset != currentBlock {
                currentBlock = blockOffset
                if blockOffset != nextBlock {
                    problems.append("document \(id)'s record is in the store block at \(blockOffset), the next block starts at \(nextBlock)")
                }
                do {
                    let block = try StoreBlocks.block(in: segment.storeBytes, at: blockOffset, file: segment.path)
                    nextBlock = blockOffset + UInt64(block.storedCount)
                } catch {
                    problems.append(reason(error))
                    continue
                }
                if start != 0 {
                    problems.append("document \(id)'s record starts at byte \(start) of its store block, not at its start")
                }
            }
            do {
                let valid = try records.withRecord(id) { raw -> Bool in
                    var reader = ByteReader(raw)
                    return StoredDocument.decodeRecord(&reader, hasIdentity: hasIdentity) != nil && reader.isAtEnd
                }
                if !valid { problems.append("document \(id)'s stored record is malformed") }
            } catch {
                problems.append(reason(error))
            }
        }
        if nextBlock != segment.footer.storeLength {
            problems.append("the store's blocks end at \(nextBlock), the store at \(segment.footer.storeLength)")
        }
        return problems
    }
}
