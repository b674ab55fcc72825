#!/usr/bin/env python3
"""Changes a generated crawl (see generate-crawl.py) like a nightly re-crawl:
a fraction of the pages is touched, split into

  edited    the article text changed (a paragraph rewritten or added, now
            and then a new title); counter, stamp and sidebar changed too
  trivial   only the hit counter, date stamp and sidebar changed: the raw
            bytes differ, the article text does not
  deleted   the page is gone
  added     a new page (new number, its site's chrome)

    python3 Tests/Scripts/mutate-crawl.py --seed 7 --fraction 0.01 DIR

Deterministic for the same folder, --seed and --fraction. Prints one JSON
line: {"pages_before": …, "edited": …, "trivial": …, "deleted": …,
"added": …, "pages_after": …, "seconds": …}; --record FILE also writes the
paths of each kind (relative to DIR) as JSON.
"""

import argparse
import json
import os
import random
import re
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crawl_corpus  # noqa: E402
from crawl_corpus import (ARTICLE_PATTERN, SIDEBAR_PATTERN, STAMP_PATTERN, TITLE_PATTERN,  # noqa: E402
                          VIEWS_PATTERN, escape)

PARAGRAPH_PATTERN = re.compile(r"<p>.*?</p>\n", re.S)


def read(root, relative):
    with open(os.path.join(root, relative), encoding="utf-8") as handle:
        return handle.read()


def rechrome(site, vocabulary, rng, html):
    """New counter, stamp and sidebar: what changes on every crawl."""
    html = VIEWS_PATTERN.sub(lambda _: site.views(rng), html, count=1)
    html = STAMP_PATTERN.sub(lambda _: site.stamp(rng), html, count=1)
    return SIDEBAR_PATTERN.sub(lambda _: site.sidebar(vocabulary, rng), html, count=1)


def edit(site, vocabulary, rng, html):
    """Rewrites one paragraph of the article, sometimes adds one, and now
    and then gives the page a new title."""
    article = ARTICLE_PATTERN.search(html)
    if article is None:
        return None
    text = article.group(0)
    paragraphs = list(PARAGRAPH_PATTERN.finditer(text))
    new_paragraphs = crawl_corpus.chinese_paragraphs if site.chinese else crawl_corpus.english_paragraphs
    fresh = ["<p>" + escape(p) + "</p>\n" for p in new_paragraphs(vocabulary, rng)]
    if paragraphs:
        target = paragraphs[rng.randrange(len(paragraphs))]
        text = text[: target.start()] + fresh[0] + text[target.end():]
    if not paragraphs or rng.random() < 0.5:
        end = text.rindex("</article>")
        text = text[:end] + fresh[-1] + text[end:]
    if rng.random() < 0.2:
        title = crawl_corpus.chinese_title(vocabulary, rng) if site.chinese else crawl_corpus.english_title(vocabulary, rng)
        start, stop = text.index("<h1>") + 4, text.index("</h1>")
        text = text[:start] + escape(title) + text[stop:]
        html = TITLE_PATTERN.sub(lambda _: "<title>%s | %s</title>" % (escape(title), escape(site.name)), html, count=1)
    html = ARTICLE_PATTERN.sub(lambda _: text, html, count=1)
    return rechrome(site, vocabulary, rng, html)


def remove_empty_folders(root, relative):
    folder = os.path.dirname(relative)
    while folder:
        try:
            os.rmdir(os.path.join(root, folder))
        except OSError:
            return
        folder = os.path.dirname(folder)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", help="a crawl written by generate-crawl.py (changed in place)")
    parser.add_argument("--seed", default="1", help="random seed (default 1)")
    parser.add_argument("--fraction", type=float, default=0.01, help="share of pages to touch (default 0.01)")
    parser.add_argument("--mix", default="0.4,0.3,0.15,0.15",
                        help="shares of edited, trivial, deleted, added (default 0.4,0.3,0.15,0.15)")
    parser.add_argument("--record", help="write the changed paths of each kind to this JSON file")
    arguments = parser.parse_args()
    mix = [float(x) for x in arguments.mix.split(",")]
    if len(mix) != 4 or min(mix) < 0 or sum(mix) <= 0 or not 0 <= arguments.fraction <= 1:
        parser.error("--mix takes four non-negative shares, --fraction a number from 0 to 1")

    started = time.monotonic()
    vocabulary = crawl_corpus.Vocabulary()
    all_sites = crawl_corpus.sites(vocabulary)
    root = arguments.dir
    pages = crawl_corpus.page_paths(root)
    present = {}
    for relative in pages:
        host = relative.split("/", 1)[0]
        if host not in present:
            present[host] = crawl_corpus.site_for_host(all_sites, host)
    known = [p for p in pages if present[p.split("/", 1)[0]] is not None]
    if not known:
        sys.exit("mutate-crawl.py: %s holds no page of a generated crawl" % root)

    total = round(arguments.fraction * len(known))
    shares = [x / sum(mix) for x in mix]
    # Every kind with a share gets one page when there are enough, the rest
    # goes by share; what rounding leaves goes to the biggest shares.
    kinds = [kind for kind in range(4) if shares[kind] > 0]
    counts = [1 if kind in kinds and total >= len(kinds) else 0 for kind in range(4)]
    remaining = total - sum(counts)
    counts = [count + int(remaining * share) for count, share in zip(counts, shares)]
    for kind in sorted(kinds, key=lambda k: -shares[k]):
        if sum(counts) >= total:
            break
        counts[kind] += 1
    edited_count, trivial_count, deleted_count, added_count = counts
    existing_count = min(len(known), edited_count + trivial_count + deleted_count)

    rng = random.Random("mutate:%s" % arguments.seed)
    chosen = rng.sample(known, existing_count)
    record = {"edited": [], "trivial": [], "deleted": [], "added": []}
    for position, relative in enumerate(chosen):
        site = present[relative.split("/", 1)[0]]
        page_rng = random.Random("mutate:%s:%s" % (arguments.seed, relative))
        if position < edited_count:
            html = edit(site, vocabulary, page_rng, read(root, relative))
            if html is None:
                continue
            crawl_corpus.write_file(root, relative, html)
            record["edited"].append(relative)
        elif position < edited_count + trivial_count:
            crawl_corpus.write_file(root, relative, rechrome(site, vocabulary, page_rng, read(root, relative)))
            record["trivial"].append(relative)
        else:
            os.remove(os.path.join(root, relative))
            remove_empty_folders(root, relative)
            record["deleted"].append(relative)

    numbers = [int(m.group(1)) for m in map(crawl_corpus.NUMBER_PATTERN.search, known) if m]
    next_number = max(numbers, default=0) + 1
    hosts = sorted(host for host, site in present.items() if site is not None)
    for number in range(next_number, next_number + added_count):
        site = present[hosts[number % len(hosts)]]
        relative, html = site.page(vocabulary, "mutate:%s" % arguments.seed, number)
        crawl_corpus.write_file(root, relative, html)
        record["added"].append(relative)

    if arguments.record:
        with open(arguments.record, "w", encoding="utf-8") as handle:
            json.dump(record, handle, indent=1, ensure_ascii=False)
    after = len(pages) - len(record["deleted"]) + len(record["added"])
    print(json.dumps({"pages_before": len(pages), "edited": len(record["edited"]), "trivial": len(record["trivial"]),
                      "deleted": len(record["deleted"]), "added": len(record["added"]), "pages_after": after,
                      "seconds": round(time.monotonic() - started, 2)}))


if __name__ == "__main__":
    main()
