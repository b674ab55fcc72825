/// The moment a search must stop by (``SearchOptions/timeLimit``),
/// checked at the points where a search can take long: while a fuzzy word
/// scans the vocabulary, and between segments. Once past, it stays past,
/// so every later check is one load.
final class SearchDeadline: @unchecked Sendable {
    private let instant: ContinuousClock.Instant
    let limit: Duration
    /// Read and written by the one thread running the search.
    private(set) var isPast = false

    init?(_ limit: Duration?) {
        guard let limit else { return nil }
        self.limit = limit
        instant = ContinuousClock.now + limit
    }

    /// Whether the deadline has passed (reads the clock until it has).
    @discardableResult
    func check() -> Bool {
        if !isPast, ContinuousClock.now >= instant { isPast = true }
        return isPast
    }
}

extension Optional where Wrapped == SearchDeadline {
    /// Whether there is a deadline and it has passed.
    func check() -> Bool { self?.check() ?? false }
}
