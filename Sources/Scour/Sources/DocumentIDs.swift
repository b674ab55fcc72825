/// Makes document ids unique within one walk.
enum DocumentIDs {
    /// `files` with each id that repeats an earlier one suffixed `#2`, `#3`…
    /// (skipping suffixed forms already taken). The walk order is
    /// deterministic, so the same tree always gets the same ids. One
    /// dictionary probe per file.
    static func uniqued(_ files: [SourceFile]) -> [SourceFile] {
        var taken = Set(files.map(\.id))
        guard taken.count < files.count else { return files }
        var firstUse = Set<String>()
        var result = files
        for index in result.indices {
            let id = result[index].id
            if firstUse.insert(id).inserted { continue }
            var counter = 2
            while taken.contains("\(id)#\(counter)") { counter += 1 }
            result[index].id = "\(id)#\(counter)"
            taken.insert(result[index].id)
        }
        return result
    }

    /// The root as an id prefix: no leading `./`, no trailing `/`.
    static func trimmed(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        while path.hasPrefix("./") && path.count > 2 {
            path.removeFirst(2)
            while path.hasPrefix("/") { path.removeFirst() }
        }
        return String(path)
    }
}
