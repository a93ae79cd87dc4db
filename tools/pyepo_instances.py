#!/usr/bin/env python3
"""Writes the instance files of docs/EXPERIMENTS.md's decision-focused learning table with PyEPO's
own generators, so imle (`imle ilp --data DIR`, tools/dfl-table.sh OUT DATA) and PyEPO train on the
same instances.

Usage: PYEPO=/path/to/PyEPO python3 tools/pyepo_instances.py OUT [SEEDS...]
  PYEPO  a checkout of khalil-research/PyEPO (its pkg/pyepo/data modules need only numpy; the
         package itself is not imported, so none of its solver back ends is needed)
  OUT    gets sp5-s<seed>, ks32-s<seed>, tsp20-s<seed> (default seeds 1 2 3), each with
         train_x.npy, train_c.npy, test_x.npy, test_c.npy, and weights.npy and capacity for the
         knapsack

Each problem's instances come from one generator call with the seed as PyEPO's `seed`, the first
instances for training and the rest for testing (the sizes of tools/dfl-table.sh): the shortest
path on PyEPO's 5 x 5 grid, 1000 + 1000, 5 features, degree 4, noise half-width 0.5; the 2-D
knapsack with 32 items, 100 + 100, capacity 20 in each dimension; the TSP on 20 nodes, 50 + 20,
10 features.
"""
import importlib.util
import os
import sys
import types

import numpy as np


def load_generators(root):
    """Imports pyepo.data.{shortestpath,knapsack,tsp} by file, without pyepo/__init__."""
    data_dir = os.path.join(root, "pkg", "pyepo", "data")
    if not os.path.isdir(data_dir):
        sys.exit(f"PYEPO={root}: no pkg/pyepo/data there (want a checkout of khalil-research/PyEPO)")
    for name in ("pyepo", "pyepo.data"):
        module = types.ModuleType(name)
        module.__path__ = []
        sys.modules[name] = module
    loaded = {}
    for name in ("_validation", "shortestpath", "knapsack", "tsp"):
        spec = importlib.util.spec_from_file_location(f"pyepo.data.{name}", os.path.join(data_dir, name + ".py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        loaded[name] = module
    return loaded


def write(out, name, x, c, n_train, extra=None):
    path = os.path.join(out, name)
    partial = path + ".partial"
    os.makedirs(partial, exist_ok=True)
    np.save(os.path.join(partial, "train_x.npy"), x[:n_train])
    np.save(os.path.join(partial, "train_c.npy"), c[:n_train])
    np.save(os.path.join(partial, "test_x.npy"), x[n_train:])
    np.save(os.path.join(partial, "test_c.npy"), c[n_train:])
    for file, content in (extra or {}).items():
        if isinstance(content, np.ndarray):
            np.save(os.path.join(partial, file), content)
        else:
            with open(os.path.join(partial, file), "w") as f:
                f.write(content)
    # a directory appears under its final name only when every file is written
    if os.path.exists(path):
        sys.exit(f"{path} exists; remove it first")
    os.rename(partial, path)
    print(f"{path}: {n_train} + {len(x) - n_train} instances, c {c.shape[1]} wide", file=sys.stderr)


def main():
    if len(sys.argv) < 2 or "PYEPO" not in os.environ:
        sys.exit(__doc__)
    out = sys.argv[1]
    seeds = [int(s) for s in sys.argv[2:]] or [1, 2, 3]
    gen = load_generators(os.environ["PYEPO"])
    for seed in seeds:
        x, c = gen["shortestpath"].genData(2000, 5, (5, 5), deg=4, noise_width=0.5, seed=seed)
        write(out, f"sp5-s{seed}", x, c, 1000)
        weights, x, c = gen["knapsack"].genData(200, 5, 32, dim=2, deg=4, noise_width=0.5, seed=seed)
        write(out, f"ks32-s{seed}", x, c, 100, {"weights.npy": weights, "capacity": "20 20\n"})
        x, c = gen["tsp"].genData(70, 10, 20, deg=4, noise_width=0.5, seed=seed)
        write(out, f"tsp20-s{seed}", x, c, 50)


if __name__ == "__main__":
    main()
