#!/usr/bin/env python3
"""Inputs of the Spark measurements of docs/SCALING.md (numpy only; nothing in the build needs it).

Usage: tools/spark-bench-data.py DIR

Writes into DIR:
  ilp.json          the `ilp` oracle's parameters: a 60-binary knapsack-style ILP in 6 resources,
                    integer weights 1-29, capacities 0.35 of each row's sum (CP-SAT, ~18 ms a solve)
  ilp-theta-N.npy   N x 60 thetas drawn from N(0, 1), N = 100, 400, 800
  topk-theta.npy    20000 x 100 thetas drawn from N(0, 1), for `top-k` with n = 100 (microseconds)
"""
import json
import pathlib
import sys

import numpy as np

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(20)
a = rng.integers(1, 30, size=(6, 60))
b = np.floor(0.35 * a.sum(axis=1))
(out / "ilp.json").write_text(json.dumps({"A": a.tolist(), "b": b.tolist(), "name": "scaling-knapsack"}))
for n in (100, 400, 800):
    np.save(out / f"ilp-theta-{n}.npy", rng.standard_normal((n, 60)))
np.save(out / "topk-theta.npy", rng.standard_normal((20000, 100)))
