import Dispatch
import Foundation
import Scour

/// The index a server answers from. It is opened on the first request
/// that needs it (and again after a failure), so the server starts, and
/// says 503, while the index is missing or damaged; once open it follows
/// new commits by itself (``SearchIndex/refreshesAutomatically``): a
/// reindex running beside the server is seen after its commit.
///
/// Searches are CPU-bound: they run on a pool of `threads` threads of
/// their own, never on the server's event loops or Swift's cooperative
/// pool, and more than `threads` at once wait their turn.
final class IndexService: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    // Guarded by `lock`.
    private var index: SearchIndex?
    private let queue: DispatchQueue
    private let slots: DispatchSemaphore

    init(path: String, threads: Int) {
        self.path = path
        queue = DispatchQueue(label: "scour.search", attributes: .concurrent)
        slots = DispatchSemaphore(value: max(1, threads))
    }

    /// The open index, opened now if it is not yet.
    func open() throws(APIError) -> SearchIndex {
        lock.lock()
        defer { lock.unlock() }
        if let index { return index }
        do {
            let opened = try SearchIndex(path: path, refreshesAutomatically: true)
            index = opened
            return opened
        } catch {
            throw APIError(.serviceUnavailable, "the index cannot be opened: \(error.description)")
        }
    }

    /// Runs `work` on the search pool with the open index.
    func run<T: Sendable>(_ work: @escaping @Sendable (SearchIndex) throws -> T) async throws -> T {
        let index = try open()
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { [slots] in
                slots.wait()
                defer { slots.signal() }
                continuation.resume(with: Result { try work(index) })
            }
        }
    }
}
