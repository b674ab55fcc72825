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
}
