import Testing
import ScourTestSupport
@testable import Scour

/// Duplicate detection on the variations real crawls produce: one article
/// under several URLs and scrapes (counters, dates, sidebars, print views)
/// is one document; different stories in one site template are not.
@Suite("Near-duplicate detection")
struct NearDuplicateTests {
    // MARK: Pages

    static let title = "Harbour council approves new ferry timetable"
    static let article = [
        "The harbour council voted on Tuesday evening to approve a new ferry timetable that will add three early crossings on weekdays and extend the last evening service by forty minutes.",
        "Councillors said the change follows two years of complaints from commuters who work on the island but live on the mainland, and who often missed the first shift at the fish market.",
        "The operator, Northern Isles Shipping, will hire six more deck hands and lease a second vessel from a yard in the south for the busy summer months.",
        "Fares will stay the same until the end of the year, the council said, although a review of concession passes for students and pensioners is planned for the spring.",
        "Residents of the island village welcomed the decision but warned that the pier needs repairs before larger boats can berth there safely in winter storms.",
        "Engineers inspected the pier last month and found cracks in two of the concrete supports; the council has set aside money for the work but has not yet chosen a contractor.",
        "The new timetable takes effect on the first Monday of next month and will be printed in the library, at both terminals and on the council's noticeboards.",
        "Shopkeepers on the island expect the earlier crossings to bring more day visitors, especially walkers who have complained that they could not reach the northern cliffs and return on the same day.",
        "The owner of the village bakery said she would open an hour earlier to serve passengers from the first boat, and the post office plans to extend its opening hours on Saturdays.",
        "Not everyone is pleased: two councillors voted against the plan, arguing that the money for extra crew would be better spent on the bus link between the mainland terminal and the hospital.",
        "The operator said the second vessel is older and slower than the current ferry, so some summer crossings will take ten minutes longer, and it asked passengers to allow extra time for connections.",
        "A public meeting about the timetable and the pier repairs will be held in the village hall next week, and residents who cannot attend may send written questions to the harbour office.",
    ]
    static let siteChrome = ["Hits: 218", "Last updated: March 3, 2026"]

    static func page(title: String = title, chrome: [String] = siteChrome, body: [String] = article,
                     extra: [String] = []) -> ContentFingerprint {
        ContentFingerprint(title: title, lines: chrome + body + extra)
    }

    // MARK: One page, several scrapes

    @Test func caseSpacingAndPunctuationAreExactDuplicatesAndCountersNearOnes() {
        let original = Self.page()
        let shouting = ContentFingerprint(
            title: Self.title.uppercased(),
            lines: ["HITS:   218", "Last updated -- March 3; 2026"] + Self.article.map { "  " + $0.uppercased() + " " })
        #expect(shouting == original)
        // Another counter and date: the same sketch (figures are one word in
        // shingles), but not the same exact hash (it keeps every digit).
        let recounted = ContentFingerprint(title: Self.title, lines: ["Hits: 219", "Last updated: March 4, 2026"] + Self.article)
        #expect(recounted.sketch == original.sketch)
        #expect(recounted.exact != original.exact)
        #expect(NearDuplicateIndex.duplicates([original, recounted]) == [nil, 0])
        let reflowed = ContentFingerprint(title: Self.title, text: (Self.siteChrome + Self.article).joined(separator: "\n\n"))
        #expect(reflowed == original)
        let text = (Self.siteChrome + Self.article).joined(separator: "\n")
        #expect(ContentFingerprint(title: Self.title[...], lines: text.split(separator: "\n")) == original)
        #expect(original.words > 350)
    }

    @Test func rescrapesAreNearDuplicates() {
        let original = Self.page()
        let variants: [(String, ContentFingerprint)] = [
            ("date line", Self.page(chrome: ["Hits: 219", "Last updated: April 12, 2026"])),
            ("sidebar line", Self.page(extra: ["Most read: Lighthouse keeper retires after forty years"])),
            ("print view", Self.page(title: "Print version: " + Self.title,
                                     chrome: ["Print this page", "Close window"] + Self.siteChrome)),
            ("all of them", Self.page(title: "Print version: " + Self.title,
                                      chrome: ["Print this page", "Hits: 4021", "Last updated: April 12, 2026"],
                                      extra: ["Most read: Lighthouse keeper retires after forty years"])),
        ]
        for (name, variant) in variants {
            #expect(variant.exact != original.exact, "\(name)")
            #expect(variant.distance(to: original) <= NearDuplicateIndex.defaultMaximumDistance,
                    "\(name): \(variant.distance(to: original)) bits")
            var index = NearDuplicateIndex()
            #expect(index.add(0, original) == nil)
            #expect(index.add(1, variant) == 0, "\(name)")
        }
    }

    @Test func sharedTextUnderDifferentTitlesIsNotADuplicate() {
        // A manual's front page that is mostly its licence, and a copyright
        // file with the same licence; release notes that differ only in
        // their version (both seen in Debian's /usr/share/doc).
        let original = Self.page()
        let otherTitle = Self.page(title: "Top (libffi: the portable foreign function interface library)")
        #expect(otherTitle.distance(to: original) <= NearDuplicateIndex.defaultMaximumDistance)
        #expect(NearDuplicateIndex.duplicates([original, otherTitle]) == [nil, nil])
        let notes218 = Self.page(title: "Git v2.18.1 Release Notes")
        let notes219 = Self.page(title: "Git v2.19.1 Release Notes")
        #expect(NearDuplicateIndex.duplicates([notes218, notes219]) == [nil, nil])
        // A title inside the other one ("Print version: X") is compatible.
        #expect(Self.page(title: "Print version: " + Self.title).titleIsCompatible(with: original))
        #expect(!notes218.titleIsCompatible(with: notes219))
    }

    // MARK: Different pages in one template

    static let template = [
        "Harbour Gazette", "Home News Sport Weather Letters Contact",
        "Subscribe to our weekly newsletter for the latest stories from the islands and the coast.",
        "Harbour Gazette, 14 Quay Street, Port Ellen. Telephone 01496 300 300. All rights reserved.",
    ]
    static let otherArticle = [
        "A schoolboy from the island village has won the regional spelling competition after correctly spelling forty words in the final round.",
        "He beat nineteen other pupils from across the coast, including last year's winner, who went out on the word that ended her run.",
        "His teacher said he practised every morning on the ferry, reading from a dictionary his grandmother had given him for his birthday.",
        "He will represent the region at the national final in the capital in June, and the council has offered to pay for his travel.",
    ]

    @Test func storiesSharingATemplateAreNotDuplicates() {
        let ferry = Self.page(chrome: Self.template + Self.siteChrome, body: Array(Self.article.prefix(4)))
        let spelling = Self.page(title: "Island pupil wins spelling competition",
                                 chrome: Self.template + Self.siteChrome, body: Self.otherArticle)
        #expect(ferry.words >= 100 && spelling.words >= 100)
        #expect(ferry.distance(to: spelling) > 30)
        #expect(NearDuplicateIndex.duplicates([ferry, spelling]) == [nil, nil])
    }

    @Test func aFewDifferentSentencesMakeADifferentPage() {
        // Same title, template and first half; the second half is another story.
        let original = Self.page(chrome: Self.template)
        let followUp = Self.page(chrome: Self.template,
                                 body: Array(Self.article.prefix(4)) + Self.otherArticle.suffix(3))
        #expect(NearDuplicateIndex.duplicates([original, followUp]) == [nil, nil])
    }

    // MARK: Short pages

    @Test func shortPagesAreOnlyExactDuplicates() {
        let notFound = ContentFingerprint(title: "Page not found", lines: ["Sorry, the page you asked for does not exist."])
        let again = ContentFingerprint(title: "Page Not Found", lines: ["Sorry — the page you asked for does not exist"])
        let other = ContentFingerprint(title: "Page not found", lines: ["Sorry, the page you asked for does not exist any more."])
        let empty = ContentFingerprint(title: "Shoes: page 2", lines: [String]())
        let emptyToo = ContentFingerprint(title: "Shoes: page 3", lines: [String]())
        let emptyHats = ContentFingerprint(title: "Hats: page 2", lines: [String]())
        // Short pages that differ in a number are different pages ("page 2",
        // "page 3"): only a long page has words enough besides its figures.
        #expect(NearDuplicateIndex.duplicates([notFound, again, other, empty, emptyToo, emptyHats])
                == [nil, 0, nil, nil, nil, nil])
    }

    /// Words `0..<count` of the ferry article.
    static func words(_ count: Int) -> String {
        Self.article.joined(separator: " ").split(separator: " ").prefix(count).joined(separator: " ")
    }

    @Test(arguments: [NearDuplicateIndex.defaultMinimumWords - 1, NearDuplicateIndex.defaultMinimumWords])
    func minimumLength(words: Int) throws {
        // The text, then the same text with one more word: a near duplicate
        // by the sketch whatever the length…
        let text = ContentFingerprint(title: "", text: Self.words(words))
        let longer = ContentFingerprint(title: "", text: Self.words(words) + " today")
        #expect(text.words == words)
        try #require(text.distance(to: longer) <= NearDuplicateIndex.defaultMaximumDistance)
        // …but only counted as one when the kept text is long enough.
        let expected: Int? = words >= NearDuplicateIndex.defaultMinimumWords ? 0 : nil
        #expect(NearDuplicateIndex.duplicates([text, longer]) == [nil, expected])
    }

    // MARK: CJK

    static let harbourStory = [
        "港口管理委员会周二晚间投票通过了新的渡轮时刻表，工作日将增加三个早班航次，末班船延长四十分钟。",
        "委员们表示，这一调整源于通勤者两年来的投诉，他们在岛上工作却住在大陆，常常赶不上鱼市的早班。",
        "运营公司将再招聘六名水手，并在夏季旺季从南方船厂租用第二艘船。",
        "委员会说，年底前票价保持不变，学生和老人优惠卡的审查计划在春季进行。",
        "岛上村民欢迎这一决定，但提醒说码头需要维修，冬季风暴中大船才能安全停靠。",
    ]
    static let spellingStory = [
        "岛上村庄的一名小学生在地区拼写比赛中夺冠，他在决赛中正确拼写了四十个单词。",
        "他击败了来自沿海各地的十九名学生，其中包括去年的冠军。",
        "老师说，他每天早上在渡轮上练习，读的是祖母送给他的一本词典。",
        "他将于六月代表本地区参加在首都举行的全国决赛，委员会提出为他支付路费。",
        "岛上村民为他感到骄傲，学校也为他举办了一个小小的庆祝会。",
    ]

    @Test func chineseCharactersAreWords() {
        let line = ContentFingerprint(title: "", text: "港口管理委员会")
        #expect(line.words == 7)
        #expect(ContentFingerprint(title: "", text: "港口，管理委员会。") == line)
    }

    @Test func chineseRescrapeIsANearDuplicateAndAnotherStoryIsNot() {
        let chrome = ["港湾日报 首页 新闻 体育 天气", "浏览次数：218"]
        let story = ContentFingerprint(title: "港口委员会通过新渡轮时刻表",
                                       lines: chrome + ["更新时间：二〇二六年三月三日"] + Self.harbourStory)
        let rescraped = ContentFingerprint(title: "港口委员会通过新渡轮时刻表",
                                           lines: chrome + ["更新时间：二〇二六年四月十二日"] + Self.harbourStory)
        let other = ContentFingerprint(title: "岛上小学生赢得拼写比赛",
                                       lines: chrome + ["更新时间：二〇二六年三月三日"] + Self.spellingStory)
        #expect(story.words > 200)
        #expect(rescraped.exact != story.exact)
        #expect(NearDuplicateIndex.duplicates([story, rescraped, other]) == [nil, 0, nil])
        #expect(other.distance(to: story) > 30)
    }

    // MARK: The index

    /// A fingerprint with the given sketch words (an exact hash derived
    /// from them unless given).
    static func fingerprint(_ low: UInt64, _ high: UInt64 = 0, exact: UInt64? = nil, words: Int = 100) -> ContentFingerprint {
        ContentFingerprint(exact: exact ?? (low &* 0x9E37_79B9_7F4A_7C15 ^ high) | 1,
                           sketch: .init(low: low, high: high), words: words)
    }

    @Test func aliasesDoNotAttractFurtherPages() {
        // B is 3 bits from A, C is 3 bits from B but 6 from A.
        let a = Self.fingerprint(0), b = Self.fingerprint(0b111), c = Self.fingerprint(0b111_111)
        #expect(NearDuplicateIndex.duplicates([a, b, c], maximumDistance: 3) == [nil, 0, nil])
    }

    @Test func theLowestOrdinalKeptPageWins() {
        // X and Y are 4 bits apart, both kept; Z is 2 bits from each.
        var index = NearDuplicateIndex(maximumDistance: 3)
        #expect(index.add(7, Self.fingerprint(0, 0b1111)) == nil)
        #expect(index.add(9, Self.fingerprint(0)) == nil)
        #expect(index.add(12, Self.fingerprint(0, 0b11)) == 7)
        #expect(index.duplicate(of: Self.fingerprint(0, 0b1100)) == 7)
        #expect(index.keptCount == 2)
    }

    @Test func bitsAnywhereInTheSketchCount() {
        // 8 bits apart, one in each 16-bit block: no block agrees, the one
        // case the tables can miss at the default distance.
        let spread = (0..<4).reduce(UInt64(0)) { $0 | 1 << UInt64($1 * 16) }
        let a = Self.fingerprint(0), b = Self.fingerprint(spread, spread)
        #expect(a.distance(to: b) == 8)
        #expect(NearDuplicateIndex.duplicates([a, b]) == [nil, nil])
        // 7 bits: always found, wherever they are.
        let c = Self.fingerprint(spread, spread & ~1)
        #expect(NearDuplicateIndex.duplicates([a, c]) == [nil, 0])
        let d = Self.fingerprint(0, 0x7F << 57)
        #expect(NearDuplicateIndex.duplicates([a, d, b]) == [nil, 0, nil])
    }

    @Test func anExactMatchNeedsNoSketch() {
        let short = Self.fingerprint(1, exact: 42, words: 3)
        let sameText = Self.fingerprint(0xFFFF_0000_FFFF_0000, 7, exact: 42, words: 3)
        let closeSketch = Self.fingerprint(1, exact: 43, words: 3)
        #expect(NearDuplicateIndex.duplicates([short, sameText, closeSketch]) == [nil, 0, nil])
    }

    /// Random pages, and copies of earlier ones with 0…k+2 random bits flipped.
    static func pages(k: Int, count: Int = 1500) -> [ContentFingerprint] {
        var random = SeededGenerator(seed: UInt64(k))
        var fingerprints: [ContentFingerprint] = []
        for _ in 0..<count {
            if fingerprints.count > 10, Int.random(in: 0..<3, using: &random) == 0 {
                var sketch = fingerprints.randomElement(using: &random)!.sketch
                for _ in 0..<Int.random(in: 0...(k + 2), using: &random) {
                    let bit = Int.random(in: 0..<128, using: &random)
                    if bit < 64 { sketch.low ^= 1 << UInt64(bit) } else { sketch.high ^= 1 << UInt64(bit - 64) }
                }
                fingerprints.append(ContentFingerprint(exact: random.next(), sketch: sketch, words: 100))
            } else {
                fingerprints.append(Self.fingerprint(random.next(), random.next(), exact: random.next()))
            }
        }
        return fingerprints
    }

    /// Up to 7 bits the tables find every pair: the same grouping as
    /// comparing every pair (kept pages in order, each other page the alias
    /// of the first kept page within k bits).
    /// Groups with an index that rebuilds its sorted tables every
    /// `rebuildEvery` pages or more (the default: only past 65,536 pages).
    static func grouped(_ fingerprints: [ContentFingerprint], k: Int, rebuildEvery: Int?) -> [Int?] {
        guard let rebuildEvery else { return NearDuplicateIndex.duplicates(fingerprints, maximumDistance: k) }
        var index = NearDuplicateIndex(maximumDistance: k, minimumWords: 40, minimumChained: rebuildEvery)
        return fingerprints.enumerated().map { index.add($0.offset, $0.element) }
    }

    @Test(arguments: [0, 1, 3, 7], [nil, 50])
    func tablesFindEveryPairWithinSevenBits(k: Int, rebuildEvery: Int?) {
        let fingerprints = Self.pages(k: k)
        var kept: [Int] = []
        let bruteForce: [Int?] = fingerprints.indices.map { i in
            if let first = kept.first(where: { fingerprints[$0].distance(to: fingerprints[i]) <= k }) { return first }
            kept.append(i)
            return nil
        }
        let grouped = Self.grouped(fingerprints, k: k, rebuildEvery: rebuildEvery)
        #expect(grouped == bruteForce)
        #expect(grouped.contains { $0 != nil })
    }

    /// Beyond 7 bits a pair is found only if it shares a block: every alias
    /// is within k bits of a kept page, and no kept page within 7 bits of a
    /// page (or, for an alias, before its kept page) is overlooked.
    @Test(arguments: [8, 12], [nil, 50])
    func widerDistancesFindWhatSharesABlock(k: Int, rebuildEvery: Int?) {
        let fingerprints = Self.pages(k: k)
        let grouped = Self.grouped(fingerprints, k: k, rebuildEvery: rebuildEvery)
        var kept: [Int] = []
        for (i, group) in grouped.enumerated() {
            let limit = group ?? i
            let overlooked = kept.first { $0 < limit && fingerprints[$0].distance(to: fingerprints[i]) <= 7 }
            #expect(overlooked == nil, "page \(i)")
            if let group {
                #expect(kept.contains(group) && fingerprints[group].distance(to: fingerprints[i]) <= k)
            } else {
                kept.append(i)
            }
        }
        #expect(grouped.filter { $0 != nil }.count > 100)
    }
}
