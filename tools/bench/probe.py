#!/usr/bin/env python3
"""GFLOP/s of a square float32 matrix product in PyTorch (probe.ts's reference): median of 5 after
2 warm-ups, with the OpenBLAS kernels the process runs and OpenBLAS's own thread count (torch's
set_num_threads need not reach OpenBLAS's thread pool)."""
import argparse
import ctypes
import json
import statistics
import time

import torch

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=1024)
parser.add_argument("--threads", type=int, default=1)
args = parser.parse_args()
torch.set_num_threads(args.threads)
a, b = torch.randn(args.n, args.n), torch.randn(args.n, args.n)
times = []
for i in range(7):
    start = time.perf_counter()
    a @ b
    if i >= 2:
        times.append(time.perf_counter() - start)
out = {"gflops": 2 * args.n**3 / statistics.median(times) / 1e9}
try:
    # The OpenBLAS that torch loaded (Debian's torch links it through libblas.so.3).
    openblas = ctypes.CDLL("libopenblas.so.0")
    openblas.openblas_get_corename.restype = ctypes.c_char_p
    out["core"] = openblas.openblas_get_corename().decode()
    out["threads"] = openblas.openblas_get_num_threads()
except (OSError, AttributeError):
    pass
print(json.dumps(out))
