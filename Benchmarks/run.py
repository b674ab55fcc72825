#!/usr/bin/env python3
"""Side-by-side benchmark of Scour, SQLite FTS5 and tantivy (issue 9, "Fast
engine"): indexing speed, peak memory, index size and open time, and top-10
query latency for OR, AND and phrase queries, on the same generated corpora
(Benchmarks/generate-corpus.py) and optionally on Debian's HTML documentation.

    Benchmarks/run.sh [--sizes 10000,100000] [--debian]

Prints a table per corpus and writes everything measured to
Benchmarks/work/results-<timestamp>.json.
"""
import argparse
import html.parser
import json
import os
import random
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import venv
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
KINDS = ("or", "and", "phrase")
STOP_WORDS = set("""a an and are as at be but by for if in into is it no not of on or such that the their then
there these they this to was will with he she we you i me my our his her its us them him do does did have has had
so than too very can just""".split())


class BenchmarkError(Exception):
    """An expected failure: printed as one line, no traceback."""


def log(message):
    """Progress on stderr, so stdout holds only the tables."""
    print(message, file=sys.stderr, flush=True)


def run_child(command, cwd=None):
    """Runs `command`, returning (stdout, stderr, return code, wall seconds,
    peak RSS in MB of that child alone, from wait4)."""
    started = time.perf_counter()
    # communicate() would reap the child and lose its rusage: stderr goes to
    # a temporary file (no pipe to deadlock on), stdout is read, then wait4.
    with tempfile.TemporaryFile(mode="w+") as errors:
        try:
            process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=errors, text=True)
        except OSError as error:
            raise BenchmarkError(f"cannot run {command[0]}: {error.strerror}")
        stdout = process.stdout.read()
        process.stdout.close()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read()
    return stdout, stderr, process.returncode, time.perf_counter() - started, usage.ru_maxrss / 1024


def path_size(path):
    """Bytes on disk of a file or of every file under a folder."""
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(path) for name in names)


def percentile(values, fraction):
    """The nearest-rank percentile of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * len(ordered) + 0.5)) - 1))]


# Setting up: Scour's binary and the virtual environment with tantivy.

def build_scour():
    """Builds Scour's CLI in release mode and returns the binary's path."""
    log("building scour (swift build -c release --product scour) ...")
    try:
        result = subprocess.run(["swift", "build", "-c", "release", "--product", "scour"], cwd=REPO,
                                capture_output=True, text=True)
    except OSError:
        raise BenchmarkError("swift is not on PATH: install a Swift toolchain or pass --scour PATH")
    if result.returncode != 0:
        last = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:] or ["no output"]
        raise BenchmarkError(f"swift build failed: {last[0]}")
    return os.path.join(REPO, ".build", "release", "scour")


def setup_python(want_tantivy):
    """Creates Benchmarks/.venv and installs tantivy there. Returns (python
    for the engine children, whether tantivy is usable); a failure only
    drops tantivy, with one visible line."""
    directory = os.path.join(HERE, ".venv")
    python = os.path.join(directory, "bin", "python")
    if not want_tantivy:
        print("tantivy: skipped (--no-tantivy)", flush=True)
        return sys.executable, False
    try:
        if not os.path.exists(python):
            log("creating Benchmarks/.venv ...")
            venv.create(directory, with_pip=True)
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"tantivy: skipped (cannot create the virtual environment: {error})", flush=True)
        return sys.executable, False
    probe = [python, "-c", "import tantivy"]
    if subprocess.run(probe, capture_output=True).returncode != 0:
        log("pip install tantivy ...")
        result = subprocess.run([python, "-m", "pip", "install", "--quiet", "tantivy"], capture_output=True, text=True)
        if result.returncode != 0 or subprocess.run(probe, capture_output=True).returncode != 0:
            lines = (result.stderr.strip() or "import failed after install").splitlines()
            print(f"tantivy: skipped (pip install tantivy failed: {lines[-1]})", flush=True)
            return python, False
    return python, True


# Corpora.

def generated_corpus(size, queries, work):
    """The generated corpus of `size` documents (made once, then reused):
    returns (JSONL path, queries JSONL path, text bytes)."""
    path = os.path.join(work, f"corpus-{size}-q{queries}.jsonl")
    summary_path = path + ".summary.json"
    if not os.path.exists(summary_path):
        log(f"generating {size} documents ...")
        result = subprocess.run([sys.executable, os.path.join(HERE, "generate-corpus.py"), "--count", str(size),
                                 "--queries", str(queries), path], capture_output=True, text=True)
        if result.returncode != 0:
            raise BenchmarkError(f"generate-corpus.py failed: {result.stderr.strip()}")
        with open(summary_path, "w") as f:
            f.write(result.stdout)
    with open(summary_path) as f:
        summary = json.load(f)
    return path, summary["queries"]["all"], summary["text_bytes"]


class TextExtractor(html.parser.HTMLParser):
    """Visible text and title of an HTML page (script and style dropped)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.title, self.skip, self.in_title = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "title":
            self.in_title = True

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def debian_corpus(root, work, count):
    """Extracts Debian's HTML pages under `root` with Python's html.parser
    into JSONL for FTS5 and tantivy, and makes queries from that text.
    Returns (JSONL path, queries path, text bytes, number of pages)."""
    pages = sorted(os.path.join(d, n) for d, _, names in os.walk(root) for n in names
                   if n.endswith((".html", ".htm")) and os.path.isfile(os.path.join(d, n)))
    if not pages:
        raise BenchmarkError(f"no HTML pages under {root}")
    path = os.path.join(work, "debian.jsonl")
    text_bytes, documents, frequency = 0, [], Counter()
    with open(path, "w", encoding="utf-8") as out:
        for n, page in enumerate(pages):
            parser = TextExtractor()
            with open(page, encoding="utf-8", errors="replace") as f:
                parser.feed(f.read())
            title = " ".join("".join(parser.title).split())
            text = " ".join(" ".join(parser.parts).split())
            text_bytes += len(title.encode()) + len(text.encode())
            out.write(json.dumps({"id": page, "url": "file://" + page, "title": title, "text": text}) + "\n")
            words = [w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in STOP_WORDS]
            frequency.update(set(words))
            if n % 7 == 0:
                documents.append(words)
    queries_path = os.path.join(work, "debian.queries.jsonl")
    write_text_queries(frequency, documents, len(pages), count, queries_path)
    return path, queries_path, text_bytes, len(pages)


def write_text_queries(frequency, documents, total, count, path):
    """OR/AND term sets and phrase pairs from real text, in the format of
    generate-corpus.py, with a fixed seed."""
    rng = random.Random(3)
    vocabulary = sorted(w for w, df in frequency.items() if df >= 2)
    common = [w for w in vocabulary if frequency[w] >= total / 20] or vocabulary
    rare = [w for w in vocabulary if frequency[w] <= 3] or vocabulary
    middle = [w for w in vocabulary if 3 < frequency[w] < total / 20] or vocabulary
    documents = [d for d in documents if len(d) >= 4]
    with open(path, "w", encoding="utf-8") as f:
        for q in range(count):
            size = rng.choice((1, 2, 2, 3, 3, 4))
            if q % 2 == 0:
                distinct = list(dict.fromkeys(rng.choice(documents)))
                terms = rng.sample(distinct, min(size, len(distinct)))
            else:
                terms = list(dict.fromkeys(rng.choice(rng.choices((common, middle, rare), (3, 4, 3))[0])
                                           for _ in range(size)))
            f.write(json.dumps({"qid": f"or{q}", "kind": "or", "terms": terms, "scour": " ".join(terms)}) + "\n")
            f.write(json.dumps({"qid": f"and{q}", "kind": "and", "terms": terms,
                                "scour": " ".join("+" + t for t in terms)}) + "\n")
        for q in range(count):
            words = rng.choice(documents)
            i = rng.randrange(len(words) - 1)
            terms = words[i:i + 2]
            f.write(json.dumps({"qid": f"phrase{q}", "kind": "phrase", "terms": terms,
                                "scour": '"' + " ".join(terms) + '"'}) + "\n")


# Indexing.

def index_scour(scour, inputs, directory, workers, extra=()):
    """Indexes `inputs` with Scour's CLI into a new index; returns a record."""
    shutil.rmtree(directory, ignore_errors=True)
    stdout, stderr, code, wall, rss = run_child(
        [scour, "index", *inputs, "--index", directory, "--quiet", "--format", "json", "--workers", str(workers), *extra])
    if code != 0:
        raise BenchmarkError(f"scour index failed: {stderr.strip().splitlines()[-1] if stderr.strip() else code}")
    summary = json.loads(stdout)
    parts = scour_parts(directory)
    # Like tantivy without stored fields: the search structures (postings,
    # dictionaries, field lengths); the stored text and the catalog that
    # updates need are reported on their own.
    return {"seconds": summary["seconds"], "wall_seconds": wall, "indexed": summary["indexed"],
            "segments": summary.get("segments"), "rss_mb": rss, "total_bytes": path_size(directory),
            "bytes": parts["segments"] - parts["store"], "stored_bytes": parts["store"], "catalog_bytes": parts["catalog"]}


def scour_parts(directory):
    """Bytes of a Scour index's segments, of their document stores (read
    from each segment's footer: u64 sections, the store's length third),
    and of its catalog."""
    parts = {"segments": 0, "store": 0, "catalog": 0}
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        if name.endswith(".scour"):
            parts["segments"] += os.path.getsize(path)
            with open(path, "rb") as f:
                f.seek(-SCOUR_FOOTER_BYTES, os.SEEK_END)
                sections = struct.unpack("<12Q", f.read(96))
            parts["store"] += sections[2]
        elif name.startswith("catalog-"):
            parts["catalog"] += os.path.getsize(path)
    return parts


# A segment's footer: 12 u64 section fields, 2 u32 counts, 4 u64 token
# totals, "SCOUREND", u32 CRC (Sources/ScourIndex/SegmentLayout.swift).
SCOUR_FOOTER_BYTES = 96 + 8 + 32 + 8 + 4


def index_other(python, engine, corpus, out, threads=1, stored_body=False):
    """Indexes the corpus with engines.py in a child process; returns a record."""
    command = [python, os.path.join(HERE, "engines.py"), "index", engine, corpus, out, "--threads", str(threads)]
    if stored_body:
        command.append("--stored-body")
    stdout, stderr, code, wall, rss = run_child(command)
    if code != 0:
        raise BenchmarkError(stderr.strip().splitlines()[-1] if stderr.strip() else f"{engine} failed ({code})")
    summary = json.loads(stdout)
    return {"seconds": summary["seconds"], "wall_seconds": wall, "indexed": summary["indexed"],
            "bytes": path_size(out), "rss_mb": rss}


# Querying.

def write_scour_queries(queries_path, out):
    """Scour's batch file: every query twice, a warm-up copy (qid w-...) then
    the timed one, as the Python engines warm up before timing."""
    with open(queries_path, encoding="utf-8") as f:
        queries = [json.loads(line) for line in f if line.strip()]
    with open(out, "w", encoding="utf-8") as f:
        for prefix in ("w-", ""):
            for q in queries:
                f.write(f"{prefix}{q['qid']}\t{q['scour']}\n")
    return {q["qid"]: q["kind"] for q in queries}


def scour_round(scour, index, batch, kinds, work):
    """One timed pass of Scour over the batch file; latencies per flavour
    from --timings (the search alone, in the process)."""
    timings = os.path.join(work, "scour-timings.tsv")
    result = subprocess.run([scour, "search", "--index", index, "--queries", batch, "--format", "trec",
                             "--limit", "10", "--no-feedback", "--timings", timings],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1):
        raise BenchmarkError(f"scour search failed: {result.stderr.strip()}")
    latencies = {kind: [] for kind in KINDS}
    matched = {kind: 0 for kind in KINDS}
    with open(timings) as f:
        for line in f:
            qid, milliseconds, total = line.rstrip("\n").split("\t")
            if qid.startswith("w-"):
                continue
            latencies[kinds[qid]].append(float(milliseconds))
            matched[kinds[qid]] += int(total) > 0
    return {"latencies": latencies, "matched": matched}


def scour_open_ms(scour, index, work):
    """Scour's open time, estimated from outside: the wall time of a search
    process with one query minus that query's time minus the wall time of
    `scour --version` (process start), medians of 5."""
    probe = os.path.join(work, "scour-open.tsv")
    timings = os.path.join(work, "scour-open-timings.tsv")
    with open(probe, "w") as f:
        f.write("open\topenprobeword\n")
    starts, opens = [], []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([scour, "--version"], capture_output=True)
        starts.append(time.perf_counter() - started)
        started = time.perf_counter()
        subprocess.run([scour, "search", "--index", index, "--queries", probe, "--format", "trec", "--no-feedback",
                        "--timings", timings], capture_output=True)
        wall = time.perf_counter() - started
        with open(timings) as f:
            query_ms = float(f.read().split("\t")[1])
        opens.append(wall * 1e3 - query_ms)
    return max(0.0, statistics.median(opens) - statistics.median(starts) * 1e3)


def other_round(python, engine, index, queries_path):
    """One query run of FTS5 or tantivy in a fresh child process."""
    stdout, stderr, code, _, _ = run_child([python, os.path.join(HERE, "engines.py"), "query", engine, index,
                                            queries_path])
    if code != 0:
        raise BenchmarkError(stderr.strip().splitlines()[-1] if stderr.strip() else f"{engine} query failed")
    return json.loads(stdout)


def summarize(rounds):
    """Per flavour p50, p99, mean (ms) and QPS over all rounds' latencies."""
    out = {}
    for kind in KINDS:
        values = [v for r in rounds for v in r["latencies"][kind]]
        if not values:
            continue
        mean = statistics.fmean(values)
        out[kind] = {"p50": percentile(values, 0.5), "p99": percentile(values, 0.99), "mean": mean,
                     "qps": 1000 / mean if mean > 0 else float("inf"), "queries": len(values) // len(rounds),
                     "matched": rounds[-1]["matched"][kind]}
    return out


# The benchmark of one corpus.

def bench_corpus(name, corpus, queries_path, text_bytes, args, python, tantivy, scour_inputs=None, scour_extra=()):
    """Indexes one corpus with every engine and thread count, runs the
    query rounds, and returns the rows of its table."""
    work = os.path.join(args.work, name)
    os.makedirs(work, exist_ok=True)
    scour_inputs = scour_inputs or [corpus]
    threads = [int(t) for t in args.threads.split(",")]
    rows = {}

    def add(row, record):
        record["docs_s"] = record["indexed"] / record["seconds"] if record["seconds"] else 0
        record["mb_s"] = text_bytes / 1e6 / record["seconds"] if record["seconds"] else 0
        record["size_ratio"] = record["bytes"] / text_bytes
        rows[row] = {"index": record}
        log(f"  {row}: {record['indexed']} docs in {record['seconds']:.2f} s, {record['bytes'] / 1e6:.1f} MB, "
            f"peak RSS {record['rss_mb']:.0f} MB")

    log(f"[{name}] indexing ...")
    for t in threads:
        add(f"scour {t}t", index_scour(args.scour, scour_inputs, os.path.join(work, f"scour-{t}"), t, scour_extra))
    add("fts5 1t", index_other(python, "fts5", corpus, os.path.join(work, "fts5.db")))
    if tantivy:
        for t in threads:
            add(f"tantivy {t}t", index_other(python, "tantivy", corpus, os.path.join(work, f"tantivy-{t}"), t))
        if args.stored_body:
            record = index_other(python, "tantivy", corpus, os.path.join(work, "tantivy-stored"), max(threads), True)
            rows[f"tantivy {max(threads)}t"]["index"]["stored_body_bytes"] = record["bytes"]
            shutil.rmtree(os.path.join(work, "tantivy-stored"), ignore_errors=True)

    # Queries run on each engine's 1-thread index (the first of --threads).
    first = threads[0]
    targets = {f"scour {first}t": os.path.join(work, f"scour-{first}"), "fts5 1t": os.path.join(work, "fts5.db")}
    if tantivy:
        targets[f"tantivy {first}t"] = os.path.join(work, f"tantivy-{first}")
    batch = os.path.join(work, "scour-queries.tsv")
    kinds = write_scour_queries(queries_path, batch)
    rounds = {row: [] for row in targets}
    opens = {row: [] for row in targets}
    log(f"[{name}] querying, {args.rounds} rounds ...")
    for _ in range(args.rounds):
        for row, index in targets.items():
            if row.startswith("scour"):
                rounds[row].append(scour_round(args.scour, index, batch, kinds, work))
                opens[row].append(scour_open_ms(args.scour, index, work))
            else:
                result = other_round(python, row.split()[0], index, queries_path)
                rounds[row].append(result)
                opens[row].append(result["open_ms"])
    for row in targets:
        rows[row]["open_ms"] = statistics.median(opens[row])
        rows[row]["queries"] = summarize(rounds[row])
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return rows


# Output.

COLUMNS = [("docs/s", lambda r: r["index"]["docs_s"], "{:,.0f}"), ("MB/s", lambda r: r["index"]["mb_s"], "{:.2f}"),
           ("idx/text", lambda r: r["index"]["size_ratio"], "{:.2f}"), ("RSS MB", lambda r: r["index"]["rss_mb"], "{:.0f}"),
           ("open ms", lambda r: r.get("open_ms"), "{:.2f}")]
for _kind in KINDS:
    for _stat, _fmt in (("p50", "{:.3f}"), ("p99", "{:.3f}"), ("qps", "{:,.0f}")):
        COLUMNS.append((f"{_kind.upper()} {_stat}", lambda r, k=_kind, s=_stat: r.get("queries", {}).get(k, {}).get(s), _fmt))


def print_table(name, rows, note):
    """One table: engine rows, the columns above, and Scour's ratios."""
    cells = [["engine"] + [c[0] for c in COLUMNS]]
    for row, data in rows.items():
        values = []
        for _, get, fmt in COLUMNS:
            value = get(data)
            values.append("-" if value is None else fmt.format(value))
        cells.append([row] + values)
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    print(f"\n== {name} ==  ({note})")
    for r in cells:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
    print("  ratios are Scour's figure / the other's: above 1 is better for docs/s, MB/s and QPS, "
          "below 1 is better for size, RSS, open time and latencies")
    for scour_row, other in (("scour 1t", "fts5 1t"), ("scour 1t", "tantivy 1t"), ("scour 2t", "tantivy 2t")):
        if scour_row not in rows or other not in rows:
            continue
        ratios = []
        for label, get, _ in COLUMNS:
            a, b = get(rows[scour_row]), get(rows[other])
            if a is not None and b:
                ratios.append(f"{label} {a / b:.2f}")
        print(f"  {scour_row} / {other}: " + ", ".join(ratios))
    for row, data in rows.items():
        extra = [f"{data['index']['indexed']} documents indexed"]
        if "stored_body_bytes" in data["index"]:
            extra.append(f"index with stored text {data['index']['stored_body_bytes'] / 1e6:.1f} MB")
        if "stored_bytes" in data["index"]:
            extra.append(f"search structures {data['index']['bytes'] / 1e6:.1f} MB (idx/text), stored text "
                         f"{data['index']['stored_bytes'] / 1e6:.1f} MB, catalog {data['index']['catalog_bytes'] / 1e6:.1f} MB, "
                         f"{data['index']['total_bytes'] / 1e6:.1f} MB in all")
        if "queries" in data:
            extra.append("queries with a hit: " + ", ".join(
                f"{k} {v['matched']}/{v['queries']}" for k, v in data["queries"].items()))
        if data["index"].get("segments") is not None:
            extra.append(f"{data['index']['segments']} segments")
        if extra:
            print(f"  {row}: " + "; ".join(extra))


def main():
    """Parses the options and runs the benchmark for each corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated corpus sizes in documents (default: 10000)")
    parser.add_argument("--debian", action="store_true", help="also benchmark Debian's HTML docs (/usr/share/doc)")
    parser.add_argument("--debian-root", default="/usr/share/doc", help="folder of HTML pages for --debian (default: /usr/share/doc)")
    parser.add_argument("--scour", help="use this scour binary instead of building one")
    parser.add_argument("--queries", type=int, default=200, help="queries per flavour: OR, AND, phrase (default: 200)")
    parser.add_argument("--rounds", type=int, default=3, help="query rounds, engines interleaved in each (default: 3)")
    parser.add_argument("--threads", default="1,2", help="indexing thread counts; queries use the first (default: 1,2)")
    parser.add_argument("--no-tantivy", action="store_true", help="leave tantivy out")
    parser.add_argument("--no-stored-body", dest="stored_body", action="store_false",
                        help="do not also measure tantivy's index size with the text stored (default: measure it)")
    parser.add_argument("--work", default=os.path.join(HERE, "work"), help="folder for corpora, indexes, results (default: Benchmarks/work)")
    parser.add_argument("--keep", action="store_true", help="keep the indexes after the run")
    args = parser.parse_args()
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
        threads = [int(t) for t in args.threads.split(",")]
        if not sizes or min(sizes) < 100 or not threads or min(threads) < 1 or args.rounds < 1 or args.queries < 1:
            raise ValueError
    except ValueError:
        parser.error("--sizes needs sizes of at least 100, --threads counts of at least 1, "
                     "--rounds and --queries at least 1")
    args.work = os.path.abspath(args.work)
    started = time.time()
    try:
        os.makedirs(args.work, exist_ok=True)
        args.scour = os.path.abspath(args.scour) if args.scour else build_scour()
        if not os.access(args.scour, os.X_OK):
            raise BenchmarkError(f"no scour binary at {args.scour}")
        python, tantivy = setup_python(not args.no_tantivy)
        results = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "options": vars(args), "corpora": {}}
        note = ("FTS5 and tantivy latencies are timed in Python around each call (a few us of call overhead "
                "included); Scour's come from --timings; RSS of Python engines includes the interpreter")
        for size in sizes:
            corpus, queries_path, text_bytes = generated_corpus(size, args.queries, args.work)
            rows = bench_corpus(f"generated-{size}", corpus, queries_path, text_bytes, args, python, tantivy)
            results["corpora"][f"generated-{size}"] = {"documents": size, "text_bytes": text_bytes, "rows": rows}
            print_table(f"generated, {size:,} documents, {text_bytes / 1e6:.0f} MB of text", rows, note)
        if args.debian:
            log("extracting Debian's HTML pages with html.parser ...")
            extraction = time.perf_counter()
            corpus, queries_path, text_bytes, pages = debian_corpus(args.debian_root, args.work, args.queries)
            extraction = time.perf_counter() - extraction
            rows = bench_corpus("debian", corpus, queries_path, text_bytes, args, python, tantivy,
                                scour_inputs=[args.debian_root], scour_extra=("--include", "*.html", "--include", "*.htm"))
            results["corpora"]["debian"] = {"documents": pages, "text_bytes": text_bytes, "rows": rows,
                                            "python_extraction_seconds": extraction}
            print_table(f"Debian HTML docs, {pages} pages, {text_bytes / 1e6:.0f} MB of text (html.parser)", rows,
                        note + "; Scour indexes the HTML itself (chrome stripped, duplicates folded), FTS5 and "
                        "tantivy the text Python's html.parser extracted from the same files "
                        f"(in {extraction:.1f} s, not counted in their docs/s); MB/s uses that text's size")
        results["seconds"] = time.time() - started
        out = os.path.join(args.work, f"results-{time.strftime('%Y%m%d-%H%M%S')}.json")
        with open(out, "w") as f:
            json.dump(results, f, indent=1)
        print(f"\nresults: {out} ({results['seconds']:.0f} s in all)")
    except BenchmarkError as error:
        sys.exit(f"run.py: {error}")
    except KeyboardInterrupt:
        sys.exit("run.py: interrupted")
    except OSError as error:
        sys.exit(f"run.py: {error.strerror}: {error.filename}")


if __name__ == "__main__":
    main()
