#!/usr/bin/env python3
"""Crash harness for `scour index`: kills an index update at random moments
and checks that the index is always either the one before or the one after.

Run through crash-harness.sh (which finds scour and python3):

    Tests/Scripts/crash-harness.sh                      # short: 6 runs, 300 pages
    Tests/Scripts/crash-harness.sh --runs 50 --pages 2000   # long form

1. Generate a crawl (generate-crawl.py), index it: the BEFORE index; record
   the results of a fixed set of 20 queries (ids and scores) as BEFORE.
2. Mutate the crawl in place (mutate-crawl.py, --fraction of the pages);
   index a copy of it into a fresh index: the results there are AFTER.
3. Time one uninterrupted update (`scour index corpus --index COPY` on a
   copy of the BEFORE index) — it must give AFTER and leave no stray file;
   an incremental update must count the mutation's added, edited (updated),
   deleted (removed) and trivially changed (unchanged after extraction)
   pages.
4. Each run: copy the BEFORE index, start the update, SIGKILL it after a
   delay drawn uniformly from [0, that time) — so the harness does not
   depend on the machine's speed — then check: `scour check` passes (when
   the subcommand exists), a search works, the results equal BEFORE or
   AFTER exactly; rerun the update to completion: it must give AFTER and
   leave no file the manifest does not name (besides MANIFEST, write.lock).

Results are compared by document id and score (rounded to 1e-6), sorted by
score then id; when a query has more matches than --limit, results tied
with the last score are left out (their order among ties is not defined).
Relevance feedback is off (--no-feedback), so a tie at rank 10 cannot
change the expansion words.

Prints one summary line; exits 1 when any check failed (the work folder is
then kept and named), 2 on a setup error.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, HERE)
import crawl_corpus  # noqa: E402


class SetupError(Exception):
    pass


def log(message):
    print("crash-harness: " + message, flush=True)


class Scour:
    def __init__(self, executable, workers):
        self.executable = executable
        self.workers = workers
        help_text = subprocess.run([executable, "--help"], capture_output=True, text=True).stdout
        self.has_check = re.search(r"^\s+check\s", help_text, re.M) is not None

    def index_arguments(self, corpus, index):
        """`scour index CORPUS --index INDEX`; without CORPUS (None), the
        index's remembered sources are scanned again."""
        arguments = [self.executable, "index"] + ([corpus] if corpus else []) + ["--index", index, "--quiet", "--format", "json"]
        if self.workers:
            arguments += ["--workers", str(self.workers)]
        return arguments

    def index(self, corpus, index, folder):
        """Runs an index build or update to completion; (seconds, status,
        errors, the JSON summary or None)."""
        started = time.monotonic()
        done = subprocess.run(self.index_arguments(corpus, index), cwd=folder, capture_output=True, text=True)
        seconds = time.monotonic() - started
        try:
            summary = json.loads(done.stdout)
        except ValueError:
            summary = None
        return seconds, done.returncode, done.stderr.strip(), summary

    def check(self, index):
        done = subprocess.run([self.executable, "check", "--index", index], capture_output=True, text=True)
        return done.returncode, (done.stdout + done.stderr).strip()

    def state(self, index, queries_file, limit):
        """{qid: [total, [[id, score], …]]} for every query, or raises."""
        done = subprocess.run([self.executable, "search", "--queries", queries_file, "--index", index,
                               "--format", "json", "--limit", str(limit), "--no-feedback"],
                              capture_output=True, text=True)
        if done.returncode not in (0, 1):
            raise RuntimeError("scour search exited with %d: %s" % (done.returncode, done.stderr.strip()[:500]))
        state = {}
        for line in done.stdout.splitlines():
            if not line.strip():
                continue
            result = json.loads(line)
            hits = sorted(([hit["id"], round(hit["score"], 6)] for hit in result["results"]),
                          key=lambda pair: (-pair[1], pair[0]))
            if result["total"] > len(hits) and hits:
                lowest = hits[-1][1]
                hits = [hit for hit in hits if hit[1] != lowest]
            state[result["qid"]] = [result["total"], hits]
        return state

    def single_search(self, index, query):
        done = subprocess.run([self.executable, "search", query, "--index", index, "--format", "json"],
                              capture_output=True, text=True)
        if done.returncode not in (0, 1):
            return "scour search exited with %d: %s" % (done.returncode, done.stderr.strip()[:300])
        try:
            json.loads(done.stdout)
        except ValueError:
            return "scour search printed no JSON object: %r" % done.stdout[:200]
        return None


def make_queries(seed, pages):
    """The fixed query set (qid<TAB>query lines): words across frequency
    ranks, OR, AND, NOT, a phrase from a page, prefix, fuzzy, field and site
    filters, Chinese characters."""
    vocabulary = crawl_corpus.Vocabulary()
    words = vocabulary.words
    sites = crawl_corpus.sites(vocabulary)
    # A phrase and a Chinese bigram that occur in the crawl: taken from the
    # text of early pages (the crawl is a function of the seed).
    phrase, bigram = None, None
    for number in range(min(pages, 60)):
        site = sites[crawl_corpus.site_of(number)]
        _, html = site.page(vocabulary, seed, number)
        paragraph = re.search(r"<p>(.*?)</p>", html).group(1)
        if site.chinese and bigram is None:
            bigram = paragraph[:2]
        elif not site.chinese and phrase is None:
            sentence = [w for w in paragraph.lower().rstrip(".").split() if w not in crawl_corpus.STOP_WORDS]
            phrase = " ".join(sentence[:2])
    queries = [words[rank] for rank in (70, 100, 150, 220, 300, 450, 700, 1000)]
    queries += ["%s %s" % (words[a], words[b]) for a, b in ((200, 900), (350, 1500), (120, 5000))]
    queries.append("%s AND %s" % (words[80], words[90]))
    queries.append("%s -%s" % (words[110], words[75]))
    queries.append('"%s"' % (phrase or words[100]))
    queries.append(words[150][:4] + "*")
    fuzzy = words[260]
    queries.append(fuzzy[:-1] + ("a" if fuzzy[-1] != "a" else "e") + "~")
    queries.append("title:" + words[95])
    queries.append("site:%s %s" % (crawl_corpus.SITES[0][0], words[130]))
    queries.append(vocabulary.characters[3])
    queries.append(bigram or vocabulary.characters[0] + vocabulary.characters[1])
    return ["%d\t%s" % (number + 1, query) for number, query in enumerate(queries)]


def files_not_named(index):
    """Files in the index folder that its manifest does not name (besides
    MANIFEST and write.lock)."""
    manifest = os.path.join(index, "MANIFEST")
    with open(manifest, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    content = json.loads(lines[1])
    named = {"MANIFEST", "write.lock"}
    for segment in content.get("segments", []):
        named.add(segment["name"])
        if segment.get("deletions"):
            named.add(segment["deletions"])
    for key in ("catalog", "templates"):
        if content.get(key):
            named.add(content[key])
    return sorted(set(os.listdir(index)) - named)


def describe_difference(state, expected, name):
    """One line: which queries differ from `expected`."""
    differing = [qid for qid in expected if state.get(qid) != expected[qid]]
    if not differing:
        return "equals %s" % name
    qid = differing[0]
    got, want = state.get(qid, [None, []]), expected[qid]
    return "differs from %s in %d queries (query %s: total %s, %d results; expected total %s, %d results)" % (
        name, len(differing), qid, got[0], len(got[1]), want[0], len(want[1]))


def run_python(script, arguments):
    done = subprocess.run([sys.executable, os.path.join(HERE, script)] + arguments, capture_output=True, text=True)
    if done.returncode != 0:
        raise SetupError("%s failed: %s" % (script, done.stderr.strip()[-500:]))
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=6, help="killed updates (default 6; long form 50 or more)")
    parser.add_argument("--pages", type=int, default=300, help="pages in the crawl (default 300)")
    parser.add_argument("--fraction", type=float, default=0.03, help="share of pages the mutation touches (default 0.03)")
    parser.add_argument("--seed", default="1", help="seed of the crawl, the mutation and the kill times (default 1)")
    parser.add_argument("--scour", required=True, help="the scour executable")
    parser.add_argument("--limit", type=int, default=1000, help="results per query (default 1000)")
    parser.add_argument("--workers", type=int, help="pass --workers to scour index")
    parser.add_argument("--work", help="work folder (default: a new temporary folder)")
    parser.add_argument("--remembered-sources", action="store_true",
                        help="update with `scour index --index DIR` alone (the sources the index remembers)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder also when every check passed")
    arguments = parser.parse_args()
    if arguments.runs < 0 or arguments.pages < 20:
        parser.error("--runs must be >= 0 and --pages >= 20")

    scour = Scour(os.path.abspath(arguments.scour), arguments.workers)
    work = os.path.abspath(arguments.work or tempfile.mkdtemp(prefix="scour-crash-"))
    os.makedirs(work, exist_ok=True)
    if os.listdir(work):
        parser.error("the work folder %s is not empty" % work)
    failures = []
    try:
        summary = harness(arguments, scour, work, failures)
    except SetupError as error:
        log("setup failed: %s (work folder kept: %s)" % (error, work))
        return 2
    print(summary, flush=True)
    if failures:
        log("%d failures (work folder kept: %s):" % (len(failures), work))
        for failure in failures:
            print("  " + failure, flush=True)
        return 1
    if not arguments.keep and not arguments.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def harness(arguments, scour, work, failures):
    crawl = os.path.join(work, "crawl")       # cwd of every BEFORE/update run; holds `corpus`
    corpus = "corpus"
    before_index = os.path.join(work, "before-index")
    after = os.path.join(work, "after")       # a copy of the mutated crawl, indexed fresh
    after_index = os.path.join(work, "after-index")
    queries = os.path.join(work, "queries.tsv")

    generated = run_python("generate-crawl.py", [os.path.join(crawl, corpus), "--pages", str(arguments.pages),
                                                 "--seed", arguments.seed])
    log("generated %d pages (%d bytes)" % (generated["pages"], generated["bytes"]))
    with open(queries, "w", encoding="utf-8") as handle:
        handle.write("\n".join(make_queries(arguments.seed, arguments.pages)) + "\n")

    seconds, status, errors, _ = scour.index(corpus, before_index, crawl)
    if status != 0:
        raise SetupError("indexing the crawl failed (exit %d): %s" % (status, errors))
    before = scour.state(before_index, queries, arguments.limit)
    log("BEFORE index built in %.1f s; query totals %s" % (seconds, [before[q][0] for q in sorted(before, key=int)]))

    mutated = run_python("mutate-crawl.py", ["--seed", arguments.seed, "--fraction", str(arguments.fraction),
                                              os.path.join(crawl, corpus)])
    log("mutated: %s" % json.dumps({k: v for k, v in mutated.items() if k != "seconds"}))
    shutil.copytree(os.path.join(crawl, corpus), os.path.join(after, corpus))
    _, status, errors, _ = scour.index(corpus, after_index, after)
    if status != 0:
        raise SetupError("indexing the mutated crawl failed (exit %d): %s" % (status, errors))
    expected = scour.state(after_index, queries, arguments.limit)
    if expected == before:
        raise SetupError("the mutation did not change the query results: BEFORE and AFTER cannot be told apart "
                         "(use more --pages or a larger --fraction)")
    if scour.has_check:
        for name, index in (("BEFORE", before_index), ("AFTER", after_index)):
            status, output = scour.check(index)
            if status != 0:
                failures.append("scour check fails on the %s index built without interruption: %s" % (name, output[:500]))
    else:
        log("note: this scour has no `check` subcommand; the index check is skipped")

    # One uninterrupted update: its duration bounds the kill times.
    timing_index = os.path.join(work, "runs", "uninterrupted")
    shutil.copytree(before_index, timing_index)
    # The update: the same command line as the first build, or, with
    # --remembered-sources, `scour index --index DIR` alone.
    update = None if arguments.remembered_sources else corpus
    duration, status, errors, summary = scour.index(update, timing_index, crawl)
    if status != 0:
        raise SetupError("the uninterrupted update failed (exit %d): %s" % (status, errors))
    check_update_counts(summary, mutated, failures)
    verify_completed(scour, "uninterrupted update", timing_index, queries, arguments.limit, expected, failures)
    shutil.rmtree(timing_index)
    log("an uninterrupted update takes %.2f s; killing %d updates at uniform moments in [0, %.2f s)"
        % (duration, arguments.runs, duration))

    rng = random.Random("kill:%s" % arguments.seed)
    counts = {"before": 0, "after": 0, "finished": 0}
    search_word = crawl_corpus.load_vocabulary()[100]
    for run in range(1, arguments.runs + 1):
        failures_before = len(failures)
        index = os.path.join(work, "runs", "run-%03d" % run)
        shutil.copytree(before_index, index)
        delay = rng.uniform(0, duration)
        output = open(os.path.join(work, "runs", "run-%03d.log" % run), "w")
        process = subprocess.Popen(scour.index_arguments(update, index), cwd=crawl, stdout=output, stderr=output)
        try:
            process.wait(timeout=delay)
            finished = True
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            finished = False
        output.close()
        label = "run %d (kill after %.3f s)" % (run, delay)
        if finished:
            counts["finished"] += 1
            if process.returncode != 0:
                failures.append("%s: the update ended by itself with exit %d before the kill"
                                % (label, process.returncode))

        if scour.has_check:
            status, text = scour.check(index)
            if status != 0:
                failures.append("%s: scour check fails after the kill: %s" % (label, text[:500]))
        problem = scour.single_search(index, search_word)
        if problem:
            failures.append("%s: a search after the kill fails: %s" % (label, problem))
        try:
            state = scour.state(index, queries, arguments.limit)
        except (RuntimeError, ValueError) as error:
            failures.append("%s: the query set cannot be run after the kill: %s" % (label, error))
            state = None
        outcome = "unreadable"
        if state is not None:
            if state == before:
                counts["before"] += 1
                outcome = "BEFORE"
            elif state == expected:
                counts["after"] += 1
                outcome = "AFTER"
            else:
                outcome = "neither"
                failures.append("%s: the results are neither BEFORE nor AFTER: %s; %s" % (
                    label, describe_difference(state, before, "BEFORE"), describe_difference(state, expected, "AFTER")))

        seconds, status, errors, _ = scour.index(update, index, crawl)
        if status != 0:
            failures.append("%s: rerunning the update failed (exit %d): %s" % (label, status, errors[:500]))
        else:
            verify_completed(scour, label + ", then rerun", index, queries, arguments.limit, expected, failures)
        log("%s: %s%s, rerun %.1f s" % (label, "finished before the kill, " if finished else "", outcome, seconds))
        if len(failures) == failures_before:
            shutil.rmtree(index)  # A failed run's index stays for a look.

    return ("crash-harness: runs=%d killed-before-commit=%d killed-after-commit=%d finished-before-kill=%d "
            "failures=%d (pages=%d, update %.2f s)" % (arguments.runs, counts["before"], counts["after"],
                                                        counts["finished"], len(failures), arguments.pages, duration))


def check_update_counts(summary, mutated, failures):
    """An incremental update (its JSON summary has "added", "updated",
    "removed", "unchangedAfterExtraction") must count what the mutation
    did: added pages added, edited ones updated, deleted ones removed, and
    trivially changed ones (new bytes, same text) unchanged after
    extraction. A full rebuild has nothing to count."""
    keys = {"added": "added", "updated": "edited", "removed": "deleted", "unchangedAfterExtraction": "trivial"}
    if not summary or summary.get("rebuilt", True) or not all(key in summary for key in keys):
        log("the update is a full rebuild: its change counts are not checked")
        return
    counted = {key: summary[key] for key in keys}
    expected = {key: mutated[kind] for key, kind in keys.items()}
    log("the update counted %s" % json.dumps(counted))
    if counted != expected:
        failures.append("the uninterrupted update counted %s; the mutation made %s" % (
            json.dumps(counted), json.dumps(expected)))


def verify_completed(scour, label, index, queries, limit, expected, failures):
    """A completed update: AFTER, sound, nothing left over."""
    try:
        state = scour.state(index, queries, limit)
        if state != expected:
            failures.append("%s: the completed update %s" % (label, describe_difference(state, expected, "AFTER")))
    except (RuntimeError, ValueError) as error:
        failures.append("%s: the query set cannot be run: %s" % (label, error))
    if scour.has_check:
        status, text = scour.check(index)
        if status != 0:
            failures.append("%s: scour check fails after the completed update: %s" % (label, text[:500]))
    try:
        stray = files_not_named(index)
    except (OSError, ValueError, IndexError, KeyError) as error:
        failures.append("%s: cannot read the manifest: %s" % (label, error))
        return
    if stray:
        failures.append("%s: files the manifest does not name remain: %s" % (label, ", ".join(stray[:10])))


if __name__ == "__main__":
    sys.exit(main())
