import CSQLite
import Foundation

/// The reference engine: SQLite FTS5 with its Porter stemmer and BM25
/// ranking, fed the same extracted text as Scour.
final class SQLiteFTS5 {
    private var db: OpaquePointer?
    let path: String

    init(path: String) throws {
        self.path = path
        try? FileManager.default.removeItem(atPath: path)
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw BenchmarkError("cannot open \(path)") }
        try execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        try execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2');")
    }

    deinit { sqlite3_close(db) }

    func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(db, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "unknown"
            sqlite3_free(error)
            throw BenchmarkError("sqlite: \(message)")
        }
    }

    func insert(_ documents: [(title: String, body: String)]) throws {
        try execute("BEGIN;")
        var statement: OpaquePointer?
        sqlite3_prepare_v2(db, "INSERT INTO docs(title, body) VALUES (?, ?);", -1, &statement, nil)
        for document in documents {
            scour_sqlite3_bind_text(statement, 1, document.title)
            scour_sqlite3_bind_text(statement, 2, document.body)
            guard sqlite3_step(statement) == SQLITE_DONE else { throw BenchmarkError("sqlite insert failed") }
            sqlite3_reset(statement)
        }
        sqlite3_finalize(statement)
        try execute("COMMIT;")
    }

    /// Top `limit` rowids for an OR of the query's words, with snippets, as
    /// Scour does it (title weighted 2×).
    func search(_ query: String, limit: Int) -> [Int64] {
        let words = query.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { "\"\($0)\"" }
        guard !words.isEmpty else { return [] }
        let match = words.joined(separator: " OR ")
        var statement: OpaquePointer?
        let sql = "SELECT rowid, snippet(docs, 1, '[', ']', '…', 32) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 2.0, 1.0) LIMIT \(limit);"
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { return [] }
        defer { sqlite3_finalize(statement) }
        scour_sqlite3_bind_text(statement, 1, match)
        var rows: [Int64] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            rows.append(sqlite3_column_int64(statement, 0))
            _ = sqlite3_column_text(statement, 1)
        }
        return rows
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
