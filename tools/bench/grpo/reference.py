#!/usr/bin/env python3
"""The GRPO benchmark workloads in PyTorch (shared/bench/grpo-tiny.md, grpo-small.md), the
reference sous is measured against. Same deterministic weights and data as workload.ts.

  reference.py [--workload grpo-small] --threads 1   timings: one JSON row on stdout
  reference.py [--workload grpo-small] --check       the check batch: per-step loss, mean logp, mean kl as JSON

Run it with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset (run.ts does): on these machines they
select a slow OpenBLAS kernel.
"""
import argparse
import json
import math
import resource
import statistics
import sys
import time

import torch
import torch.nn.functional as F

SEED = 1234
# Sizes per workload (workload.ts's WORKLOADS): vocab, layers, heads, d, d_ff, context, prompts,
# group, prompt length, new tokens. main() sets the module's globals from --workload.
WORKLOADS = {
    "grpo-tiny": (64, 4, 4, 128, 512, 64, 16, 8, 16, 32),
    "grpo-small": (256, 6, 8, 256, 1024, 128, 8, 8, 32, 64),
}


def use_workload(name):
    global VOCAB, LAYERS, HEADS, D, DFF, CONTEXT, PROMPTS, GROUP, PROMPT_LEN, NEW, N, L
    VOCAB, LAYERS, HEADS, D, DFF, CONTEXT, PROMPTS, GROUP, PROMPT_LEN, NEW = WORKLOADS[name]
    N, L = PROMPTS * GROUP, PROMPT_LEN + NEW


use_workload("grpo-tiny")
CLIP, BETA, ADV_EPS = 0.2, 0.04, 1e-4
WARMUP, RUNS = 2, 5
M32 = 0xFFFFFFFF


def hash32(x):
    x &= M32
    x ^= x >> 16
    x = (x * 0x7FEB352D) & M32
    x ^= x >> 15
    x = (x * 0x846CA68B) & M32
    x ^= x >> 16
    return x


def u32(stream, i):
    return hash32(hash32(hash32(SEED) ^ stream) ^ i)


def uniform(stream, i):
    return (u32(stream, i) + 0.5) / 2**32


def normals(stream, shape):
    n = shape[0] * shape[1]
    z = []
    for j in range((n + 1) // 2):
        r = math.sqrt(-2 * math.log(uniform(stream, 2 * j)))
        a = 2 * math.pi * uniform(stream, 2 * j + 1)
        z += [r * math.cos(a) * 0.02, r * math.sin(a) * 0.02]
    return torch.tensor(z[:n], dtype=torch.float64).to(torch.float32).reshape(shape)


def initial_params():
    """Every parameter in [in, out] layout (x @ W), as in the workload's description."""
    p = {"wte": normals(0, (VOCAB, D)), "wpe": normals(1, (CONTEXT, D))}
    for l in range(LAYERS):
        s = 2 + 4 * l
        p.update({
            f"l{l}.ln1_w": torch.ones(D), f"l{l}.ln1_b": torch.zeros(D),
            f"l{l}.Wqkv": normals(s, (D, 3 * D)), f"l{l}.bqkv": torch.zeros(3 * D),
            f"l{l}.Wproj": normals(s + 1, (D, D)), f"l{l}.bproj": torch.zeros(D),
            f"l{l}.ln2_w": torch.ones(D), f"l{l}.ln2_b": torch.zeros(D),
            f"l{l}.Wfc": normals(s + 2, (D, DFF)), f"l{l}.bfc": torch.zeros(DFF),
            f"l{l}.Wfc2": normals(s + 3, (DFF, D)), f"l{l}.bfc2": torch.zeros(D),
        })
    p.update({"lnf_w": torch.ones(D), "lnf_b": torch.zeros(D), "Whead": normals(2 + 4 * LAYERS, (D, VOCAB))})
    return p


def prompt_tokens():
    rows = [[u32(100, PROMPT_LEN * p + j) % VOCAB for j in range(PROMPT_LEN)] for p in range(PROMPTS)]
    return torch.tensor([rows[b // GROUP] for b in range(N)], dtype=torch.long)


def rewards():
    return torch.tensor([u32(101, i) >> 31 for i in range(N)], dtype=torch.float32)


def check_batch():
    completions = torch.tensor([[u32(102, NEW * b + j) % VOCAB for j in range(NEW)] for b in range(N)], dtype=torch.long)
    return torch.cat([prompt_tokens(), completions], dim=1)


def forward(p, x, p0=0, cache=None):
    """Logits [b, t, vocab]; with `cache` (a list of per-layer (k, v) or Nones) decodes and updates it."""
    b, t = x.shape
    hd = D // HEADS
    h = p["wte"][x] + p["wpe"][p0:p0 + t]
    for l in range(LAYERS):
        a = F.layer_norm(h, (D,), p[f"l{l}.ln1_w"], p[f"l{l}.ln1_b"], 1e-5)
        q, k, v = (a @ p[f"l{l}.Wqkv"] + p[f"l{l}.bqkv"]).split(D, dim=2)
        q, k, v = (z.view(b, t, HEADS, hd).transpose(1, 2) for z in (q, k, v))
        if cache is not None:
            if cache[l] is not None:
                k = torch.cat([cache[l][0], k], dim=2)
                v = torch.cat([cache[l][1], v], dim=2)
            cache[l] = (k, v)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(hd)
        if t > 1:
            mask = torch.ones(t, k.shape[2], dtype=torch.bool).triu(k.shape[2] - t + 1)
            att = att.masked_fill(mask, float("-inf"))
        y = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, D)
        h = h + y @ p[f"l{l}.Wproj"] + p[f"l{l}.bproj"]
        m = F.layer_norm(h, (D,), p[f"l{l}.ln2_w"], p[f"l{l}.ln2_b"], 1e-5)
        h = h + F.gelu(m @ p[f"l{l}.Wfc"] + p[f"l{l}.bfc"]) @ p[f"l{l}.Wfc2"] + p[f"l{l}.bfc2"]
    return F.layer_norm(h, (D,), p["lnf_w"], p["lnf_b"], 1e-5) @ p["Whead"]


@torch.no_grad()
def sample(p, prompts):
    """Phase A: prefill, then NEW - 1 cached single-token steps; multinomial at temperature 1."""
    cache = [None] * LAYERS
    logits = forward(p, prompts, 0, cache)[:, -1]
    out = [prompts]
    for step in range(NEW):
        token = torch.multinomial(logits.softmax(-1), 1)
        out.append(token)
        if step < NEW - 1:
            logits = forward(p, token, PROMPT_LEN + step, cache)[:, -1]
    return torch.cat(out, dim=1)


def completion_logp(p, tokens):
    """log-softmax of the full L-position logits, at positions PROMPT_LEN-1..L-2, of the completion: [N, NEW]."""
    logp = forward(p, tokens).log_softmax(-1)[:, PROMPT_LEN - 1:L - 1]
    return logp.gather(2, tokens[:, PROMPT_LEN:].unsqueeze(-1)).squeeze(-1)


def advantages(r):
    g = r.view(PROMPTS, GROUP)
    return ((g - g.mean(1, keepdim=True)) / (g.std(1, keepdim=True) + ADV_EPS)).reshape(N, 1)


def grpo_loss(p, ref, tokens, adv, logp_old=None):
    """Returns (loss, logp, kl); `logp_old` None means the detached current logp (on-policy)."""
    with torch.no_grad():
        ref_logp = completion_logp(ref, tokens)
    logp = completion_logp(p, tokens)
    old = logp.detach() if logp_old is None else logp_old
    ratio = torch.exp(logp - old)
    pg = -torch.min(ratio * adv, ratio.clamp(1 - CLIP, 1 + CLIP) * adv)
    d = ref_logp - logp
    kl = torch.exp(d) - d - 1
    return (pg + BETA * kl).mean(), logp, kl


def models():
    init = initial_params()
    policy = {k: v.clone().requires_grad_(True) for k, v in init.items()}
    ref = {k: v.clone() for k, v in init.items()}
    opt = torch.optim.AdamW(policy.values(), lr=1e-5, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
    return policy, ref, opt


def train_step(policy, ref, opt, tokens, adv, logp_old=None):
    loss, logp, kl = grpo_loss(policy, ref, tokens, adv, logp_old)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    return loss.item(), logp, kl


def check(steps):
    policy, ref, opt = models()
    tokens, adv = check_batch(), advantages(rewards())
    logp_old, out = None, []
    for _ in range(steps):
        loss, logp, kl = train_step(policy, ref, opt, tokens, adv, logp_old)
        if logp_old is None:
            logp_old = logp.detach()
        out.append({"loss": loss, "mean_logp": logp.mean().item(), "mean_kl": kl.mean().item()})
    return out


def timed(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def bench(threads):
    torch.manual_seed(SEED)
    policy, ref, opt = models()
    prompts, adv = prompt_tokens(), advantages(rewards())
    timed(lambda: sample(policy, prompts), WARMUP)
    sample_times, tokens = timed(lambda: sample(policy, prompts), RUNS)
    timed(lambda: train_step(policy, ref, opt, tokens, adv), WARMUP)
    train_times, _ = timed(lambda: train_step(policy, ref, opt, tokens, adv), RUNS)
    sample_s, train_s = statistics.median(sample_times), statistics.median(train_times)
    return {
        "sample_tok_s": N * NEW / sample_s, "train_tok_s": N * L / train_s, "ms_per_step": train_s * 1e3,
        "sample_ms": sample_s * 1e3, "runs": RUNS,
        # ru_maxrss is in KiB on Linux: the process's peak resident memory.
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def blas():
    """The BLAS library torch's matmuls load (Debian's torch links the system libblas.so.3, which
    libopenblas0-pthread switches to OpenBLAS; the reference BLAS is ten times slower)."""
    torch.ones(64, 64) @ torch.ones(64, 64)
    with open("/proc/self/maps") as maps:
        libraries = maps.read()
    for name in ("openblas", "mkl", "blis"):
        if name in libraries.lower():
            return {"openblas": "OpenBLAS", "mkl": "MKL", "blis": "BLIS"}[name]
    return "reference BLAS" if "libblas" in libraries else "unknown BLAS"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workload", choices=sorted(WORKLOADS), default="grpo-tiny")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--steps", type=int, default=5)
    args = parser.parse_args()
    use_workload(args.workload)
    torch.set_num_threads(args.threads)
    if args.check:
        json.dump(check(args.steps), sys.stdout)
    else:
        json.dump({"torch": torch.__version__, "blas": blas(), "threads": args.threads, **bench(args.threads)}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
