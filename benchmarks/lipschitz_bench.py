#!/usr/bin/env python3
"""Local Lipschitz bounds on small MLPs, a small CNN and an MNIST MLP: certified upper bound,
witnessed lower bound, gap ratio, interval-only and naive baselines, time.

    swift build -c release
    python3 benchmarks/lipschitz_bench.py [--vernier .build/release/vernier] [--timeout 60] [--quick]

Models are generated with a fixed seed into a temporary folder (nothing is written to the repo);
the MNIST network and its first property's box come from ../shared/benchmarks/mnist_fc (skipped
when missing). Prints a Markdown table (paste into benchmarks/README.md).
"""
import argparse, json, os, subprocess, sys, tempfile, time
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get("VERNIER_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))


def tensor(name, a):
    return {"name": name, "shape": list(a.shape), "dtype": "float64", "data": [float(v) for v in a.ravel()]}


def mlp(path, inputs, widths, outputs, activation, rng):
    """Gemm → activation, repeated; He-style scaling so that activations neither vanish nor explode."""
    sizes = [inputs] + widths + [outputs]
    inits, nodes, prev = [], [], "x"
    for i in range(len(sizes) - 1):
        W = rng.normal(0, np.sqrt(2 / sizes[i]), (sizes[i + 1], sizes[i]))
        b = rng.normal(0, 0.1, sizes[i + 1])
        inits += [tensor(f"W{i}", W), tensor(f"b{i}", b)]
        last = i == len(sizes) - 2
        z = "y" if last else f"z{i}"
        nodes.append({"name": f"fc{i}", "op_type": "Gemm", "inputs": [prev, f"W{i}", f"b{i}"], "outputs": [z],
                      "attributes": {"transB": 1}})
        if not last:
            nodes.append({"name": f"act{i}", "op_type": activation, "inputs": [z], "outputs": [f"h{i}"]})
            prev = f"h{i}"
    write(path, inputs, [1, inputs], inits, nodes)


def cnn(path, rng, activation="Relu"):
    """1×8×8 → Conv 4@3×3 pad 1 → act → Conv 4@3×3 stride 2 pad 1 → act → Flatten → Gemm 10."""
    K1 = rng.normal(0, np.sqrt(2 / 9), (4, 1, 3, 3)); k1 = rng.normal(0, 0.1, 4)
    K2 = rng.normal(0, np.sqrt(2 / 36), (4, 4, 3, 3)); k2 = rng.normal(0, 0.1, 4)
    W = rng.normal(0, np.sqrt(2 / 64), (10, 64)); b = rng.normal(0, 0.1, 10)
    pads = [1, 1, 1, 1]
    nodes = [
        {"name": "conv1", "op_type": "Conv", "inputs": ["x", "K1", "k1"], "outputs": ["c1"], "attributes": {"pads": pads}},
        {"name": "act1", "op_type": activation, "inputs": ["c1"], "outputs": ["a1"]},
        {"name": "conv2", "op_type": "Conv", "inputs": ["a1", "K2", "k2"], "outputs": ["c2"],
         "attributes": {"pads": pads, "strides": [2, 2]}},
        {"name": "act2", "op_type": activation, "inputs": ["c2"], "outputs": ["a2"]},
        {"name": "flat", "op_type": "Flatten", "inputs": ["a2"], "outputs": ["f"]},
        {"name": "fc", "op_type": "Gemm", "inputs": ["f", "W", "b"], "outputs": ["y"], "attributes": {"transB": 1}},
    ]
    inits = [tensor("K1", K1), tensor("k1", k1), tensor("K2", K2), tensor("k2", k2), tensor("W", W), tensor("b", b)]
    write(path, 64, [1, 1, 8, 8], inits, nodes)


def write(path, n, shape, inits, nodes):
    model = {"format": "vernier-model/1", "name": os.path.basename(path),
             "inputs": [{"name": "x", "shape": shape, "dtype": "float64"}], "outputs": [{"name": "y", "dtype": "float64"}],
             "initializers": inits, "nodes": nodes}
    with open(path, "w") as f:
        json.dump(model, f)


def run(vernier, model, region_args, timeout, norm="inf"):
    cmd = [vernier, "lipschitz", "--model", model, *region_args, "--norm", norm, "--json", "--timeout", str(timeout), "--max-domains", "1000000"]
    t = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.time() - t
    if p.returncode != 0:
        return {"error": p.stderr.strip()[:200]}
    out = json.loads(p.stdout)
    r = out["regions"][0]
    r["wall"] = wall
    return r


def fmt(x, digits=4):
    return "—" if x is None else f"{x:.{digits}g}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vernier", default=os.path.join(ROOT, ".build", "release", "vernier"))
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--quick", action="store_true", help="widths 16 and 64 only, 10 s each")
    ap.add_argument("--activations", default="Relu,Tanh", help="MLP activations (comma-separated)")
    ap.add_argument("--widths", default=None, help="MLP widths (comma-separated), default 16,32,64,128,256")
    ap.add_argument("--no-cnn", action="store_true")
    ap.add_argument("--no-mnist", action="store_true")
    args = ap.parse_args()
    if args.quick:
        args.timeout = min(args.timeout, 10)
    rng = np.random.default_rng(20261201)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        widths = [int(w) for w in args.widths.split(",")] if args.widths else ([16, 64] if args.quick else [16, 32, 64, 128, 256])
        for activation in args.activations.split(","):
            for w in widths:
                path = os.path.join(tmp, f"mlp_{activation}_{w}.json")
                mlp(path, 16, [w, w], 4, activation, rng)
                x = rng.uniform(-1, 1, 16)
                eps = 0.05
                region = ",".join(f"{float(v - eps)!r}:{float(v + eps)!r}" for v in x)
                rows.append((f"MLP 16-{w}-{w}-4 {activation}, ε=0.05", run(args.vernier, path, [f"--region={region}"], args.timeout)))
        path = os.path.join(tmp, "cnn.json")
        cnn(path, rng)
        x = rng.uniform(0, 1, 64)
        region = ",".join(f"{float(max(0, v - 0.02))!r}:{float(min(1, v + 0.02))!r}" for v in x)
        if not args.no_cnn:
            rows.append(("CNN 8×8 (2 conv + fc) Relu, ε=0.02", run(args.vernier, path, [f"--region={region}"], args.timeout)))
        mnist = os.path.join(SHARED, "benchmarks", "mnist_fc")
        if os.path.isdir(mnist) and not args.no_mnist:
            for net, prop in [("mnist-net_256x2.onnx", "prop_0_0.03.vnnlib")] + ([] if args.quick else [("mnist-net_256x4.onnx", "prop_0_0.03.vnnlib")]):
                rows.append((f"MNIST {net[10:-5]} ({prop})",
                             run(args.vernier, os.path.join(mnist, "onnx", net), ["--spec", os.path.join(mnist, "vnnlib", prop)], args.timeout)))
    print(f"| network | upper (certified) | lower (witnessed) | gap ratio | interval-only | naive | naive / upper | time (s) | sub-boxes |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        if "error" in r:
            print(f"| {name} | error: {r['error']} |||||||")
            continue
        ratio = r["naive"] / r["upper"] if r.get("naive") and r["upper"] else None
        print(f"| {name} | {fmt(r['upper'])} | {fmt(r['lower'])} | {fmt(r['gap_ratio'], 3)} | {fmt(r['interval_only'])} | "
              f"{fmt(r['naive'])} | {fmt(ratio, 3)} | {r['seconds']:.1f} | {r['domains']} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
