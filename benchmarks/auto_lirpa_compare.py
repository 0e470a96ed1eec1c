#!/usr/bin/env python3
"""Vernier's CROWN / α-CROWN bounds next to auto_LiRPA's on the same models and regions (a measurement, not a test).

    python3 benchmarks/auto_lirpa_compare.py [--families mnist_fc,dist_shift,acasxu] [--limit N] [--stride K]
        [--methods crown,alpha-crown] [--lirpa-alpha-iterations 20,40] [--fixed-interm] [--out results.csv]

Needs torch, onnx, onnxruntime and auto_LiRPA importable (e.g. PYTHONPATH=/path/to/auto_LiRPA); none of
them is a dependency of the project. Everything runs in double precision on one thread.

Per instance of each family's instances.csv (under ../shared/benchmarks or $VERNIER_SHARED/benchmarks):
  * the VNN-LIB file is read by a small reader here (regions = input boxes, violation rows c·y <= rhs in
    the order Vernier's parser produces them); the ONNX model becomes a torch.nn.Sequential (checked
    against onnxruntime on random inputs of the first region).
  * Vernier: `vernier bounds --json --timing --lower-only --method ibp|crown|alpha-crown` (release build
    in .build-lirpa, or $VERNIER_BIN). Its time is the bounding time the command reports (in-process,
    model and property loading excluded, like auto_LiRPA's); `--lower-only` because auto_LiRPA bounds
    the lower end only. Its IBP row bounds are also checked
    against rows applied to auto_LiRPA's IBP output box: they must agree to rounding, which checks that both
    sides bound the same rows of the same function.
  * auto_LiRPA: `BoundedModule.compute_bounds(C=..., method='CROWN'|'alpha-CROWN', bound_upper=False)`,
    timed in-process per region (construction of the BoundedModule, once per model, reported apart).
    α-CROWN runs once per `--lirpa-alpha-iterations` value with auto_LiRPA's own optimiser settings
    (Adam, lr 0.5, decay 0.98, patience 10); Vernier's α-CROWN uses its defaults (see `vernier bounds --help`).
    `--fixed-interm` adds an auto_LiRPA α-CROWN run whose intermediate bounds are fixed at its CROWN
    ones (as Vernier's are), which separates the gain from optimised intermediate bounds (its time excludes
    that CROWN pass, which costs about `crown_lirpa_s`). `--layers` compares, per activation layer, Vernier's
    CROWN bounds of its operand (through truncated copies of the model) with auto_LiRPA's.

Printed per instance: worst-row and mean lower bound per method and side, Vernier − auto_LiRPA over rows
(positive = Vernier tighter; min and max over rows), and the time ratio auto_LiRPA / Vernier (> 1 =
Vernier faster). Then a per-family summary: instances where Vernier is tighter / equal / looser (worst
row difference beyond ±1e-6 decides looser, any row beyond +1e-6 with none below −1e-6 tighter),
median time ratio, and instances verified by each side (every violation conjunction of every region
has a row whose certified lower bound exceeds its rhs). Per-instance CSV goes to benchmarks/results/.
"""
import argparse, contextlib, csv, io, json, math, os, re, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.environ.get("VERNIER_SHARED", os.path.join(ROOT, "..", "shared")), "benchmarks")
TOL = 1e-6

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")


# ---------------------------------------------------------------- VNN-LIB (the subset VNN-COMP files use)

def _tokens(text):
    text = re.sub(r";[^\n]*", " ", text)
    return re.findall(r"\(|\)|[^\s()]+", text)


def _sexprs(tokens):
    stack, out = [[]], None
    for t in tokens:
        if t == "(":
            stack.append([])
        elif t == ")":
            done = stack.pop()
            stack[-1].append(done)
        else:
            stack[-1].append(t)
    if len(stack) != 1:
        raise ValueError("unbalanced parentheses")
    return stack[0]


def _linear(e):
    """A term as {('X'|'Y', index) or None: coefficient} (None = constant)."""
    if isinstance(e, str):
        m = re.fullmatch(r"([XY])_(\d+)", e)
        return {(m.group(1), int(m.group(2))): 1.0} if m else {None: float(e)}
    op, args = e[0], [_linear(a) for a in e[1:]]
    if op == "+" or (op == "-" and len(args) > 1):
        out = dict(args[0])
        for k, a in enumerate(args[1:]):
            for v, c in a.items():
                out[v] = out.get(v, 0.0) + (c if op == "+" else -c)
        return out
    if op == "-":
        return {v: -c for v, c in args[0].items()}
    if op == "*":
        const = [a for a in args if set(a) == {None}]
        other = [a for a in args if set(a) != {None}]
        k = math.prod(a[None] for a in const)
        base = other[0] if other else {None: 1.0}
        return {v: k * c for v, c in base.items()}
    raise ValueError(f"unsupported term {op}")


def _dnf(e):
    """Formula → list of conjunctions (lists of atoms). Atom: ('X', i, is_upper, value) or ('Y', coeffs, rhs)."""
    op = e[0]
    if op == "and":
        terms = [[]]
        for a in e[1:]:
            terms = [t + u for t in terms for u in _dnf(a)]
        return terms
    if op == "or":
        return [t for a in e[1:] for t in _dnf(a)]
    if op in ("<=", ">="):
        lhs, rhs = (_linear(e[1]), _linear(e[2])) if op == "<=" else (_linear(e[2]), _linear(e[1]))
        d = dict(lhs)  # lhs - rhs <= 0
        for v, c in rhs.items():
            d[v] = d.get(v, 0.0) - c
        const = d.pop(None, 0.0)
        d = {v: c for v, c in d.items() if c != 0}
        if all(v[0] == "X" for v in d) and len(d) == 1:
            (kind, i), c = next(iter(d.items()))
            return [[("X", i, c > 0, -const / c)]]
        if all(v[0] == "Y" for v in d):
            return [[("Y", {i: c for (_, i), c in d.items()}, -const)]]
        raise ValueError(f"mixed or multi-input constraint {e}")
    raise ValueError(f"unsupported operator {op}")


def read_vnnlib(path):
    """Regions [(lower, upper, [conjunction rows [(coeffs list, rhs)]])] in Vernier's order."""
    with open(path) as f:
        forms = _sexprs(_tokens(f.read()))
    nx = ny = 0
    terms = [[]]
    for form in forms:
        if form[0] == "declare-const":
            m = re.fullmatch(r"([XY])_(\d+)", form[1])
            if m.group(1) == "X":
                nx = max(nx, int(m.group(2)) + 1)
            else:
                ny = max(ny, int(m.group(2)) + 1)
        elif form[0] == "assert":
            terms = [t + u for t in terms for u in _dnf(form[1])]
    regions, index = [], {}
    for term in terms:
        lo, hi, rows = [-math.inf] * nx, [math.inf] * nx, []
        for atom in term:
            if atom[0] == "X":
                _, i, is_upper, v = atom
                if is_upper:
                    hi[i] = min(hi[i], v)
                else:
                    lo[i] = max(lo[i], v)
            else:
                c = [0.0] * ny
                for j, v in atom[1].items():
                    c[j] += v
                rows.append((c, atom[2]))
        key = (tuple(lo), tuple(hi))
        if key not in index:
            index[key] = len(regions)
            regions.append((lo, hi, []))
        regions[index[key]][2].append(rows)
    return nx, ny, regions


# ---------------------------------------------------------------- ONNX → torch

def onnx_to_torch(path):
    """A Sequential on flat [batch, n] inputs for the plain MLP graphs of these benchmarks."""
    import numpy as np, onnx, torch
    from onnx import numpy_helper
    m = onnx.load(path)
    init = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in m.graph.initializer}
    layers, pending = [], None  # pending: a MatMul weight waiting for its Add

    class Shift(torch.nn.Module):  # x - c or x / c with a constant c, elementwise on the flat input
        def __init__(self, c, divide):
            super().__init__()
            self.register_buffer("c", torch.tensor(c.reshape(1, -1)))
            self.divide = divide

        def forward(self, x):
            return x / self.c if self.divide else x - self.c

    def linear(w, b):  # w: [out, in]
        lin = torch.nn.Linear(w.shape[1], w.shape[0]).double()
        lin.weight.data = torch.tensor(w)
        lin.bias.data = torch.tensor(b if b is not None else np.zeros(w.shape[0]))
        return lin

    def flush():
        nonlocal pending
        if pending is not None:
            layers.append(linear(pending, None))
            pending = None

    for n in m.graph.node:
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
        if n.op_type == "Add" and pending is not None and n.input[1] in init:
            layers.append(linear(pending, init[n.input[1]].reshape(-1)))
            pending = None
            continue
        flush()
        if n.op_type == "Gemm":
            w = init[n.input[1]]
            w = w if attrs.get("transB", 0) else w.T
            if attrs.get("transA", 0):
                raise ValueError("Gemm with transA")
            b = init[n.input[2]].reshape(-1) * attrs.get("beta", 1.0) if len(n.input) > 2 else None
            layers.append(linear(w * attrs.get("alpha", 1.0), b))
        elif n.op_type == "MatMul":
            pending = init[n.input[1]].T
        elif n.op_type == "Relu":
            layers.append(torch.nn.ReLU())
        elif n.op_type == "Sigmoid":
            layers.append(torch.nn.Sigmoid())
        elif n.op_type in ("Sub", "Div") and n.input[1] in init:
            layers.append(Shift(init[n.input[1]], n.op_type == "Div"))
        elif n.op_type in ("Flatten", "Reshape"):
            pass  # batch-1 MLP: every tensor is kept flat
        else:
            raise ValueError(f"{path}: unsupported ONNX node {n.op_type}")
    flush()
    return torch.nn.Sequential(*layers).double().eval()


def check_against_onnxruntime(path, model, lo, hi, samples=8):
    import numpy as np, onnxruntime as ort, torch
    so = ort.SessionOptions()
    so.intra_op_num_threads = so.inter_op_num_threads = 1
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    inp = sess.get_inputs()[0]
    shape = [d if isinstance(d, int) else 1 for d in inp.shape]
    dtype = np.float64 if "double" in inp.type else np.float32
    rng = np.random.default_rng(0)
    worst = 0.0
    for _ in range(samples):
        lo_a, hi_a = np.array(lo), np.array(hi)
        x = lo_a + (hi_a - lo_a) * rng.random(lo_a.shape)
        ref = sess.run(None, {inp.name: x.reshape(shape).astype(dtype)})[0].reshape(-1)
        got = model(torch.tensor(x).reshape(1, -1)).detach().numpy().reshape(-1)
        worst = max(worst, float(np.max(np.abs(ref - got) / (1 + np.abs(ref)))))
    if worst > (1e-4 if dtype == np.float32 else 1e-9):
        raise RuntimeError(f"{path}: torch conversion differs from onnxruntime by {worst:g}")
    return worst


# ---------------------------------------------------------------- the two sides

def run_vernier(binary, model, spec, method, timeout):
    """Lower bounds of every row and Vernier's own bounding time (`--timing`: in-process, model and
    property loading excluded, as auto_LiRPA's time excludes building its BoundedModule).
    `--lower-only`: auto_LiRPA runs with bound_upper=False, so both sides bound the same rows."""
    p = subprocess.run([binary, "bounds", "--model", model, "--spec", spec, "--method", method, "--json",
                        "--timing", "--lower-only"], capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f"vernier bounds {method} exit {p.returncode}: {p.stderr.strip()[:300]}")
    doc = json.loads(p.stdout)
    return [r["lower"] if r["lower"] is not None else -math.inf for r in doc["rows"]], doc["seconds"]


class Lirpa:
    """One BoundedModule per model, reused for every region of every instance of that model."""

    def __init__(self, model, n_in):
        import torch
        from auto_LiRPA import BoundedModule
        t0 = time.perf_counter()
        self.module = BoundedModule(model, torch.zeros(1, n_in, dtype=torch.float64), device="cpu", verbose=0)
        self.construction = time.perf_counter() - t0

    def output_box(self, lo, hi):
        import torch
        from auto_LiRPA import BoundedTensor, PerturbationLpNorm
        x_l = torch.tensor([lo], dtype=torch.float64)
        x_u = torch.tensor([hi], dtype=torch.float64)
        x = BoundedTensor((x_l + x_u) / 2, PerturbationLpNorm(x_L=x_l, x_U=x_u))
        with torch.no_grad():
            lb, ub = self.module.compute_bounds(x=(x,), method="IBP")
        return lb.reshape(-1).tolist(), ub.reshape(-1).tolist()

    def lower(self, lo, hi, rows, method, iterations=20, fixed_interm=False):
        import torch
        from auto_LiRPA import BoundedTensor, PerturbationLpNorm
        x_l = torch.tensor([lo], dtype=torch.float64)
        x_u = torch.tensor([hi], dtype=torch.float64)
        x = BoundedTensor((x_l + x_u) / 2, PerturbationLpNorm(x_L=x_l, x_U=x_u))
        c = torch.tensor([rows], dtype=torch.float64)
        interm = None
        if fixed_interm:
            self.module.compute_bounds(x=(x,), C=c, method="CROWN", bound_upper=False)
            interm = {n.name: [n.lower.detach().clone(), n.upper.detach().clone()]
                      for n in self.module.nodes()
                      if n.name != self.module.final_name and getattr(n, "lower", None) is not None
                      and getattr(n, "upper", None) is not None and n.perturbed}
        self.module.set_bound_opts({"optimize_bound_args": {"iteration": iterations}})
        t0 = time.perf_counter()
        # auto_LiRPA prints its early stops on stdout: keep them out of the report.
        with contextlib.redirect_stdout(io.StringIO()), \
                (torch.no_grad() if method in ("IBP", "CROWN") else torch.enable_grad()):
            lb, _ = self.module.compute_bounds(x=(x,), C=c, method=method, bound_upper=False, interm_bounds=interm)
        return lb.detach().reshape(-1).tolist(), time.perf_counter() - t0


# ---------------------------------------------------------------- per-layer diagnosis (--layers)

def truncated_onnx(net, count, n_in, path):
    """The first `count` modules of the Sequential as a float32 ONNX file (the originals are float32)."""
    import numpy as np, onnx
    from onnx import helper, numpy_helper, TensorProto
    nodes, inits, cur = [], [], "x"
    for k, mod in enumerate(list(net)[:count]):
        out = f"v{k}"
        if isinstance(mod, __import__("torch").nn.Linear):
            w, b = f"w{k}", f"b{k}"
            inits += [numpy_helper.from_array(mod.weight.detach().numpy().astype(np.float32), w),
                      numpy_helper.from_array(mod.bias.detach().numpy().astype(np.float32), b)]
            nodes.append(helper.make_node("Gemm", [cur, w, b], [out], transB=1))
        elif type(mod).__name__ == "Shift":
            c = f"c{k}"
            inits.append(numpy_helper.from_array(mod.c.numpy().astype(np.float32), c))
            nodes.append(helper.make_node("Div" if mod.divide else "Sub", [cur, c], [out]))
        else:
            nodes.append(helper.make_node(type(mod).__name__.replace("ReLU", "Relu"), [cur], [out]))
        cur = out
    n_out = [m for m in list(net)[:count] if hasattr(m, "out_features")][-1].out_features
    graph = helper.make_graph(nodes, "truncated", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, n_in])],
                              [helper.make_tensor_value_info(cur, TensorProto.FLOAT, [1, n_out])], inits)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), path)
    return n_out


def identity_vnnlib(lo, hi, n_out, path):
    """Box and one row Y_j <= 0 per output: Vernier's bounds of the rows are the bounds of the outputs."""
    with open(path, "w") as f:
        f.writelines(f"(declare-const X_{i} Real)\n" for i in range(len(lo)))
        f.writelines(f"(declare-const Y_{j} Real)\n" for j in range(n_out))
        for i, (a, b) in enumerate(zip(lo, hi)):
            f.write(f"(assert (>= X_{i} {a!r}))\n(assert (<= X_{i} {b!r}))\n")
        f.write("(assert (or " + " ".join(f"(and (<= Y_{j} 0))" for j in range(n_out)) + "))\n")


def layer_report(binary, net, lirpa, lo, hi, rows, tmp):
    """Vernier's CROWN bounds of every activation's operand next to auto_LiRPA's (same region)."""
    import torch
    from auto_LiRPA import BoundedTensor, PerturbationLpNorm
    x_l, x_u = torch.tensor([lo]), torch.tensor([hi])
    x = BoundedTensor((x_l + x_u) / 2, PerturbationLpNorm(x_L=x_l, x_U=x_u))
    acts = lambda: [n for n in lirpa.module.nodes() if type(n).__name__ in ("BoundRelu", "BoundSigmoid")]
    with contextlib.redirect_stdout(io.StringIO()), torch.no_grad():
        lirpa.module.compute_bounds(x=(x,), method="IBP")
        ibp = [(n.inputs[0].lower.reshape(-1).tolist(), n.inputs[0].upper.reshape(-1).tolist()) for n in acts()]
        lirpa.module.compute_bounds(x=(x,), C=torch.tensor([rows]), method="CROWN", bound_upper=False)
    positions = [k for k, m in enumerate(net) if isinstance(m, (torch.nn.ReLU, torch.nn.Sigmoid))]
    out = []
    for layer, (node, pos, (i_lo, i_hi)) in enumerate(zip(acts(), positions, ibp)):
        l_lo = node.inputs[0].lower.reshape(-1).tolist()
        l_hi = node.inputs[0].upper.reshape(-1).tolist()
        onnx_path, spec = os.path.join(tmp, "t.onnx"), os.path.join(tmp, "t.vnnlib")
        n = truncated_onnx(net, pos, len(lo), onnx_path)
        identity_vnnlib(lo, hi, n, spec)
        p = subprocess.run([binary, "bounds", "--model", onnx_path, "--spec", spec, "--method", "crown", "--json"],
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"vernier bounds on the truncated model: {p.stderr.strip()[:300]}")
        vr = json.loads(p.stdout)["rows"]
        v_lo, v_hi = [r["lower"] for r in vr], [r["upper"] for r in vr]
        relu = isinstance(net[pos], torch.nn.ReLU)
        # Neurons whose relaxation is not exact on at least one side (all of them for a sigmoid).
        live = [j for j in range(n) if not relu or (min(v_lo[j], l_lo[j]) < 0 < max(v_hi[j], l_hi[j]))]
        width_v = sum(v_hi[j] - v_lo[j] for j in live)
        width_l = sum(l_hi[j] - l_lo[j] for j in live)
        out.append({"layer": layer, "activation": "relu" if relu else "sigmoid", "neurons": n,
                    "unstable_vernier": sum(v_lo[j] < 0 < v_hi[j] for j in range(n)) if relu else n,
                    "unstable_lirpa": sum(l_lo[j] < 0 < l_hi[j] for j in range(n)) if relu else n,
                    "sum_width_vernier": width_v, "sum_width_lirpa": width_l,
                    # > 0: Vernier's bound is the tighter one somewhere / < 0: looser somewhere.
                    "max_vernier_tighter": max([max(v_lo[j] - l_lo[j], l_hi[j] - v_hi[j]) for j in live], default=0.0),
                    "max_vernier_looser": max([max(l_lo[j] - v_lo[j], v_hi[j] - l_hi[j]) for j in live], default=0.0),
                    # Bound ends where Vernier is tighter by > 1e-9 and sits on the IBP end (its IBP ∩ CROWN).
                    "tighter_ends": sum((v_lo[j] > l_lo[j] + 1e-9) + (v_hi[j] < l_hi[j] - 1e-9) for j in live),
                    "tighter_ends_at_ibp": sum((v_lo[j] > l_lo[j] + 1e-9 and abs(v_lo[j] - i_lo[j]) <= 1e-9 * (1 + abs(i_lo[j])))
                                               + (v_hi[j] < l_hi[j] - 1e-9 and abs(v_hi[j] - i_hi[j]) <= 1e-9 * (1 + abs(i_hi[j])))
                                               for j in live)})
    return out


# ---------------------------------------------------------------- bookkeeping

def best_of(n, run):
    """The result of the fastest of n runs (results are deterministic; times are not)."""
    return min((run() for _ in range(max(n, 1))), key=lambda r: r[1])


def verified(lower, structure):
    """Every conjunction of every region has a row with certified lower bound > rhs."""
    k = 0
    ok = True
    for conj in structure:
        hit = False
        for rhs in conj:
            hit = hit or lower[k] > rhs
            k += 1
        ok = ok and hit
    return ok


def compare(v, l):
    d = [a - b for a, b in zip(v, l)]
    lo, hi = min(d), max(d)
    verdict = "looser" if lo < -TOL else ("tighter" if hi > TOL else "equal")
    return lo, hi, verdict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--families", default="mnist_fc,dist_shift,acasxu")
    ap.add_argument("--limit", type=int, default=0, help="instances per family (0 = all)")
    ap.add_argument("--stride", type=int, default=1, help="take every K-th instance (a spread-out slice)")
    ap.add_argument("--methods", default="crown,alpha-crown")
    ap.add_argument("--lirpa-alpha-iterations", default="20,40",
                    help="auto_LiRPA α-CROWN iteration budgets (one run each; the first is compared)")
    ap.add_argument("--fixed-interm", action="store_true",
                    help="also run auto_LiRPA α-CROWN with intermediate bounds fixed at CROWN's")
    ap.add_argument("--repeat", type=int, default=3,
                    help="IBP/CROWN runs on each side (the minimum time is kept; α-CROWN runs once)")
    ap.add_argument("--layers", action="store_true",
                    help="per instance, also compare Vernier's CROWN bounds of every activation's operand (first "
                         "region) with auto_LiRPA's, through truncated copies of the model; CSV next to --out")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--out", default=os.path.join(ROOT, "benchmarks", "results", "auto_lirpa_compare.csv"))
    a = ap.parse_args()

    import torch
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    # auto_LiRPA initialises ReLU slopes at exactly 0 or 1 and clamps them to [0, 1]; torch versions whose
    # clamp passes no gradient at the boundary (seen with 2.15) leave α-CROWN stuck at CROWN's bound.
    probe = torch.tensor([0.0, 1.0], requires_grad=True)
    probe.clamp(0, 1).sum().backward()
    if probe.grad.tolist() != [1.0, 1.0]:
        sys.exit(f"torch {torch.__version__}: clamp has no gradient at its bounds, auto_LiRPA's α-CROWN would not "
                 "move; use a torch in auto_LiRPA's supported range (setup.py: >=2.0, <2.9)")
    binary = os.environ.get("VERNIER_BIN", os.path.join(ROOT, ".build-lirpa", "release", "vernier"))
    if not os.path.exists(binary):
        subprocess.run(["swift", "build", "-c", "release", "--product", "vernier", "--scratch-path", ".build-lirpa"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    methods = a.methods.split(",")
    iters = [int(s) for s in a.lirpa_alpha_iterations.split(",") if s]
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    records, lirpas, net_of, layer_rows = [], {}, {}, []

    for fam in a.families.split(","):
        base = os.path.join(SHARED, fam)
        with open(os.path.join(base, "instances.csv")) as f:
            instances = [r for r in csv.reader(f) if r][::a.stride]
        if a.limit:
            instances = instances[:a.limit]
        for onnx_rel, spec_rel, _ in instances:
            model_path, spec_path = os.path.join(base, onnx_rel), os.path.join(base, spec_rel)
            nx, ny, regions = read_vnnlib(spec_path)
            if model_path not in lirpas:
                net = onnx_to_torch(model_path)
                check_against_onnxruntime(model_path, net, regions[0][0], regions[0][1])
                lirpas[model_path] = Lirpa(net, nx)
                net_of[model_path] = net
            lirpa = lirpas[model_path]
            structure = [[rhs for _, rhs in conj] for _, _, conjs in regions for conj in conjs]
            rec = {"family": fam, "model": os.path.basename(onnx_rel), "property": os.path.basename(spec_rel),
                   "rows": sum(len(c) for c in structure), "lirpa_construction_s": round(lirpa.construction, 4)}

            def lirpa_all(method, **kw):
                out, t = [], 0.0
                for lo, hi, conjs in regions:
                    lb, dt = lirpa.lower(lo, hi, [c for conj in conjs for c, _ in conj], method, **kw)
                    out += lb
                    t += dt
                return out, t

            # IBP on both sides: the consistency check, and Vernier's start-up baseline.
            v_ibp, _ = best_of(a.repeat, lambda: run_vernier(binary, model_path, spec_path, "ibp", a.timeout))
            # Vernier's IBP bounds the rows from the output box (auto_LiRPA would fold C into the last layer).
            l_ibp = []
            for lo, hi, conjs in regions:
                ylo, yhi = lirpa.output_box(lo, hi)
                l_ibp += [sum(c * (ylo[j] if c > 0 else yhi[j]) for j, c in enumerate(row) if c != 0)
                          for conj in conjs for row, _ in conj]
            if len(v_ibp) != len(l_ibp):
                raise RuntimeError(f"{spec_rel}: Vernier reports {len(v_ibp)} rows, the reader {len(l_ibp)}")
            ibp_gap = max(abs(x - y) / (1 + abs(y)) for x, y in zip(v_ibp, l_ibp))
            if ibp_gap > 1e-6:
                raise RuntimeError(f"{fam} {onnx_rel} {spec_rel}: IBP bounds disagree by {ibp_gap:g}: rows differ")
            rec["ibp_gap"] = ibp_gap
            line = [f"{fam} {rec['model']} {rec['property']}"]
            for m in methods:
                v, vt = best_of(a.repeat if m == "crown" else 1,
                                lambda: run_vernier(binary, model_path, spec_path, m, a.timeout))
                vt = max(vt, 1e-6)
                runs = [("CROWN", {})] if m == "crown" else [("alpha-CROWN", {"iterations": i}) for i in iters]
                if m != "crown" and a.fixed_interm:
                    runs.append(("alpha-CROWN", {"iterations": iters[0], "fixed_interm": True}))
                rec[f"{m}_vernier_worst"] = min(v)
                rec[f"{m}_vernier_mean"] = statistics.fmean(v)
                rec[f"{m}_vernier_s"] = round(vt, 5)
                rec[f"{m}_vernier_verified"] = verified(v, structure)
                for k, (lm, kw) in enumerate(runs):
                    tag = "lirpa" if m == "crown" else (f"lirpa{kw['iterations']}" + ("fixed" if kw.get("fixed_interm") else ""))
                    l, lt = best_of(a.repeat if lm == "CROWN" else 1, lambda: lirpa_all(lm, **kw))
                    dlo, dhi, verdict = compare(v, l)
                    rec[f"{m}_{tag}_worst"] = min(l)
                    rec[f"{m}_{tag}_mean"] = statistics.fmean(l)
                    rec[f"{m}_{tag}_s"] = round(lt, 4)
                    rec[f"{m}_{tag}_verified"] = verified(l, structure)
                    rec[f"{m}_{tag}_diff_min"] = dlo
                    rec[f"{m}_{tag}_diff_max"] = dhi
                    rec[f"{m}_{tag}_cmp"] = verdict
                    rec[f"{m}_{tag}_speedup"] = lt / vt
                    line.append(f"{m}/{tag}: V worst {min(v):.6g} mean {statistics.fmean(v):.6g} | L worst {min(l):.6g} "
                                f"mean {statistics.fmean(l):.6g} | V-L [{dlo:+.3g},{dhi:+.3g}] {verdict} | "
                                f"t V {vt:.3f}s L {lt:.3f}s L/V {lt / vt:.2f}")
            if a.layers:
                lo, hi, conjs = regions[0]
                with tempfile.TemporaryDirectory() as tmp:
                    for lr in layer_report(binary, net_of[model_path], lirpa, lo, hi,
                                           [c for conj in conjs for c, _ in conj], tmp):
                        layer_rows.append({"family": fam, "model": rec["model"], "property": rec["property"], **lr})
                        line.append(f"layer {lr['layer']} ({lr['activation']}, {lr['neurons']}): unstable V {lr['unstable_vernier']} "
                                    f"L {lr['unstable_lirpa']} | sum width V {lr['sum_width_vernier']:.6g} L {lr['sum_width_lirpa']:.6g} "
                                    f"| max V tighter {lr['max_vernier_tighter']:.3g} looser {lr['max_vernier_looser']:.3g} "
                                    f"| V-tighter ends {lr['tighter_ends']} (at IBP {lr['tighter_ends_at_ibp']})")
            print("\n    ".join(line), flush=True)
            records.append(rec)

    keys = []
    for r in records:
        keys += [k for k in r if k not in keys]
    with open(a.out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows(records)

    if layer_rows:
        path = os.path.splitext(a.out)[0] + "_layers.csv"
        with open(path, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(layer_rows[0]))
            w.writeheader()
            w.writerows(layer_rows)

    print("\nfamily,comparison,instances,vernier_tighter,equal,vernier_looser,worst_diff,median_time_ratio_L/V,"
          "median_vernier_s,median_lirpa_s,verified_vernier,verified_lirpa")
    for fam in a.families.split(","):
        rs = [r for r in records if r["family"] == fam]
        tags = sorted({k[:-4] for r in rs for k in r if k.endswith("_cmp")}, key=lambda t: (not t.startswith("crown"), t))
        for tag in tags:
            m = tag.split("_")[0]
            sub = [r for r in rs if f"{tag}_cmp" in r]
            cnt = {v: sum(r[f"{tag}_cmp"] == v for r in sub) for v in ("tighter", "equal", "looser")}
            print(f"{fam},{tag},{len(sub)},{cnt['tighter']},{cnt['equal']},{cnt['looser']},"
                  f"{min(r[f'{tag}_diff_min'] for r in sub):+.4g},"
                  f"{statistics.median(r[f'{tag}_speedup'] for r in sub):.2f},"
                  f"{statistics.median(r[f'{m}_vernier_s'] for r in sub):.4f},"
                  f"{statistics.median(r[f'{tag}_s'] for r in sub):.4f},"
                  f"{sum(r[f'{m}_vernier_verified'] for r in sub)},{sum(r[f'{tag}_verified'] for r in sub)}")
    print(f"\n(per-instance CSV: {a.out})")


if __name__ == "__main__":
    main()
