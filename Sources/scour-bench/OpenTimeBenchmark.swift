import Foundation
import Scour

/// How long opening an index takes — what a search process, or a server
/// refreshing to a new commit, pays before its first query. Opening reads
/// the manifest, maps the segments and checks their headers and footers;
/// it must not grow with the bytes indexed.
struct OpenTimeBenchmark {
    let path: String

    func run() throws {
        var times: [Double] = []
        var documents = 0
        for _ in 0..<20 {
            let start = DispatchTime.now().uptimeNanoseconds
            let index = try SearchIndex(path: path)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            documents = index.reader.liveDocumentCount
        }
        times.sort()
        let index = try SearchIndex(path: path)
        let start = DispatchTime.now().uptimeNanoseconds
        let results = try index.search("research")
        let search = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        print(String(format: "open %@: %d documents in %d segments; open median %.2f ms (min %.2f, max %.2f); first search %.1f ms (%d matches)",
                     path, documents, index.reader.segments.count, times[times.count / 2], times[0], times[times.count - 1],
                     search, results.total))
    }
}
