/// Parses the query language:
///
/// - `word word` — words are OR-ed and ranked by BM25;
/// - `"exact phrase"` — the words must appear at adjacent positions (and
///   the phrase is required);
/// - `-word`, `-"phrase"` — exclude documents that contain it;
/// - `+word` — require the word.
public enum QueryParser {
    public static func parse(_ text: String) throws(SearchError) -> Query {
        let characters = Array(text)
        var clauses: [Query.Clause] = []
        var index = 0
        func isSpace(_ c: Character) -> Bool { c.isWhitespace }
        while index < characters.count {
            if isSpace(characters[index]) { index += 1; continue }
            var occur = Query.Occur.should
            if characters[index] == "-" || characters[index] == "+" {
                let sign = characters[index]
                guard index + 1 < characters.count, !isSpace(characters[index + 1]) else {
                    // A lone "-" or "+" is just punctuation.
                    index += 1
                    continue
                }
                occur = sign == "-" ? .mustNot : .must
                index += 1
            }
            if characters[index] == "\"" {
                let open = index
                index += 1
                let start = index
                while index < characters.count, characters[index] != "\"" { index += 1 }
                guard index < characters.count else {
                    throw .syntax(message: "the quote opened here is never closed; add a closing \"", column: open + 1)
                }
                clauses.append(.init(occur: occur == .should ? .must : occur,
                                     text: String(characters[start..<index]), isPhrase: true))
                index += 1
            } else {
                let start = index
                while index < characters.count, !isSpace(characters[index]), characters[index] != "\"" { index += 1 }
                clauses.append(.init(occur: occur, text: String(characters[start..<index]), isPhrase: false))
            }
        }
        guard !clauses.isEmpty else { throw .emptyQuery }
        return Query(clauses: clauses)
    }
}
