import Foundation

/// Counts one phase's progress from several threads and reports it at most
/// ten times a second, and once at the end. The total may grow while the
/// phase runs (records found inside JSON Lines and WARC files) or shrink
/// (files an update need not read).
final class PhaseProgress: @unchecked Sendable {
    private let phase: IndexingPhase
    private var total: Int
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
        let report: (Int, Int)? = lock.withLock {
            done += count
            let now = Date()
            guard done >= total || now.timeIntervalSince(lastReport) >= 0.1 else { return nil }
            lastReport = now
            return (done, max(done, total))
        }
        if let (done, total) = report { events(.progress(phase: phase, done: done, total: total)) }
    }

    /// Changes the number of units the phase will count.
    func adjustTotal(by change: Int) {
        lock.withLock { () -> Void in total += change }
    }

    /// Reports the phase as complete with what was counted.
    func finish() {
        let counted = lock.withLock { () -> Int in done }
        events(.progress(phase: phase, done: counted, total: counted))
    }
}
