#!/usr/bin/env bash
# Forward-evaluation throughput of Vernier (double precision, one BLAS thread) on the shared
# mnist_fc and ACAS Xu models, side by side with onnxruntime (float32 as shipped and converted to
# float64, one thread) when the Python package is installed.
#
#   benchmarks/forward_throughput.sh [seconds-per-measurement]
#
# Prints CSV: engine,model,batch,samples_per_second,microseconds_per_sample
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-2}
shared=${VERNIER_SHARED:-../shared}/benchmarks
swift build -c release --product vernier-bench >&2
bench=.build/release/vernier-bench
models=("$shared/acasxu/onnx/ACASXU_run2a_1_1_batch_2000.onnx"
        "$shared/mnist_fc/onnx/mnist-net_256x2.onnx"
        "$shared/mnist_fc/onnx/mnist-net_256x4.onnx"
        "$shared/mnist_fc/onnx/mnist-net_256x6.onnx"
        "$shared/dist_shift/onnx/mnist_concat.onnx")
echo "engine,model,batch,samples_per_second,microseconds_per_sample"
for m in "${models[@]}"; do
  for b in 1 64 1024; do
    echo "vernier-f64,$("$bench" forward "$m" --batch "$b" --seconds "$secs")"
  done
done
if python3 -c "import onnxruntime" 2>/dev/null; then
  python3 benchmarks/ort_throughput.py --seconds "$secs" "${models[@]}"
else
  echo "# onnxruntime not installed: pip install onnxruntime onnx  (optional)" >&2
fi
