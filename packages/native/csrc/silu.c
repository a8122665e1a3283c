/* SiLU y = x·σ(x), σ(x) = 1/(1 + e^(−x)), with its derivative y' = σ(x)·(1 + x·(1 − σ(x))), one
 * pass each (core/src/silu.ts has the formulas). Not a replacement for tfjs's Sigmoid: wasm's
 * (XNNPACK's) rounds differently, and a native Sigmoid changed the examples that use softplus.
 * SiLU's own rounding is this file's (the diffusion examples' last bits are this kernel's).
 * With e = e^(−|x|) ∈ [0, 1] (vectorised, subnormals included: fast_expf_negative), σ(|x|) = 1/(1 + e)
 * and σ(−|x|) = 1 − σ(|x|) = e/(1 + e): both σ(x) and 1 − σ(x) come out to float precision
 * relative to themselves, so σ is exactly 1 above ~17 and falls through the subnormals to exactly 0
 * below ~−104 as float64's rounded value does; NaN stays NaN. */
#include "args.h"
#include "fast_math.h"
#include "kernels.h"

/* σ(x) and 1 − σ(x). */
static inline void sigmoid_pair(float x, float *s, float *complement) {
  float e = fast_expf_negative(x < 0.0f ? x : -x);
  float high = 1.0f / (1.0f + e), low = e * high;
  *s = x >= 0.0f ? high : low;
  *complement = x >= 0.0f ? low : high;
}

/* silu(heap, x, y, count): y = x·σ(x) */
napi_value sous_silu(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 3, &args)) return NULL;
  const float *x = F32(args, 0);
  float *y = F32(args, 1);
  int64_t count = args.ints[2];
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
  for (int64_t i = 0; i < count; i++) {
    float s, complement;
    sigmoid_pair(x[i], &s, &complement);
    y[i] = x[i] * s;
  }
  return NULL;
}

/* siluGrad(heap, x, dy, dx, count): dx = dy·σ(x)·(1 + x·(1 − σ(x))) */
napi_value sous_silu_grad(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 4, &args)) return NULL;
  const float *x = F32(args, 0), *dy = F32(args, 1);
  float *dx = F32(args, 2);
  int64_t count = args.ints[3];
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
  for (int64_t i = 0; i < count; i++) {
    float s, complement;
    sigmoid_pair(x[i], &s, &complement);
    dx[i] = dy[i] * s * (1.0f + x[i] * complement);
  }
  return NULL;
}
