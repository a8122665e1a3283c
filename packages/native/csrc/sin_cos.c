/* sin and cos of float32 tensors exactly as tfjs-backend-wasm 4.22 computes them, bit for bit, so
 * that switching to native changes no result. Its Sin and Cos kernels do not call sinf/cosf
 * directly (tfjs's sin_cos_workaround.cc, a workaround for an iOS bug): they reduce x to [0, 2π)
 * as fmod(fmod(x, 2π) + 2π, 2π) in double, round that to float, then fold it towards [0, π/4)
 * (π − x or 2π − x in double, rounded to float again) and finish with musl's float sinf/cosf on
 * [0, π/4) or its double cos/sin of π/2 − x on [π/4, π/2), rounded to float. Both are musl's
 * polynomial kernels below (musl, MIT licence: src/math/__sindf.c, __cosdf.c, __sin.c, __cos.c,
 * and the small-argument branches of sinf.c, cosf.c, sin.c, cos.c), evaluated operation for
 * operation in double; wasm has no FMA, and binding.gyp builds with -ffp-contract=off so that none
 * is introduced here. The reduction rounds tiny |x| to 0 (sin 1e-30 is 0), as wasm's does. */
#include <math.h>

#include "args.h"
#include "kernels.h"

#define PI_4 0x1.921fb54442d18p-1
#define PI_2 0x1.921fb54442d18p+0
#define PI 0x1.921fb54442d18p+1
#define TWO_PI 0x1.921fb54442d18p+2
#define FOUR_PI 0x1.921fb54442d18p+3

/* musl's sinf/cosf for |x| < π/4 (the only arguments they get here): x or 1 below 2^-12, else
 * __sindf/__cosdf, degree-9/8 polynomials in double rounded to float. */
static inline float small_sinf(float x) {
  if (fabsf(x) < 0x1p-12f) return x;
  double d = x, z = d * d, w = z * z, r = -0x1.a00f9e2cae774p-13 + z * 0x1.6cd878c3b46a7p-19, s = z * d;
  return (float)((d + s * (-0x1.5555554cbac77p-3 + z * 0x1.11110896efbb2p-7)) + s * w * r);
}
static inline float small_cosf(float x) {
  if (fabsf(x) < 0x1p-12f) return 1.0f;
  double d = x, z = d * d, w = z * z, r = -0x1.6c087e80f1e27p-10 + z * 0x1.99342e0ee5069p-16;
  return (float)(((1.0 + z * -0x1.ffffffd0c5e81p-2) + w * 0x1.55553e1053a42p-5) + (w * z) * r);
}

/* musl's double sin and cos for 2^-26 < x < π/4, the range of π/2 − x here (x a float in
 * (π/4, π/2), so π/2 − x ≥ 7.5e-8): __sin(x, 0, 0) and __cos(x, 0). */
static inline double mid_sin(double x) {
  double z = x * x, w = z * z;
  double r = 0x1.111111110f8a6p-7 + z * (-0x1.a01a019c161d5p-13 + z * 0x1.71de357b1fe7dp-19) +
             z * w * (-0x1.ae5e68a2b9cebp-26 + z * 0x1.5d93a5acfd57cp-33);
  double v = z * x;
  return x + v * (-0x1.5555555555549p-3 + z * r);
}
static inline double mid_cos(double x) {
  double z = x * x, w = z * z;
  double r = z * (0x1.555555555554cp-5 + z * (-0x1.6c16c16c15177p-10 + z * 0x1.a01a019cb159p-16)) +
             w * w * (-0x1.27e4f809c52adp-22 + z * (0x1.1ee9ebdb4b1c4p-29 + z * -0x1.8fae9be8838d4p-37));
  double hz = 0.5 * z;
  w = 1.0 - hz;
  /* __cos's "z*r - x*y" with y = 0: subtracting +0 changes nothing. */
  return w + (((1.0 - w) - hz) + z * r);
}

/* fmod(fmod(x, 2π) + 2π, 2π) for finite x, rounded to float: in [0, 2π], or a hair past it. */
static inline float reduce(float x) {
  double r = fabsf(x) < TWO_PI ? x : fmod(x, TWO_PI);
  double s = r + TWO_PI; /* in (0, 4π]: fmod(s, 2π) is s, or s − 2π (exact: Sterbenz), or 0 at 4π */
  return (float)(s < TWO_PI ? s : s < FOUR_PI ? s - TWO_PI : 0.0);
}

/* wasm's recursion as a loop: sin x = sin(π − x) on [π/2, π), −sin(2π − x) from π on. */
static float wasm_sinf(float x) {
  if (!isfinite(x)) return isnan(x) ? x : x - x; /* wasm keeps a NaN's bits; ±∞ gives NaN */
  x = reduce(x);
  float sign = 1.0f;
  for (;;) {
    double d = x;
    if (d < PI_4) return sign * small_sinf(x);
    if (d < PI_2) return sign * (float)mid_cos(PI_2 - d);
    if (d < PI) {
      x = (float)(PI - d);
    } else {
      x = (float)(TWO_PI - d);
      sign = -sign;
    }
  }
}

/* cos x = −cos(π − x) on [π/2, π), cos(2π − x) from π on. */
static float wasm_cosf(float x) {
  if (!isfinite(x)) return isnan(x) ? x : x - x;
  x = reduce(x);
  float sign = 1.0f;
  for (;;) {
    double d = x;
    if (d < PI_4) return sign * small_cosf(x);
    if (d < PI_2) return sign * (float)mid_sin(PI_2 - d);
    if (d < PI) {
      x = (float)(PI - d);
      sign = -sign;
    } else {
      x = (float)(TWO_PI - d);
    }
  }
}

/* sin(heap, x, out, count) */
napi_value sous_sin(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 3, &args)) return NULL;
  const float *x = F32(args, 0);
  float *out = F32(args, 1);
  int64_t count = args.ints[2];
#pragma omp parallel for schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
  for (int64_t i = 0; i < count; i++) out[i] = wasm_sinf(x[i]);
  return NULL;
}

/* cos(heap, x, out, count) */
napi_value sous_cos(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 3, &args)) return NULL;
  const float *x = F32(args, 0);
  float *out = F32(args, 1);
  int64_t count = args.ints[2];
#pragma omp parallel for schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
  for (int64_t i = 0; i < count; i++) out[i] = wasm_cosf(x[i]);
  return NULL;
}
