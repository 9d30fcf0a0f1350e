#!/usr/bin/env bash
# Scores the extraction on the seed article and on the dev articles of
# ../shared/eval (see its README). Usage: scripts/eval.sh [--verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
cargo build --release --quiet
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
mkdir -p "$out/dev"
for f in "$shared"/eval/dev/articles/*.txt; do
  target/release/newsgraph build "$f" --format json -o "$out/dev/$(basename "$f" .txt).json"
done
echo "== dev articles"
python3 "$shared/eval/score.py" --gold "$shared/eval/dev/gold" --pred "$out/dev" "$@"
target/release/newsgraph build "$shared/seed/seed.txt" --format json -o "$out/seed.json"
echo "== seed article"
python3 "$shared/eval/score.py" --gold "$shared/seed/expected.json" --pred "$out/seed.json" | tail -n 1
