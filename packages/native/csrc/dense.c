/* Dense layers, one kernel each way: y = x @ w + b, and y = silu(x @ w + b), with their gradients.
 * They make the same products (gemm.c's gemm_products, with the arguments the kit's unfused linear
 * and its gradient pass: x @ w + b, then dy @ wᵀ, xᵀ @ dy and 1ᵀ @ dy) and the same activation
 * (silu.h) as the unfused layers, so their numbers are theirs bit for bit; what they save is the
 * tfjs kernel calls (and the reshapes around them). */
#include <stdlib.h>
#include "args.h"
#include "kernels.h"
#include "silu.h"

/* y [rows, out] = x [rows, in] @ w [in, out] + b [out] */
void dense_forward(int64_t rows, int64_t in, int64_t out, const float *x, const float *w, const float *b, float *y) {
  gemm_products(1, rows, out, in, x, 0, w, 0, y, 0, 0, b, out);
}

/* linear(heap, rows, in, out, x [rows, in], w [in, out], b [out], y [rows, out]): y = x @ w + b */
napi_value sous_linear(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 7, &args)) return NULL;
  dense_forward(args.ints[0], args.ints[1], args.ints[2], F32(args, 3), F32(args, 4), F32(args, 5), F32(args, 6));
  return NULL;
}

/* linearSilu(heap, rows, in, out, x [rows, in], w [in, out], b [out], pre [rows, out], y [rows, out]):
 * pre = x @ w + b, y = silu(pre) */
napi_value sous_linear_silu(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 8, &args)) return NULL;
  int64_t rows = args.ints[0], in = args.ints[1], out = args.ints[2];
  float *pre = F32(args, 6);
  dense_forward(rows, in, out, F32(args, 3), F32(args, 4), F32(args, 5), pre);
  silu_values(pre, F32(args, 7), rows * out);
  return NULL;
}

/* dx = dpre @ wᵀ, dw = xᵀ @ dpre, db = 1ᵀ @ dpre (a row of ones, as the kit's sumRows computes
 * it). `ones` has `rows` floats of scratch. */
static void dense_gradients(int64_t rows, int64_t in, int64_t out, const float *dpre, const float *x,
                            const float *w, float *dx, float *dw, float *db, float *ones) {
  for (int64_t r = 0; r < rows; r++) ones[r] = 1.0f;
  gemm_products(1, rows, in, out, dpre, 0, w, 0, dx, 0, 1, NULL, 0);
  gemm_products(1, in, out, rows, x, 0, dpre, 0, dw, 1, 0, NULL, 0);
  gemm_products(1, 1, out, rows, ones, 0, dpre, 0, db, 0, 0, NULL, 0);
}

/* Scratch of `count` floats, or NULL with a JavaScript error thrown. */
static float *scratch_floats(napi_env env, int64_t count) {
  float *scratch = malloc((size_t)count * sizeof(float));
  if (!scratch) napi_throw_error(env, NULL, "sous native kernel: out of memory for a dense layer's gradient");
  return scratch;
}

/* linearGrad(heap, rows, in, out, dy [rows, out], x, w, dx [rows, in], dw [in, out], db [out]) */
napi_value sous_linear_grad(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 9, &args)) return NULL;
  int64_t rows = args.ints[0], in = args.ints[1], out = args.ints[2];
  float *ones = scratch_floats(env, rows);
  if (!ones) return NULL;
  dense_gradients(rows, in, out, F32(args, 3), F32(args, 4), F32(args, 5), F32(args, 6), F32(args, 7), F32(args, 8),
                  ones);
  free(ones);
  return NULL;
}

/* linearSiluGrad(heap, rows, in, out, dy [rows, out], x, w, pre, dx [rows, in], dw [in, out], db [out]) */
napi_value sous_linear_silu_grad(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 10, &args)) return NULL;
  int64_t rows = args.ints[0], in = args.ints[1], out = args.ints[2];
  int64_t count = rows * out;
  /* dpre, then the row of ones. */
  float *scratch = scratch_floats(env, count + rows);
  if (!scratch) return NULL;
  silu_slopes_times(F32(args, 6), F32(args, 3), scratch, count);
  dense_gradients(rows, in, out, scratch, F32(args, 4), F32(args, 5), F32(args, 7), F32(args, 8), F32(args, 9),
                  scratch + count);
  free(scratch);
  return NULL;
}
