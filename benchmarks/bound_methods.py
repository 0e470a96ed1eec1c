#!/usr/bin/env python3
"""IBP vs CROWN vs α-CROWN on VNN-COMP instances (a measurement, not a test).

    python3 benchmarks/bound_methods.py [--families mnist_fc,dist_shift,acasxu] [--limit N] [--out results.csv]

For every instance of each family's instances.csv (under ../shared/benchmarks, or $VERNIER_SHARED/benchmarks)
and every method, runs `vernier verify --method M --json` (release build) and records the verdict,
the certified margin (the smallest certified lower bound of c·y − rhs over the violation rows; > 0 means
verified) and the time. Prints a per-family summary: instances verified by each method alone, falsified
(by the sampling pre-check), and median time. It does not run auto_LiRPA: auto_lirpa_compare.py does.
"""
import argparse, csv, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.environ.get("VERNIER_SHARED", os.path.join(ROOT, "..", "shared")), "benchmarks")
METHODS = ["ibp", "crown", "alpha-crown"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--families", default="mnist_fc,dist_shift,acasxu")
    ap.add_argument("--limit", type=int, default=0, help="instances per family (0 = all)")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--out", default=os.path.join(ROOT, "benchmarks", "results", "bound_methods.csv"))
    a = ap.parse_args()
    subprocess.run(["swift", "build", "-c", "release", "--product", "vernier"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    vernier = os.path.join(ROOT, ".build", "release", "vernier")
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    rows = []
    for fam in a.families.split(","):
        base = os.path.join(SHARED, fam)
        with open(os.path.join(base, "instances.csv")) as f:
            instances = [r for r in csv.reader(f) if r]
        if a.limit:
            instances = instances[:a.limit]
        for onnx, vnnlib, _ in instances:
            for m in METHODS:
                t0 = time.perf_counter()
                p = subprocess.run([vernier, "verify", "--model", os.path.join(base, onnx), "--spec", os.path.join(base, vnnlib),
                                    "--method", m, "--json", "--timeout", str(a.timeout)], capture_output=True, text=True)
                wall = time.perf_counter() - t0
                try:
                    d = json.loads(p.stdout)
                except json.JSONDecodeError:
                    print(f"# {fam} {onnx} {vnnlib} {m}: exit {p.returncode}: {p.stderr.strip()}", file=sys.stderr)
                    continue
                rows.append({"family": fam, "model": onnx, "property": vnnlib, "method": m, "verdict": d["verdict"],
                             "certified_margin": d.get("certified_margin"), "seconds": round(wall, 4),
                             "decided_by": d["method"]})
                print(f"{fam},{os.path.basename(onnx)},{os.path.basename(vnnlib)},{m},{d['verdict']},{d.get('certified_margin')},{wall:.3f}", flush=True)
    with open(a.out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()) if rows else ["family"])
        w.writeheader()
        w.writerows(rows)
    print("\nfamily,method,instances,verified,falsified,unknown,median_seconds")
    for fam in a.families.split(","):
        for m in METHODS:
            rs = [r for r in rows if r["family"] == fam and r["method"] == m]
            if not rs:
                continue
            v = sum(r["verdict"] == "verified" for r in rs)
            fz = sum(r["verdict"] == "falsified" for r in rs)
            print(f"{fam},{m},{len(rs)},{v},{fz},{len(rs) - v - fz},{statistics.median(r['seconds'] for r in rs):.3f}")
    print(f"\n(per-instance CSV: {a.out})")

if __name__ == "__main__":
    main()
