# Shared by the VNN-COMP scripts: where the binary is, and transparent .gz inputs.
VERNIER=${VERNIER_BIN:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.build/release/vernier"}
if [ ! -x "$VERNIER" ]; then
  echo "vernier is not built at $VERNIER (run vnncomp/install_tool.sh v1, or set VERNIER_BIN)" >&2
  exit 1
fi

# Prints a path to the uncompressed file (VNN-COMP benchmarks ship .onnx.gz / .vnnlib.gz).
unpacked() {
  local f=$1
  if [ ! -f "$f" ] && [ -f "$f.gz" ]; then f="$f.gz"; fi
  case "$f" in
    *.gz)
      local dir=${TMPDIR:-/tmp}/vernier-vnncomp
      mkdir -p "$dir"
      local out="$dir/$(basename "${f%.gz}")"
      gzip -dc "$f" > "$out" || return 1
      echo "$out" ;;
    *) echo "$f" ;;
  esac
}
