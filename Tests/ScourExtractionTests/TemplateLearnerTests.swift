import Testing
@testable import ScourExtraction

/// A synthetic site whose pages share a menu, an address footer and a QQ
/// service line, each with its own article.
enum SyntheticSite {
    static let topics = [
        "robotics", "chemistry", "library", "orchestra", "rowing", "astronomy",
        "botany", "theatre", "geology", "chess", "poetry", "volunteering", "pottery", "debating",
    ]
    static let quote = "As the founder wrote a century ago, a college is not its buildings but the people "
        + "who argue, laugh and learn together inside them every single day."
    static let header = ["Kestrel College", "Home | About | News & Events | Contact", "News & Events"]
    static let footer = [
        "Address: 88 Larkspur Road, Kestrel 450000",
        "Tel: 0371-55501234",
        "Online QQ Service, Click here",
        "Copyright © 2026 Kestrel College",
    ]

    /// Page `number` of the site; pages in `quoting` quote `quote` mid-article.
    static func page(_ number: Int, quoting: Set<Int> = []) -> [String] {
        let topic = topics[number % topics.count]
        var article = [
            "The \(topic) society opens its season",
            "Hits: \(number * 97 + 3)",
            "Members of the \(topic) society met on Tuesday to plan a season of \(topic) events for new students.",
            "Anyone curious about \(topic) is welcome; the first session of the \(topic) society needs no experience.",
        ]
        if quoting.contains(number) { article.append(quote) }
        article += [
            "The \(topic) society will publish its full programme of \(topic) meetings on the notice board next week.",
            "Text: Wang Lei",
            "Editors: Li Hua and Chen Jie",
        ]
        return header + article + footer
    }
}

@Suite("Template learning")
struct TemplateLearnerTests {
    static let quoting: Set<Int> = [2, 5, 9]
    let pages = (0..<12).map { SyntheticSite.page($0, quoting: TemplateLearnerTests.quoting) }
    var templates: SiteTemplates { TemplateLearner.learn(pages.map { (group: "news/", lines: $0) }) }

    @Test func menuFooterAndServiceLinesAreStripped() {
        let templates = self.templates
        for (number, page) in pages.enumerated() {
            let kept = templates.strip(lines: page, group: "news/", explain: false).kept
            for chrome in SyntheticSite.header + SyntheticSite.footer where chrome != "Tel: 0371-55501234" {
                #expect(!kept.contains(chrome), "page \(number) kept \(chrome)")
            }
            let topic = SyntheticSite.topics[number]
            #expect(kept.first == "The \(topic) society opens its season")
            #expect(kept.filter { $0.contains(topic) }.count == 4)
        }
    }

    @Test func sameNumberOnEveryPageIsATemplateButDifferentPhoneNumbersAreNot() {
        let kept = templates.strip(lines: pages[0], group: "news/", explain: false).kept
        #expect(!kept.contains("Tel: 0371-55501234"))
        // Staff pages: a phone number each, in the same place — content.
        let names = ["Ana Ruiz", "Bo Lindqvist", "Chen Jie", "Dara Okafor", "Eli Stone", "Farah Nasser", "Gil Amos", "Hana Sato"]
        let staff = names.enumerated().map { number, name in
            [name, "\(name) teaches \(SyntheticSite.topics[number]) to first-year students.",
             "Phone: +1 (419) 555-01\(10 + number)"]
        }
        let staffTemplates = TemplateLearner.learn(staff.map { (group: "people/", lines: $0) })
        #expect(staffTemplates.strip(lines: staff[3], group: "people/", explain: false).kept.count == 3)
    }

    @Test func countersMatchWhateverTheirDigits() {
        #expect(LineFingerprint("Hits: 12") == LineFingerprint("hits:  345."))
        #expect(LineFingerprint("浏览次数：12") == LineFingerprint("浏览次数：3456"))
        #expect(LineFingerprint("Phone: +1 (419) 555-0188") != LineFingerprint("Phone: +1 (419) 555-0190"))
        #expect(LineFingerprint("» Online QQ Service, Click here") == LineFingerprint("online qq service,  click here!"))
        #expect(LineFingerprint(" | — ").hash == 0)
        let kept = templates.strip(lines: pages[4], group: "news/", explain: false).kept
        #expect(!kept.contains { $0.hasPrefix("Hits:") })
    }

    @Test func longLinesAreToldApartByTheirStartAndLength() {
        let paragraph = String(repeating: "A long paragraph of an article, far past any menu. ", count: 8)
        #expect(LineFingerprint(paragraph) == LineFingerprint(paragraph.uppercased()))
        #expect(LineFingerprint(paragraph) != LineFingerprint(paragraph + "One more sentence."))
        #expect(LineFingerprint(paragraph).weight > TemplateRule.standard.shortWeight)
    }

    @Test func textIsSplitIntoLinesByBytes() {
        #expect(TemplatePage.lines(of: "a\n\nb é\n") == ["a", "", "b é", ""])
        #expect(TemplatePage.lines(of: "") == [""])
        #expect(TemplatePage(groups: ["x/"], text: "Hits: 1\nHits: 22").fingerprints.map(\.hash).count == 2)
    }

    @Test func sentenceQuotedBySomePagesIsKept() {
        let templates = self.templates
        for number in Self.quoting {
            #expect(templates.strip(lines: pages[number], group: "news/", explain: false).kept.contains(SyntheticSite.quote))
        }
        // Even when most pages quote it: it is in the middle of their articles.
        let most = Set(0..<9)
        let quotingMost = (0..<12).map { SyntheticSite.page($0, quoting: most) }
        let learned = TemplateLearner.learn(quotingMost.map { (group: "news/", lines: $0) })
        #expect(learned.strip(lines: quotingMost[1], group: "news/", explain: false).kept.contains(SyntheticSite.quote))
    }

    @Test func bylinesOnEveryPageAreKept() {
        let (kept, decisions) = templates.strip(lines: pages[7], group: "news/", explain: true)
        #expect(kept.contains("Text: Wang Lei"))
        #expect(kept.contains("Editors: Li Hua and Chen Jie"))
        #expect(decisions?.first { $0.text == "Text: Wang Lei" }?.kept == true)
        let byline = decisions?.first { $0.text == "Editors: Li Hua and Chen Jie" }
        #expect(byline?.kept == true)
        #expect(byline?.reason.hasPrefix("credit line") == true)
        for credit in ["Photo / Zhang Min", "Reviewed by: Ana", "（文/张三）", "责任编辑：李四", "图：王五", "TYPESETTING: Bo"] {
            #expect(CreditLine.matches(credit[...]), "\(credit)")
        }
        for other in ["Textbooks for the course", "Photography club", "文学院新闻", "Copyright © 2026"] {
            #expect(!CreditLine.matches(other[...]), "\(other)")
        }
    }

    @Test func decisionsSayWhereTheTemplateWasLearned() {
        let (_, decisions) = templates.strip(lines: pages[0], group: "news/", explain: true)
        let qq = decisions?.first { $0.text == "Online QQ Service, Click here" }
        #expect(qq?.kept == false)
        #expect(qq?.reason == "template: on 12 of 12 pages of news/")
        #expect(decisions?.count == pages[0].count)
    }

    @Test func pagesGivenOneAtATimeInAnyOrderLearnWhatTheBatchLearns() {
        // Two groups: the site's pages, and half of them again under a
        // second group; fingerprints made once and reused, as the indexer
        // reads them back from disk.
        let site = pages.map { TemplatePage(groups: ["news/"], lines: $0) }
        let both = pages.prefix(8).map { TemplatePage(groups: ["news/", "events/"], lines: $0) }
        let all = site + both
        let batch = TemplateLearner.learn(all)
        var sizes: [String: Int] = [:]
        for page in all { for group in page.groups { sizes[group, default: 0] += 1 } }
        var accumulator = TemplateLearner.Accumulator(sizes: sizes)
        for page in all.reversed() {
            accumulator.add(TemplatePage(groups: page.groups, fingerprints: page.fingerprints))
        }
        let streamed = accumulator.templates()
        #expect(!batch.groups.isEmpty)
        #expect(streamed.groups == batch.groups)
        #expect(streamed.groups["news/"]?.lines.count == batch.groups["news/"]?.lines.count)
    }

    @Test func smallGroupsLearnNothing() {
        let templates = TemplateLearner.learn(pages.prefix(3).map { (group: "news/", lines: $0) })
        #expect(templates.isEmpty)
        #expect(templates.strip(lines: pages[0], group: "news/", explain: false).kept == pages[0])
    }

    @Test func groupsAreLearnedSeparately() {
        let templates = self.templates
        #expect(templates.strip(lines: pages[0], group: "other/", explain: false).kept == pages[0])
    }

    @Test func pageMadeOfTemplateLinesIsKeptWhole() {
        let stub = SyntheticSite.header + ["A short notice"] + SyntheticSite.footer
        let templates = TemplateLearner.learn((pages + [stub]).map { (group: "news/", lines: $0) })
        let (kept, decisions) = templates.strip(lines: stub, group: "news/", explain: true)
        #expect(kept == stub)
        #expect(decisions?.first?.reason.hasPrefix("page kept whole") == true)
    }

    @Test func pageInSeveralGroupsUsesTheFirstThatKnowsTheLine() {
        // Two year folders of 3 pages each: too small alone, a site together.
        let learned = TemplateLearner.learn(pages.prefix(6).enumerated().map { number, lines in
            TemplatePage(groups: [number < 3 ? "news/2019/" : "news/2025/", "news/"], lines: lines)
        })
        let page = TemplatePage(groups: ["news/2019/", "news/"], lines: pages[0])
        let stripped = learned.strip(page, lines: pages[0].map { $0[...] }, explain: false)
        #expect(stripped.groups == ["news/"])
        #expect(stripped.removed.contains("Online QQ Service, Click here"))
    }
}
