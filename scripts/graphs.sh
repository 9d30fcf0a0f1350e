#!/usr/bin/env bash
# Builds the example graphs: for every article data/articles/NAME.txt, the graph
# in every format: graphs/NAME.ron, .dot, .json, .graphml, .mmd (Mermaid),
# graphs/NAME-csv/ (Neo4j import files), the interactive page graphs/NAME.html,
# graphs/NAME.svg when Graphviz's `dot` is installed, and a screenshot of the
# page, graphs/NAME.png, when Chromium and playwright-core are (.ci/run
# installs both; see tests/browser.rs). These files are golden output: the test suite fails when
# they are stale. Never edit them by hand; run this instead.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
mkdir -p graphs
for article in data/articles/*.txt; do
  name=$(basename "$article" .txt)
  target/release/newsgraph build "$article" -o "graphs/$name.ron"
  for format in dot json graphml html; do
    target/release/newsgraph export "graphs/$name.ron" -o "graphs/$name.$format"
  done
  target/release/newsgraph export "graphs/$name.ron" --format mermaid -o "graphs/$name.mmd"
  target/release/newsgraph export "graphs/$name.ron" --format csv -o "graphs/$name-csv"
  if command -v dot >/dev/null 2>&1; then
    dot -Tsvg "graphs/$name.dot" -o "graphs/$name.svg"
    echo "graphs/$name.{ron,dot,json,graphml,html,mmd,svg} graphs/$name-csv/"
  else
    echo "graphs/$name.{ron,dot,json,graphml,html,mmd} graphs/$name-csv/ (Graphviz 'dot' not found: $name.svg not rendered)" >&2
  fi
  if [ -x /usr/bin/chromium ] && [ -d tests/browser/node_modules/playwright-core ]; then
    node tests/browser/check.mjs "graphs/$name.html" --search Hezbollah --screenshot "graphs/$name.png" >/dev/null
    echo "graphs/$name.png"
  else
    echo "Chromium or tests/browser/node_modules not found: graphs/$name.png not taken (npm ci --prefix tests/browser)" >&2
  fi
done
