#!/usr/bin/env python3
"""The dsm-mlp workload in PyTorch: examples/diffusion-mixture.recipe's MLP denoiser (eps
parametrisation, EDM input scaling and noise label, linear VP process), one DSM training step
with AdamW on a batch of 256, and one 200-step ancestral DDPM run of 2,000 points. The same
arithmetic as @sous/diffusion (mlp.ts, parametrization.ts, dsm.ts, samplers/steps.ts).

  reference.py --threads 1      timings: one JSON row on stdout
  reference.py --check < case   the loss and gradient norms of the case check.ts wrote (JSON)
"""
import argparse
import json
import math
import resource
import statistics
import sys
import time

import torch

BATCH, DIM, HIDDEN, LAYERS, FREQUENCIES = 256, 2, 128, 3, 8
BETA_MIN, BETA_MAX, T_MIN = 0.1, 20.0, 1e-3
SAMPLES, SAMPLE_STEPS = 2000, 200
WARMUP, RUNS = 2, 5
# Training steps take milliseconds: 200 warm-ups and 100 timed, as workload.ts's TRAIN_WARMUP/TRAIN_RUNS.
TRAIN_WARMUP, TRAIN_RUNS = 200, 100


def log_alpha(t):
    return -0.5 * (BETA_MIN * t + 0.5 * (BETA_MAX - BETA_MIN) * t * t)


def levels(t):
    """alpha(t), sigma(t) as float64 (the schedule's own arithmetic), then float32 tensors [n, 1]."""
    t = torch.as_tensor(t, dtype=torch.float64)
    la = log_alpha(t)
    alpha, sigma = torch.exp(la), torch.sqrt(-torch.expm1(2 * la))
    return alpha.float().reshape(-1, 1), sigma.float().reshape(-1, 1)


def init_params(generator):
    widths = [DIM + 1 + 2 * FREQUENCIES] + [HIDDEN] * LAYERS + [DIM]
    params = []
    for fan_in, fan_out in zip(widths, widths[1:]):
        bound = 1 / math.sqrt(fan_in)
        params.append((torch.rand(fan_in, fan_out, generator=generator) * 2 - 1) * bound)
        params.append((torch.rand(fan_out, generator=generator) * 2 - 1) * bound)
    return params


def network(params, x, label):
    frequencies = 2.0 ** torch.arange(FREQUENCIES, dtype=torch.float32)
    phases = label * frequencies
    h = torch.cat([x, label, torch.sin(phases), torch.cos(phases)], dim=1)
    for i in range(0, len(params), 2):
        h = h @ params[i] + params[i + 1]
        if i + 2 < len(params):
            h = h * torch.sigmoid(h)
    return h


def denoise(params, x, alpha, sigma):
    """D(x, t) in the eps parametrisation; input scale c_in = 1/sqrt(alpha^2 + sigma^2) (sigma_data 1)."""
    c_in = torch.rsqrt(alpha * alpha + sigma * sigma)
    label = 0.25 * torch.log(sigma / alpha)
    return (x - sigma * network(params, c_in * x, label)) / alpha


def dsm_loss(params, x0, u, eps):
    alpha, sigma = levels(T_MIN + (1 - T_MIN) * u)
    noisy = alpha * x0 + sigma * eps
    error = ((denoise(params, noisy, alpha, sigma) - x0) ** 2).sum(1, keepdim=True)
    return ((alpha * alpha) / (sigma * sigma) * error).mean() / DIM


@torch.no_grad()
def ddpm(params, generator):
    grid = [1 + (T_MIN - 1) * i / SAMPLE_STEPS for i in range(SAMPLE_STEPS + 1)]
    _, s0 = levels([grid[0]])
    x = s0 * torch.randn(SAMPLES, DIM, generator=generator)
    for i in range(SAMPLE_STEPS):
        (at, st), (as_, ss) = (float(v) for v in levels([grid[i]])), (float(v) for v in levels([grid[i + 1]]))
        d = denoise(params, x, torch.full((SAMPLES, 1), at), torch.full((SAMPLES, 1), st))
        ats = at / as_
        var_ts = st * st - ats * ats * ss * ss
        mean = (ats * ss * ss) / (st * st) * x + (as_ * var_ts) / (st * st) * d
        x = mean + math.sqrt(max(0.0, var_ts * ss * ss / (st * st))) * torch.randn(SAMPLES, DIM, generator=generator)
    at, st = (float(v) for v in levels([grid[-1]]))
    return denoise(params, x, torch.full((SAMPLES, 1), at), torch.full((SAMPLES, 1), st))


def timed(fn, warmup=WARMUP, runs=RUNS):
    times = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        fn()
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench():
    generator = torch.Generator().manual_seed(7)
    params = [p.requires_grad_(True) for p in init_params(generator)]
    opt = torch.optim.AdamW(params, lr=2e-3, weight_decay=0.0)
    # The recipe's data: a ring of 8 Gaussians, radius 4, std 0.2.
    angles = 2 * math.pi * torch.randint(0, 8, (BATCH,), generator=generator) / 8

    def step():
        x0 = torch.stack([4 * torch.cos(angles), 4 * torch.sin(angles)], 1) + 0.2 * torch.randn(BATCH, DIM, generator=generator)
        loss = dsm_loss(params, x0, torch.rand(BATCH, generator=generator, dtype=torch.float64), torch.randn(BATCH, DIM, generator=generator))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    train_s = timed(step, TRAIN_WARMUP, TRAIN_RUNS)
    sample_s = timed(lambda: ddpm(params, generator))
    return {
        "sample_tok_s": SAMPLES / sample_s, "train_tok_s": BATCH / train_s, "ms_per_step": train_s * 1e3,
        "sample_ms": sample_s * 1e3, "runs": RUNS,
        # ru_maxrss is in KiB on Linux: the process's peak resident memory.
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def check(case):
    """The DSM loss and each parameter's gradient norm on check.ts's weights, batch, times and noise."""
    params = [torch.tensor(case["weights"][name], dtype=torch.float32).requires_grad_(True) for name in case["names"]]
    x0 = torch.tensor(case["x0"], dtype=torch.float32).reshape(-1, DIM)
    u = torch.tensor(case["uniforms"], dtype=torch.float64)
    eps = torch.tensor(case["normals"], dtype=torch.float32).reshape(-1, DIM)
    loss = dsm_loss(params, x0, u, eps)
    loss.backward()
    return {"loss": loss.item(), "grad_norms": [p.grad.norm().item() for p in params]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.check:
        json.dump(check(json.load(sys.stdin)), sys.stdout)
    else:
        json.dump({"torch": torch.__version__, "threads": args.threads, **bench()}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
