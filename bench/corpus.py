#!/usr/bin/env python3
"""Writes a JSON Lines corpus of about SIZE megabytes for the benchmarks.

Articles are assembled from the sentences of this repository's own texts
(data/articles/*.txt and the test corpus in tests/corpus.rs), shuffled with a
fixed seed, so every run gets the same corpus. Standard library only.

usage: corpus.py OUT.jsonl SIZE_MB
"""
import glob, json, random, re, sys

out, size_mb = sys.argv[1], float(sys.argv[2])
root = __file__.rsplit("/bench/", 1)[0]
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(root + "/data/articles/*.txt"))]
corpus_rs = open(root + "/tests/corpus.rs", encoding="utf-8").read()
texts += [t.replace("\\n", "\n") for t in re.findall(r'"((?:[^"\\]|\\.)+)"', corpus_rs)]
sentences = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s.strip()) > 20]
rng = random.Random(20241124)
target = int(size_mb * 1_000_000)
written = 0
with open(out, "w", encoding="utf-8") as f:
    i = 0
    while written < target:
        body = " ".join(rng.choice(sentences) for _ in range(rng.randint(8, 20)))
        line = json.dumps({"id": f"bench-{i}", "text": body, "date": "2024-08-06"}, ensure_ascii=False)
        f.write(line + "\n")
        written += len(body.encode("utf-8"))
        i += 1
print(f"{out}: {i} articles, {written / 1e6:.2f} MB of text", file=sys.stderr)
