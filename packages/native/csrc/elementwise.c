/* Elementwise float32 kernels over whole tensors (binary operations: broadcast.c). */
#include "args.h"
#include "fast_math.h"
#include "kernels.h"

/* exp(heap, x, out, count) */
napi_value sous_exp(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 3, &args)) return NULL;
  const float *x = F32(args, 0);
  float *out = F32(args, 1);
  int64_t count = args.ints[2];
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
  for (int64_t i = 0; i < count; i++) out[i] = fast_expf(x[i]);
  return NULL;
}
