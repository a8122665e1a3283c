/* Elementwise float32 kernels over whole tensors of one shape (broadcasting stays with wasm). */
#include "args.h"
#include "fast_math.h"
#include "kernels.h"

enum { OP_ADD = 0, OP_SUB = 1, OP_MUL = 2 };

/* binary(heap, a, b, out, count, op) */
napi_value sous_binary(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 5, &args)) return NULL;
  const float *a = F32(args, 0), *b = F32(args, 1);
  float *out = F32(args, 2);
  int64_t count = args.ints[3];
  switch (args.ints[4]) {
    case OP_ADD:
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
      for (int64_t i = 0; i < count; i++) out[i] = a[i] + b[i];
      break;
    case OP_SUB:
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
      for (int64_t i = 0; i < count; i++) out[i] = a[i] - b[i];
      break;
    case OP_MUL:
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
      for (int64_t i = 0; i < count; i++) out[i] = a[i] * b[i];
      break;
    default:
      napi_throw_range_error(env, NULL, "binary: unknown operation");
  }
  return NULL;
}

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
