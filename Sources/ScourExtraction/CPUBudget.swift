import Glibc

/// The CPU time one extraction may spend, measured on the calling thread
/// (`CLOCK_THREAD_CPUTIME_ID`), so a busy machine or a descheduled worker
/// does not count against a page — only the work the page causes does.
///
/// Checked between phases and, through ``Countdown``, inside the loops
/// that walk a whole page; a reading costs a system call (~0.3 µs), so
/// loops read the clock once per few thousand steps.
struct CPUBudget: Sendable {
    /// Thread CPU seconds at which the budget is spent; nil for no limit.
    private let deadline: Double?

    static let unlimited = CPUBudget(seconds: nil)

    /// Starts the clock now. `seconds` nil means no limit; 0 is spent at
    /// the first check.
    init(seconds: Double?) {
        deadline = seconds.map { Self.threadSeconds() + max(0, $0) }
    }

    var isLimited: Bool { deadline != nil }

    /// True once the thread has used the whole budget.
    func isSpent() -> Bool {
        guard let deadline else { return false }
        return Self.threadSeconds() >= deadline
    }

    /// Throws `ExtractionError.tooSlow` once the budget is spent.
    func check() throws(ExtractionError) {
        if isSpent() { throw .tooSlow }
    }

    static func threadSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// Reads the clock every `interval` steps of a loop, so a walk over a
    /// page can stop early without paying a system call per node.
    struct Countdown {
        let budget: CPUBudget
        private var remaining: Int
        private let interval: Int
        /// Set once a check found the budget spent; the loop should stop.
        private(set) var isSpent = false

        init(_ budget: CPUBudget, interval: Int = 4096) {
            self.budget = budget
            self.interval = interval
            remaining = interval
        }

        /// One step of the loop; true when the loop must stop.
        @inline(__always)
        mutating func step() -> Bool {
            remaining &-= 1
            guard remaining <= 0 else { return false }
            remaining = interval
            if budget.isLimited, budget.isSpent() { isSpent = true }
            return isSpent
        }
    }
}
