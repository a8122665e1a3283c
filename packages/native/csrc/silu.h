/* SiLU y = x·σ(x), σ(x) = 1/(1 + e^(−x)), and its slope y' = σ(x)·(1 + x·(1 − σ(x))) per element,
 * shared by silu.c and dense.c so that a fused layer rounds as the plain activation does.
 * With e = e^(−|x|) ∈ [0, 1] (vectorised, subnormals included: fast_expf_negative), σ(|x|) = 1/(1 + e)
 * and σ(−|x|) = 1 − σ(|x|) = e/(1 + e): both σ(x) and 1 − σ(x) come out to float precision
 * relative to themselves, so σ is exactly 1 above ~17 and falls through the subnormals to exactly 0
 * below ~−104 as float64's rounded value does; NaN stays NaN. */
#ifndef SOUS_SILU_H
#define SOUS_SILU_H
#include "args.h"
#include "fast_math.h"

/* σ(x) and 1 − σ(x). */
static inline void sigmoid_pair(float x, float *s, float *complement) {
  float e = fast_expf_negative(x < 0.0f ? x : -x);
  float high = 1.0f / (1.0f + e), low = e * high;
  *s = x >= 0.0f ? high : low;
  *complement = x >= 0.0f ? low : high;
}

/* x·σ(x) */
static inline float silu_value(float x) {
  float s, complement;
  sigmoid_pair(x, &s, &complement);
  return x * s;
}

/* dy·σ(x)·(1 + x·(1 − σ(x))) */
static inline float silu_slope_times(float x, float dy) {
  float s, complement;
  sigmoid_pair(x, &s, &complement);
  return dy * s * (1.0f + x * complement);
}

/* y = silu(x) and dx = dy·silu'(x) over arrays, threaded from PARALLEL_MIN_ELEMENTS (args.h). */
static inline void silu_values(const float *x, float *y, int64_t count) {
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
  for (int64_t i = 0; i < count; i++) y[i] = silu_value(x[i]);
}

static inline void silu_slopes_times(const float *x, const float *dy, float *dx, int64_t count) {
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
  for (int64_t i = 0; i < count; i++) dx[i] = silu_slope_times(x[i], dy[i]);
}

#endif
