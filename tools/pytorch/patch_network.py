"""The patch network of `imle shortest-path` in PyTorch, and the hashed values the conformance
scripts build their weights and inputs from, shared by the scripts in tools/ (development only: no
test or build runs Python)."""
import math

import torch


def patch_net(c=16):
    """Three 2x2 stride-2 convolutions (3 -> c -> 2c -> 2c) without bias, each with batch norm and
    ReLU, then a 1x1 convolution to one channel with bias; PyTorch's default initialisation."""
    return torch.nn.Sequential(
        torch.nn.Conv2d(3, c, 2, 2, bias=False), torch.nn.BatchNorm2d(c), torch.nn.ReLU(),
        torch.nn.Conv2d(c, 2 * c, 2, 2, bias=False), torch.nn.BatchNorm2d(2 * c), torch.nn.ReLU(),
        torch.nn.Conv2d(2 * c, 2 * c, 2, 2, bias=False), torch.nn.BatchNorm2d(2 * c), torch.nn.ReLU(),
        torch.nn.Conv2d(2 * c, 1, 1, 1))


def hashed(salt, *shape):
    """Uniform float32 values on [-1, 1) with 24 bits, from an integer hash of (salt, flat index),
    as PytorchConformanceTest's `hashed` computes them: unlike waves, no two patches of an image
    repeat, so no ReLU sits on a tie that many positions share."""
    n = 1
    for s in shape:
        n *= s
    m = 0xFFFFFFFF
    h = ((torch.arange(n, dtype=torch.int64) + salt * 0x632BE5AB) * 0x9E3779B9) & m
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & m
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & m
    h ^= h >> 16
    return ((h >> 8).double() / 8388608.0 - 1.0).float().reshape(shape)


def hashed_patch_net(dtype):
    """patch_net() in `dtype` with hashed weights scaled to PyTorch's initial bound 1/sqrt(fan-in):
    convolution i (1 to 4) takes salt i, its bias salt i + 10."""
    net = patch_net().to(dtype)
    convs = [m for m in net if isinstance(m, torch.nn.Conv2d)]
    with torch.no_grad():
        for salt, conv in enumerate(convs, start=1):
            bound = 1 / math.sqrt(conv.in_channels * conv.kernel_size[0] * conv.kernel_size[1])
            conv.weight.copy_((hashed(salt, *conv.weight.shape) * bound).to(dtype))
            if conv.bias is not None:
                conv.bias.copy_((hashed(salt + 10, conv.out_channels) * bound).to(dtype))
    return net
