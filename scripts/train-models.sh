#!/usr/bin/env bash
# Trains the tagger and parser on the shared Universal Dependencies treebanks
# and writes data/models/syntax.bin (about 3 minutes on one core). The same
# data and seed give the same file, byte for byte.
#
#   scripts/train-models.sh [UD_DIR]     (default: ../shared/ud or $NEWSGRAPH_UD)
set -euo pipefail
cd "$(dirname "$0")/.."
ud=${1:-${NEWSGRAPH_UD:-../shared/ud}}
if [ ! -f "$ud/ewt-train.conllu" ]; then
  echo "train-models: $ud has no ewt-train.conllu (give the shared UD folder)" >&2
  exit 2
fi
cargo build --release --quiet --bin newsgraph-train-syntax
target/release/newsgraph-train-syntax --ud "$ud" -o data/models/syntax.bin
# the model is built into the program: rebuild it
cargo build --release --quiet
target/release/newsgraph parse --eval "$ud/ewt-test.conllu"
