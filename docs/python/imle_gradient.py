#!/usr/bin/env python3
"""A PyTorch client of ``imle gradient``: this project's oracles and estimators as an autograd function.

One ``imle gradient`` process is kept open and spoken to through a pipe, one JSON line per request
(the protocol is in README.md, section "imle gradient", and docs/python/README.md). The forward pass
sends a request without ``dLdz`` and gets the sampled structures z; the backward pass sends the same
request with ``dLdz`` and the same ``seed`` and ``step``, so the service draws the same noise,
samples the same z and returns dL/dtheta. The layer increments ``step`` once per forward pass.

The protocol part (``GradientService``, ``npy_bytes``, ``npy_parse``) needs the standard library
only; torch (and numpy, which torch uses to hand over its bytes) is imported where the autograd
function is built, so ``python3 imle_gradient.py --self-test`` runs on a bare Python 3.

    python3 imle_gradient.py --self-test [LAUNCHER]     check the service (default: ../../imle)
    python3 imle_gradient.py --train-patch-net DATA     train imle shortest-path's patch network with
                                                        PyTorch through this client (DATA from
                                                        ./imle shortest-path --write-data DATA)

Use from PyTorch::

    with GradientService("./imle") as service:
        layer = DiscreteLayer(service, "top-k", {"n": 10, "k": 3},
                              {"name": "imle", "lambda": 10, "noise": {"name": "sum-of-gamma", "k": 3}})
        z = layer(theta)            # theta: (B, n) tensor requiring grad; z: (B, n), or (B, S, n) with samples S > 1
        loss(z).backward()          # theta.grad holds I-MLE's dL/dtheta
"""

import base64
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import time

__all__ = ["GradientService", "GradientError", "ServiceDiedError", "DiscreteLayer", "npy_bytes", "npy_parse"]


class GradientError(Exception):
    """The service answered a request with an error line; the message is that line's text."""


class ServiceDiedError(Exception):
    """The ``imle gradient`` process ended or closed its pipe; the message has its exit code and stderr."""


# ---------------------------------------------------------------------------------------------
# .npy files with the standard library only (format version 1.0, little-endian, C order)

_NPY_MAGIC = b"\x93NUMPY"
_NPY_TYPES = {"<f8": ("d", 8), "<f4": ("f", 4), "<i8": ("q", 8), "<i4": ("i", 4), "|u1": ("B", 1), "|b1": ("?", 1)}


def npy_header(descr, shape):
    """The bytes of a version 1.0 .npy header for data of this dtype and shape (no data)."""
    if descr not in _NPY_TYPES:
        raise ValueError("npy: unsupported dtype %r (supported: %s)" % (descr, ", ".join(sorted(_NPY_TYPES))))
    dims = "".join("%d," % d for d in shape) if len(shape) == 1 else ", ".join(str(d) for d in shape)
    text = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (descr, dims)
    # the header with its 10 leading bytes and the newline is a multiple of 64 bytes long
    pad = -(10 + len(text) + 1) % 64
    text = text + " " * pad + "\n"
    return _NPY_MAGIC + b"\x01\x00" + struct.pack("<H", len(text)) + text.encode("latin1")


def npy_bytes(values, shape, descr="<f8"):
    """A .npy file holding the flat row-major sequence ``values`` with this shape and dtype."""
    count = 1
    for d in shape:
        count *= d
    if count != len(values):
        raise ValueError("npy: %d values do not fill shape %r" % (len(values), tuple(shape)))
    code, _ = _NPY_TYPES.get(descr, (None, 0))
    if code is None:
        npy_header(descr, shape)  # raises, naming the dtype
    return npy_header(descr, shape) + struct.pack("<%d%s" % (count, code), *values)


def npy_parse(data):
    """(descr, shape, offset) of a .npy file's header; the data starts at ``offset``.

    Raises ValueError, naming what is wrong, for anything but an uncompressed C-order array of a
    dtype this module reads.
    """
    if len(data) < 10 or data[:6] != _NPY_MAGIC:
        raise ValueError("npy: not a .npy file (no \\x93NUMPY magic)")
    major = data[6]
    if major == 1:
        length, start = struct.unpack("<H", data[8:10])[0], 10
    elif major in (2, 3):
        if len(data) < 12:
            raise ValueError("npy: truncated header")
        length, start = struct.unpack("<I", data[8:12])[0], 12
    else:
        raise ValueError("npy: unsupported format version %d" % major)
    if start + length > len(data):
        raise ValueError("npy: header of %d bytes, but only %d follow" % (length, len(data) - start))
    header = data[start:start + length].decode("latin1").strip()
    fields = {}
    for key in ("descr", "fortran_order", "shape"):
        at = header.find("'%s':" % key)
        if at < 0:
            raise ValueError("npy: the header has no %r: %s" % (key, header))
        rest = header[at + len(key) + 3:].lstrip()
        if key == "descr":
            fields[key] = rest[1:rest.index(rest[0], 1)]
        elif key == "fortran_order":
            fields[key] = rest.startswith("True")
        else:
            inner = rest[1:rest.index(")")]
            fields[key] = tuple(int(d) for d in inner.replace(" ", "").split(",") if d)
    if fields["fortran_order"]:
        raise ValueError("npy: fortran_order True is not supported")
    if fields["descr"] not in _NPY_TYPES:
        raise ValueError("npy: unsupported dtype %r" % fields["descr"])
    count = 1
    for d in fields["shape"]:
        count *= d
    offset = start + length
    if len(data) - offset != count * _NPY_TYPES[fields["descr"]][1]:
        raise ValueError("npy: shape %r of %s needs %d bytes of data, the file has %d"
                         % (fields["shape"], fields["descr"], count * _NPY_TYPES[fields["descr"]][1], len(data) - offset))
    return fields["descr"], fields["shape"], offset


def npy_values(data):
    """(shape, flat list of the values) of a .npy file."""
    descr, shape, offset = npy_parse(data)
    code, size = _NPY_TYPES[descr]
    return shape, list(struct.unpack("<%d%s" % ((len(data) - offset) // size, code), data[offset:]))


def encode_rows(values, rows, n, encoding, descr="<f8"):
    """A request's array field: B rows of n values (flat, row-major) as JSON rows or base64 .npy."""
    if encoding == "npy":
        return base64.b64encode(npy_bytes(values, (rows, n), descr)).decode("ascii")
    if encoding != "json":
        raise ValueError("encoding must be 'json' or 'npy', got %r" % (encoding,))
    return [list(values[r * n:(r + 1) * n]) for r in range(rows)]


def decode_rows(field):
    """A response's array field (JSON rows or a base64 .npy string) as (rows, flat list of values)."""
    if isinstance(field, str):
        shape, values = npy_values(base64.b64decode(field, validate=True))
        return shape[0], values
    return len(field), [v for row in field for v in (row if isinstance(row, list) else [row])]


# ---------------------------------------------------------------------------------------------
# the process

def default_launcher():
    """The ``imle`` launcher of the checkout this file belongs to (docs/python/ -> the root)."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "imle")


class GradientService:
    """One kept-open ``imle gradient`` process: ``request(dict)`` sends a line and returns the answer.

    Not thread-safe: one request at a time, in order, as the service answers them. An error line
    raises ``GradientError`` (the process goes on answering); a process that exits or closes its
    pipe raises ``ServiceDiedError`` with its exit code and the end of its stderr.
    """

    def __init__(self, launcher=None, args=(), env=None, timeout=60.0):
        self.launcher = launcher or default_launcher()
        self.timeout = timeout
        # stderr goes to a file: a pipe nobody reads could fill up and stall the service
        self._stderr = tempfile.TemporaryFile()
        command = [self.launcher, "gradient"] + list(args)
        try:
            self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=self._stderr, env=env, bufsize=1 << 16)
        except OSError as e:
            self._stderr.close()
            raise ServiceDiedError("cannot start %s: %s" % (" ".join(command), e)) from e
        self.lines = 0
        self.seconds = 0.0  # spent waiting in request_line: writing, the service's work, reading

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def stderr_tail(self, limit=2000):
        """The last ``limit`` characters the process wrote to stderr."""
        self._stderr.flush()
        self._stderr.seek(0, os.SEEK_END)
        size = self._stderr.tell()
        self._stderr.seek(max(0, size - limit))
        return self._stderr.read().decode("utf-8", "replace").strip()

    def _died(self, what):
        try:
            code = self._process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            code = self._process.wait()
        tail = self.stderr_tail()
        return ServiceDiedError("imle gradient %s (exit code %s)%s" % (what, code, ": " + tail if tail else ""))

    def request_line(self, line):
        """Sends one request line (bytes, without its newline) and returns the response line (bytes)."""
        if self._process.poll() is not None:
            raise self._died("is not running")
        began = time.perf_counter()
        try:
            self._process.stdin.write(line + b"\n")
            self._process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._died("stopped reading requests") from None
        self.lines += 1
        answer = self._process.stdout.readline()
        self.seconds += time.perf_counter() - began
        if not answer.endswith(b"\n"):
            raise self._died("closed its output before answering line %d" % self.lines)
        return answer

    def request(self, fields):
        """Sends one request (a dict) and returns the response (a dict); raises GradientError on an error line."""
        answer = json.loads(self.request_line(json.dumps(fields, separators=(",", ":")).encode("utf-8")))
        if "error" in answer:
            raise GradientError(answer["error"])
        return answer

    def close(self):
        """Closes stdin, which ends the service, and waits for it."""
        if self._process.poll() is None:
            try:
                self._process.stdin.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process.stdout.close()
        self._stderr.close()


# ---------------------------------------------------------------------------------------------
# the autograd function (torch is imported here, and only here)

def _torch_function():
    import numpy
    import torch

    def encode(tensor):
        # (B, n) float32 bytes under a .npy header: no per-value Python work
        flat = tensor.detach().to("cpu", torch.float32).contiguous()
        data = flat.numpy().tobytes()
        return base64.b64encode(npy_header("<f4", tuple(flat.shape)) + data).decode("ascii")

    def decode(text, like):
        data = base64.b64decode(text)
        descr, shape, offset = npy_parse(data)
        array = numpy.frombuffer(data, dtype=numpy.dtype(descr), offset=offset).reshape(shape)
        return torch.from_numpy(array.copy()).to(like.dtype)

    class DiscreteFunction(torch.autograd.Function):
        @staticmethod
        def forward(ctx, theta, layer):
            b = theta.shape[0]
            flat = theta.reshape(b, -1)                                   # (B, n)
            request = layer.request(encode(flat))
            answer = layer.service.request(request)
            ctx.layer, ctx.request, ctx.z_text, ctx.theta_shape = layer, request, answer["z"], theta.shape
            z = decode(answer["z"], theta)                                # (B * S, n), row b * S + s
            samples = z.shape[0] // b
            return z.reshape(theta.shape) if samples == 1 else z.reshape((b, samples) + tuple(theta.shape[1:]))

        @staticmethod
        def backward(ctx, dldz):
            n = 1
            for d in ctx.theta_shape[1:]:
                n *= d
            request = dict(ctx.request)
            request["dLdz"] = encode(dldz.reshape(-1, n))                 # (B * S, n)
            answer = ctx.layer.service.request(request)
            if answer["z"] != ctx.z_text:
                raise GradientError("the backward request sampled other structures than the forward one "
                                    "(same seed %s and step %s)" % (request.get("seed"), request.get("step")))
            return decode(answer["grad"], dldz).reshape(ctx.theta_shape), None

    return DiscreteFunction


class DiscreteLayer:
    """z = MAP-based samples of an oracle at theta, differentiable through a registry estimator.

    ``theta`` is a (B, ...) tensor whose trailing dimensions flatten to the oracle's dimension n.
    Every call is one training step: the layer sends ``step`` = the number of earlier calls, so
    each step draws fresh noise and its backward pass reuses the forward pass's draws.
    """

    _function = None

    def __init__(self, service, oracle, params=None, estimator=None, seed=0):
        self.service = service
        self.oracle = oracle
        self.params = dict(params or {})
        self.estimator = dict(estimator or {"name": "imle"})
        self.seed = seed
        self.step = 0

    def request(self, theta_npy):
        request = {"oracle": self.oracle, "params": self.params, "theta": theta_npy, "estimator": self.estimator,
                   "seed": self.seed, "step": self.step, "encoding": "npy"}
        self.step += 1
        return request

    def __call__(self, theta):
        if DiscreteLayer._function is None:
            DiscreteLayer._function = _torch_function()
        return DiscreteLayer._function.apply(theta, self)


# ---------------------------------------------------------------------------------------------
# --self-test: the protocol against values computed here, standard library only

class _Checks:
    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL " + what)

    def equal(self, got, expected, what):
        self.check(got == expected, "%s: got %r, expected %r" % (what, got, expected))


def _top_k(row, k):
    order = sorted(range(len(row)), key=lambda i: -row[i])
    return [1.0 if i in order[:k] else 0.0 for i in range(len(row))]


def _shortest_path_cost(cost, h, w):
    """Dijkstra on cell costs, 8-neighbourhood, top-left to bottom-right, both end cells counted."""
    import heapq
    best = {0: cost[0]}
    queue = [(cost[0], 0)]
    while queue:
        d, cell = heapq.heappop(queue)
        if d > best[cell]:
            continue
        r, c = divmod(cell, w)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                rr, cc = r + dr, c + dc
                if (dr or dc) and 0 <= rr < h and 0 <= cc < w:
                    nxt = rr * w + cc
                    if d + cost[nxt] < best.get(nxt, float("inf")):
                        best[nxt] = d + cost[nxt]
                        heapq.heappush(queue, (best[nxt], nxt))
    return best[h * w - 1]


def _is_path(z, h, w):
    """Whether the cells with z = 1 form one 8-connected chain from the first to the last cell."""
    cells = [i for i, v in enumerate(z) if v == 1.0]
    if any(v not in (0.0, 1.0) for v in z) or 0 not in cells or h * w - 1 not in cells:
        return False
    seen, todo = {0}, [0]
    while todo:
        r, c = divmod(todo.pop(), w)
        for other in cells:
            orow, ocol = divmod(other, w)
            if other not in seen and max(abs(orow - r), abs(ocol - c)) == 1:
                seen.add(other)
                todo.append(other)
    return len(seen) == len(cells)


def self_test(launcher):
    checks = _Checks()
    rng = random.Random(23)
    with GradientService(launcher, ["--threads", "2"]) as service:
        for encoding in ("json", "npy"):
            # top-k: z are the indicators of the k largest scores
            n, k, rows = 7, 3, 4
            theta = [rng.uniform(-5, 5) for _ in range(rows * n)]
            request = {"oracle": "top-k", "params": {"n": n, "k": k}, "theta": encode_rows(theta, rows, n, encoding),
                       "encoding": encoding}
            got_rows, z = decode_rows(service.request(request)["z"])
            expected = [v for r in range(rows) for v in _top_k(theta[r * n:(r + 1) * n], k)]
            checks.equal((got_rows, z), (rows, expected), "%s: top-%d structures" % (encoding, k))

            # I-MLE without noise: grad = top-k(theta) - top-k(theta - lambda dLdz), by hand
            lam = 10.0
            dldz = [rng.choice([-1.0, 0.0, 0.5, 1.0]) for _ in range(rows * n)]
            request.update(dLdz=encode_rows(dldz, rows, n, encoding), estimator={"name": "imle", "lambda": lam})
            answer = service.request(request)
            grad = []
            for r in range(rows):
                t = theta[r * n:(r + 1) * n]
                target = _top_k([t[i] - lam * dldz[r * n + i] for i in range(n)], k)
                grad.extend(a - b for a, b in zip(_top_k(t, k), target))
            checks.equal(decode_rows(answer["grad"]), (rows, grad), "%s: I-MLE gradient, lambda %g, no noise"
                         % (encoding, lam))

            # float32 .npy in: the service widens it, the structures are the same
            if encoding == "npy":
                single = struct.unpack("<%df" % len(theta), struct.pack("<%df" % len(theta), *theta))
                request32 = {"oracle": "top-k", "params": {"n": n, "k": k}, "encoding": "npy",
                             "theta": base64.b64encode(npy_bytes(single, (rows, n), "<f4")).decode("ascii")}
                checks.equal(decode_rows(service.request(request32)["z"])[1], expected, "npy: float32 theta")

            # forward then backward with the same seed and step: the same draws
            noisy = {"name": "imle", "lambda": 5, "samples": 3, "noise": {"name": "sum-of-gamma", "k": k}}
            forward = {"oracle": "top-k", "params": {"n": n, "k": k}, "theta": encode_rows(theta, rows, n, encoding),
                       "estimator": noisy, "seed": 9, "step": 4, "encoding": encoding}
            z_forward = decode_rows(service.request(forward)["z"])
            backward = dict(forward, dLdz=encode_rows(dldz * 3, rows * 3, n, encoding))
            answer = service.request(backward)
            checks.equal(decode_rows(answer["z"]), z_forward, "%s: backward request samples the forward's z" % encoding)
            checks.check("grad" in answer and "grad" not in service.request(forward),
                         "%s: grad only when dLdz is given" % encoding)
            checks.check(decode_rows(service.request(dict(forward, step=5))["z"]) != z_forward,
                         "%s: another step draws other noise" % encoding)

            # grid shortest path: z is a path of the optimal cost
            h, w = 4, 5
            cost = [rng.uniform(0.5, 9.5) for _ in range(h * w)]
            grid = {"oracle": "grid-shortest-path", "params": {"height": h, "width": w, "neighbourhood": 8},
                    "theta": encode_rows([-c for c in cost], 1, h * w, encoding), "encoding": encoding}
            _, path = decode_rows(service.request(grid)["z"])
            checks.check(_is_path(path, h, w), "%s: grid z is a connected path corner to corner: %r" % (encoding, path))
            got_cost = sum(c * v for c, v in zip(cost, path))
            optimum = _shortest_path_cost(cost, h, w)
            checks.check(abs(got_cost - optimum) <= 1e-9 * optimum, "%s: path cost %r, Dijkstra here %r"
                         % (encoding, got_cost, optimum))

        # bad requests get their error line, and the next request is answered
        bad = [({"oracle": "top-k", "params": {"n": 3, "k": 1}, "theta": [[1, 2]]}, "row 0 has 2 entries"),
               ({"oracle": "top-k", "params": {"n": 3, "k": 1}, "theta": "not base64!"}, "theta"),
               ({"oracle": "top-k", "params": {"n": 3, "k": 1},
                 "theta": base64.b64encode(npy_bytes([1.0, 2.0], (1, 2))).decode("ascii")}, "rows of 2 values"),
               ({"oracle": "no-such-oracle", "theta": [[1]]}, "no-such-oracle")]
        for request, words in bad:
            try:
                service.request(request)
                checks.check(False, "no error line for %r" % (request,))
            except GradientError as e:
                checks.check(str(e).startswith("line %d: " % service.lines) and words in str(e),
                             "error line %r should start with 'line %d: ' and mention %r" % (str(e), service.lines, words))
        raw = service.request_line(b"{not json")
        checks.check(raw.startswith(b'{"error":"line ') and b"malformed JSON" in raw, "malformed line: %r" % raw)
        checks.equal(decode_rows(service.request({"oracle": "top-k", "params": {"n": 2, "k": 1},
                                                  "theta": [[0, 1]]})["z"]), (1, [0.0, 1.0]),
                     "answers again after the error lines")

    # a process that dies is reported with its exit code and its message
    try:
        with GradientService(launcher, ["--no-such-option"]) as broken:
            broken.request({"oracle": "top-k", "params": {"n": 2, "k": 1}, "theta": [[0, 1]]})
        checks.check(False, "a service started with a bad option answered")
    except ServiceDiedError as e:
        checks.check("exit code 2" in str(e) and "no-such-option" in str(e), "died message: %s" % e)

    # the standard-library .npy writer and reader agree with each other on every dtype
    for descr, values in (("<f8", [0.5, -2.0, 1e300]), ("<f4", [0.5, -2.0, 3.25]), ("<i8", [1, -2, 3]),
                          ("|u1", [0, 255, 7])):
        checks.equal(npy_values(npy_bytes(values, (1, 3), descr)), ((1, 3), values), "npy round trip " + descr)
    checks.check(len(npy_header("<f8", (70, 144))) % 64 == 0, "npy header is aligned to 64 bytes")

    checks.check("torch" not in sys.modules and "numpy" not in sys.modules,
                 "the protocol part imported torch or numpy")
    print("imle_gradient self-test: %d checks passed, %d failed" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


# ---------------------------------------------------------------------------------------------
# --train-patch-net: imle shortest-path's default setting, with PyTorch and this client's I-MLE

def train_patch_net(data_dir, launcher, epochs=16, batch=70, steps_timed=None):
    import numpy
    import torch
    torch.manual_seed(1)
    torch.set_num_threads(int(os.environ.get("IMLE_TORCH_THREADS", "2")))

    def load(split):
        maps = numpy.load(os.path.join(data_dir, split + "_maps.npy"))                     # (N, 8K, 8K, 3) uint8
        weights = numpy.load(os.path.join(data_dir, split + "_vertex_weights.npy"))      # (N, K, K)
        paths = numpy.load(os.path.join(data_dir, split + "_shortest_paths.npy"))        # (N, K, K)
        x = torch.from_numpy(maps.astype(numpy.float32) / 255.0).permute(0, 3, 1, 2).contiguous()  # (N, 3, 8K, 8K)
        return x, torch.from_numpy(weights.astype(numpy.float32)), torch.from_numpy(paths.astype(numpy.float32))

    train, val, test = load("train"), load("val"), load("test")
    grid = train[1].shape[1]
    n = grid * grid
    mean = train[0].mean(dim=(0, 2, 3), keepdim=True)
    std = train[0].std(dim=(0, 2, 3), keepdim=True)
    c = 16
    nn = torch.nn
    net = nn.Sequential(nn.Conv2d(3, c, 2, 2, bias=False), nn.BatchNorm2d(c), nn.ReLU(),
                        nn.Conv2d(c, 2 * c, 2, 2, bias=False), nn.BatchNorm2d(2 * c), nn.ReLU(),
                        nn.Conv2d(2 * c, 2 * c, 2, 2, bias=False), nn.BatchNorm2d(2 * c), nn.ReLU(),
                        nn.Conv2d(2 * c, 1, 1, 1))
    optimizer = torch.optim.Adam(net.parameters(), lr=5e-3)
    milestones = [max(1, round(0.6 * epochs)), max(max(1, round(0.6 * epochs)) + 1, round(0.8 * epochs))]
    schedule = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones, gamma=0.1)
    oracle = "grid-shortest-path"
    params = {"height": grid, "width": grid, "neighbourhood": 8, "negativeCosts": "clamp", "minCost": 0.0}
    estimator = {"name": "imle", "lambda": 20.0, "inputTemperature": 1.0, "targetTemperature": 1.0, "samples": 1,
                 "noise": {"name": "sum-of-gamma", "k": round(1.3 * grid), "iterations": 10, "temperature": 1.0}}

    def costs(x):
        scores = net((x - mean) / std)                                  # (B, 1, K, K)
        return torch.nn.functional.softplus(scores).reshape(x.shape[0], n) + 1e-3   # (B, K*K)

    def hamming(z, y):
        return (z * (1 - 2 * y) + y).sum() / z.shape[0]

    def evaluate(service, split):
        net.eval()
        with torch.no_grad():
            predicted = costs(split[0])
        net.train()
        answer = service.request({"oracle": oracle, "params": params, "theta": (-predicted).tolist(),
                                  "estimator": {"name": "nid"}})
        z = torch.tensor(answer["z"], dtype=torch.float32)               # (N, K*K)
        w = split[1].reshape(-1, n)
        found, best = (z * w).sum(1), (split[2].reshape(-1, n) * w).sum(1)
        return ((found - best).abs() <= 1e-4 * best).float().mean().item(), ((found - best) / best).mean().item()

    step_times, request_times = [], []
    with GradientService(launcher, ["--threads", "2"]) as service:
        layer = DiscreteLayer(service, oracle, params, estimator, seed=1)
        generator = torch.Generator().manual_seed(1)
        print("epoch  train-loss  val-cost-opt  test-cost-opt  test-regret  step-ms")
        for epoch in range(1, epochs + 1):
            order = torch.randperm(train[0].shape[0], generator=generator)
            total, count, epoch_steps = 0.0, 0, []
            for start in range(0, len(order), batch):
                index = order[start:start + batch]
                x, y = train[0][index], train[2][index].reshape(-1, n)
                began = time.perf_counter()
                theta = -costs(x)                                       # (B, K*K)
                waited = service.seconds
                z = layer(theta)                                        # (B, K*K): the forward request
                loss = hamming(z, y)
                optimizer.zero_grad()
                loss.backward()                                         # the backward request, inside
                optimizer.step()
                elapsed = time.perf_counter() - began
                epoch_steps.append(elapsed)
                step_times.append(elapsed)
                request_times.append(service.seconds - waited)
                total += loss.item() * x.shape[0]
                count += x.shape[0]
                if steps_timed and len(step_times) >= steps_timed:
                    break
            schedule.step()
            val_opt, _ = evaluate(service, val)
            test_opt, test_regret = evaluate(service, test)
            print("%5d  %10.4f  %12.3f  %13.3f  %11.4f  %7.1f" % (epoch, total / count, val_opt, test_opt, test_regret,
                                                                 1000 * sorted(epoch_steps)[len(epoch_steps) // 2]))
            sys.stdout.flush()
            if steps_timed and len(step_times) >= steps_timed:
                break

    def median(values):
        values = sorted(values[len(values) // 10:])                    # the first tenth is warm-up
        return 1000 * values[len(values) // 2]

    step, requests = median(step_times), median(request_times)
    print("median over %d steps: step %.1f ms, of which %.1f ms in the two requests (round trips through the pipe, "
          "the service's solves included) and %.1f ms in PyTorch (network forward and backward, loss, Adam)"
          % (len(step_times), step, requests, step - requests))
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "--self-test":
        try:
            return self_test(argv[2] if len(argv) > 2 else None)
        except ServiceDiedError as e:
            print("imle_gradient self-test: FAIL %s" % e)
            return 1
    if len(argv) >= 3 and argv[1] == "--train-patch-net":
        epochs = int(os.environ.get("IMLE_EPOCHS", "16"))
        return train_patch_net(argv[2], argv[3] if len(argv) > 3 else None, epochs=epochs)
    sys.stderr.write(__doc__.split("\n\n")[2] + "\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
