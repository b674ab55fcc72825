/// Character and comma counts of a layout's lines: what content scoring
/// weighs a paragraph by. Counted once per page over the text bytes.
struct LineStats {
    /// Unicode scalars per line (UTF-8 lead bytes), so Chinese text is not
    /// weighed three times over.
    var characters: [Int32]
    /// Characters inside links, estimated from the link bytes.
    var linkCharacters: [Int32]
    /// `,` `，` `、` per line: prose has commas, menus and teaser titles rarely do.
    var commas: [Int32]

    init(_ layout: PageLayout) {
        let count = layout.lines.count
        characters = [Int32](repeating: 0, count: count)
        linkCharacters = [Int32](repeating: 0, count: count)
        commas = [Int32](repeating: 0, count: count)
        layout.storage.withUnsafeBufferPointer { storage in
            for (index, line) in layout.lines.enumerated() {
                var scalars: Int32 = 0
                var commaCount: Int32 = 0
                var position = Int(line.start)
                let end = Int(line.end)
                while position < end {
                    let byte = storage[position]
                    if byte & 0xC0 != 0x80 { scalars += 1 }
                    if byte == 0x2C {
                        commaCount += 1
                    } else if byte == 0xEF, position + 2 < end, storage[position + 1] == 0xBC,
                              storage[position + 2] == 0x8C {
                        commaCount += 1  // ，
                    } else if byte == 0xE3, position + 2 < end, storage[position + 1] == 0x80,
                              storage[position + 2] == 0x81 {
                        commaCount += 1  // 、
                    }
                    position += 1
                }
                characters[index] = scalars
                commas[index] = commaCount
                let bytes = max(line.length, 1)
                linkCharacters[index] = Int32(Int(scalars) * Int(line.linkBytes) / bytes)
            }
        }
    }

    func linkDensity(_ index: Int) -> Float {
        characters[index] > 0 ? Float(linkCharacters[index]) / Float(characters[index]) : 0
    }
}
