/// How text is turned into terms. Recorded in the index manifest so that a
/// query is always analysed exactly like the documents it searches.
///
/// Keys added after the first release decode with the value that means
/// "off" when a manifest lacks them, so an index built before they existed
/// keeps searching exactly as it was built; new indexes get ``standard``.
public struct AnalyzerConfiguration: Codable, Sendable, Equatable, Hashable {
    /// Reduce English words to their Snowball (Porter2) stems, so that
    /// "meetings" finds "meeting".
    public var stemming: Bool
    /// Ignore English stop words in ranked OR queries. They are always kept in
    /// the index, so phrase queries such as "university of london" still work.
    public var stopWords: Bool
    /// The language whose stemmer and stop words apply (ISO 639-1).
    public var language: String
    /// Fold Chinese script variants (traditional → simplified, with OpenCC's
    /// data) in documents and queries alike; nil leaves characters as written.
    /// Absent from old manifests: nil.
    public var chineseFolding: ChineseFolding?
    /// Index each Han character on its own as well as in bigrams, so that a
    /// one-character query (`校`) finds the character inside longer runs
    /// (`学校`). Costs a third more postings on Chinese text (Chinese man
    /// pages: +34 % postings, +17 % index bytes); one-character queries are
    /// then one term, 2–4× faster than expanding the character over the
    /// bigram dictionary. Multi-character queries still match bigrams only,
    /// at unchanged positions. Absent from old manifests: false (bigrams
    /// only, as those indexes were built).
    public var hanUnigrams: Bool

    public init(stemming: Bool = true, stopWords: Bool = true, language: String = "en",
                chineseFolding: ChineseFolding? = .traditionalToSimplified, hanUnigrams: Bool = true) {
        self.stemming = stemming
        self.stopWords = stopWords
        self.language = language
        self.chineseFolding = chineseFolding
        self.hanUnigrams = hanUnigrams
    }

    /// The defaults: English stemming and stop words, traditional Chinese
    /// folded to simplified, Han characters indexed singly and as bigrams.
    public static let standard = AnalyzerConfiguration()

    /// What indexes built before Chinese folding and Han unigrams existed
    /// used: bigrams only, characters as written.
    public static let legacy = AnalyzerConfiguration(chineseFolding: nil, hanUnigrams: false)

    private enum CodingKeys: String, CodingKey {
        case stemming, stopWords, language, chineseFolding, hanUnigrams
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stemming = try container.decode(Bool.self, forKey: .stemming)
        stopWords = try container.decode(Bool.self, forKey: .stopWords)
        language = try container.decode(String.self, forKey: .language)
        chineseFolding = try container.decodeIfPresent(ChineseFolding.self, forKey: .chineseFolding)
        hanUnigrams = try container.decodeIfPresent(Bool.self, forKey: .hanUnigrams) ?? false
    }
}
