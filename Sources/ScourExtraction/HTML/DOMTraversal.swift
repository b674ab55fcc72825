import CLibXML2

/// The step shared by Scour's iterative (stack-free) DOM walks: the node
/// after `node` when its children are not walked — its next sibling, or the
/// next sibling of the nearest ancestor that has one. `leaving` is called
/// for each ancestor climbed out of, so a walk can close what it opened.
///
/// Iterative rather than recursive because crawled pages nest thousands of
/// unclosed tags deep.
enum DOMTraversal {
    @inline(__always)
    static func next(after node: xmlNodePtr, root: xmlNodePtr, leaving: (xmlNodePtr) -> Void) -> xmlNodePtr? {
        var climbing = node
        while true {
            if let next = climbing.pointee.next { return next }
            guard let parent = climbing.pointee.parent, parent != root else { return nil }
            leaving(parent)
            climbing = parent
        }
    }

    /// One event of ``walk(_:_:_:)``.
    enum Step {
        /// A node is reached; answer true to walk its children.
        case enter(xmlNodePtr)
        /// An element whose children were walked (or that was entered and
        /// has none) is done.
        case leave(xmlNodePtr)
    }

    /// Walks `document` depth first, without recursion: `.enter` for every
    /// node reached, `.leave` for every entered element once its children
    /// are done. Stops early, returning false, when `countdown` is spent.
    ///
    /// - Complexity: O(nodes); one budget step per node.
    static func walk(
        _ document: htmlDocPtr, _ countdown: inout CPUBudget.Countdown, _ visit: (Step) -> Bool
    ) -> Bool {
        let root = UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
        var current = document.pointee.children
        while let node = current {
            if countdown.step() { return false }
            if visit(.enter(node)) {
                if let children = node.pointee.children {
                    current = children
                    continue
                }
                _ = visit(.leave(node))
            }
            current = next(after: node, root: root) { _ = visit(.leave($0)) }
        }
        return true
    }
}

