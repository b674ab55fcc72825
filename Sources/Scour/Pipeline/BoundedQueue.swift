import Foundation

/// A blocking first-in-first-out queue with a capacity, between one
/// producer (the thread that walks sources and streams JSON Lines and WARC
/// records) and the extraction workers.
///
/// The capacity bounds what is held in memory: a producer that reads a
/// WARC faster than the workers extract waits instead of buffering the
/// file. Each item has a cost (its bytes); `put` waits while the queued
/// cost is over the budget, but always admits an item into an empty queue
/// so one record larger than the budget still goes through.
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [(element: Element, cost: Int)] = []
    private var head = 0
    private var queuedCost = 0
    private var closed = false
    private let budget: Int

    /// - Parameter budget: most cost (bytes) held at once.
    init(budget: Int) {
        self.budget = max(1, budget)
    }

    /// Adds `element`, waiting while the queue is over its budget.
    func put(_ element: Element, cost: Int) {
        condition.lock()
        defer { condition.unlock() }
        while queuedCost > 0, queuedCost + cost > budget { condition.wait() }
        items.append((element, cost))
        queuedCost += cost
        condition.signal()
    }

    /// No more items will come; waiting consumers get `nil` once it is empty.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next element, waiting for one; nil once closed and drained.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count, !closed { condition.wait() }
        guard head < items.count else { return nil }
        let (element, cost) = items[head]
        head += 1
        queuedCost -= cost
        if head > 1024, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return element
    }
}
