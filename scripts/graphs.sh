#!/usr/bin/env bash
# Builds the example graphs: for every article data/articles/NAME.txt,
# graphs/NAME.ron, graphs/NAME.dot and graphs/NAME.json, and graphs/NAME.svg
# when Graphviz's `dot` is installed. These files are golden output: the test
# suite fails when they are stale. Never edit them by hand; run this instead.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
mkdir -p graphs
for article in data/articles/*.txt; do
  name=$(basename "$article" .txt)
  for format in ron dot json; do
    target/release/newsgraph build "$article" -o "graphs/$name.$format"
  done
  if command -v dot >/dev/null 2>&1; then
    dot -Tsvg "graphs/$name.dot" -o "graphs/$name.svg"
  else
    echo "graphs.sh: Graphviz 'dot' not found; graphs/$name.svg not rendered" >&2
  fi
  echo "graphs/$name.{ron,dot,json$(command -v dot >/dev/null 2>&1 && echo ,svg)}"
done
