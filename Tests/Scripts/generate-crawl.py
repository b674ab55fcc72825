#!/usr/bin/env python3
"""Writes a generated crawl: N HTML pages in a wget-like mirror layout
(OUT/host/path…html) across 20 sites, each with its own template chrome
(nav menu, header, footer with an address, sidebar, a hit counter and a
date stamp that differ per page), English article text with Zipf word
frequencies, and Chinese pages on two of the sites.

    python3 Tests/Scripts/generate-crawl.py --pages 100000 --seed 1 OUT

The same --seed and --pages give the same bytes (each page has its own
random generator, so --jobs does not change the output). Prints one JSON
line: {"pages": …, "bytes": …, "sites": …, "seconds": …}.
See crawl_corpus.py for the page skeleton and mutate-crawl.py for nightly
changes.
"""

import argparse
import json
import multiprocessing
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crawl_corpus  # noqa: E402

_state = {}


def _start(seed, site_count):
    vocabulary = crawl_corpus.Vocabulary()
    _state["vocabulary"] = vocabulary
    _state["sites"] = crawl_corpus.sites(vocabulary)[:site_count]
    _state["seed"] = seed


def _write(job):
    """Writes pages [start, end) under root; returns the bytes written."""
    root, start, end = job
    vocabulary, all_sites, seed = _state["vocabulary"], _state["sites"], _state["seed"]
    written = 0
    for number in range(start, end):
        site = all_sites[crawl_corpus.site_of(number, len(all_sites))]
        path, html = site.page(vocabulary, seed, number)
        written += crawl_corpus.write_file(root, path, html)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write the crawl into (created)")
    parser.add_argument("--pages", type=int, default=1000, help="how many pages (default 1000)")
    parser.add_argument("--seed", default="1", help="random seed (default 1)")
    parser.add_argument("--sites", type=int, default=len(crawl_corpus.SITES),
                        help="how many of the %d sites to use" % len(crawl_corpus.SITES))
    parser.add_argument("--first", type=int, default=0, help="number of the first page (default 0)")
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                        help="processes writing pages (does not change the output)")
    arguments = parser.parse_args()
    if arguments.pages < 0 or not 1 <= arguments.sites <= len(crawl_corpus.SITES) or arguments.jobs < 1:
        parser.error("--pages must be >= 0, --sites 1…%d, --jobs >= 1" % len(crawl_corpus.SITES))

    started = time.monotonic()
    os.makedirs(arguments.out, exist_ok=True)
    chunk = 2000
    jobs = [(arguments.out, start, min(start + chunk, arguments.first + arguments.pages))
            for start in range(arguments.first, arguments.first + arguments.pages, chunk)]
    if arguments.jobs == 1 or len(jobs) <= 1:
        _start(arguments.seed, arguments.sites)
        written = sum(map(_write, jobs))
    else:
        with multiprocessing.Pool(arguments.jobs, _start, (arguments.seed, arguments.sites)) as pool:
            written = sum(pool.imap_unordered(_write, jobs))
    print(json.dumps({"pages": arguments.pages, "bytes": written, "sites": arguments.sites,
                      "seconds": round(time.monotonic() - started, 2)}))


if __name__ == "__main__":
    main()
