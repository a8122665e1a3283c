/* SiLU and its gradient, one pass each (silu.h has the formulas; core/src/silu.ts the kit's op).
 * Not a replacement for tfjs's Sigmoid: wasm's (XNNPACK's) rounds differently, and a native Sigmoid
 * changed the examples that use softplus. SiLU's own rounding is silu.h's (the diffusion examples'
 * last bits are this kernel's). */
#include "args.h"
#include "kernels.h"
#include "silu.h"

/* silu(heap, x, y, count): y = x·σ(x) */
napi_value sous_silu(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 3, &args)) return NULL;
  silu_values(F32(args, 0), F32(args, 1), args.ints[2]);
  return NULL;
}

/* siluGrad(heap, x, dy, dx, count): dx = dy·σ(x)·(1 + x·(1 − σ(x))) */
napi_value sous_silu_grad(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 4, &args)) return NULL;
  silu_slopes_times(F32(args, 0), F32(args, 1), F32(args, 2), args.ints[3]);
  return NULL;
}
