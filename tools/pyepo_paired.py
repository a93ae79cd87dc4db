#!/usr/bin/env python3
"""Paired runs: each PyEPO method (tools/pyepo_train.py) and the imle estimator that is meant to be
the same method (`imle ilp --draws pytorch`), on the same PyEPO instance files with the same seed, so
that both start from the same weights, see the same batches and, for the pool losses, flip the same
solve coins. Prints, per method, both sides' final test regret and how many runs agree at every
epoch (docs/EXPERIMENTS.md, "Paired draws").

Usage: PYEPO=/path/to/PyEPO python3 tools/pyepo_paired.py OUT DATA [--seeds 1 2 3] [--model-seeds ...]
       [--methods ...]
  OUT    where each run's result is kept: OUT/pyepo/M-dD-sS.json and OUT/imle/M-dD-sS/; runs whose
         result is there are not run again, so an interrupted table resumes
  DATA   what tools/pyepo_instances.py wrote (DATA/sp5-sD for data seed D)
  --seeds          data seeds D (default 1 2 3); the model seed is D unless --model-seeds is given
  --model-seeds    model seeds S run on every data seed (for example 11 12 13 14 15 16)
  --methods        a subset of the PyEPO names below

Needs what tools/pyepo_train.py needs, and ./imle built (IMLE_NO_BUILD=1 is used). Progress goes to
stderr, the table to stdout.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# PyEPO method -> imle estimator and flags (the pool losses decide per batch, as PyEPO does)
METHODS = {
    "mse": ["--estimator", "mse"],
    "spo+": ["--estimator", "spo+"],
    "pg": ["--estimator", "pg"],
    "nce": ["--estimator", "nce-pyepo", "--solve-ratio", "0.05"],
    "cmap": ["--estimator", "cmap-pyepo", "--solve-ratio", "0.05"],
    "ltr-pointwise": ["--estimator", "ltr-pointwise-pyepo", "--solve-ratio", "0.05"],
    "ltr-pairwise": ["--estimator", "ltr-pairwise-pyepo", "--solve-ratio", "0.05"],
    "ltr-listwise": ["--estimator", "ltr-listwise-pyepo", "--solve-ratio", "0.05"],
    "dbb": ["--estimator", "dbb-pyepo", "--lambda", "20"],
    "nid": ["--estimator", "nid", "--task-loss", "objective-l1"],
}
SAME = 1e-6


def pyepo_run(out, data, method, data_seed, seed):
    path = os.path.join(out, "pyepo", f"{method}-d{data_seed}-s{seed}.json")
    if not os.path.exists(path):
        args = [sys.executable, os.path.join(ROOT, "tools", "pyepo_train.py"),
                os.path.join(data, f"sp5-s{data_seed}"), method, str(seed), "--solve-ratio", "0.05"]
        done = subprocess.run(args, check=True, capture_output=True, text=True)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + ".tmp", "w") as f:
            f.write(done.stdout)
        os.replace(path + ".tmp", path)
    with open(path) as f:
        return json.load(f)["test_regret"]


def imle_run(out, data, method, data_seed, seed):
    run = os.path.join(out, "imle", f"{method}-d{data_seed}-s{seed}")
    if not os.path.exists(os.path.join(run, "summary.json")):
        args = [os.path.join(ROOT, "imle"), "ilp", "--problem", "shortest-path", "--grid", "5", "--epochs", "20",
                "--data", os.path.join(data, f"sp5-s{data_seed}"), *METHODS[method], "--lr", "0.01",
                "--batch", "32", "--no-target-scaling", "--seed", str(seed), "--threads", "1",
                "--draws", "pytorch", "--out", run]
        subprocess.run(args, check=True, capture_output=True, text=True, env={**os.environ, "IMLE_NO_BUILD": "1"})
    with open(os.path.join(run, "summary.json")) as f:
        regrets = [json.load(f)["initial_test_regret"]]
    with open(os.path.join(run, "metrics.csv")) as f:
        rows = [line.rstrip("\n").split(",") for line in f]
    column = rows[0].index("test_regret")
    return regrets + [float(r[column]) for r in rows[1:]]


def first_difference(a, b):
    for epoch, (x, y) in enumerate(zip(a, b)):
        if abs(x - y) > SAME:
            return epoch
    return None


def mean_sd(values):
    m = statistics.mean(values)
    return f"{100 * m:.2f} ± {100 * statistics.stdev(values):.2f}" if len(values) > 1 else f"{100 * m:.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("data")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--model-seeds", type=int, nargs="+")
    parser.add_argument("--methods", nargs="+", choices=list(METHODS), default=list(METHODS))
    a = parser.parse_args()
    if "PYEPO" not in os.environ:
        sys.exit("set PYEPO to a checkout of khalil-research/PyEPO")
    pairs = [(d, s) for d in a.seeds for s in (a.model_seeds or [d])]
    print("| PyEPO method | imle estimator | runs | PyEPO regret % | imle regret % | imle - PyEPO |"
          " runs equal at every epoch | first differing epochs |")
    print("|---|---|---|---|---|---|---|---|")
    count, total = 0, len(pairs) * len(a.methods)
    for method in a.methods:
        theirs, ours, firsts = [], [], []
        for d, s in pairs:
            count += 1
            print(f"[{count}/{total}] {method} data {d} seed {s}", file=sys.stderr)
            p = pyepo_run(a.out, a.data, method, d, s)
            i = imle_run(a.out, a.data, method, d, s)
            if len(p) != len(i):
                sys.exit(f"{method} d{d} s{s}: PyEPO has {len(p)} regrets, imle {len(i)}")
            theirs.append(p[-1])
            ours.append(i[-1])
            firsts.append(first_difference(p, i))
        equal = sum(f is None for f in firsts)
        differing = ", ".join(str(f) for f in firsts if f is not None) or "-"
        diff = 100 * (statistics.mean(ours) - statistics.mean(theirs))
        print(f"| {method} | {' '.join(METHODS[method][1:])} | {len(pairs)} | {mean_sd(theirs)} | {mean_sd(ours)} |"
              f" {diff:+.2f} | {equal} | {differing} |", flush=True)


if __name__ == "__main__":
    main()
