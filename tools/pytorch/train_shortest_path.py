#!/usr/bin/python3
"""PyTorch + torch-imle trained on the maps of `imle shortest-path`, with the same network and
settings, for the PyTorch column of docs/EXPERIMENTS.md ("The default run").

The patch network (three 2x2 stride-2 convolutions 3->16->32->32 without bias, each with batch norm
and ReLU, a 1x1 convolution to one channel), softplus + 1e-3 costs, each colour channel
standardised with the training maps' mean and standard deviation, I-MLE (torch-imle: target
alpha 1, beta = lambda 20, Sum-of-Gamma noise with k = round(1.3 K) and 10 terms, one sample,
temperature 1) through torch-imle's 8-neighbour Dijkstra, the Hamming loss summed over cells and
averaged over the batch, Adam 5e-3, batch 70, 16 epochs, learning rate x0.1 after epochs 10 and 13;
scored as `imle shortest-path` scores (a path is cost-optimal when its true cost is at most
(1 + 1e-4) times the labelled path's).

Usage: TORCH_IMLE=/path/to/torch-imle /usr/bin/python3 tools/pytorch/train_shortest_path.py \
           MAPS_DIR [TORCH_SEED [THREADS]]
MAPS_DIR holds the nine .npy files of `imle shortest-path --seed S --write-data MAPS_DIR`.
TORCH_SEED seeds torch (initial weights, noise) and numpy (batch order); default 1.
Prints one line per epoch and a final `test: cost-optimal ...` line like imle's.
torch-imle is not part of this repository. Development only: no test or build runs Python.
"""
import os
import sys
import time
import types

import numpy as np
import torch
import torch.nn.functional as F

sys.modules.setdefault("ray", types.SimpleNamespace(is_initialized=lambda: False))  # torch-imle imports it
sys.path.insert(0, os.environ["TORCH_IMLE"])
from imle.noise import SumOfGammaNoiseDistribution  # noqa: E402
from imle.target import TargetDistribution  # noqa: E402
from imle.wrapper import imle  # noqa: E402
from solvers.dijkstra import get_solver  # noqa: E402

from patch_network import patch_net  # noqa: E402 (tools/pytorch, this script's folder)

EPOCHS, BATCH, LR, LAMBDA, MILESTONES, TOLERANCE = 16, 70, 5e-3, 20.0, (10, 13), 1e-4


def load(maps_dir, split):
    def get(name):
        return np.load(os.path.join(maps_dir, "%s_%s.npy" % (split, name)))
    return get("maps"), get("vertex_weights").astype(np.float64), get("shortest_paths").astype(np.float64)


def images(maps, mean, std):
    x = (maps.astype(np.float32) - mean) / std  # [N, H, W, 3]
    return torch.from_numpy(x).permute(0, 3, 1, 2).contiguous()


def score(net, x, weights, gold, solver):
    net.eval()
    with torch.no_grad():
        c = (F.softplus(net(x)) + 1e-3).squeeze(1).double().numpy()
    net.train()
    pred = np.stack([solver(m) for m in c])
    cost = (pred * weights).sum(axis=(1, 2))
    best = (gold * weights).sum(axis=(1, 2))
    optimal = (cost - best <= TOLERANCE * best).mean()
    exact = (np.abs(pred - gold).sum(axis=(1, 2)) == 0).mean()
    regret = ((cost - best) / best).mean()
    return optimal, exact, regret


def main(maps_dir, seed=1, threads=2):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    order = np.random.RandomState(seed)
    train_maps, _, train_paths = load(maps_dir, "train")
    val_maps, val_w, val_paths = load(maps_dir, "val")
    test_maps, test_w, test_paths = load(maps_dir, "test")
    pixels = train_maps.reshape(-1, 3).astype(np.float64)
    mean, std = pixels.mean(0).astype(np.float32), pixels.std(0).astype(np.float32)
    x, x_val, x_test = images(train_maps, mean, std), images(val_maps, mean, std), images(test_maps, mean, std)
    k = train_paths.shape[1]
    y = torch.from_numpy(train_paths.reshape(len(train_paths), -1)).float()
    solver = get_solver("8-grid")

    @imle(target_distribution=TargetDistribution(alpha=1.0, beta=LAMBDA),
          noise_distribution=SumOfGammaNoiseDistribution(k=round(1.3 * k), nb_iterations=10),
          nb_samples=1, input_noise_temperature=1.0, target_noise_temperature=1.0)
    def shortest_paths(theta):  # theta = -costs, [B, K*K]
        c = (-theta).clamp(min=0).detach().numpy().reshape(-1, k, k)
        return torch.from_numpy(np.stack([solver(m) for m in c]).reshape(theta.shape[0], -1)).float()

    net = patch_net()
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    schedule = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=list(MILESTONES), gamma=0.1)
    print("epoch  train-loss  val-cost-opt  test-cost-opt  test-exact  test-regret  seconds")
    for epoch in range(1, EPOCHS + 1):
        t0 = time.perf_counter()
        perm = torch.from_numpy(order.permutation(len(x)))
        total, batches = 0.0, 0
        for i in range(0, len(x), BATCH):
            idx = perm[i:i + BATCH]
            opt.zero_grad()
            costs = (F.softplus(net(x[idx])) + 1e-3).reshape(len(idx), -1)
            z = shortest_paths(-costs)
            loss = (z * (1 - 2 * y[idx]) + y[idx]).sum() / len(idx)
            loss.backward()
            opt.step()
            total, batches = total + loss.item(), batches + 1
        schedule.step()
        seconds = time.perf_counter() - t0
        val = score(net, x_val, val_w, val_paths, solver)
        test = score(net, x_test, test_w, test_paths, solver)
        print("%5d  %10.4f  %12.3f  %13.3f  %10.3f  %11.4f  %7.1f"
              % (epoch, total / batches, val[0], test[0], test[1], test[2], seconds), flush=True)
    print("test: cost-optimal %.3f, exact match %.3f, normalised regret %.4f" % test)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1,
         int(sys.argv[3]) if len(sys.argv) > 3 else 2)
