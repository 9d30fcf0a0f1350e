#!/usr/bin/env bash
# Ablation: the dev and seed scores with each relation frame switched off in
# turn (NEWSGRAPH_ABLATE), to show what each frame adds. Needs ../shared/eval.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
cargo build --release --quiet
score() { # prints "dev_rel_f1 seed_rel_f1" with NEWSGRAPH_ABLATE=$1
  local out; out=$(mktemp -d)
  mkdir -p "$out/dev"
  for f in "$shared"/eval/dev/articles/*.txt; do
    NEWSGRAPH_ABLATE="$1" target/release/newsgraph build "$f" --format json -o "$out/dev/$(basename "$f" .txt).json"
  done
  NEWSGRAPH_ABLATE="$1" target/release/newsgraph build "$shared/seed/seed.txt" --format json -o "$out/seed.json"
  local dev seed
  dev=$(python3 "$shared/eval/score.py" --gold "$shared/eval/dev/gold" --pred "$out/dev" | tail -n 1 | sed 's/.*relations_f1=//')
  seed=$(python3 "$shared/eval/score.py" --gold "$shared/seed/expected.json" --pred "$out/seed.json" | tail -n 1 | sed 's/.*relations_f1=//')
  rm -rf "$out"
  echo "$dev $seed"
}
read -r dev0 seed0 <<<"$(score "")"
printf '| frame switched off | dev relation F1 | change | seed relation F1 | change |\n|---|---|---|---|---|\n'
printf '| (none: everything on) | %s | | %s | |\n' "$dev0" "$seed0"
for frame in compounds titles verbs nouns meetings locations patients labels statements; do
  read -r dev seed <<<"$(score "$frame")"
  printf '| %s | %s | %+.4f | %s | %+.4f |\n' "$frame" "$dev" "$(python3 -c "print($dev-$dev0)")" "$seed" "$(python3 -c "print($seed-$seed0)")"
done
