/// How the user wrote a word, so a spelling correction reads as their own
/// typing: "Univeristy" → "University", "LIBARY" → "LIBRARY".
enum CapitalisationStyle: Equatable {
    case lower
    case capitalised
    case allCaps

    /// All cased letters upper case (two or more letters) → all caps; a
    /// leading upper-case letter → capitalised; anything else, including
    /// mixed forms like "iPhone", is treated as lower case.
    init(of word: some StringProtocol) {
        let letters = word.filter(\.isLetter)
        if letters.count >= 2, letters.allSatisfy({ !$0.isLowercase }), letters.contains(where: \.isUppercase) {
            self = .allCaps
        } else if let first = letters.first, first.isUppercase {
            self = .capitalised
        } else {
            self = .lower
        }
    }

    /// `word` (lower case, as dictionaries store it) written in this style.
    func apply(to word: String) -> String {
        switch self {
        case .lower:
            return word
        case .allCaps:
            return word.uppercased()
        case .capitalised:
            guard let first = word.first else { return word }
            return first.uppercased() + word.dropFirst()
        }
    }
}
