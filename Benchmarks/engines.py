#!/usr/bin/env python3
"""The other engines of the side-by-side benchmark, SQLite FTS5 and tantivy,
run as child processes of Benchmarks/run.py so that each indexing run has its
own peak RSS and each query run its own freshly opened index.

    engines.py index fts5 CORPUS.jsonl OUT.db
    engines.py index tantivy CORPUS.jsonl OUT_DIR [--threads N] [--stored-body]
    engines.py query fts5|tantivy INDEX QUERIES.jsonl [--limit 10]

Each prints one JSON object on stdout. Errors are one line on stderr and exit
status 2; nothing here is meant to be run by hand except for debugging.
"""
import argparse
import json
import os
import shutil
import sqlite3
import sys
import time

KINDS = ("or", "and", "phrase")


class EngineError(Exception):
    """An expected failure, reported as one line."""


def documents(corpus):
    """Yields (row number, id, title, text) for each JSON Lines document."""
    with open(corpus, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            record = json.loads(line)
            yield n, str(record.get("id", n)), record.get("title") or "", record.get("text") or ""


# SQLite FTS5, set up as Sources/scour-bench/SQLiteFTS5.swift does: columns
# title and body, Porter stemmer over unicode61, journal and sync off, one
# transaction, BM25 with the title weighted 2x.

def fts5_index(corpus, path):
    """Indexes the corpus into a new FTS5 database at `path`."""
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        try:
            db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, "
                       "tokenize='porter unicode61 remove_diacritics 2');")
        except sqlite3.OperationalError as error:
            raise EngineError(f"this SQLite has no FTS5 ({error})")
        db.execute("BEGIN;")
        count = 0
        for n, _, title, text in documents(corpus):
            db.execute("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?);", (n, title, text))
            count += 1
        db.execute("COMMIT;")
    finally:
        db.close()
    return count


def fts5_match(query):
    """FTS5 MATCH syntax for a query of the plain-terms file."""
    quoted = ['"' + t.replace('"', '""') + '"' for t in query["terms"]]
    if query["kind"] == "phrase":
        return '"' + " ".join(t.replace('"', '""') for t in query["terms"]) + '"'
    return (" AND " if query["kind"] == "and" else " OR ").join(quoted)


class FTS5Searcher:
    """Top-k searches on an FTS5 database, ordered by bm25(docs, 2.0, 1.0)."""

    SQL = "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 2.0, 1.0) LIMIT ?;"

    def __init__(self, path):
        if not os.path.exists(path):
            raise EngineError(f"no FTS5 database at {path}")
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        # SQLite reads the schema lazily: a first statement completes the open.
        self.db.execute(self.SQL, ('"openprobe"', 1)).fetchall()

    def prepare(self, query):
        """The engine's form of a query, built outside the timed section."""
        return fts5_match(query)

    def search(self, prepared, limit):
        """The rowids of the top `limit` documents."""
        return [row[0] for row in self.db.execute(self.SQL, (prepared, limit))]


# tantivy: id stored, title and text with the en_stem tokenizer, text stored
# only with --stored-body.

def tantivy_module():
    """Imports tantivy, or says why it cannot."""
    try:
        import tantivy
    except ImportError as error:
        raise EngineError(f"tantivy is not installed ({error})")
    return tantivy


def tantivy_schema(tantivy, stored_body):
    """The benchmark's tantivy schema."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=False, tokenizer_name="en_stem")
    builder.add_text_field("text", stored=stored_body, tokenizer_name="en_stem")
    return builder.build()


def tantivy_index(corpus, path, threads, stored_body, heap_mb):
    """Indexes the corpus into a new tantivy index in folder `path`."""
    tantivy = tantivy_module()
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    index = tantivy.Index(tantivy_schema(tantivy, stored_body), path=path)
    writer = index.writer(heap_size=heap_mb * 1_000_000, num_threads=threads)
    count = 0
    for _, identifier, title, text in documents(corpus):
        writer.add_document(tantivy.Document(id=identifier, title=title, text=text))
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    return count


class TantivySearcher:
    """Top-k searches with tantivy's query parser (title boosted 2x), the
    stored id of each hit fetched as Scour's results carry theirs."""

    def __init__(self, path):
        tantivy = tantivy_module()
        try:
            self.index = tantivy.Index.open(path)
        except ValueError as error:
            raise EngineError(f"cannot open the tantivy index at {path}: {error}")
        self.searcher = self.index.searcher()

    def prepare(self, query):
        """The parsed query, built outside the timed section as Scour's
        parse is not (it is a few microseconds either way)."""
        terms = query["terms"]
        if query["kind"] == "phrase":
            text = '"' + " ".join(terms) + '"'
        elif query["kind"] == "and":
            text = " ".join("+" + t for t in terms)
        else:
            text = " ".join(terms)
        return self.index.parse_query(text, ["title", "text"], field_boosts={"title": 2.0})

    def search(self, prepared, limit):
        """The ids of the top `limit` documents."""
        hits = self.searcher.search(prepared, limit).hits
        return [self.searcher.doc(address)["id"][0] for _, address in hits]


def run_queries(engine, path, queries_path, limit):
    """Opens the index (timed), runs every query once as a warm-up, then once
    timed; returns the open time, latencies in ms and hit counts per flavour."""
    with open(queries_path, encoding="utf-8") as f:
        queries = [json.loads(line) for line in f if line.strip()]
    started = time.perf_counter_ns()
    searcher = FTS5Searcher(path) if engine == "fts5" else TantivySearcher(path)
    open_ms = (time.perf_counter_ns() - started) / 1e6
    prepared = [(q, searcher.prepare(q)) for q in queries]
    for _, p in prepared:
        searcher.search(p, limit)
    latencies = {kind: [] for kind in KINDS}
    matched = {kind: 0 for kind in KINDS}
    for query, p in prepared:
        started = time.perf_counter_ns()
        hits = searcher.search(p, limit)
        latencies[query["kind"]].append((time.perf_counter_ns() - started) / 1e6)
        matched[query["kind"]] += bool(hits)
    return {"open_ms": open_ms, "latencies": latencies, "matched": matched}


def main():
    """Parses the subcommand and prints its result as one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    index = commands.add_parser("index", help="index a JSON Lines corpus")
    index.add_argument("engine", choices=("fts5", "tantivy"), help="engine to index with")
    index.add_argument("corpus", help="JSON Lines file of {id, url, title, text}")
    index.add_argument("out", help="database file (fts5) or folder (tantivy) to create")
    index.add_argument("--threads", type=int, default=1, help="tantivy writer threads")
    index.add_argument("--heap-mb", type=int, default=128, help="tantivy writer heap, MB in all")
    index.add_argument("--stored-body", action="store_true", help="tantivy: store the text field too")
    query = commands.add_parser("query", help="time queries on an index")
    query.add_argument("engine", choices=("fts5", "tantivy"), help="engine to query")
    query.add_argument("index", help="database file (fts5) or folder (tantivy)")
    query.add_argument("queries", help="queries JSON Lines from generate-corpus.py")
    query.add_argument("--limit", type=int, default=10, help="hits per query")
    args = parser.parse_args()
    try:
        if args.command == "index":
            started = time.perf_counter_ns()
            if args.engine == "fts5":
                count = fts5_index(args.corpus, args.out)
            else:
                count = tantivy_index(args.corpus, args.out, args.threads, args.stored_body, args.heap_mb)
            print(json.dumps({"indexed": count, "seconds": (time.perf_counter_ns() - started) / 1e9}))
        else:
            print(json.dumps(run_queries(args.engine, args.index, args.queries, args.limit)))
    except EngineError as error:
        sys.exit(f"{args.engine}: {error}")
    except (OSError, sqlite3.Error, ValueError) as error:
        sys.exit(f"{args.engine}: {type(error).__name__}: {error}")


if __name__ == "__main__":
    main()
