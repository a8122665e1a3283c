#!/usr/bin/env python3
"""GFLOP/s of a square float32 matrix product in PyTorch (probe.ts's reference): median of 5 after 2 warm-ups."""
import argparse
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
print(json.dumps({"gflops": 2 * args.n**3 / statistics.median(times) / 1e9}))
