#!/usr/bin/env bash
# The README's main job on the bundled example: describe the model, prove one property,
# falsify another (with a re-checked counterexample), and write VNN-COMP result files.
set -uo pipefail
vernier=${1:-.build/release/vernier}
ex=examples/classifier
out=${DEMO_OUT:-.build/demo}
mkdir -p "$out"

run() {
  echo "\$ vernier $*"
  "$vernier" "$@"
  local rc=$?
  echo "(exit code $rc)"
  echo
  return 0
}

run info "$ex/model.json"
run verify --model "$ex/model.json" --spec "$ex/robust_small.vnnlib" --result-file "$out/small.result"
run verify --model "$ex/model.json" --spec "$ex/robust_medium.vnnlib" --method ibp
run verify --model "$ex/model.json" --spec "$ex/robust_medium.vnnlib" --method crown
run bounds --model "$ex/model.json" --input "$ex/x.json" --epsilon 0.1 --method alpha-crown
run verify --model "$ex/model.json" --spec "$ex/robust_large.vnnlib" --result-file "$out/large.result"
run verify --model "$ex/model.json" --input "$ex/x.json" --epsilon 0.005 --label 2 --json
echo "VNN-COMP result files:"
for f in "$out"/small.result "$out"/large.result; do echo "--- $f"; cat "$f"; done
