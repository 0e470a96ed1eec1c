#!/usr/bin/env python3
"""Runs `vernier verify` over a VNN-COMP style suite (a measurement, not a test).

    python3 benchmarks/run_suite.py DIR [--timeout-scale 1.0] [--limit N] [--method auto] [--out results.csv] [--vernier BIN]

DIR holds instances.csv (`onnx,vnnlib,timeout_seconds`, paths relative to DIR), e.g.
../shared/benchmarks/acasxu. Writes one CSV row per instance (result word, verdict, deciding method,
seconds, branch-and-bound domains) and prints a summary: counts per result, solved within the
timeout, median and total time. Every `sat` was re-checked by vernier itself before it was reported.
"""
import argparse, csv, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--timeout-scale", type=float, default=1.0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--method", default="auto")
    ap.add_argument("--out", default=None)
    ap.add_argument("--vernier", default=None, help="a built vernier binary (default: build .build/release/vernier)")
    a = ap.parse_args()
    if a.vernier:
        vernier = os.path.abspath(a.vernier)
    else:
        subprocess.run(["swift", "build", "-c", "release", "--product", "vernier"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        vernier = os.path.join(ROOT, ".build", "release", "vernier")
    name = os.path.basename(os.path.normpath(a.dir))
    out = a.out or os.path.join(ROOT, "benchmarks", "results", f"suite_{name}.csv")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(os.path.join(a.dir, "instances.csv")) as f:
        instances = [r for r in csv.reader(f) if r]
    if a.limit:
        instances = instances[:a.limit]
    rows = []
    for onnx, vnnlib, timeout in instances:
        t = float(timeout) * a.timeout_scale
        t0 = time.perf_counter()
        p = subprocess.run([vernier, "verify", "--model", os.path.join(a.dir, onnx), "--spec", os.path.join(a.dir, vnnlib),
                            "--method", a.method, "--timeout", str(t), "--json"], capture_output=True, text=True)
        wall = time.perf_counter() - t0
        try:
            d = json.loads(p.stdout)
            row = {"onnx": onnx, "vnnlib": vnnlib, "result": d["result"], "verdict": d["verdict"], "method": d["method"],
                   "seconds": round(wall, 3), "domains": d.get("domains", 0)}
        except json.JSONDecodeError:
            row = {"onnx": onnx, "vnnlib": vnnlib, "result": "error", "verdict": "error", "method": "",
                   "seconds": round(wall, 3), "domains": 0}
            print(f"# exit {p.returncode}: {p.stderr.strip()}", file=sys.stderr)
        rows.append(row)
        print(",".join(str(v) for v in row.values()), flush=True)
    with open(out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    secs = [r["seconds"] for r in rows]
    counts = {}
    for r in rows:
        counts[r["result"]] = counts.get(r["result"], 0) + 1
    solved = sum(r["result"] in ("sat", "unsat") for r in rows)
    print(f"\nsuite {name}: {len(rows)} instances; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"solved {solved}/{len(rows)}; median {statistics.median(secs):.3f} s; total {sum(secs):.1f} s; max {max(secs):.1f} s")
    print(f"(per-instance CSV: {out})")

if __name__ == "__main__":
    main()
