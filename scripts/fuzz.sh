#!/usr/bin/env bash
# Fuzzes the readers of untrusted input (issue 17); the last step of .ci/run
# (10 s a target there). Measured on 2026-12-05 on the 2-core machine, with
# cargo-fuzz installed: 6 min 13 s from scratch (the instrumented build of
# every dependency), under 3 min with the build cached in
# ~/.cache/newsgraph-fuzz and the crate changed. Installing cargo-fuzz, when
# missing, adds about 3.5 min.
# Usage: scripts/fuzz.sh   (NEWSGRAPH_FUZZ_SECONDS=600 for the long run)
set -euo pipefail
cd "$(dirname "$0")/.."
# Fuzz the readers of untrusted input (issue 17): the JSON Lines reader and the
# RON, JSON and GraphML graph loaders, 20 s each, from seeds this run writes
# with the binary just tested. A crash fails CI; libFuzzer leaves the input in
# fuzz/artifacts/TARGET/ (add it to tests/data/fuzz/ with the fix). cargo-fuzz
# comes from crates.io; its build is kept outside the clone, in
# ~/.cache/newsgraph-fuzz (from scratch: about 3.5 min to install cargo-fuzz,
# 3 min to build, 1.5 min to run on a loaded 2-core machine). Stable Rust with
# RUSTC_BOOTSTRAP for the -Z flags cargo-fuzz passes; no sanitizer (the code is
# safe Rust) but debug assertions, so an overflow is a crash.
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked --quiet
fi
fuzz_time=${NEWSGRAPH_FUZZ_SECONDS:-20}
export CARGO_TARGET_DIR=${NEWSGRAPH_FUZZ_TARGET_DIR:-$HOME/.cache/newsgraph-fuzz}
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
cargo build --locked --quiet --bin newsgraph --target-dir target
ng=target/debug/newsgraph
mkdir -p "$seeds"/{load_ron,load_json,load_graphml,load_jsonl}
printf 'Iran condemned Israel on Monday. Egypt urged Jordan to act, President Sisi said.\n' > "$seeds/a.txt"
"$ng" build "$seeds/a.txt" --date 2024-08-06 -q -o "$seeds/load_ron/g.ron"
"$ng" build "$seeds/a.txt" --date 2024-08-06 -q -o "$seeds/load_json/g.json"
"$ng" build "$seeds/a.txt" --date 2024-08-06 -q -o "$seeds/load_graphml/g.graphml"
printf '%s\n' '{"id":"a","title":"T","date":"2024-08-06","lang":"en","text":"Iran condemned Israel."}' \
  '{"text":"Egypt urged Jordan.","tags":["x"]}' > "$seeds/load_jsonl/a.jsonl"
for target in load_jsonl load_ron load_json load_graphml; do
  mkdir -p "$seeds/corpus-$target"
  if ! RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir fuzz -s none -a "$target" \
    "$seeds/corpus-$target" "$seeds/$target" -- -max_total_time="$fuzz_time" \
    >"$seeds/$target.log" 2>&1; then
    tail -n 40 "$seeds/$target.log" >&2
    echo "CI: fuzz target $target crashed (the input is in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  echo "fuzz $target: $(grep -E '^Done [0-9]+ runs' "$seeds/$target.log")"
done
