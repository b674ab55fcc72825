import Foundation
import Scour

/// The progress line `scour index` draws on a terminal's stderr: the phase,
/// a bar, counts, rate and time left, redrawn in place.
///
///     extract  [##########··········]  4,210/8,422   710/s  ETA 0:06
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var phase: IndexingPhase?
    private var started = Date()
    private var visible = false

    /// Draws the state `event` reports.
    func update(_ phase: IndexingPhase, done: Int, total: Int) {
        lock.withLock {
            if phase != self.phase {
                self.phase = phase
                started = Date()
            }
            let elapsed = Date().timeIntervalSince(started)
            let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
            let width = 20
            let filled = Int((fraction * Double(width)).rounded(.down))
            let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
            var line = "\(phase.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) [\(bar)] \(Self.count(done))/\(Self.count(total))"
            if elapsed >= 0.5, done > 0 {
                let rate = Double(done) / elapsed
                line += String(format: "  %@/s", Self.count(Int(rate.rounded())))
                if done < total, rate > 0 { line += "  ETA " + Self.duration(Double(total - done) / rate) }
            }
            Terminal.writeError("\r" + line + "\u{1B}[K")
            visible = true
        }
    }

    /// Clears the line (before other output, and at the end).
    func clear() {
        lock.withLock {
            guard visible else { return }
            Terminal.writeError("\r\u{1B}[K")
            visible = false
        }
    }

    static func count(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
                             : String(format: "%d:%02d", total / 60, total % 60)
    }
}
