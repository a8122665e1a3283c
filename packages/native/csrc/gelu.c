/* GELU and its derivative in one pass each (models/src/layers/gelu.ts has the formulas):
 *   exact: y = x·Φ(x) = ½x(1 + erf(x/√2)),            y' = Φ(x) + x·φ(x)
 *   tanh:  y = ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³), y' = ½(1 + tanh u) + ½x(1 − tanh²u)·u'  */
#include "args.h"
#include "fast_math.h"
#include "kernels.h"

#define SQRT1_2 0.70710678118654752f
#define INV_SQRT_2PI 0.39894228040143268f
#define SQRT_2_OVER_PI 0.79788456080286536f

/* y = gelu(x) for `count` floats, the tanh form or the exact one */
void gelu_values(const float *x, float *y, int64_t count, int tanhForm) {
  if (tanhForm) {
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
    for (int64_t i = 0; i < count; i++) {
      float v = x[i];
      y[i] = 0.5f * v * (1.0f + fast_tanhf(SQRT_2_OVER_PI * (v + 0.044715f * v * v * v)));
    }
  } else {
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
    for (int64_t i = 0; i < count; i++) y[i] = 0.5f * x[i] * (1.0f + fast_erff(x[i] * SQRT1_2));
  }
}

/* gelu(heap, x, out, count, tanhForm) */
napi_value sous_gelu(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 4, &args)) return NULL;
  gelu_values(F32(args, 0), F32(args, 1), args.ints[2], (int)args.ints[3]);
  return NULL;
}

/* geluGrad(heap, x, dy, dx, count, tanhForm): dx = dy·gelu'(x) */
napi_value sous_gelu_grad(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 5, &args)) return NULL;
  const float *x = F32(args, 0), *dy = F32(args, 1);
  float *dx = F32(args, 2);
  int64_t count = args.ints[3];
  if (args.ints[4]) {
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
    for (int64_t i = 0; i < count; i++) {
      float v = x[i];
      float t = fast_tanhf(SQRT_2_OVER_PI * (v + 0.044715f * v * v * v));
      float du = SQRT_2_OVER_PI * (1.0f + 3.0f * 0.044715f * v * v);
      dx[i] = dy[i] * (0.5f * (1.0f + t) + 0.5f * v * (1.0f - t * t) * du);
    }
  } else {
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
    for (int64_t i = 0; i < count; i++) {
      float v = x[i];
      float cdf = 0.5f * (1.0f + fast_erff(v * SQRT1_2));
      dx[i] = dy[i] * (cdf + v * INV_SQRT_2PI * fast_expf(-0.5f * v * v));
    }
  }
  return NULL;
}
