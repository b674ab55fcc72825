import Foundation

/// Hands out one copy of each string (and list of strings) that many
/// pages repeat — the JSON Lines or WARC file they came from, their
/// template groups — so a million pages hold a few thousand buffers, not
/// millions. Thread-safe.
final class SharedStrings: @unchecked Sendable {
    private let lock = NSLock()
    private var strings: [String: String] = [:]
    private var lists: [String: [String]] = [:]

    /// The shared copy of `string`.
    func share(_ string: String) -> String {
        guard !string.isEmpty else { return string }
        return lock.withLock {
            if let shared = strings[string] { return shared }
            strings[string] = string
            return string
        }
    }

    /// The shared copy of `list` (its strings shared too).
    func share(_ list: [String]) -> [String] {
        guard !list.isEmpty else { return list }
        let key = list.joined(separator: "\u{0}")
        return lock.withLock {
            if let shared = lists[key] { return shared }
            let shared = list.map { string in
                if let existing = strings[string] { return existing }
                strings[string] = string
                return string
            }
            lists[key] = shared
            return shared
        }
    }
}
