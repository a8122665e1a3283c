/* A dense layer with SiLU, one kernel each way: y = silu(x @ w + b) and its gradients. They make
 * the same products (gemm.c's gemm_products, with the arguments the kit's unfused linear and its
 * gradient pass: dy @ wᵀ, xᵀ @ dy and 1ᵀ @ dy) and the same activation (silu.h) as the unfused
 * layer, so their numbers are its numbers bit for bit; what they save is the tfjs kernel calls. */
#include <stdlib.h>
#include "args.h"
#include "kernels.h"
#include "silu.h"

/* linearSilu(heap, rows, in, out, x [rows, in], w [in, out], b [out], pre [rows, out], y [rows, out]):
 * pre = x @ w + b, y = silu(pre) */
napi_value sous_linear_silu(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 8, &args)) return NULL;
  int64_t rows = args.ints[0], in = args.ints[1], out = args.ints[2];
  float *pre = F32(args, 6);
  gemm_products(1, rows, out, in, F32(args, 3), 0, F32(args, 4), 0, pre, 0, 0, F32(args, 5), out);
  silu_values(pre, F32(args, 7), rows * out);
  return NULL;
}

/* linearSiluGrad(heap, rows, in, out, dy [rows, out], x, w, pre, dx [rows, in], dw [in, out], db [out]) */
napi_value sous_linear_silu_grad(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 10, &args)) return NULL;
  int64_t rows = args.ints[0], in = args.ints[1], out = args.ints[2];
  const float *dy = F32(args, 3), *x = F32(args, 4), *w = F32(args, 5), *pre = F32(args, 6);
  float *dx = F32(args, 7), *dw = F32(args, 8), *db = F32(args, 9);
  int64_t count = rows * out;
  /* dpre, then a row of ones: the bias gradient is 1ᵀ @ dpre, as the kit's sumRows computes it. */
  float *scratch = malloc((size_t)(count + rows) * sizeof(float));
  if (!scratch) {
    napi_throw_error(env, NULL, "sous native kernel: out of memory for a dense layer's gradient");
    return NULL;
  }
  float *dpre = scratch, *ones = scratch + count;
  silu_slopes_times(pre, dy, dpre, count);
  for (int64_t r = 0; r < rows; r++) ones[r] = 1.0f;
  gemm_products(1, rows, in, out, dpre, 0, w, 0, dx, 0, 1, NULL, 0);
  gemm_products(1, in, out, rows, x, 0, dpre, 0, dw, 1, 0, NULL, 0);
  gemm_products(1, 1, out, rows, ones, 0, dpre, 0, db, 0, 0, NULL, 0);
  free(scratch);
  return NULL;
}
