import Foundation

/// A fresh directory under the system's temporary folder, removed on deinit.
/// Shared by the test targets (this module is only linked into tests).
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init() {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("scour-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

extension TemporaryDirectory {
    /// Writes `bytes` to `name` (creating folders), returning the path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) -> String {
        let target = file(name)
        try! FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }

    @discardableResult
    public func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }
}
