import COpenCC
import ScourPrimitives

/// Which Chinese script variants the analyzer folds together.
///
/// Folding maps every Han character of documents and queries to one
/// script, so a query typed in either script finds pages written in the
/// other: `图书馆` finds `圖書館` and back.
public enum ChineseFolding: String, Codable, Sendable, Hashable {
    /// Traditional to simplified, with OpenCC's `t2s.json` (the library's
    /// character dictionary, as packaged by Debian's libopencc-data).
    case traditionalToSimplified = "t2s"

    /// The OpenCC configuration that performs this folding.
    var openCCConfiguration: String {
        switch self {
        case .traditionalToSimplified: "t2s.json"
        }
    }
}

/// Why an analyzer cannot be used on this machine.
public struct AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line for users: what is missing and what to install.
    public var message: String

    public var description: String { message }
}

/// A Han code point → folded code point table, built once per process from
/// OpenCC's data.
///
/// Why a table rather than calling OpenCC on the text: OpenCC converts
/// strings (segmenting them and allocating), while the analyzer folds one
/// scalar at a time in its hot path. Converting every Han code point
/// through OpenCC once, one per line, gives a per-character map (Debian's
/// OpenCC 1.1.6: 4,105 of 98,576 Han code points change, none into more
/// than one character; about 80 ms, release build); each
/// ``AnalysisSession`` then caches the folded bytes of each scalar it
/// meets, so folding costs nothing per token.
///
/// What is lost: OpenCC's phrase dictionary (`TSPhrases`, 277 entries),
/// which picks a character by context. Of its entries 258 convert
/// differently character by character: in 87 the phrase keeps a character
/// the table changes (`乾隆` keeps `乾`, the table gives `干`) — harmless,
/// since documents and queries fold with the same table; in 171 the phrase
/// gives a character the table does not (`反覆` → `反复`, `憑藉` → `凭借`,
/// `計畫` → `计划`), so a simplified query for those words misses the
/// traditional spelling (the traditional query still finds both).
struct HanFoldingTable: Sendable {
    /// Only the characters that change.
    private(set) var mapping: [UInt32: UInt32] = [:]
    /// Characters OpenCC converted to more than one character (not folded).
    private(set) var multiCharacter = 0

    /// The folded form of `value`, or nil when it folds to itself.
    @inline(__always)
    func folded(_ value: UInt32) -> UInt32? { mapping[value] }

    /// Every Han code point the analyzer knows (`UnicodeRanges.isHan`).
    static var hanCodePoints: [UInt32] {
        (0x3400...0x3134F).filter(UnicodeRanges.isHan)
    }

    /// The table for `folding`, built on first use and shared by every
    /// session of the process (a Swift global: initialised once, thread-safe).
    static func table(for folding: ChineseFolding) -> Result<HanFoldingTable, AnalysisError> {
        switch folding {
        case .traditionalToSimplified: traditionalToSimplified
        }
    }

    private static let traditionalToSimplified = build(configuration: ChineseFolding.traditionalToSimplified.openCCConfiguration)

    /// The table for `folding`, built on first use. Traps when OpenCC's data
    /// cannot be loaded: ``Analyzer/prepare()`` checks that first and turns
    /// it into a one-line error before any text is analysed.
    static func loaded(for folding: ChineseFolding) -> HanFoldingTable? {
        switch table(for: folding) {
        case .success(let table): return table
        case .failure(let error): fatalError(error.message)
        }
    }

    /// Whether OpenCC's configuration for `folding` loads, without building
    /// the table: opening the converter reads its dictionaries, converting
    /// every Han character is what costs (see ``build(configuration:)``).
    static func isAvailable(_ folding: ChineseFolding) -> Result<Void, AnalysisError> {
        availability[folding.rawValue] ?? .success(())
    }

    /// Each folding's check, done once per process.
    private static let availability: [String: Result<Void, AnalysisError>] = {
        var results: [String: Result<Void, AnalysisError>] = [:]
        for folding in [ChineseFolding.traditionalToSimplified] {
            let configuration = folding.openCCConfiguration
            if let converter = opencc_open(configuration), converter != UnsafeMutableRawPointer(bitPattern: -1) {
                opencc_close(converter)
                results[folding.rawValue] = .success(())
            } else {
                results[folding.rawValue] = .failure(AnalysisError(message:
                    "cannot load OpenCC's \(configuration) for Chinese script folding: install libopencc-data (apt-get install libopencc-data opencc)"))
            }
        }
        return results
    }()

    /// Converts all Han code points, newline-separated, in one OpenCC call
    /// (98,576 characters, about 80 ms, once per process).
    static func build(configuration: String) -> Result<HanFoldingTable, AnalysisError> {
        guard let converter = opencc_open(configuration),
              converter != UnsafeMutableRawPointer(bitPattern: -1)
        else {
            return .failure(AnalysisError(message:
                "cannot load OpenCC's \(configuration) for Chinese script folding: install libopencc-data (apt-get install libopencc-data opencc)"))
        }
        defer { opencc_close(converter) }

        let codePoints = hanCodePoints
        var input: [UInt8] = []
        input.reserveCapacity(codePoints.count * 5)
        for value in codePoints {
            input.append(contentsOf: String(Unicode.Scalar(value)!).utf8)
            input.append(0x0A)
        }
        let converted: String? = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let output = opencc_convert_utf8(converter, chars.baseAddress, chars.count) else { return nil }
                defer { opencc_convert_utf8_free(output) }
                return String(cString: output)
            }
        }
        guard let converted else {
            return .failure(AnalysisError(message: "OpenCC's \(configuration) failed to convert the Han characters: reinstall libopencc-data"))
        }
        let lines = converted.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count >= codePoints.count else {
            return .failure(AnalysisError(message: "OpenCC's \(configuration) returned \(lines.count) lines for \(codePoints.count) characters: reinstall libopencc-data"))
        }
        var table = HanFoldingTable()
        for (value, line) in zip(codePoints, lines) {
            let scalars = String(decoding: line, as: UTF8.self).unicodeScalars
            guard let first = scalars.first else { continue }
            if scalars.count > 1 {
                table.multiCharacter += 1
            } else if first.value != value {
                table.mapping[value] = first.value
            }
        }
        return .success(table)
    }
}
