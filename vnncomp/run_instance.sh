#!/usr/bin/env bash
# VNN-COMP interface: run_instance.sh v1 CATEGORY ONNX VNNLIB RESULTFILE TIMEOUT
# Writes sat (with the re-checked counterexample), unsat, timeout or unknown to RESULTFILE.
# Exit status 0 whenever a result file was written (the verdict is in the file).
set -uo pipefail
[ "$#" -eq 6 ] || { echo "usage: $0 v1 CATEGORY ONNX VNNLIB RESULTFILE TIMEOUT" >&2; exit 1; }
[ "$1" = "v1" ] || { echo "unsupported interface version '$1' (expected v1)" >&2; exit 1; }
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"
result=$5
timeout=$6
onnx=$(unpacked "$3") && vnnlib=$(unpacked "$4") || { echo "unknown" > "$result"; exit 1; }
# Leave a little of the budget for start-up and writing the file.
budget=$(awk -v t="$timeout" 'BEGIN { b = t - 1; if (b < t * 0.9) b = t * 0.9; print b }')
"$VERNIER" verify --model "$onnx" --spec "$vnnlib" --timeout "$budget" --result-file "$result"
rc=$?
case $rc in
  0|1|2) exit 0 ;;
  *) [ -s "$result" ] || echo "unknown" > "$result"; exit 1 ;;
esac
