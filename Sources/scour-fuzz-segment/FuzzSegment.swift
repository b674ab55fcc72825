import ScourIndex

// libFuzzer entry point: treat the input as a segment file and read all of
// it the way searches, `scour check` and merges do. Any crash, trap or
// out-of-bounds read (AddressSanitizer) is a bug; errors are fine.
//
//   SCOUR_FUZZ=1 swift build -c release --product scour-fuzz-segment \
//       -Xswiftc -sanitize=fuzzer,address
//   Tests/Scripts/fuzz-segment.sh   (builds, seeds from real segments, runs)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSegment(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let segment = try? SegmentReader(bytes: bytes, path: "fuzz.scour") else { return 0 }
    exercise(segment)
    return 0
}

private func exercise(_ segment: SegmentReader) {
    _ = try? segment.verifyChecksum()
    var positions: [UInt32] = []
    var sink = 0
    for index in 0..<segment.termCount {
        sink &+= segment.term(at: index).count
        _ = segment.index(of: segment.term(at: index))
        var cursor = segment.postings(segment.termInfo(at: index))
        while cursor.next() {
            cursor.positions(into: &positions)
            sink &+= positions.count &+ Int(cursor.frequency) &+ (cursor.positionsAreValid() ? 1 : 0)
            sink &+= Int(segment.lengths(of: Int(cursor.document)).total)
        }
        var skipping = segment.postings(segment.termInfo(at: index))
        _ = skipping.advance(to: UInt32(truncatingIfNeeded: index))
    }
    for id in 0..<segment.documentCount {
        if let document = try? segment.document(id) { sink &+= document.text.utf8.count }
        if let head = try? segment.document(id, includingText: false) { sink &+= head.title.utf8.count }
        if let url = try? segment.storedURL(of: id) { sink &+= url.utf8.count }
    }
    for index in 0..<segment.spellingCount {
        sink &+= segment.spellingWord(at: index).count &+ segment.spellingFrequency(at: index)
    }
    for problem in IndexChecker.problems(in: segment, name: "fuzz.scour") { sink &+= problem.message.utf8.count }
    if sink == 42_424_242 { print("") }  // keeps the reads from being optimised away
}
