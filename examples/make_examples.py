#!/usr/bin/env python3
"""Writes the bundled example models and properties (run once; the outputs are committed).

    python3 examples/make_examples.py

- tiny/model.json: the 2-input example from specs/model-format.md (Gemm + Relu).
- classifier/model.json: a 4-input, 3-class ReLU classifier (2 hidden layers of 16) with
  weights from a fixed seed, an input sample (x.json), and two VNN-LIB properties:
  robust_small.vnnlib (an L∞ ball that IBP can verify), robust_medium.vnnlib (one that needs
  CROWN) and robust_large.vnnlib (a ball that contains a misclassified input).
"""
import json, os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))

def tensor(name, a):
    return {"name": name, "shape": list(a.shape), "dtype": "float64", "data": [float(v) for v in a.ravel()]}

def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")

# tiny
write(os.path.join(here, "tiny/model.json"), {
    "format": "vernier-model/1", "name": "tiny",
    "inputs": [{"name": "x", "shape": [1, 2]}], "outputs": [{"name": "y"}],
    "initializers": [
        {"name": "W", "shape": [3, 2], "data": [1, 2, 3, 4, 5, 6]},
        {"name": "b", "shape": [3], "data": [0.5, 0, -1]}],
    "nodes": [
        {"name": "fc", "op_type": "Gemm", "inputs": ["x", "W", "b"], "outputs": ["h"], "attributes": {"transB": 1}},
        {"name": "act", "op_type": "Relu", "inputs": ["h"], "outputs": ["y"]}],
    "metadata": {"description": "y = relu(W x + b); the example of specs/model-format.md"}})

# classifier
rng = np.random.default_rng(20261201)
sizes = [4, 16, 16, 3]
inits, nodes = [], []
prev = "x"
for i in range(3):
    W = rng.normal(0, 1 / np.sqrt(sizes[i]), (sizes[i + 1], sizes[i]))
    b = rng.normal(0, 0.1, sizes[i + 1])
    inits += [tensor(f"W{i}", W), tensor(f"b{i}", b)]
    out = "y" if i == 2 else f"h{i}"
    nodes.append({"name": f"fc{i}", "op_type": "Gemm", "inputs": [prev, f"W{i}", f"b{i}"],
                  "outputs": [out if i == 2 else f"z{i}"], "attributes": {"transB": 1}})
    if i < 2:
        nodes.append({"name": f"relu{i}", "op_type": "Relu", "inputs": [f"z{i}"], "outputs": [out]})
    prev = out
model = {"format": "vernier-model/1", "name": "classifier",
         "inputs": [{"name": "x", "shape": [1, 4], "dtype": "float64"}], "outputs": [{"name": "y", "dtype": "float64"}],
         "initializers": inits, "nodes": nodes,
         "metadata": {"description": "4-16-16-3 ReLU classifier with seeded random weights (examples/make_examples.py)"}}
write(os.path.join(here, "classifier/model.json"), model)

def forward(x):
    h = x
    for i in range(3):
        W = np.array(inits[2 * i]["data"]).reshape(inits[2 * i]["shape"])
        b = np.array(inits[2 * i + 1]["data"])
        h = W @ h + b
        if i < 2:
            h = np.maximum(h, 0)
    return h

x = np.array([0.5, -0.25, 0.75, 0.1])
label = int(np.argmax(forward(x)))
write(os.path.join(here, "classifier/x.json"), {"inputs": [x.tolist()], "labels": [label]})

def vnnlib(eps, path):
    lines = [f"; L-infinity robustness of examples/classifier around x.json (label {label}), eps = {eps}"]
    lines += [f"(declare-const X_{i} Real)" for i in range(4)]
    lines += [f"(declare-const Y_{j} Real)" for j in range(3)]
    for i in range(4):
        lines.append(f"(assert (>= X_{i} {float(x[i] - eps)!r}))")
        lines.append(f"(assert (<= X_{i} {float(x[i] + eps)!r}))")
    others = [j for j in range(3) if j != label]
    lines.append("; violated when another class scores at least as high as the label")
    lines.append("(assert (or " + " ".join(f"(and (>= Y_{j} Y_{label}))" for j in others) + "))")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")

vnnlib(0.01, os.path.join(here, "classifier/robust_small.vnnlib"))
vnnlib(0.04, os.path.join(here, "classifier/robust_medium.vnnlib"))
vnnlib(1.0, os.path.join(here, "classifier/robust_large.vnnlib"))
print("label", label, "output", forward(x))
