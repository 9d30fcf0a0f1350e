#!/usr/bin/env bash
# Fuzzes the readers of untrusted input (issue 17): the JSON Lines reader and
# the RON, JSON and GraphML graph loaders, from seeds this run writes with the
# binary just tested. The last step of .ci/run (10 s a target there). A crash
# fails the run; libFuzzer leaves the input in fuzz/artifacts/TARGET/ (add it
# to tests/data/fuzz/TARGET/ with the fix).
#
# The targets are libfuzzer-sys binaries (fuzz/), built here with plain cargo
# and the coverage flags cargo-fuzz passes for `-s none` (no sanitizer: the
# code is safe Rust; debug assertions and overflow checks on, so an overflow
# is a crash), in the dev profile: no cargo-fuzz to install (3.5 min on a new
# machine) and no optimised build (6-10 min from scratch); from scratch the
# build takes about 1.5 min on the 2-core machine (2026-12-06). The build is
# kept in ~/.cache/newsgraph-fuzz.
#
# Usage: scripts/fuzz.sh [TARGET...]   (default: the four readers;
#        NEWSGRAPH_FUZZ_SECONDS=600 for the long run, NEWSGRAPH_FUZZ_PROFILE=release
#        for an optimised build)
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_time=${NEWSGRAPH_FUZZ_SECONDS:-20}
profile=${NEWSGRAPH_FUZZ_PROFILE:-dev}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(load_jsonl load_ron load_json load_graphml)
fi
triple=$(rustc -vV | sed -n 's/^host: //p')
target_dir=${NEWSGRAPH_FUZZ_TARGET_DIR:-$HOME/.cache/newsgraph-fuzz}
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT

cargo build --locked --quiet --bin newsgraph --target-dir target
ng=target/debug/newsgraph

# --target keeps the flags off build scripts and procedural macros, which are
# not linked with libFuzzer
bins=()
for t in "${targets[@]}"; do bins+=(--bin "$t"); done
(
  cd fuzz
  RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks" \
    cargo build --locked --quiet --profile "$profile" --target "$triple" \
    --target-dir "$target_dir" "${bins[@]}"
)
case $profile in
  dev) out=$target_dir/$triple/debug ;;
  *) out=$target_dir/$triple/$profile ;;
esac

mkdir -p "$seeds"/{load_ron,load_json,load_graphml,load_jsonl,extract,lexicon,query}
printf 'Iran condemned Israel on Monday. Egypt urged Jordan to act, President Sisi said.\n' > "$seeds/a.txt"
cp "$seeds/a.txt" "$seeds/extract/a.txt"
"$ng" build "$seeds/a.txt" --date 2024-08-06 -q -o "$seeds/load_ron/g.ron"
"$ng" build "$seeds/a.txt" --date 2024-08-06 -q -o "$seeds/load_json/g.json"
"$ng" build "$seeds/a.txt" --date 2024-08-06 -q -o "$seeds/load_graphml/g.graphml"
printf '%s\n' '{"id":"a","title":"T","date":"2024-08-06","lang":"en","text":"Iran condemned Israel."}' \
  '{"text":"Egypt urged Jordan.","tags":["x"]}' > "$seeds/load_jsonl/a.jsonl"
printf 'Iran backs Hezbollah . ?x urged Iran\n' > "$seeds/query/a.txt"
cp data/lexicon/places.ron "$seeds/lexicon/"
for target in "${targets[@]}"; do
  mkdir -p "$seeds/corpus-$target" "fuzz/artifacts/$target"
  if ! "$out/$target" "$seeds/corpus-$target" "$seeds/$target" \
    -max_total_time="$fuzz_time" -artifact_prefix="fuzz/artifacts/$target/" \
    >"$seeds/$target.log" 2>&1; then
    tail -n 40 "$seeds/$target.log" >&2
    echo "CI: fuzz target $target crashed (the input is in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  echo "fuzz $target: $(grep -E '^Done [0-9]+ runs' "$seeds/$target.log")"
done
