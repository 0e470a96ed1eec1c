#!/usr/bin/env python3
"""Check that generated soundness-benchmark models load in onnxruntime and agree with Vernier.

Usage (developers, not CI; needs the pip packages onnxruntime and numpy):

    python3 scripts/check_soundness_onnx.py BENCH_DIR [--vernier PATH] [--samples N] [--rtol R]

For every model directory under BENCH_DIR (one holding model.onnx and hidden.json), draws N
random inputs in the model's domain plus every hidden counterexample and every instance centre,
evaluates them with onnxruntime (the file is float32, so onnxruntime computes in float32) and with
`vernier eval` (Double arithmetic on the same float32 weights), and compares the outputs with
|ort - vernier| <= atol + rtol * |vernier| (defaults: rtol 1e-5, atol 1e-6: float32 rounding).
It also checks that onnxruntime, like Vernier, sees every hidden counterexample violate its
property (another class scores at least as high as the label), which is what a float32
verifier would see. Exit status 0 when everything agrees, 1 otherwise.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnxruntime as ort


def model_dirs(root):
    if os.path.exists(os.path.join(root, "hidden.json")):
        return [root]
    return sorted(os.path.join(root, d) for d in os.listdir(root)
                  if os.path.exists(os.path.join(root, d, "hidden.json")))


def vernier_eval(vernier, model, samples):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.npy")
        np.save(path, samples.astype(np.float64))
        out = subprocess.run([vernier, "eval", "--model", model, "--input", path, "--json"],
                             capture_output=True, text=True, check=True).stdout
    doc = json.loads(out)
    rows = doc["outputs"] if isinstance(doc, dict) else doc
    return np.array([np.ravel(r) for r in rows], dtype=np.float64)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("--vernier", default=".build/release/vernier")
    ap.add_argument("--samples", type=int, default=16)
    ap.add_argument("--rtol", type=float, default=1e-5)
    ap.add_argument("--atol", type=float, default=1e-6)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    failures = 0
    for d in model_dirs(args.bench):
        manifest = json.load(open(os.path.join(d, "hidden.json")))
        onnx_path = os.path.join(d, "model.onnx")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        sess = ort.InferenceSession(onnx_path, opts, providers=["CPUExecutionProvider"])
        inp = sess.get_inputs()[0]
        shape = [int(s) for s in inp.shape]
        n = int(np.prod(shape[1:]))
        lo, hi = manifest["domain"]
        points = [rng.uniform(lo, hi, size=n) for _ in range(args.samples)]
        cex = [(r["label"], np.array(r["counterexample"]["input"])) for r in manifest["instances"] if r.get("counterexample")]
        points += [np.array(r["centre"]) for r in manifest["instances"]] + [x for _, x in cex]
        x = np.array(points, dtype=np.float32)  # every generated value is exact in float32
        ref = np.array([sess.run(None, {inp.name: row.reshape(shape)})[0].ravel() for row in x], dtype=np.float64)
        ours = vernier_eval(args.vernier, onnx_path, x.astype(np.float64))
        err = np.abs(ref - ours)
        worst = float(np.max(err / (args.atol + args.rtol * np.abs(ours))))
        ok = worst <= 1.0
        flips = 0
        for (label, point), row in zip(cex, ref[len(points) - len(cex):]):
            others = np.delete(row, label)
            if not np.max(others) >= row[label]:
                flips += 1
        status = "ok" if ok and flips == 0 else "MISMATCH"
        failures += 0 if status == "ok" else 1
        print(f"{manifest['model']:24s} {status}: {len(points)} inputs, max |ort - vernier| = {float(np.max(err)):.3g}"
              f" ({worst:.2f} of tolerance); hidden counterexamples violating in onnxruntime: {len(cex) - flips}/{len(cex)}")
    print("all models agree" if failures == 0 else f"{failures} model(s) disagree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
