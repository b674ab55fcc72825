#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a fatal stop — an allocation the system refused (`ulimit -v`, a
/// container's memory limit), or a bug — into one line on stderr instead of
/// a forty-line backtrace. The index on disk is unchanged by then: a run
/// that stops before its commit leaves the previous index in force, and
/// the next run removes what it left. `SCOUR_BACKTRACE=1` keeps Swift's
/// backtrace (for bug reports).
enum FatalSignals {
    static func install() {
        guard getenv("SCOUR_BACKTRACE") == nil else { return }
        // A parent may have started us with these blocked (the mask is
        // inherited): a fatal signal must reach its handler.
        var fatal = sigset_t()
        sigemptyset(&fatal)
        for signal in [SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE] {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { _ in FatalSignals.report() }
            #else
            action.__sigaction_u.__sa_handler = { _ in FatalSignals.report() }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
            sigaddset(&fatal, signal)
        }
        sigprocmask(SIG_UNBLOCK, &fatal, nil)
    }

    /// Async-signal-safe: one `write`, then `_exit`.
    private static func report() {
        let message = "scour: error: stopped by a fatal error (out of memory, or a bug): the index on disk is unchanged; free memory or lower --memory-budget and run again (SCOUR_BACKTRACE=1 shows where)\n"
        message.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
        }
        _exit(70)
    }
}
