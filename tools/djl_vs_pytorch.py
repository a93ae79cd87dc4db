#!/usr/bin/python3
"""The PyTorch column of docs/BENCHMARKS.md section 8: the patch network and CombResNet at batch 70
on imle's generated 12 x 12 maps, network forward + backward alone and a whole I-MLE training step
with torch-imle (Sum-of-Gamma noise, I-MLE target with lambda 20, its Dijkstra, Hamming loss, Adam).

Usage: TORCH_IMLE=/path/to/torch-imle /usr/bin/python3 tools/djl_vs_pytorch.py MAPS_DIR [THREADS [STEPS [MODELS]]]
STEPS timed steps of each (default 10, after 2 warm-up ones); MODELS a comma list (default patch,combresnet).
MAPS_DIR holds train_maps.npy and train_shortest_paths.npy (`imle shortest-path --write-data DIR`).
torch-imle is not part of this repository: check it out anywhere and point TORCH_IMLE at it.
Development only: no test or build runs Python.
"""
import os
import sys
import time
import types

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.modules.setdefault("ray", types.SimpleNamespace(is_initialized=lambda: False))  # torch-imle imports it
sys.path.insert(0, os.environ["TORCH_IMLE"])
from imle.noise import SumOfGammaNoiseDistribution  # noqa: E402
from imle.target import TargetDistribution  # noqa: E402
from imle.wrapper import imle  # noqa: E402
from solvers.dijkstra import get_solver  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "pytorch"))
from patch_network import patch_net  # noqa: E402


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c1, self.b1 = nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c)
        self.c2, self.b2 = nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c)

    def forward(self, x):
        y = F.relu(self.b1(self.c1(x)))
        return F.relu(self.b2(self.c2(y)) + x)


class CombResNet(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.k = k
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                                  nn.MaxPool2d(3, 2, 1))
        self.layer1 = nn.Sequential(Block(64), Block(64))

    def forward(self, x):
        y = F.adaptive_max_pool2d(self.layer1(self.stem(x)), (self.k, self.k))
        return y.mean(1)


def costs(net, x):
    return F.softplus(net(x)).reshape(x.shape[0], -1) + 1e-3


def timed(fn, warmup=2, steps=10):
    for _ in range(warmup):
        fn()
    t0 = time.perf_counter()
    for _ in range(steps):
        fn()
    return (time.perf_counter() - t0) / steps * 1e3


def main(maps_dir, threads, steps=10, models=("patch", "combresnet")):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    maps = np.load(os.path.join(maps_dir, "train_maps.npy"))
    paths = np.load(os.path.join(maps_dir, "train_shortest_paths.npy"))
    x = torch.from_numpy(maps[:70].astype(np.float32) / 255.0).permute(0, 3, 1, 2).contiguous()  # [70, 3, 96, 96]
    k = paths.shape[1]
    y = torch.from_numpy(paths[:70].reshape(70, -1).astype(np.float32))  # [70, k*k]
    solver = get_solver("8-grid")

    noise = SumOfGammaNoiseDistribution(k=round(1.3 * k), nb_iterations=10)
    target = TargetDistribution(alpha=1.0, beta=20.0)

    @imle(target_distribution=target, noise_distribution=noise, nb_samples=1,
          input_noise_temperature=1.0, target_noise_temperature=1.0)
    def shortest_paths(theta):  # theta = -costs, [B, k*k]
        c = (-theta).clamp(min=0).detach().numpy().reshape(-1, k, k)
        return torch.from_numpy(np.stack([solver(m) for m in c]).reshape(theta.shape[0], -1)).float()

    nets = {"patch": patch_net, "combresnet": lambda: CombResNet(k)}
    for name in models:
        net = nets[name]()
        net.train()
        opt = torch.optim.Adam(net.parameters(), lr=5e-3)
        g = torch.randn(70, k * k)

        def fwd_bwd():
            net.zero_grad()
            (costs(net, x) * g).sum().backward()

        def step():
            opt.zero_grad()
            z = shortest_paths(-costs(net, x))
            loss = (z * (1 - 2 * y) + y).sum() / z.shape[0]
            loss.backward()
            opt.step()

        print("%-10s threads %d  forward+backward %.1f ms  I-MLE step %.1f ms"
              % (name, threads, timed(fwd_bwd, steps=steps), timed(step, steps=steps)))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2,
         int(sys.argv[3]) if len(sys.argv) > 3 else 10,
         sys.argv[4].split(",") if len(sys.argv) > 4 else ("patch", "combresnet"))
