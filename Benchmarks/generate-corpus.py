#!/usr/bin/env python3
"""Writes a deterministic generated corpus of JSON Lines documents
({"id","url","title","text"}) and query sets for the side-by-side benchmark
(Benchmarks/run.sh, issue 9 "Fast engine").

The text is made to stress an index the way real text does:

* Heaps' law: words come from a Zipf-Mandelbrot distribution over a million
  syllable-built word types, so new words keep appearing as
  the corpus grows (1M documents have a far larger vocabulary than 10k).
* Topical burstiness: each document has a topic that boosts a few hundred
  mid-frequency words, and words already used in a document are likely to be
  used again.

Queries (--queries N per flavour) mix common, mid-frequency and rare terms
and come in three flavours: OR (`a b c`), AND (`+a +b +c` in Scour's syntax)
and phrase (two adjacent words of a real document, `"a b"`). Each query is
written with its plain terms so other engines can build their own syntax.

    python3 Benchmarks/generate-corpus.py --count 100000 --queries 200 OUT.jsonl

writes OUT.jsonl, OUT.queries.jsonl ({"qid","kind","terms","scour"} per line)
and OUT.queries-{or,and,phrase}.tsv (`qid<TAB>query`, for scour --queries),
and prints a JSON summary.
"""
import argparse
import bisect
import itertools
import json
import math
import os
import random
import sys

ONSETS = ["", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
          "br", "cr", "dr", "fl", "gr", "pl", "st", "tr", "ch", "sh", "th"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
CODAS = ["", "n", "r", "s", "l", "m", "t", "nd", "st"]

# Never used as vocabulary: engines treat them differently (Scour drops stop
# words from ranked queries, FTS5 and tantivy keep them).
STOP_WORDS = set("""a an and are as at be but by for if in into is it no not of on or such that the their then
there these they this to was will with he she we you i me my our his her its us them him do does did have has had
so than too very can just""".split())

KINDS = ("or", "and", "phrase")


def syllables():
    """Every onset-vowel-coda syllable, in a fixed shuffled order."""
    items = [o + v + c for o, v, c in itertools.product(ONSETS, VOWELS, CODAS)]
    random.Random(11).shuffle(items)
    return items


def build_vocabulary(size, seed):
    """`size` distinct word types ordered by frequency rank. Common ranks get
    short words (one or two syllables), rare ranks longer ones, as in real
    languages."""
    rng = random.Random(seed)
    pieces = syllables()
    words, seen = [], set(STOP_WORDS)
    for piece in pieces[:400]:  # the most common words: one syllable
        if len(piece) >= 2 and piece not in seen:
            seen.add(piece)
            words.append(piece)
    while len(words) < size:
        rank = len(words)
        count = 2 if rank < 20000 else rng.choice((2, 3, 3)) if rank < 150000 else rng.choice((2, 3, 3, 4))
        word = "".join(rng.choice(pieces) for _ in range(count))
        if word not in seen and len(word) <= 16:
            seen.add(word)
            words.append(word)
    return words


def zipf_mandelbrot_cumulative(size, exponent, shift):
    """Cumulative weights of p(r) ∝ 1 / (r + shift) ** exponent, r = 1..size."""
    return list(itertools.accumulate(1.0 / (rank + shift) ** exponent for rank in range(1, size + 1)))


class Topics:
    """Topics, each a list of boosted words (ranks) with Zipf weights. Topic
    words are mid-frequency: spread evenly in log-rank between `low` and
    `high`, so each topic has some fairly common and some rare words."""

    def __init__(self, count, words_per_topic, vocabulary_size, rng):
        low, high = 50, min(vocabulary_size - 1, 200000)
        self.words = []
        for _ in range(count):
            ranks = {int(math.exp(rng.uniform(math.log(low), math.log(high)))) for _ in range(words_per_topic)}
            ranks = sorted(ranks)
            rng.shuffle(ranks)
            self.words.append(ranks)
        self.word_weights = [list(itertools.accumulate(1.0 / (i + 1) for i in range(len(w)))) for w in self.words]
        self.topic_weights = list(itertools.accumulate(1.0 / (i + 1) ** 0.8 for i in range(count)))


def sentences_of(tokens, rng):
    """Splits a document's tokens into sentences of 6-20 words."""
    out, start = [], 0
    while start < len(tokens):
        length = rng.randint(6, 20)
        out.append(tokens[start:start + length])
        start += length
    return out


def generate(args, out_path):
    """Writes the corpus and returns (document frequency per rank, sampled
    documents as lists of sentences of ranks, total text bytes)."""
    rng = random.Random(args.seed)
    vocabulary = build_vocabulary(args.vocabulary, args.seed)
    cumulative = zipf_mandelbrot_cumulative(len(vocabulary), args.exponent, args.shift)
    total = cumulative[-1]
    topics = Topics(args.topics, args.topic_words, len(vocabulary), random.Random(args.seed + 1))
    ranks = range(len(vocabulary))
    mu = math.log(args.words) - 0.5 * 0.5 ** 2  # lognormal lengths with mean args.words
    document_frequency = [0] * len(vocabulary)
    samples = []  # reservoir of documents for phrase and AND queries
    text_bytes = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for n in range(args.count):
            length = max(5, int(rng.lognormvariate(mu, 0.5)))
            topic = bisect.bisect(topics.topic_weights, rng.random() * topics.topic_weights[-1])
            topic = min(topic, len(topics.words) - 1)
            topic_words, topic_weights = topics.words[topic], topics.word_weights[topic]
            background = rng.choices(ranks, cum_weights=cumulative, k=length)
            tokens = []
            for word in background:
                roll = rng.random()
                if roll < args.topicality:
                    i = bisect.bisect(topic_weights, rng.random() * topic_weights[-1])
                    word = topic_words[min(i, len(topic_words) - 1)]
                elif roll < args.topicality + args.burstiness and tokens:
                    word = tokens[rng.randrange(len(tokens))]
                tokens.append(word)
            for word in set(tokens):
                document_frequency[word] += 1
            sentences = sentences_of(tokens, rng)
            title_source = [w for w in tokens if w >= 30] or tokens
            title = [vocabulary[w] for w in rng.sample(title_source, min(len(title_source), rng.randint(3, 8)))]
            text = " ".join(" ".join(vocabulary[w] for w in s).capitalize() + "." for s in sentences)
            title_text = " ".join(title).title()
            text_bytes += len(text.encode()) + len(title_text.encode())
            out.write(json.dumps({"id": f"d{n}", "url": f"https://site{n % 97}.example.org/{topic}/{n}",
                                  "title": title_text, "text": text}) + "\n")
            # Reservoir sampling keeps the sample independent of --count's order.
            if len(samples) < 5000:
                samples.append(sentences)
            else:
                j = rng.randrange(n + 1)
                if j < 5000:
                    samples[j] = sentences
    return vocabulary, document_frequency, samples, text_bytes


def make_queries(count, vocabulary, document_frequency, samples, documents, seed):
    """Term sets for OR and AND queries (the same sets in both flavours) and
    word pairs for phrase queries, as dictionaries with qid, kind, terms and
    Scour's syntax."""
    rng = random.Random(seed + 2)
    present = [r for r, df in enumerate(document_frequency) if df > 0]
    common = [r for r in present if document_frequency[r] >= documents / 100] or present
    rare = [r for r in present if document_frequency[r] <= max(2, documents / 10000)] or present
    middle = [r for r in present if max(2, documents / 10000) < document_frequency[r] < documents / 100] or present
    classes = (common, middle, rare)
    queries = []
    for q in range(count):
        size = rng.choice((1, 2, 2, 3, 3, 4))
        if q % 2 == 0:
            # Words of one real document: the AND query has at least one match.
            words = [w for s in rng.choice(samples) for w in s]
            distinct = list(dict.fromkeys(words))
            terms = rng.sample(distinct, min(size, len(distinct)))
        else:
            terms = []
            while len(terms) < size:
                word = rng.choice(rng.choices(classes, weights=(3, 4, 3))[0])
                if word not in terms:
                    terms.append(word)
        terms = [vocabulary[t] for t in terms]
        queries.append({"qid": f"or{q}", "kind": "or", "terms": terms, "scour": " ".join(terms)})
        queries.append({"qid": f"and{q}", "kind": "and", "terms": terms, "scour": " ".join("+" + t for t in terms)})
    for q in range(count):
        sentence = rng.choice([s for s in rng.choice(samples) if len(s) >= 2])
        i = rng.randrange(len(sentence) - 1)
        terms = [vocabulary[sentence[i]], vocabulary[sentence[i + 1]]]
        queries.append({"qid": f"phrase{q}", "kind": "phrase", "terms": terms, "scour": '"' + " ".join(terms) + '"'})
    return queries


def write_queries(queries, out_path):
    """Writes OUT.queries.jsonl and one Scour TSV per flavour; returns their paths."""
    stem = out_path[:-len(".jsonl")] if out_path.endswith(".jsonl") else out_path
    paths = {"all": stem + ".queries.jsonl"}
    with open(paths["all"], "w", encoding="utf-8") as f:
        for query in queries:
            f.write(json.dumps(query) + "\n")
    for kind in KINDS:
        paths[kind] = f"{stem}.queries-{kind}.tsv"
        with open(paths[kind], "w", encoding="utf-8") as f:
            for query in queries:
                if query["kind"] == kind:
                    f.write(f"{query['qid']}\t{query['scour']}\n")
    return paths


def main():
    """Parses the options, writes the corpus and queries, prints a summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--count", type=int, default=10000, help="number of documents")
    parser.add_argument("--queries", type=int, default=200, help="queries per flavour (OR, AND, phrase); 0 for none")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same corpus)")
    parser.add_argument("--words", type=int, default=100, help="mean words per document (lognormal lengths)")
    parser.add_argument("--vocabulary", type=int, default=1000000, help="word types in the Zipf-Mandelbrot vocabulary")
    parser.add_argument("--exponent", type=float, default=1.1, help="Zipf-Mandelbrot exponent s")
    parser.add_argument("--shift", type=float, default=2.7, help="Zipf-Mandelbrot shift q")
    parser.add_argument("--topics", type=int, default=500, help="number of topics")
    parser.add_argument("--topic-words", type=int, default=300, help="boosted words per topic")
    parser.add_argument("--topicality", type=float, default=0.25, help="share of words drawn from the document's topic")
    parser.add_argument("--burstiness", type=float, default=0.15, help="share of words repeating a word already in the document")
    parser.add_argument("out", help="the JSON Lines file to write (queries are written beside it)")
    args = parser.parse_args()
    if args.count < 1 or args.queries < 0 or args.vocabulary < 1000:
        parser.error("--count must be at least 1, --queries at least 0, --vocabulary at least 1000")
    if not 0 <= args.topicality + args.burstiness <= 1:
        parser.error("--topicality + --burstiness must be between 0 and 1")
    try:
        vocabulary, document_frequency, samples, text_bytes = generate(args, args.out)
        summary = {"documents": args.count, "bytes": os.path.getsize(args.out), "text_bytes": text_bytes,
                   "vocabulary": sum(1 for df in document_frequency if df > 0)}
        if args.queries:
            queries = make_queries(args.queries, vocabulary, document_frequency, samples, args.count, args.seed)
            summary["queries"] = write_queries(queries, args.out)
    except OSError as error:
        sys.exit(f"generate-corpus: {error.strerror}: {error.filename}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
