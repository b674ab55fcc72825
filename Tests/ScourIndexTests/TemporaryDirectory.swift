import Foundation

/// A fresh directory under the system's temporary folder, removed on deinit.
final class TemporaryDirectory: Sendable {
    let path: String

    init() {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
