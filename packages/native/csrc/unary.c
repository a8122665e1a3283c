/* Elementwise unary float32 kernels: Sin and Cos by libm's sinf/cosf, within an ulp of the exact
 * value (wasm's take 8× longer). Square and Neg were tried and left to wasm: no faster there. */
#include <math.h>
#include "args.h"
#include "kernels.h"

enum { UNARY_SIN = 0, UNARY_COS = 1 };

/* unary(heap, x, out, count, op) */
napi_value sous_unary(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 4, &args)) return NULL;
  const float *restrict x = F32(args, 0);
  float *restrict out = F32(args, 1);
  const int64_t count = args.ints[2];
  switch (args.ints[3]) {
    case UNARY_SIN:
#pragma omp parallel for schedule(static) if (count >= PARALLEL_MIN_ELEMENTS / 8)
      for (int64_t i = 0; i < count; i++) out[i] = sinf(x[i]);
      break;
    case UNARY_COS:
#pragma omp parallel for schedule(static) if (count >= PARALLEL_MIN_ELEMENTS / 8)
      for (int64_t i = 0; i < count; i++) out[i] = cosf(x[i]);
      break;
    default:
      napi_throw_range_error(env, NULL, "unary: unknown operation");
  }
  return NULL;
}
