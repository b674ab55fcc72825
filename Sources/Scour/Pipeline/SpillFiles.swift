import Foundation
import ScourExtraction
import ScourIndex
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a document waits between extraction and indexing: on disk, not in
/// memory, so a run holds only each page's small fingerprints whatever the
/// size of the crawl (a site's template can only be learned once all its
/// pages were read, and only then can they be stripped and indexed).
///
/// Each worker appends to a file of its own (`spill-<generation>-<n>.tmp`
/// in the index folder; a crash leaves them to the next run's clean-up,
/// like every `.tmp`); documents are read back by offset with `pread`,
/// which is safe from several threads. ``remove()`` deletes the files.
final class SpillFiles: @unchecked Sendable {
    /// A spilled document: which file, where, how long.
    struct Reference: Sendable {
        var offset: Int64
        var file: Int32
        var length: Int32
    }

    /// One worker's appender, buffered.
    final class Writer {
        let file: Int32
        let descriptor: Int32
        let path: String
        private var buffer: [UInt8] = []
        private var offset: Int64 = 0

        init(file: Int32, descriptor: Int32, path: String) {
            self.file = file
            self.descriptor = descriptor
            self.path = path
            buffer.reserveCapacity(1 << 20)
        }

        /// Appends `document`; throws when the disk refuses the bytes.
        func append(_ document: StoredDocument) throws(IndexError) -> Reference {
            try append(bytes: document.encodedRecord())
        }

        /// Appends a page's line fingerprints (hash and weight, 12 bytes each).
        func append(_ fingerprints: [LineFingerprint]) throws(IndexError) -> Reference {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(fingerprints.count * 12)
            for fingerprint in fingerprints {
                withUnsafeBytes(of: fingerprint.hash.littleEndian) { bytes.append(contentsOf: $0) }
                withUnsafeBytes(of: UInt32(clamping: fingerprint.weight).littleEndian) { bytes.append(contentsOf: $0) }
            }
            return try append(bytes: bytes)
        }

        func append(bytes record: [UInt8]) throws(IndexError) -> Reference {
            guard record.count < Int(Int32.max) else { throw .io(file: path, message: "a record of \(record.count) bytes is too large to spill") }
            let reference = Reference(offset: offset + Int64(buffer.count), file: file, length: Int32(record.count))
            buffer.append(contentsOf: record)
            if buffer.count >= 1 << 20 { try flush() }
            return reference
        }

        /// Writes what is buffered.
        func flush() throws(IndexError) {
            try writeAll(buffer, to: descriptor, path: path)
            offset += Int64(buffer.count)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    let folder: String
    let prefix: String
    private let lock = NSLock()
    private var descriptors: [Int32] = []
    private var paths: [String] = []

    /// Spill files named `<prefix>-<n>.tmp` in `folder`.
    init(folder: String, prefix: String) {
        self.folder = folder
        self.prefix = prefix
    }

    deinit { remove() }

    /// A new appender with a file of its own.
    func makeWriter() throws(IndexError) -> Writer {
        let (file, path) = lock.withLock { () -> (Int32, String) in
            let number = Int32(paths.count)
            let path = (folder as NSString).appendingPathComponent("\(prefix)-\(number).tmp")
            paths.append(path)
            descriptors.append(-1)
            return (number, path)
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .io(file: path, message: String(cString: strerror(errno))) }
        lock.withLock { descriptors[Int(file)] = descriptor }
        return Writer(file: file, descriptor: descriptor, path: path)
    }

    /// Reads a spilled document back (after its writer was flushed).
    func read(_ reference: Reference) throws(IndexError) -> StoredDocument {
        let (bytes, path) = try readBytes(reference)
        let decoded: Result<StoredDocument, IndexError> = bytes.withUnsafeBytes { raw in
            Result { () throws(IndexError) in try StoredDocument(record: raw, file: path) }
        }
        return try decoded.get()
    }

    /// Reads line fingerprints written by `Writer.append(_: [LineFingerprint])`.
    func readFingerprints(_ reference: Reference) throws(IndexError) -> [LineFingerprint] {
        let (bytes, path) = try readBytes(reference)
        guard bytes.count % 12 == 0 else { throw .corrupted(file: path, reason: "damaged line fingerprints") }
        return bytes.withUnsafeBytes { raw in
            stride(from: 0, to: raw.count, by: 12).map { offset in
                LineFingerprint(hash: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                                weight: Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))))
            }
        }
    }

    private func readBytes(_ reference: Reference) throws(IndexError) -> ([UInt8], String) {
        let (descriptor, path) = lock.withLock { (descriptors[Int(reference.file)], paths[Int(reference.file)]) }
        var bytes = [UInt8](repeating: 0, count: Int(reference.length))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, $0.count - done, off_t(reference.offset) + off_t(done)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw .io(file: path, message: n == 0 ? "spill file is shorter than expected" : String(cString: strerror(errno))) }
            done += n
        }
        return (bytes, path)
    }

    /// Closes and deletes the files.
    func remove() {
        let (descriptors, paths) = lock.withLock { () -> ([Int32], [String]) in
            defer { self.descriptors = []; self.paths = [] }
            return (self.descriptors, self.paths)
        }
        for descriptor in descriptors where descriptor >= 0 { close(descriptor) }
        for path in paths { unlink(path) }
    }
}
