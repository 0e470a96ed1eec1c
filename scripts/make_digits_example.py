#!/usr/bin/env python3
"""Trains the bundled MNIST-style example for `vernier report` (run once; outputs are committed).

    python3 scripts/make_digits_example.py

No MNIST download is needed: the data are scikit-learn's bundled 8x8 handwritten digits
(`sklearn.datasets.load_digits`, 1,797 images, pixel values 0..16 scaled to [0, 1]).
A 64-32-32-10 ReLU network is trained with plain numpy (Adam on softmax cross-entropy,
fixed seed), and the script writes

- examples/digits/model.json  the network in the vernier-model/1 JSON format;
- examples/digits/test.json   100 held-out images with their labels
                              ({"inputs": [[64 values], ...], "labels": [...]}).

Pixel values are multiples of 1/16, so the inputs are exact in binary floating point.
"""
import json, os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "examples", "digits")
SEED = 20261201
TEST = 100

try:
    from sklearn.datasets import load_digits
except ImportError:  # the data are what make the example meaningful: say how to get them
    raise SystemExit("needs scikit-learn for its bundled digits data: pip install scikit-learn")

digits = load_digits()
X = digits.data.astype(np.float64) / 16.0
y = digits.target.astype(np.int64)
rng = np.random.default_rng(SEED)
order = rng.permutation(len(X))
test_idx, train_idx = order[:TEST], order[TEST:]
Xtr, ytr, Xte, yte = X[train_idx], y[train_idx], X[test_idx], y[test_idx]

sizes = [64, 32, 32, 10]
params = []
for i in range(3):
    W = rng.normal(0, np.sqrt(2.0 / sizes[i]), (sizes[i + 1], sizes[i]))
    b = np.zeros(sizes[i + 1])
    params += [W, b]

def forward(x, params):
    """Returns the logits and the per-layer activations needed for the backward pass."""
    acts = [x]
    h = x
    for i in range(3):
        z = h @ params[2 * i].T + params[2 * i + 1]
        h = np.maximum(z, 0) if i < 2 else z
        acts.append(h)
    return h, acts

def gradients(xb, yb, params):
    logits, acts = forward(xb, params)
    logits = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    loss = -np.log(p[np.arange(len(yb)), yb] + 1e-12).mean()
    g = p
    g[np.arange(len(yb)), yb] -= 1
    g /= len(yb)
    grads = [None] * 6
    for i in (2, 1, 0):
        grads[2 * i] = g.T @ acts[i]
        grads[2 * i + 1] = g.sum(axis=0)
        if i > 0:
            g = (g @ params[2 * i]) * (acts[i] > 0)
    return loss, grads

# Adam; a little input noise during training makes the example robust enough that the
# certified-accuracy curve has an interesting shape over eps in [0.001, 0.05].
m = [np.zeros_like(p) for p in params]
v = [np.zeros_like(p) for p in params]
lr, b1, b2, step = 3e-3, 0.9, 0.999, 0
for epoch in range(60):
    perm = rng.permutation(len(Xtr))
    for start in range(0, len(perm), 64):
        idx = perm[start:start + 64]
        xb = np.clip(Xtr[idx] + rng.uniform(-0.05, 0.05, Xtr[idx].shape), 0, 1)
        loss, grads = gradients(xb, ytr[idx], params)
        step += 1
        for k in range(6):
            m[k] = b1 * m[k] + (1 - b1) * grads[k]
            v[k] = b2 * v[k] + (1 - b2) * grads[k] ** 2
            mh = m[k] / (1 - b1 ** step)
            vh = v[k] / (1 - b2 ** step)
            params[k] -= lr * mh / (np.sqrt(vh) + 1e-8)

train_acc = (forward(Xtr, params)[0].argmax(1) == ytr).mean()
test_acc = (forward(Xte, params)[0].argmax(1) == yte).mean()
print(f"train accuracy {train_acc:.3f}, accuracy on the {TEST} bundled test inputs {test_acc:.3f}")

def tensor(name, a):
    # 9 significant digits keep the file small; the committed values *are* the model.
    return {"name": name, "shape": list(a.shape), "dtype": "float64",
            "data": [float(f"{v:.9g}") for v in a.ravel()]}

inits, nodes, prev = [], [], "x"
for i in range(3):
    inits += [tensor(f"W{i}", params[2 * i]), tensor(f"b{i}", params[2 * i + 1])]
    z = "y" if i == 2 else f"z{i}"
    nodes.append({"name": f"fc{i}", "op_type": "Gemm", "inputs": [prev, f"W{i}", f"b{i}"],
                  "outputs": [z], "attributes": {"transB": 1}})
    if i < 2:
        nodes.append({"name": f"relu{i}", "op_type": "Relu", "inputs": [z], "outputs": [f"h{i}"]})
        prev = f"h{i}"
model = {"format": "vernier-model/1", "name": "digits-mlp",
         "inputs": [{"name": "x", "shape": [1, 64], "dtype": "float64"}],
         "outputs": [{"name": "y", "dtype": "float64"}],
         "initializers": inits, "nodes": nodes,
         "metadata": {"description": "64-32-32-10 ReLU MLP on scikit-learn's 8x8 digits, inputs in [0,1] "
                                     "(scripts/make_digits_example.py)",
                      "test_accuracy": f"{test_acc:.3f}"}}
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "model.json"), "w") as f:
    json.dump(model, f, separators=(",", ":"))
    f.write("\n")
with open(os.path.join(out, "test.json"), "w") as f:
    f.write('{"labels": ' + json.dumps([int(v) for v in yte]) + ',\n "inputs": [\n')
    f.write(",\n".join("  " + json.dumps([float(v) for v in row]) for row in Xte))
    f.write("\n ]}\n")
