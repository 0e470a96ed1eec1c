#!/usr/bin/env bash
# VNN-COMP interface: prepare_instance.sh v1 CATEGORY ONNX VNNLIB
# Vernier needs no per-instance preparation beyond checking that the files load; a model or
# property it cannot read makes this fail (exit 1), as the convention asks.
set -uo pipefail
[ "$#" -eq 4 ] || { echo "usage: $0 v1 CATEGORY ONNX VNNLIB" >&2; exit 1; }
[ "$1" = "v1" ] || { echo "unsupported interface version '$1' (expected v1)" >&2; exit 1; }
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/common.sh"
onnx=$(unpacked "$3") && vnnlib=$(unpacked "$4") || exit 1
"$VERNIER" info "$onnx" >/dev/null || exit 1
exit 0
