"""Writes the PyTorch numbers that imle-train's PytorchConformanceTest compares against.

Run with a Python that has torch (Debian's /usr/bin/python3 with python3-torch, torch 1.13):
    /usr/bin/python3 tools/pytorch/conformance.py > \
        imle-train/src/test/resources/org/imle/train/conformance/pytorch.txt
Inputs are not stored: every tensor is float32(sin(0.37 i + offset)) for its flat index i, which
the Java test rebuilds. Each output line is `name v1 v2 ...` (float32 values, repr precision).
"""
import math

import torch

from patch_network import hashed, hashed_patch_net  # tools/pytorch, this script's folder

torch.set_default_dtype(torch.float32)


def wave(offset, *shape):
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([math.sin(0.37 * i + offset) for i in range(n)], dtype=torch.float64).float().reshape(shape)


def emit(name, t):
    print(name + " " + " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist()))


# Conv2d, stride 2, padding 1, with bias
x = wave(0.1, 2, 3, 5, 5).requires_grad_()
w = wave(0.2, 4, 3, 3, 3).requires_grad_()
b = wave(0.3, 4).requires_grad_()
y = torch.nn.functional.conv2d(x, w, b, stride=2, padding=1)
r = wave(0.4, *y.shape)
(y * r).sum().backward()
emit("conv.out", y)
emit("conv.dx", x.grad)
emit("conv.dw", w.grad)
emit("conv.db", b.grad)

# BatchNorm2d: three training steps, then evaluation with the running statistics
bn = torch.nn.BatchNorm2d(3)
with torch.no_grad():
    bn.weight.copy_(wave(0.5, 3) + 1.5)
    bn.bias.copy_(wave(0.6, 3))
for step in range(3):
    xb = (wave(0.7 + step, 4, 3, 2, 2) * (step + 1)).requires_grad_()
    yb = bn(xb)
    rb = wave(0.8, 4, 3, 2, 2)
    bn.zero_grad()
    (yb * rb).sum().backward()
emit("bn.train.out", yb)
emit("bn.train.dx", xb.grad)
emit("bn.train.dgamma", bn.weight.grad)
emit("bn.train.dbeta", bn.bias.grad)
emit("bn.running_mean", bn.running_mean)
emit("bn.running_var", bn.running_var)
bn.eval()
xe = wave(0.9, 4, 3, 2, 2).requires_grad_()
ye = bn(xe)
(ye * wave(0.8, 4, 3, 2, 2)).sum().backward()
emit("bn.eval.out", ye)
emit("bn.eval.dx", xe.grad)

# softplus and its gradient (values up to +-6, inside PyTorch's threshold of 20)
xs = (wave(1.0, 16) * 6).requires_grad_()
ys = torch.nn.functional.softplus(xs)
(ys * wave(1.1, 16)).sum().backward()
emit("softplus.out", ys)
emit("softplus.dx", xs.grad)


def optimise(make, name):
    p = torch.nn.Parameter(wave(1.2, 5))
    opt = make([p])
    for step in range(4):
        opt.zero_grad()
        p.grad = wave(1.3 + step, 5) * (0.5 + step)
        opt.step()
    emit(name, p)


optimise(lambda ps: torch.optim.Adam(ps, lr=0.01, weight_decay=0.1), "adam.params")
optimise(lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.01), "sgd.params")


def backward_of_weighted_sum(y, offset):
    (y * wave(offset, *y.shape)).sum().backward()


# Conv2d: the patch network's 2x2 stride 2 without bias, a 1x1 with bias, a 3x2 kernel with
# stride 1 and padding 2 (the output grows), a 7x7 stride-2 padding-3 stem
for name, xs, ws, bias, stride, pad in (
        ("conv.patch", (2, 3, 8, 8), (4, 3, 2, 2), False, 2, 0),
        ("conv.pointwise", (2, 4, 3, 3), (1, 4, 1, 1), True, 1, 0),
        ("conv.rect", (1, 2, 4, 5), (3, 2, 3, 2), False, 1, 2),
        ("conv.stem", (1, 3, 11, 11), (2, 3, 7, 7), False, 2, 3)):
    x = wave(1.4, *xs).requires_grad_()
    w = wave(1.5, *ws).requires_grad_()
    b = wave(1.6, ws[0]).requires_grad_() if bias else None
    y = torch.nn.functional.conv2d(x, w, b, stride=stride, padding=pad)
    backward_of_weighted_sum(y, 1.7)
    emit(name + ".out", y)
    emit(name + ".dx", x.grad)
    emit(name + ".dw", w.grad)
    if bias:
        emit(name + ".db", b.grad)

# BatchNorm2d as a module with its defaults: five training steps on [5, 2, 3, 3] batches that
# drift, then the running statistics and one evaluation
bn = torch.nn.BatchNorm2d(2)
for step in range(5):
    xb = (wave(2.0 + 0.3 * step, 5, 2, 3, 3) * (1 + 0.5 * step) + step).requires_grad_()
    bn.zero_grad()
    backward_of_weighted_sum(bn(xb), 2.1)
    emit("bn5.step%d.dx" % step, xb.grad)
emit("bn5.dgamma", bn.weight.grad)
emit("bn5.dbeta", bn.bias.grad)
emit("bn5.running_mean", bn.running_mean)
emit("bn5.running_var", bn.running_var)
bn.eval()
emit("bn5.eval.out", bn(wave(2.2, 5, 2, 3, 3)))

# MaxPool2d: the stem's 3x3 stride 2 padding 1, and 2x2 stride 2
for name, xs, kernel, stride, pad in (("maxpool.stem", (2, 2, 7, 6), 3, 2, 1),
                                      ("maxpool.pairs", (1, 3, 4, 6), 2, 2, 0)):
    x = wave(2.3, *xs).requires_grad_()
    y = torch.nn.functional.max_pool2d(x, kernel, stride, pad)
    backward_of_weighted_sum(y, 2.4)
    emit(name + ".out", y)
    emit(name + ".dx", x.grad)

# AdaptiveMaxPool2d to a grid that does not divide the input (overlapping windows)
x = wave(2.5, 2, 2, 7, 9).requires_grad_()
y = torch.nn.functional.adaptive_max_pool2d(x, (3, 4))
backward_of_weighted_sum(y, 2.6)
emit("adaptivemax.out", y)
emit("adaptivemax.dx", x.grad)

# Linear (PyTorch's weight is [out, in]; imle stores [in, out]) on a [2, 3, 5] input
x = wave(2.7, 2, 3, 5).requires_grad_()
w = wave(2.8, 4, 5).requires_grad_()
b = wave(2.9, 4).requires_grad_()
y = torch.nn.functional.linear(x, w, b)
backward_of_weighted_sum(y, 3.0)
emit("linear.out", y)
emit("linear.dx", x.grad)
emit("linear.dw", w.grad)
emit("linear.db", b.grad)

# ReLU, with exact zeros in the input (PyTorch's gradient at 0 is 0)
xr = wave(3.1, 24)
xr[::4] = 0
xr = xr.requires_grad_()
y = torch.relu(xr)
backward_of_weighted_sum(y, 3.2)
emit("relu.out", y)
emit("relu.dx", xr.grad)

# log-softmax over the last dimension, with a row of large logits
x = (wave(3.3, 3, 7) * torch.tensor([[1.0], [10.0], [60.0]])).requires_grad_()
y = torch.log_softmax(x, dim=-1)
backward_of_weighted_sum(y, 3.4)
emit("logsoftmax.out", y)
emit("logsoftmax.dx", x.grad)

# cross-entropy (mean over rows) of logits [4, 6] against class indices
x = (wave(3.5, 4, 6) * 3).requires_grad_()
labels = torch.tensor([0, 5, 2, 2])
loss = torch.nn.functional.cross_entropy(x, labels)
loss.backward()
emit("crossentropy.out", loss)
emit("crossentropy.dx", x.grad)

# MSE (mean over all elements)
p = wave(3.6, 3, 5).requires_grad_()
t = wave(3.7, 3, 5) * 2
loss = torch.nn.functional.mse_loss(p, t)
loss.backward()
emit("mse.out", loss)
emit("mse.dp", p.grad)


def optimise_long(make, name, steps=12):
    ps = [torch.nn.Parameter(wave(4.0, 5)), torch.nn.Parameter(wave(4.1, 2, 3))]
    opt = make(ps)
    for step in range(steps):
        opt.zero_grad()
        for j, p in enumerate(ps):
            # gradients that change sign and scale, and one exact zero every third step
            p.grad = wave(4.2 + 0.7 * step + j, *p.shape) * (0.1 + step % 4) * (0 if step % 3 == 2 and j == 1 else 1)
        opt.step()
        if step == 0:
            emit(name + ".first", torch.cat([p.detach().reshape(-1) for p in ps]))
    emit(name, torch.cat([p.detach().reshape(-1) for p in ps]))


optimise_long(lambda ps: torch.optim.Adam(ps, lr=5e-3), "adam12.plain")
optimise_long(lambda ps: torch.optim.Adam(ps, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.05), "adam12.decay")
optimise_long(lambda ps: torch.optim.SGD(ps, lr=0.1), "sgd12.plain")
optimise_long(lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.01), "sgd12.momentum")
optimise_long(lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.5, weight_decay=0.1, nesterov=True), "sgd12.nesterov")


# The patch network of `imle shortest-path` at its real size (a batch of 70 images of 96 x 96 for a
# 12 x 12 grid): costs softplus(net(x)) + 1e-3, the gradients of a weighted sum of the costs, the
# running statistics after that step, and the weights after one Adam step at 5e-3. Weights are
# waves scaled to PyTorch's initial bound 1/sqrt(fan-in), so the activations are those of training.
# Sums over 161,280 products make float32 results depend on the summation order, so the fixture is
# the same computation in float64 (inputs rounded to float32 first, as the Java test builds them),
# and for each tensor `patch.torch_error.NAME`, the error of PyTorch's own float32 run against it:
# max |float32 - float64| / max |float64|.
def patch_run(dtype):
    net = hashed_patch_net(dtype)
    images = (hashed(5, 70, 3, 96, 96) * 1.5).to(dtype)
    floor = torch.tensor(1e-3, dtype=torch.float32).to(dtype)
    costs = torch.nn.functional.softplus(net(images)).reshape(70, -1) + floor
    (costs * hashed(6, 70, 144).to(dtype)).sum().backward()
    out = {"costs": costs.detach().clone()}
    for name, p in net.named_parameters():
        out["grad." + name] = p.grad.clone()
    for name, b in net.named_buffers():
        if not name.endswith("num_batches_tracked"):
            out[name] = b.clone()
    torch.optim.Adam(net.parameters(), lr=5e-3).step()
    for name, p in net.named_parameters():
        out["adam." + name] = p.detach().clone()
    return out


single = patch_run(torch.float32)
double = patch_run(torch.float64)
for name, ref in double.items():
    print("patch." + name + " " + " ".join(repr(float(v)) for v in ref.reshape(-1).tolist()))
    err = (single[name].double() - ref).abs().max() / ref.abs().max()
    print("patch.torch_error." + name + " " + repr(float(err)))
