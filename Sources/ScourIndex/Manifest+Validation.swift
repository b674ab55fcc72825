/// What a decoded manifest must satisfy before anything trusts it: a
/// manifest whose checksum was recomputed after damage (or one written by
/// hand) must not make a reader open `../../etc/passwd` or allocate for a
/// billion documents.
extension Manifest {
    /// The largest count a segment can hold: its footer stores counts as `UInt32`.
    static let largestCount = Int(UInt32.max)

    /// Throws naming the first value that no commit could have written.
    func validate(path: String) throws(IndexError) {
        guard generation >= 0 else { throw .corrupted(file: path, reason: "negative generation \(generation)") }
        var names = Set<String>()
        for segment in segments {
            try Self.validateName(segment.name, what: "segment", path: path)
            guard names.insert(segment.name).inserted else {
                throw .corrupted(file: path, reason: "segment \(segment.name) is named twice")
            }
            for (label, value) in [("documents", segment.documents), ("terms", segment.terms), ("bytes", segment.bytes)]
            where value < 0 || value > (label == "bytes" ? Int.max / 2 : Self.largestCount) {
                throw .corrupted(file: path, reason: "segment \(segment.name) has an impossible \(label) count \(value)")
            }
            if let deleted = segment.deleted, deleted < 0 || deleted > segment.documents {
                throw .corrupted(file: path, reason: "segment \(segment.name) has \(deleted) deleted of \(segment.documents) documents")
            }
            if let deletions = segment.deletions {
                try Self.validateName(deletions, what: "deletion file", path: path)
            } else if let deleted = segment.deleted, deleted != 0 {
                throw .corrupted(file: path, reason: "segment \(segment.name) has \(deleted) deleted documents but no deletion file")
            }
        }
        if let catalog { try Self.validateName(catalog, what: "catalog", path: path) }
        if let templates { try Self.validateName(templates, what: "templates file", path: path) }
        for source in sources ?? [] where source.documents < 0 {
            throw .corrupted(file: path, reason: "source \(source.path) has a negative document count")
        }
    }

    /// A file the manifest names must be a plain name inside the index
    /// folder: no separator, no `.` or `..`, no NUL, not empty.
    static func validateName(_ name: String, what: String, path: String) throws(IndexError) {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, name != ".", name != "..", !bytes.contains(UInt8(ascii: "/")),
              !bytes.contains(0), !bytes.contains(UInt8(ascii: "\\")), bytes.count <= 255
        else {
            throw .corrupted(file: path, reason: "\(what) name \"\(name.debugDescription.dropFirst().dropLast())\" is not a file name inside the index folder")
        }
    }
}
