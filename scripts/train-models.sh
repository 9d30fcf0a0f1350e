#!/usr/bin/env bash
# Trains the tagger and parser on the shared Universal Dependencies treebanks
# and writes data/models/syntax.bin (about 3 minutes on one core), then the
# name tagger (data/models/names.bin, a few seconds; it reads the syntax
# model's tags, so it comes second). The same data and seed give the same
# files, byte for byte.
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
# the models are built into the program: rebuild it before the name tagger
cargo build --release --quiet
cargo build --release --quiet --bin newsgraph-train-names
target/release/newsgraph-train-names --ud "$ud" -o data/models/names.bin
cargo build --release --quiet
target/release/newsgraph parse --eval "$ud/ewt-test.conllu"
target/release/newsgraph ner --eval "$ud/gum-test.conllu"
