import Foundation
// TEMPORARY: debugging memory (SCOUR_MEMPROBE=1).
enum MemoryProbe {
    static let enabled = ProcessInfo.processInfo.environment["SCOUR_MEMPROBE"] != nil
    nonisolated(unsafe) static var start = Date()
    static func report(_ label: String) {
        guard enabled else { return }
        let label = String(format: "%.3f ", Date().timeIntervalSince(start)) + label
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let rss = status.split(separator: "\n").filter { $0.hasPrefix("VmRSS") || $0.hasPrefix("VmHWM") }.joined(separator: " ")
        FileHandle.standardError.write("[mem] \(label): \(rss)\n".data(using: .utf8)!)
    }
}
