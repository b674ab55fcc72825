import Foundation

/// Counts one phase's progress from several threads and reports it at most
/// ten times a second, and once at the end.
final class PhaseProgress: @unchecked Sendable {
    private let phase: IndexingPhase
    private let total: Int
    private let events: @Sendable (IndexingEvent) -> Void
    private let lock = NSLock()
    private var done = 0
    private var lastReport = Date.distantPast

    init(_ phase: IndexingPhase, total: Int, events: @escaping @Sendable (IndexingEvent) -> Void) {
        self.phase = phase
        self.total = total
        self.events = events
        events(.progress(phase: phase, done: 0, total: total))
    }

    /// Counts `count` more units done.
    func advance(by count: Int = 1) {
        let report: Int? = lock.withLock {
            done += count
            let now = Date()
            guard done >= total || now.timeIntervalSince(lastReport) >= 0.1 else { return nil }
            lastReport = now
            return done
        }
        if let report { events(.progress(phase: phase, done: min(report, total), total: total)) }
    }
}
