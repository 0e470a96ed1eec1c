#!/usr/bin/env python3
"""onnxruntime forward throughput, for comparison with vernier-bench (see forward_throughput.sh).

Runs each model with one intra-op thread at batch sizes 1, 64 and 1024 (the leading dimension of
the input replaced by the batch size where the model allows it; otherwise batch 1 in a loop), in
float32 as shipped and in float64 (initializers cast), printing the same CSV columns.
"""
import argparse, os, time
import numpy as np
import onnx
import onnxruntime as ort
from onnx import numpy_helper, TensorProto

def to_float64(model):
    m = onnx.ModelProto(); m.CopyFrom(model)
    for init in m.graph.initializer:
        if init.data_type == TensorProto.FLOAT:
            init.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float64), init.name))
    for n in m.graph.node:
        for a in n.attribute:
            if a.type == onnx.AttributeProto.TENSOR and a.t.data_type == TensorProto.FLOAT:
                a.t.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(a.t).astype(np.float64)))
    for v in list(m.graph.input) + list(m.graph.output) + list(m.graph.value_info):
        if v.type.tensor_type.elem_type == TensorProto.FLOAT:
            v.type.tensor_type.elem_type = TensorProto.DOUBLE
    return m

def measure(sess, feed_name, x, seconds):
    for _ in range(3):
        sess.run(None, {feed_name: x})
    runs, start = 0, time.perf_counter()
    while True:
        sess.run(None, {feed_name: x}); runs += 1
        el = time.perf_counter() - start
        if el >= seconds:
            return runs / el

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=2)
    ap.add_argument("models", nargs="+")
    a = ap.parse_args()
    opts = ort.SessionOptions(); opts.intra_op_num_threads = 1; opts.inter_op_num_threads = 1
    for path in a.models:
        model = onnx.load(path)
        init_names = {i.name for i in model.graph.initializer}
        inp = [i for i in model.graph.input if i.name not in init_names][0]
        dims = [d.dim_value if d.dim_value > 0 else 1 for d in inp.type.tensor_type.shape.dim]
        for label, m, dtype in (("onnxruntime-f32", model, np.float32), ("onnxruntime-f64", None, np.float64)):
            try:
                mm = m if m is not None else to_float64(model)
                sess = ort.InferenceSession(mm.SerializeToString(), opts, providers=["CPUExecutionProvider"])
            except Exception as e:  # e.g. no double kernel
                print(f"# {label} {os.path.basename(path)}: {str(e).splitlines()[0]}")
                continue
            for b in (1, 64, 1024):
                shape = [b] + dims[1:]
                x = np.random.default_rng(0).uniform(0, 1, shape).astype(dtype)
                try:
                    per_run = measure(sess, inp.name, x, a.seconds)
                    sps = per_run * b
                except Exception:
                    # The model fixes its batch size: batch 1 in a loop.
                    x1 = x[:1]
                    sps = measure(sess, inp.name, x1, a.seconds)
                print(f"{label},{os.path.basename(path)},{b},{sps:.1f},{1e6 / sps:.3f}")

if __name__ == "__main__":
    main()
