#!/usr/bin/env python3
"""Trains one PyEPO method on one shortest-path instance set, with every random number fixed by the
seed, so that `imle ilp --draws pytorch --seed S` on the same files can be compared with it run for
run (docs/EXPERIMENTS.md, "Decision-focused learning against PyEPO").

Usage: PYEPO=/path/to/PyEPO python3 tools/pyepo_train.py DATA METHOD SEED [options]
  PYEPO   a checkout of khalil-research/PyEPO; its pkg/ is imported as it is
  DATA    a directory tools/pyepo_instances.py wrote for the h x w grid (train_x.npy, train_c.npy,
          test_x.npy, test_c.npy)
  METHOD  mse spo+ pg nce cmap ltr-pointwise ltr-pairwise ltr-listwise dbb nid
  SEED    torch.manual_seed(SEED) before the model is built, and the pool losses' solve-coin
          generator np.random.RandomState(SEED) (PyEPO leaves it unseeded)
  --grid H (5)  --epochs E (20)  --batch B (32)  --lr LR (0.01)  --solve-ratio R (0.05, pool losses)
  --lambd L (20, dbb)  --sigma S (0.1, pg)

Prints one JSON object: the normalised test regret before training and after each epoch, and the
training seconds. Needs numpy, scipy and torch (Debian: python3-torch python3-scipy python3-tqdm
python3-sklearn); pathos, which PyEPO imports for its process pools, is replaced by an empty module
when it is not installed, since everything here runs in one process.

PyEPO needs Gurobi, COPT, Pyomo or OR-Tools for its own models; the shortest path is solved here by
an exact pass over the grid's DAG (every arc goes right or down, so the node numbers are a
topological order), which returns what PyEPO's flow LP returns apart from ties.

What each method trains on is PyEPO's benchmark notebook's: the loss module on the predicted costs
(SPO+ with the true costs, solutions and objectives; PG with the true costs; NCE and CMAP with the
true solutions; the rank losses with the true costs), nn.MSELoss for mse, and nn.L1Loss between the
objective <w, c> of DBB's or NID's solution and the optimal objective. The test regret is computed
with a loader that has a generator of its own, so evaluating draws nothing from the global one and
the next epoch's shuffle is the one an unevaluated run would see.
"""
import argparse
import json
import os
import sys
import time
import types

import numpy as np


def import_pyepo(root):
    pkg = os.path.join(root, "pkg")
    if not os.path.isdir(os.path.join(pkg, "pyepo")):
        sys.exit(f"PYEPO={root}: no pkg/pyepo there (want a checkout of khalil-research/PyEPO)")
    try:
        import pathos  # noqa: F401
    except ImportError:
        pathos = types.ModuleType("pathos")
        pools = types.ModuleType("pathos.multiprocessing")
        pools.ProcessingPool = None
        pathos.multiprocessing = pools
        sys.modules["pathos"] = pathos
        sys.modules["pathos.multiprocessing"] = pools
    sys.path.insert(0, pkg)
    import pyepo
    return pyepo


def grid_arcs(h, w):
    """Each row's rightward arcs, then its downward arcs, row by row."""
    arcs = []
    for i in range(h):
        for j in range(w - 1):
            arcs.append((i * w + j, i * w + j + 1))
        if i < h - 1:
            for j in range(w):
                arcs.append((i * w + j, (i + 1) * w + j))
    return arcs


def grid_model(pyepo, h, w):
    from pyepo.model.opt import optModel

    arcs = grid_arcs(h, w)
    incoming = [[] for _ in range(h * w)]
    for a, (u, v) in enumerate(arcs):
        incoming[v].append((a, u))

    class GridDagShortestPath(optModel):
        """The cheapest path from node 0 to node h w - 1 by dynamic programming over the DAG."""

        def __init__(self):
            self.arcs = arcs
            self.cost = None
            super().__init__()

        def _getModel(self):
            return None, list(range(len(arcs)))

        @property
        def num_cost(self):
            return len(arcs)

        def setObj(self, c):
            if hasattr(c, "detach"):
                c = c.detach().cpu().numpy()
            self.cost = np.asarray(c, dtype=np.float64).reshape(-1)

        def solve(self):
            best = np.full(h * w, np.inf)
            best[0] = 0.0
            via = [-1] * (h * w)
            for v in range(1, h * w):
                for a, u in incoming[v]:
                    d = best[u] + self.cost[a]
                    if d < best[v]:
                        best[v], via[v] = d, a
            sol = np.zeros(len(arcs))
            v = h * w - 1
            while v != 0:
                sol[via[v]] = 1.0
                v = arcs[via[v]][0]
            return sol.tolist(), float(np.dot(sol, self.cost))

        def copy(self):
            return self

    from pyepo.model.utils import _get_grid_arcs
    if [tuple(a) for a in _get_grid_arcs((h, w))] != arcs:
        sys.exit("PyEPO's grid arcs are not in the order this script assumes")
    return GridDagShortestPath()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data")
    parser.add_argument("method", choices=["mse", "spo+", "pg", "nce", "cmap", "ltr-pointwise", "ltr-pairwise",
                                           "ltr-listwise", "dbb", "nid"])
    parser.add_argument("seed", type=int)
    parser.add_argument("--grid", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--solve-ratio", type=float, default=0.05)
    parser.add_argument("--lambd", type=float, default=20)
    parser.add_argument("--sigma", type=float, default=0.1)
    args = parser.parse_args()
    if "PYEPO" not in os.environ:
        sys.exit("set PYEPO to a checkout of khalil-research/PyEPO")
    pyepo = import_pyepo(os.environ["PYEPO"])
    import torch
    from torch import nn
    from torch.utils.data import DataLoader

    torch.set_num_threads(1)
    load = {name: np.load(os.path.join(args.data, name + ".npy")) for name in
            ("train_x", "train_c", "test_x", "test_c")}
    optmodel = grid_model(pyepo, args.grid, args.grid)
    train_set = pyepo.data.dataset.optDataset(optmodel, load["train_x"], load["train_c"])
    test_set = pyepo.data.dataset.optDataset(optmodel, load["test_x"], load["test_c"])

    torch.manual_seed(args.seed)
    model = nn.Linear(load["train_x"].shape[1], load["train_c"].shape[1])
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    f = pyepo.func
    pooled = dict(processes=1, solve_ratio=args.solve_ratio, dataset=train_set)
    method = args.method
    if method == "spo+":
        loss_module = f.SPOPlus(optmodel, processes=1)
    elif method == "pg":
        loss_module = f.PG(optmodel, sigma=args.sigma, two_sides=False, processes=1)
    elif method == "nce":
        loss_module = f.NCE(optmodel, **pooled)
    elif method == "cmap":
        loss_module = f.CMAP(optmodel, **pooled)
    elif method == "ltr-pointwise":
        loss_module = f.ptLTR(optmodel, **pooled)
    elif method == "ltr-pairwise":
        loss_module = f.prLTR(optmodel, **pooled)
    elif method == "ltr-listwise":
        loss_module = f.lsLTR(optmodel, **pooled)
    elif method == "dbb":
        loss_module = f.DBB(optmodel, lambd=args.lambd, processes=1)
    elif method == "nid":
        loss_module = f.NID(optmodel, processes=1)
    else:
        loss_module = nn.MSELoss()
    if hasattr(loss_module, "_branch_rng"):
        loss_module._branch_rng = np.random.RandomState(args.seed)
    l1 = nn.L1Loss()

    def loss_of(x, c, w, z):
        cp = model(x)
        if method == "spo+":
            return loss_module(cp, c, w, z)
        if method in ("pg", "ltr-pointwise", "ltr-pairwise", "ltr-listwise", "mse"):
            return loss_module(cp, c)
        if method in ("nce", "cmap"):
            return loss_module(cp, w)
        wp = loss_module(cp)
        return l1((wp * c).sum(1).view(-1, 1), z)

    loader = DataLoader(train_set, batch_size=args.batch, shuffle=True)
    test_loader = DataLoader(test_set, batch_size=args.batch, shuffle=False, generator=torch.Generator())

    def test_regret():
        return float(pyepo.metric.regret(model, optmodel, test_loader))

    regrets = [test_regret()]
    seconds = 0.0
    for epoch in range(args.epochs):
        start = time.perf_counter()
        for x, c, w, z in loader:
            loss = loss_of(x, c, w, z)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        seconds += time.perf_counter() - start
        regrets.append(test_regret())
        print(f"epoch {epoch + 1}: test regret {regrets[-1]:.6f}", file=sys.stderr)
    print(json.dumps({"method": method, "seed": args.seed, "data": args.data, "initial_test_regret": regrets[0],
                      "final_test_regret": regrets[-1], "test_regret": regrets, "training_seconds": seconds}))


if __name__ == "__main__":
    main()
