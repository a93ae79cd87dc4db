#!/usr/bin/python3
"""The patch network trained K Adam steps (lr 5e-3) in float64 and in float32, from the same hashed
weights as tools/pytorch/conformance.py's patch run, on a new batch of 8 hashed images and a new
hashed weighting of the costs at every step (loss = sum(costs * r), costs = softplus(net(x)) +
1e-3). One step is what PytorchConformanceTest checks; this checks where many steps lead.

Prints, per parameter: `NAME ERROR V1 V2 ...`, ERROR being PyTorch's own float32 run against the
float64 one (max |float32 - float64| / max |float64|) and V the float64 weights after K steps. An
engine that follows PyTorch's arithmetic should be about that close to the float64 weights.

Found with it (2026-12-03, K = 30): imle's Adam, which formed (1 - beta1) and (1 - beta2) in
float32 (1 - 0.999f = 0.00099998713), ended 0.0955 away on a batch-norm bias where PyTorch's
float32 run is 0.000855 away; with both constants formed in double and rounded once, as PyTorch
passes them, imle is at most 8.4e-7 away on every parameter, closer than PyTorch's float32 run.

Usage: /usr/bin/python3 tools/pytorch/patch_trajectory.py [K]   (default 30)
Development only: no test or build runs Python.
"""
import sys

import torch

from patch_network import hashed, hashed_patch_net  # tools/pytorch, this script's folder

torch.set_num_threads(2)
B = 8


def run(dtype, steps):
    net = hashed_patch_net(dtype)
    opt = torch.optim.Adam(net.parameters(), lr=5e-3)
    floor = torch.tensor(1e-3, dtype=torch.float32).to(dtype)
    for s in range(steps):
        x = (hashed(100 + s, B, 3, 96, 96) * 1.5).to(dtype)
        opt.zero_grad()
        costs = torch.nn.functional.softplus(net(x)).reshape(B, -1) + floor
        (costs * hashed(300 + s, B, 144).to(dtype)).sum().backward()
        opt.step()
    return {n: p.detach().double().clone() for n, p in net.named_parameters()}


steps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
single, double = run(torch.float32, steps), run(torch.float64, steps)
for name, ref in double.items():
    err = (single[name] - ref).abs().max().item() / ref.abs().max().item()
    print(name, repr(err), " ".join(repr(v) for v in ref.reshape(-1).tolist()))
