"""Writes the PyTorch numbers that imle-train's PytorchConformanceTest compares against.

Run with a Python that has torch (Debian's /usr/bin/python3 with python3-torch, torch 1.13):
    /usr/bin/python3 tools/pytorch/conformance.py > \
        imle-train/src/test/resources/org/imle/train/conformance/pytorch.txt
Inputs are not stored: every tensor is float32(sin(0.37 i + offset)) for its flat index i, which
the Java test rebuilds. Each output line is `name v1 v2 ...` (float32 values, repr precision).
"""
import math
import torch

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
