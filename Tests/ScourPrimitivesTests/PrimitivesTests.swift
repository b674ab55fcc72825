import Testing
@testable import ScourPrimitives

@Suite("Primitives")
struct PrimitivesTests {
    /// Published FNV-1a 64 test vectors: these values are persisted, so they
    /// must never change.
    @Test func fnv1aMatchesTheReferenceVectors() {
        #expect(FNV1a.hash([UInt8]()) == 0xCBF2_9CE4_8422_2325)
        #expect(FNV1a.hash("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(FNV1a.hash("foobar") == 0x8594_4171_F739_67E8)
        #expect(FNV1a.hashLowercased("FooBar") == FNV1a.hash("foobar"))
        #expect(FNV1a.add(FNV1a.basis, UInt32(0x61)) == FNV1a.add(FNV1a.basis, UInt8(0x61)))
    }

    @Test func asciiMatchingIgnoresCaseOnlyWhereAsked() {
        let bytes = Array("<META Charset=UTF-8>".utf8)
        #expect(ASCIIBytes.matches(bytes, 0, "<meta"))
        #expect(!ASCIIBytes.matchesExactly(bytes, 0, "<meta"))
        #expect(ASCIIBytes.matchesExactly(bytes, 0, "<META"))
        #expect(!ASCIIBytes.matches(bytes, 17, "utf-8"))  // would run past the end
        #expect(!ASCIIBytes.matches(bytes, -1, "<"))
        #expect(ASCIIBytes.firstIndex(of: "charset", in: bytes) == 6)
        // A pattern led by a byte without case is found with memchr: the same answers.
        let script = Array("<script>if (a</b) x = '</sc'; </SCRIPT><p>".utf8)
        #expect(ASCIIBytes.firstIndex(of: "</script", in: script) == 30)
        #expect(ASCIIBytes.firstIndex(of: "</script", in: script, from: 31) == nil)
        #expect(ASCIIBytes.firstIndex(of: "<p>", in: script) == 39)  // at the very end
        #expect(ASCIIBytes.firstIndex(of: "<p>", in: script, from: 40) == nil)
        #expect(ASCIIBytes.firstIndex(of: "-->", in: script) == nil)
        #expect(ASCIIBytes.firstIndex(of: "</script", in: script[10...]) == 30)  // a slice keeps its indices
        #expect(ASCIIBytes.firstIndex(of: "</script", in: script[10...], from: 12) == 30)
        #expect(ASCIIBytes.equalsIgnoringCase(bytes, 6..<13, "charset"))
        #expect(!ASCIIBytes.equalsIgnoringCase(bytes, 6..<14, "charset"))
        #expect(ASCIIBytes.hasPrefix(bytes, 1..<5, "META"))
        let name = Array("Nav\0".utf8)
        name.withUnsafeBufferPointer { buffer in
            #expect(ASCIIBytes.equalsIgnoringCase(cString: buffer.baseAddress!, "nav"))
            #expect(!ASCIIBytes.equalsIgnoringCase(cString: buffer.baseAddress!, "na"))
            #expect(!ASCIIBytes.matches(cString: buffer.baseAddress!, "navigation"))  // stops at the NUL
        }
    }

    @Test func cjkPredicatesNameTheirCoverage() {
        let han: UInt32 = 0x4E2D, hiragana: UInt32 = 0x3042, hangul: UInt32 = 0xD55C
        let halfwidthKatakana: UInt32 = 0xFF71, ideographicComma: UInt32 = 0x3001, latin: UInt32 = 0x61
        #expect(UnicodeRanges.isHan(han) && !UnicodeRanges.isHan(hiragana))
        #expect(UnicodeRanges.isKana(hiragana) && UnicodeRanges.isKana(halfwidthKatakana))
        #expect(UnicodeRanges.isHangul(hangul))
        #expect([han, hiragana, hangul, halfwidthKatakana].allSatisfy(UnicodeRanges.isCJK))
        #expect(!UnicodeRanges.isCJK(ideographicComma) && !UnicodeRanges.isCJK(latin))
        #expect(UnicodeRanges.isWide(ideographicComma) && UnicodeRanges.isWide(hangul) && !UnicodeRanges.isWide(latin))
        #expect(UnicodeRanges.isWrittenWithoutSpaces(han) && !UnicodeRanges.isWrittenWithoutSpaces(hangul))
    }
}

@Suite("chunked array")
struct ChunkedArrayTests {
    @Test func appendsAcrossChunksAndReadsBack() {
        var array = ChunkedArray<Int>(chunkSize: 3)
        array.append(contentsOf: 0..<10)
        #expect(array.count == 10)
        #expect(Array(array) == Array(0..<10))
        array[4] = 40
        array[9] += 1
        #expect(array[4] == 40)
        #expect(array[9] == 10)
    }

    @Test func removeLastFreesWholeChunksAndKeepsTheRest() {
        var array = ChunkedArray<Int>(chunkSize: 4)
        array.append(contentsOf: 0..<10)
        array.removeLast(7)
        #expect(Array(array) == [0, 1, 2])
        array.append(contentsOf: [7, 8])
        #expect(Array(array) == [0, 1, 2, 7, 8])
        array.removeLast(5)
        #expect(array.isEmpty)
    }

    @Test func sortInPlaceMatchesTheStandardSort() {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 2, 5, 64, 1000] {
            let values = (0..<size).map { _ in Int.random(in: 0..<50, using: &generator) }
            var array = ChunkedArray<Int>(chunkSize: 7)
            array.append(contentsOf: values)
            array.sortInPlace(by: <)
            #expect(Array(array) == values.sorted(), "size \(size)")
        }
    }

    @Test func swapAtMovesElementsBetweenChunks() {
        var array = ChunkedArray<String>(chunkSize: 2)
        array.append(contentsOf: ["a", "b", "c", "d", "e"])
        array.swapAt(0, 4)
        #expect(Array(array) == ["e", "b", "c", "d", "a"])
    }
}
