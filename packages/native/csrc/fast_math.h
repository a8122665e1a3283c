/* exp and erf as branch-free polynomials, so that loops over them vectorise (libm's expf/erff are
 * scalar calls). Accuracy: a few float32 ulp on the ranges used (checked in test/native-kernels.test.ts). */
#ifndef SOUS_FAST_MATH_H
#define SOUS_FAST_MATH_H
#include <math.h>
#include <stdint.h>
#include <string.h>

/* e^x: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-6 Taylor polynomial, 2^n built in the
 * exponent bits. Clamped to [-87.3, 88.7] (below: ~1e-38, above: ~FLT_MAX). */
static inline float fast_expf(float x) {
  x = x < -87.3f ? -87.3f : (x > 88.7f ? 88.7f : x);
  /* Round to nearest by adding and subtracting 1.5·2^23 (vectorises, unlike roundf). */
  float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  float r = x - n * 0.693145751953125f;   /* ln2 split in a high part exact in float ... */
  r = r - n * 1.428606765330187045e-06f;  /* ... and the rest */
  float p = 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  int32_t bits = ((int32_t)n + 127) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

/* e^x for x ≤ 0 down into float's subnormal range: fast_expf with 2^n applied as two factors, so
 * that n below −126 still scales correctly (e^−100 ≈ 3.7e−44 rather than a clamp at ~1e−38).
 * Clamped below at −105, where the result rounds to exactly 0; NaN stays NaN. */
static inline float fast_expf_negative(float x) {
  x = x < -105.0f ? -105.0f : (x > 0.0f ? 0.0f : x);
  /* As fast_expf, with the products fused (fmaf: one instruction each with -march=native; the
   * build's -std=c11 otherwise keeps a*b + c as two roundings and two instructions). */
  float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  float r = fmaf(-n, 0.693145751953125f, x);
  r = fmaf(-n, 1.428606765330187045e-06f, r);
  float p = 1.0f / 720.0f;
  p = fmaf(p, r, 1.0f / 120.0f);
  p = fmaf(p, r, 1.0f / 24.0f);
  p = fmaf(p, r, 1.0f / 6.0f);
  p = fmaf(p, r, 0.5f);
  p = fmaf(p, r, 1.0f);
  p = fmaf(p, r, 1.0f);
  int32_t half = (int32_t)n / 2;
  int32_t bits1 = (half + 127) << 23, bits2 = ((int32_t)n - half + 127) << 23;
  float scale1, scale2;
  memcpy(&scale1, &bits1, sizeof scale1);
  memcpy(&scale2, &bits2, sizeof scale2);
  return (p * scale1) * scale2;
}

/* erf(x) as a rational function of x on [-4, 4] (erf is ±1 to float precision beyond): the
 * minimax fit used by Eigen and TensorFlow's CPU kernels. */
static inline float fast_erff(float x) {
  x = x < -4.0f ? -4.0f : (x > 4.0f ? 4.0f : x);
  float x2 = x * x;
  float p = -2.72614225801306e-10f;
  p = p * x2 + 2.77068142495902e-08f;
  p = p * x2 - 2.10102402082508e-06f;
  p = p * x2 - 5.69250639462346e-05f;
  p = p * x2 - 7.34990630326855e-04f;
  p = p * x2 - 2.95459980854025e-03f;
  p = p * x2 - 1.60960333262415e-02f;
  float q = -1.45660718464996e-05f;
  q = q * x2 - 2.13374055278905e-04f;
  q = q * x2 - 1.68282697438203e-03f;
  q = q * x2 - 7.37332916720468e-03f;
  q = q * x2 - 1.42647390514189e-02f;
  return x * p / q;
}

static inline float fast_tanhf(float x) {
  /* tanh(x) = 1 − 2/(e^{2x} + 1), exact enough at both ends after the clamp in fast_expf. */
  return 1.0f - 2.0f / (fast_expf(2.0f * x) + 1.0f);
}

#endif
