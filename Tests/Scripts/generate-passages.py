#!/usr/bin/env python3
"""Writes N JSON Lines passages ({"id","url","title","text"}) of English-like
text with Zipf word frequencies: the corpus for measuring Scour's memory and
open time at a million documents (see README, "Keeping an index fresh").

    python3 Tests/Scripts/generate-passages.py --count 1000000 OUT.jsonl
"""
import argparse, json, os, random, sys

def vocabulary():
    path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "snowball-english", "voc.txt")
    try:
        with open(path, encoding="utf-8") as f:
            words = [w.strip() for w in f if w.strip().isalpha()]
        random.Random(7).shuffle(words)
        return words[:30000]
    except OSError:
        base = "research student campus library science history music art engineering faculty lecture".split()
        return [b + str(i) for i in range(3000) for b in base][:30000]

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=100, help="mean words per passage")
    parser.add_argument("out")
    args = parser.parse_args()
    words = vocabulary()
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8") as out:
        for n in range(args.count):
            length = max(8, int(rng.gauss(args.words, args.words / 4)))
            text = rng.choices(words, weights=weights, k=length)
            title = " ".join(rng.choices(words, weights=weights, k=6)).capitalize()
            out.write(json.dumps({"id": f"p{n}", "url": f"https://site{n % 50}.example.edu/p/{n}",
                                  "title": title, "text": " ".join(text).capitalize() + "."}) + "\n")
    print(json.dumps({"passages": args.count, "bytes": os.path.getsize(args.out)}))

if __name__ == "__main__":
    main()
