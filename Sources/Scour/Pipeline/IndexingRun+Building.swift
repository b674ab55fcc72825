import Foundation
import ScourAnalysis
import ScourExtraction
import ScourIndex
import ScourPrimitives

/// Building: candidates are read back from the spill files (or from the
/// segment that holds them), stripped of their site's template, hashed,
/// and analysed into new segments by parallel workers.
extension IndexingRun {
    /// Strips, hashes and indexes `candidates`, workers over contiguous
    /// ranges (so document ids follow source order). A page whose stripped
    /// text and aliases hash as its old document's is not indexed again.
    /// Without a writer (a dry run) nothing is written. Returns one result
    /// per candidate, in order.
    func build(_ candidates: [Candidate], restored: [Restored], templates: SiteTemplates,
               oldAliasNames: [String: Set<String>]) throws(IndexError) -> [BuildResult] {
        guard !candidates.isEmpty else { return [] }
        let builders = max(1, min(options.workers, candidates.count / Self.documentsPerBuilder))
        final class Results: @unchecked Sendable {
            var results: [BuildResult]
            var flushes: [(order: Int, info: SegmentInfo)] = []
            init(count: Int) { results = Array(repeating: BuildResult(), count: count) }
        }
        let shared = Results(count: candidates.count)
        let sharedLock = NSLock()
        var readers: [String: SegmentReader] = [:]
        if let writer {
            for candidate in candidates {
                guard case .stored(let number) = candidate else { continue }
                let entry = restored[number].entry
                guard readers[entry.segment] == nil else { continue }
                readers[entry.segment] = try SegmentReader(path: writer.directory.filePath(entry.segment))
            }
        }
        let segmentReaders = readers
        let progress = PhaseProgress(.index, total: candidates.count, events: events)
        DispatchQueue.concurrentPerform(iterations: builders) { worker in
            let range = (candidates.count * worker / builders)..<(candidates.count * (worker + 1) / builders)
            let analyzer = Analyzer(configuration: options.analyzer)
            var builder = SegmentBuilder(analyzer: analyzer)
            var pending: [Int] = []
            var flushes = 0
            var strippedLines = 0
            var sites: Set<String> = []
            func fail(_ error: IndexError) {
                lock.withLock { if failure == nil { failure = error } }
            }
            func flush() -> Bool {
                guard builder.documentCount > 0, let writer else { return true }
                do throws(IndexError) {
                    let info = try SegmentWriter.write(builder, to: writer.newSegmentPath())
                    sharedLock.withLock {
                        for index in pending { shared.results[index].segment = info.name }
                        shared.flushes.append((worker * 1_000_000 + flushes, info))
                    }
                } catch {
                    fail(error)
                    return false
                }
                flushes += 1
                pending = []
                builder = SegmentBuilder(analyzer: analyzer)
                FreeMemory.release()
                return true
            }
            for index in range {
                if lock.withLock({ failure != nil }) { return }
                progress.advance()
                var document: StoredDocument
                var result = BuildResult()
                switch candidates[index] {
                case .pending(let loadedIndex, let oldIndex):
                    let pendingDocument = loaded[loadedIndex]
                    do throws(IndexError) { document = try spill.read(pendingDocument.spilled) } catch {
                        fail(error)
                        return
                    }
                    document.path = pendingDocument.id
                    document.aliases = pendingDocument.aliases
                    if !templates.isEmpty, pendingDocument.groups.contains(where: { templates.groups[$0] != nil }) {
                        let page = TemplatePage(groups: pendingDocument.groups, lines: TemplatePage.lines(of: document.text))
                        let stripped = Self.stripTemplates(from: &document, page: page, templates: templates)
                        strippedLines += stripped.lines
                        sites.formUnion(stripped.groups)
                    }
                    result.textHash = Self.textHash(document)
                    if let oldIndex, let old = previous?.catalog.entries[oldIndex], old.textHash == result.textHash,
                       Set(document.aliases) == oldAliasNames[old.id] ?? [] {
                        result.unchanged = true
                        sharedLock.withLock { shared.results[index] = result }
                        continue
                    }
                case .stored(let number):
                    let (old, keeping, adding) = (restored[number].entry, restored[number].keeping, restored[number].adding)
                    result.textHash = old.textHash
                    guard let reader = segmentReaders[old.segment] else {
                        // A dry run: it would be indexed again.
                        sharedLock.withLock { shared.results[index] = result }
                        continue
                    }
                    do throws(IndexError) { document = try reader.document(old.local) } catch {
                        fail(error)
                        return
                    }
                    document.aliases = document.aliases.filter { keeping.contains($0) }
                    for name in adding where !document.aliases.contains(name) { document.aliases.append(name) }
                }
                guard writer != nil else {
                    sharedLock.withLock { shared.results[index] = result }
                    continue
                }
                result.local = builder.documentCount
                sharedLock.withLock { shared.results[index] = result }
                pending.append(index)
                builder.add(document)
                if builder.estimatedBytes > options.segmentBudgetBytes, !flush() { return }
            }
            _ = flush()
            lock.withLock {
                templateLines += strippedLines
                templateSites.formUnion(sites)
            }
        }
        if let failure { throw failure }
        if let writer {
            for flush in shared.flushes.sorted(by: { $0.order < $1.order }) { writer.add(written: flush.info) }
        }
        return shared.results
    }

    /// Documents per source, for the manifest and `scour stats`: this
    /// run's roots and the sources the index had before.
    func sourceSummary(documentsBySource counts: [String: Int]) -> [IndexedSource] {
        var seen: Set<String> = []
        var sources: [IndexedSource] = []
        let prefixByPath = Dictionary(zip(rootPaths, prefixes), uniquingKeysWith: { first, _ in first })
        for source in previous?.manifest.sources ?? [] where seen.insert(source.path).inserted {
            var source = source
            source.documents = counts[source.path] ?? 0
            if source.prefix == nil { source.prefix = prefixByPath[source.path] }
            sources.append(source)
        }
        for (index, root) in roots.enumerated() where seen.insert(rootPaths[index]).inserted {
            sources.append(IndexedSource(path: rootPaths[index], kind: DocumentLoader.sourceKind(of: root),
                                         documents: counts[rootPaths[index]] ?? 0, prefix: prefixes[index]))
        }
        return sources
    }

}
