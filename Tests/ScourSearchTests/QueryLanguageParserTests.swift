import Testing
@testable import ScourSearch

// MARK: - Helpers

private func parse(_ text: String) throws -> QueryNode {
    try QueryLanguageParser.parse(text)
}

private func word(
    _ text: String, _ column: Int, field: QueryField? = nil, kind: TermQuery.Kind = .exact, boost: Double = 1
) -> QueryNode {
    .term(TermQuery(text: text, field: field, kind: kind, boost: boost, column: column))
}

private func phrase(
    _ text: String, _ column: Int, field: QueryField? = nil, slop: Int = 0, boost: Double = 1
) -> QueryNode {
    .phrase(PhraseQuery(text: text, field: field, slop: slop, boost: boost, column: column))
}

private func boolean(_ clauses: (BooleanQuery.Occur, QueryNode)...) -> QueryNode {
    .boolean(BooleanQuery(clauses: clauses.map { BooleanQuery.Clause(occur: $0.0, node: $0.1) }))
}

private func expectSyntaxError(
    _ query: String, _ message: String, column: Int, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(throws: SearchError.syntax(message: message, column: column), sourceLocation: sourceLocation) {
        try QueryLanguageParser.parse(query)
    }
}

private let nothingAfter = "has nothing after it; add a word, \"phrase\" or (group)"

// MARK: - Words and boolean structure

@Suite("Query language parser: structure")
struct QueryLanguageStructureTests {
    @Test func aSingleWordIsATermNotABoolean() throws {
        #expect(try parse("apple") == word("apple", 1))
        #expect(try parse("  apple  ") == word("apple", 3))
    }

    @Test func juxtaposedWordsAreOred() throws {
        #expect(try parse("a b c") == boolean((.should, word("a", 1)), (.should, word("b", 3)), (.should, word("c", 5))))
    }

    @Test func andMakesEveryOperandRequired() throws {
        #expect(try parse("a AND b") == boolean((.must, word("a", 1)), (.must, word("b", 7))))
        #expect(try parse("a && b") == boolean((.must, word("a", 1)), (.must, word("b", 6))))
        #expect(try parse("a AND b AND c") == boolean((.must, word("a", 1)), (.must, word("b", 7)), (.must, word("c", 13))))
    }

    @Test func orIsTheSameAsJuxtaposition() throws {
        let expected = boolean((.should, word("a", 1)), (.should, word("b", 6)))
        #expect(try parse("a OR b") == expected)
        #expect(try parse("a || b") == expected)
        #expect(try parse("a OR b c") == boolean((.should, word("a", 1)), (.should, word("b", 6)), (.should, word("c", 8))))
    }

    @Test func andBindsTighterThanOr() throws {
        #expect(try parse("a OR b AND c") == boolean(
            (.should, word("a", 1)),
            (.should, boolean((.must, word("b", 6)), (.must, word("c", 12))))))
        #expect(try parse("a AND b OR c") == boolean(
            (.should, boolean((.must, word("a", 1)), (.must, word("b", 7)))),
            (.should, word("c", 12))))
        #expect(try parse("a AND b c") == boolean(
            (.should, boolean((.must, word("a", 1)), (.must, word("b", 7)))),
            (.should, word("c", 9))))
    }

    @Test func notExcludesAndBindsTightest() throws {
        #expect(try parse("a NOT b") == boolean((.should, word("a", 1)), (.mustNot, word("b", 7))))
        #expect(try parse("a AND NOT b") == boolean((.must, word("a", 1)), (.mustNot, word("b", 11))))
        #expect(try parse("a ! b") == boolean((.should, word("a", 1)), (.mustNot, word("b", 5))))
        #expect(try parse("a !b") == boolean((.should, word("a", 1)), (.mustNot, word("b", 4))))
        #expect(try parse("NOT a") == boolean((.mustNot, word("a", 5))))
    }

    @Test func lowercaseOperatorsAreWords() throws {
        #expect(try parse("cats and dogs or not") == boolean(
            (.should, word("cats", 1)), (.should, word("and", 6)), (.should, word("dogs", 10)),
            (.should, word("or", 15)), (.should, word("not", 18))))
        #expect(try parse("And") == word("And", 1))
    }

    @Test func plusAndMinusSetTheOccur() throws {
        #expect(try parse("+a b -c") == boolean((.must, word("a", 2)), (.should, word("b", 4)), (.mustNot, word("c", 7))))
        #expect(try parse("-a") == boolean((.mustNot, word("a", 2))))
        // A single required clause means the same as the bare word.
        #expect(try parse("+a") == word("a", 2))
        #expect(try parse("+a AND -b") == boolean((.must, word("a", 2)), (.mustNot, word("b", 9))))
    }

    @Test func loneSignsAreIgnoredAndInnerHyphensAreText() throws {
        #expect(try parse("a - b + c") == boolean((.should, word("a", 1)), (.should, word("b", 5)), (.should, word("c", 9))))
        #expect(try parse("e-mail 2026-01-10") == boolean((.should, word("e-mail", 1)), (.should, word("2026-01-10", 8))))
        #expect(try parse("(a -)") == word("a", 2))
        #expect(try parse("--verbose") == word("--verbose", 1))
    }

    @Test func signsApplyToPhrasesGroupsAndFields() throws {
        #expect(try parse(#"-"a b" +(c d) -title:e"#) == boolean(
            (.mustNot, phrase("a b", 2)),
            (.must, boolean((.should, word("c", 10)), (.should, word("d", 12)))),
            (.mustNot, word("e", 22, field: .title))))
    }
}

// MARK: - Grouping and fields

@Suite("Query language parser: groups and fields")
struct QueryLanguageGroupTests {
    @Test func parenthesesGroup() throws {
        #expect(try parse("(a OR b) AND c") == boolean(
            (.must, boolean((.should, word("a", 2)), (.should, word("b", 7)))),
            (.must, word("c", 14))))
        #expect(try parse("a AND (b OR c)") == boolean(
            (.must, word("a", 1)),
            (.must, boolean((.should, word("b", 8)), (.should, word("c", 13))))))
    }

    @Test func groupsFlattenWhenTheMeaningIsUnchanged() throws {
        #expect(try parse("((a))") == word("a", 3))
        #expect(try parse("(a b) c") == boolean((.should, word("a", 2)), (.should, word("b", 4)), (.should, word("c", 7))))
        #expect(try parse("a AND (b AND c)") == boolean((.must, word("a", 1)), (.must, word("b", 8)), (.must, word("c", 14))))
        #expect(try parse("a AND (b AND NOT c)") == boolean(
            (.must, word("a", 1)), (.must, word("b", 8)), (.mustNot, word("c", 18))))
        #expect(try parse("(+a) b") == boolean((.should, word("a", 3)), (.should, word("b", 6))))
    }

    @Test func groupsKeepTheirBooleanWhenFlatteningWouldChangeTheMeaning() throws {
        #expect(try parse("a AND -(b c)") == boolean(
            (.must, word("a", 1)),
            (.mustNot, boolean((.should, word("b", 9)), (.should, word("c", 11))))))
        #expect(try parse("x (a AND b)") == boolean(
            (.should, word("x", 1)),
            (.should, boolean((.must, word("a", 4)), (.must, word("b", 10))))))
        #expect(try parse("a (b -c)") == boolean(
            (.should, word("a", 1)),
            (.should, boolean((.should, word("b", 4)), (.mustNot, word("c", 7))))))
    }

    @Test func deepNesting() throws {
        #expect(try parse("((a OR (b AND (c))) d)") == boolean(
            (.should, word("a", 3)),
            (.should, boolean((.must, word("b", 9)), (.must, word("c", 16)))),
            (.should, word("d", 21))))
    }

    @Test func fieldRestrictsAWord() throws {
        #expect(try parse("title:swift") == word("swift", 7, field: .title))
        #expect(try parse("Body:a URL:b HEADINGS:c heading:d") == boolean(
            (.should, word("a", 6, field: .body)), (.should, word("b", 12, field: .url)),
            (.should, word("c", 23, field: .headings)), (.should, word("d", 33, field: .headings))))
    }

    @Test func fieldAppliesToEveryTermOfAGroup() throws {
        #expect(try parse("title:(a b)") == boolean(
            (.should, word("a", 8, field: .title)), (.should, word("b", 10, field: .title))))
        #expect(try parse(#"title:(a AND (b "c d"))"#) == boolean(
            (.must, word("a", 8, field: .title)),
            (.must, boolean((.should, word("b", 15, field: .title)), (.should, phrase("c d", 17, field: .title))))))
        // A field written inside the group wins over the group's field.
        #expect(try parse("title:(body:a b)") == boolean(
            (.should, word("a", 13, field: .body)), (.should, word("b", 15, field: .title))))
    }

    @Test func fieldRestrictsAPhrase() throws {
        #expect(try parse(#"url:"docs swift""#) == phrase("docs swift", 5, field: .url))
    }

    @Test func unknownFieldNamesAreText() throws {
        #expect(try parse("http://example.com") == word("http://example.com", 1))
        #expect(try parse("author:smith") == word("author:smith", 1))
        #expect(try parse("url:http://x") == word("http://x", 5, field: .url))
    }
}

// MARK: - Phrases, prefixes, fuzziness, boosts, escapes

@Suite("Query language parser: modifiers")
struct QueryLanguageModifierTests {
    @Test func phrases() throws {
        #expect(try parse(#""exact phrase""#) == phrase("exact phrase", 1))
        #expect(try parse(#"a "b c" d"#) == boolean(
            (.should, word("a", 1)), (.should, phrase("b c", 3)), (.should, word("d", 9))))
        #expect(try parse(#"say"hi""#) == boolean((.should, word("say", 1)), (.should, phrase("hi", 4))))
    }

    @Test func phraseSlop() throws {
        #expect(try parse(#""a b"~3"#) == phrase("a b", 1, slop: 3))
        #expect(try parse(#""a b"~0"#) == phrase("a b", 1))
        #expect(try parse(#""a b"~12^2"#) == phrase("a b", 1, slop: 12, boost: 2))
    }

    @Test func prefix() throws {
        #expect(try parse("photo*") == word("photo", 1, kind: .prefix))
        #expect(try parse("title:photo*^2") == word("photo", 7, field: .title, kind: .prefix, boost: 2))
    }

    @Test func fuzzyWithAutomaticEdits() throws {
        #expect(try parse("ab~") == word("ab", 1))
        #expect(try parse("cat~") == word("cat", 1, kind: .fuzzy(maxEdits: 1)))
        #expect(try parse("apple~") == word("apple", 1, kind: .fuzzy(maxEdits: 1)))
        #expect(try parse("banana~") == word("banana", 1, kind: .fuzzy(maxEdits: 2)))
        // Length is in characters, not bytes.
        #expect(try parse("café~") == word("café", 1, kind: .fuzzy(maxEdits: 1)))
    }

    @Test func fuzzyWithExplicitEdits() throws {
        #expect(try parse("banana~0") == word("banana", 1))
        #expect(try parse("banana~1") == word("banana", 1, kind: .fuzzy(maxEdits: 1)))
        #expect(try parse("ab~2") == word("ab", 1, kind: .fuzzy(maxEdits: 2)))
        #expect(try parse("colour~1^3") == word("colour", 1, kind: .fuzzy(maxEdits: 1), boost: 3))
        #expect(try parse("colour^3~1") == word("colour", 1, kind: .fuzzy(maxEdits: 1), boost: 3))
    }

    @Test func boosts() throws {
        #expect(try parse("a^2") == word("a", 1, boost: 2))
        #expect(try parse("a^0.5 b") == boolean((.should, word("a", 1, boost: 0.5)), (.should, word("b", 7))))
        #expect(try parse(#""a b"^3"#) == phrase("a b", 1, boost: 3))
    }

    @Test func groupBoostMultipliesEveryLeaf() throws {
        #expect(try parse("(a^2 b)^3") == boolean((.should, word("a", 2, boost: 6)), (.should, word("b", 6, boost: 3))))
        #expect(try parse(#"(a AND ("p q" OR c))^2"#) == boolean(
            (.must, word("a", 2, boost: 2)),
            (.must, boolean((.should, phrase("p q", 9, boost: 2)), (.should, word("c", 18, boost: 2))))))
    }

    @Test func backslashEscapesTheNextCharacter() throws {
        #expect(try parse(#"\(a\)"#) == word("(a)", 1))
        #expect(try parse(#"title\:x"#) == word("title:x", 1))
        #expect(try parse(#"a\*"#) == word("a*", 1))
        #expect(try parse(#"\AND"#) == word("AND", 1))
        #expect(try parse(#"\-a"#) == word("-a", 1))
        #expect(try parse(#"2\^3"#) == word("2^3", 1))
        #expect(try parse(#""say \"hi\"""#) == phrase(#"say "hi""#, 1))
        #expect(try parse(#"C:\"#) == word(#"C:\"#, 1))
    }
}

// MARK: - Errors

@Suite("Query language parser: errors")
struct QueryLanguageErrorTests {
    @Test func emptyInput() {
        #expect(throws: SearchError.emptyQuery) { try parse("") }
        #expect(throws: SearchError.emptyQuery) { try parse(" \t\n ") }
        #expect(throws: SearchError.noSearchableTerms(query: " - + ")) { try parse(" - + ") }
    }

    @Test func unclosedQuote() {
        let message = "the quote opened here is never closed; add a closing \""
        expectSyntaxError(#"hello "world"#, message, column: 7)
        expectSyntaxError(#""a" "b"#, message, column: 5)
        expectSyntaxError(#""a \""#, message, column: 1)
    }

    @Test func emptyPhrase() {
        expectSyntaxError(#"a "  ""#, "the phrase is empty; put words between the quotes", column: 3)
    }

    @Test func unbalancedParentheses() {
        let unclosed = "the parenthesis opened here is never closed; add a closing )"
        expectSyntaxError("(a b", unclosed, column: 1)
        expectSyntaxError("x ((a) b", unclosed, column: 3)
        expectSyntaxError("(", unclosed, column: 1)
        expectSyntaxError("a (", unclosed, column: 3)
        expectSyntaxError("a b)", "this ) has no matching (", column: 4)
        expectSyntaxError(") a", "this ) has no matching (", column: 1)
        expectSyntaxError("(a) b) c", "this ) has no matching (", column: 6)
    }

    @Test func emptyParentheses() {
        let message = "the parentheses are empty; put at least one word inside ( )"
        expectSyntaxError("()", message, column: 1)
        expectSyntaxError("a ( )", message, column: 3)
    }

    @Test func operatorWithNothingAfterIt() {
        expectSyntaxError("a AND", "AND \(nothingAfter)", column: 3)
        expectSyntaxError("NOT", "NOT \(nothingAfter)", column: 1)
        expectSyntaxError("a OR", "OR \(nothingAfter)", column: 3)
        expectSyntaxError("a &&", "&& \(nothingAfter)", column: 3)
        expectSyntaxError("a !", "! \(nothingAfter)", column: 3)
        expectSyntaxError("(a AND) b", "AND must be followed by a word, \"phrase\" or (group), not )", column: 4)
        expectSyntaxError("a AND OR b", "AND must be followed by a word, \"phrase\" or (group), not OR", column: 3)
        expectSyntaxError("NOT NOT a", "NOT must be followed by a word, \"phrase\" or (group), not NOT", column: 1)
    }

    @Test func operatorWithNothingBeforeIt() {
        expectSyntaxError("AND a", "AND needs a word, \"phrase\" or (group) before it", column: 1)
        expectSyntaxError("OR b", "OR needs a word, \"phrase\" or (group) before it", column: 1)
        expectSyntaxError("x (|| b)", "|| needs a word, \"phrase\" or (group) before it", column: 4)
    }

    @Test func fieldWithNothingAfterIt() {
        expectSyntaxError("title:", "title: has nothing after it; write title:word, title:\"a phrase\" or title:(some words)", column: 1)
        expectSyntaxError("a Body: b", "Body: has nothing after it; write Body:word, Body:\"a phrase\" or Body:(some words)", column: 3)
        expectSyntaxError("(url:)", "url: has nothing after it; write url:word, url:\"a phrase\" or url:(some words)", column: 2)
        expectSyntaxError("title:AND", "title: must be followed directly by a word, \"phrase\" or (group)", column: 1)
        expectSyntaxError("title:-a", "title: must be followed directly by a word, \"phrase\" or (group)", column: 1)
    }

    @Test func wildcardErrors() {
        let needsLetter = "a wildcard needs at least one letter before it, like photo*"
        expectSyntaxError("*", needsLetter, column: 1)
        expectSyntaxError("a *abc", needsLetter, column: 3)
        expectSyntaxError("a*b", "a wildcard * can only end a word, like photo*; write \\* to search for a *", column: 2)
        expectSyntaxError("abc*~", "a word can be a prefix (word*) or fuzzy (word~), not both", column: 5)
    }

    @Test func fuzzyErrors() {
        expectSyntaxError("word~3", "fuzzy matching allows at most 2 edits; 3 is too many (the maximum is 2)", column: 5)
        expectSyntaxError("word~x", "~ must be followed by 0, 1 or 2 (the edits allowed), not \"x\"", column: 5)
        expectSyntaxError("word~1.5", "~ must be followed by 0, 1 or 2 (the edits allowed), not \"1.5\"", column: 5)
        expectSyntaxError("a~1~2", "only one ~ is allowed here", column: 4)
        expectSyntaxError("(a b)~2", "~ applies to a word or a \"phrase\", not to a (group)", column: 6)
    }

    @Test func slopErrors() {
        expectSyntaxError(#""a b"~"#, "a phrase's ~ must be followed by a whole number of positions, like \"…\"~2", column: 6)
        expectSyntaxError(#""a b"~-1"#, "a phrase's ~ must be followed by a whole number of positions, like \"…\"~2, not \"-1\"", column: 6)
        expectSyntaxError(#""a b"~x"#, "a phrase's ~ must be followed by a whole number of positions, like \"…\"~2, not \"x\"", column: 6)
    }

    @Test func boostErrors() {
        expectSyntaxError("word^", "^ must be followed by a number (the boost), like word^2", column: 5)
        let notANumber = { (text: String) in
            "the boost \"\(text)\" is not a number; write a positive number like ^2 or ^0.5"
        }
        expectSyntaxError("word^x", notANumber("x"), column: 5)
        expectSyntaxError("word^-2", "the boost must not be negative; write a positive number like ^2 or ^0.5", column: 5)
        expectSyntaxError("word^1.2.3", notANumber("1.2.3"), column: 5)
        expectSyntaxError("word^0", "the boost must be greater than 0, like ^2 or ^0.5", column: 5)
        expectSyntaxError("(a b)^", "^ must be followed by a number (the boost), like word^2", column: 6)
        expectSyntaxError("a^2^3", "only one boost ^ is allowed here", column: 4)
        expectSyntaxError("a AND^2 b", "^ must directly follow a word, \"phrase\" or (group)", column: 6)
    }

    @Test func tooDeeplyNested() throws {
        let depth = QueryLanguageParser.maximumNesting + 1
        let query = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
        expectSyntaxError(query, "parentheses are nested too deeply (at most 100 levels)", column: depth)
        let allowed = QueryLanguageParser.maximumNesting
        #expect(try parse(String(repeating: "(", count: allowed) + "a" + String(repeating: ")", count: allowed))
            == word("a", allowed + 1))
    }
}

// MARK: - Unicode and ordinary text

@Suite("Query language parser: ordinary text")
struct QueryLanguageTextTests {
    @Test func unicodeWordsAndColumnsInCharacters() throws {
        #expect(try parse("北京 café") == boolean((.should, word("北京", 1)), (.should, word("café", 4))))
        #expect(try parse("日本語 AND title:東京") == boolean((.must, word("日本語", 1)), (.must, word("東京", 15, field: .title))))
        // Emoji with modifiers are one character each.
        #expect(try parse("👍🏽 ok") == boolean((.should, word("👍🏽", 1)), (.should, word("ok", 3))))
    }

    @Test func unicodeErrorColumnsCountCharacters() {
        expectSyntaxError(#"中文 "abc"#, "the quote opened here is never closed; add a closing \"", column: 4)
        expectSyntaxError("naïve résumé AND", "AND \(nothingAfter)", column: 14)
    }

    @Test(arguments: ["10:30", "e-mail", "C++", "what?", "50%", "Note:", "!!!", "a&&b", "x||y", "~/notes", "^_", "C#", "it's"])
    func ordinaryTextIsOneWord(_ text: String) throws {
        #expect(try parse(text) == word(text, 1))
    }

    @Test func sentencesWithPunctuationParse() throws {
        #expect(try parse("Note: meeting at 10:30!") == boolean(
            (.should, word("Note:", 1)), (.should, word("meeting", 7)),
            (.should, word("at", 15)), (.should, word("10:30!", 18))))
    }
}

// MARK: - Sites and hostile boosts

@Suite("Query language parser: site: and boost limits")
struct QueryLanguageSiteAndLimitTests {
    private func site(_ text: String, _ domain: String, _ column: Int) -> QueryNode {
        .site(SiteQuery(text: text, domain: domain, column: column))
    }

    @Test func siteIsAFilterClauseCombinableWithEverything() throws {
        #expect(try parse("site:edu.cn 图书馆") == boolean((.should, site("edu.cn", "edu.cn", 1)), (.should, word("图书馆", 13))))
        #expect(try parse("library -site:Example.com") == boolean(
            (.should, word("library", 1)), (.mustNot, site("Example.com", "example.com", 10))))
        #expect(try parse("SITE:www.cs.example.edu/~smith/") == site("www.cs.example.edu/~smith/", "cs.example.edu", 1))
        #expect(try parse("(site:a.org OR site:b.org) +ferry") == boolean(
            (.should, site("a.org", "a.org", 2)), (.should, site("b.org", "b.org", 16)), (.must, word("ferry", 29))))
    }

    @Test func siteErrorsPointAtTheColumn() {
        expectSyntaxError("ferry site:", "site: has nothing after it; write site:example.com", column: 7)
        expectSyntaxError("ferry site: x", "site: has nothing after it; write site:example.com", column: 7)
        expectSyntaxError("site:a^2 x", "site: needs a host name like example.com, not \"a^2\"", column: 1)
        expectSyntaxError("site:/// x", "site: needs a host name like example.com, not \"///\"", column: 1)
    }

    @Test func anEscapedColonIsAWordNotASite() throws {
        #expect(try parse(#"site\:x"#) == word("site:x", 1))
    }

    @Test func largestAcceptedBoostIsAMillion() throws {
        #expect(try parse("word^1000000") == word("word", 1, boost: 1_000_000))
        #expect(try parse("(a^1000 b)^1000") == boolean((.should, word("a", 2, boost: 1_000_000)), (.should, word("b", 9, boost: 1000))))
    }

    @Test func hostileBoostsAreSyntaxErrors() {
        let tooLarge = "the boost is too large; the maximum is 1000000"
        expectSyntaxError("word^1000001", tooLarge, column: 5)
        expectSyntaxError("word^" + String(repeating: "9", count: 309), tooLarge, column: 5)
        expectSyntaxError("x word^1" + String(repeating: "0", count: 400), tooLarge, column: 7)
        expectSyntaxError("word^1e309", "the boost \"1e309\" is not a number; write a positive number like ^2 or ^0.5", column: 5)
        expectSyntaxError("word^-1e309", "the boost must not be negative; write a positive number like ^2 or ^0.5", column: 5)
        // Nested group boosts multiply: each is allowed, the product is not.
        expectSyntaxError("((word^1000)^1000)^1000", "boosts multiply to more than the maximum 1000000; use smaller boosts", column: 19)
    }
}
