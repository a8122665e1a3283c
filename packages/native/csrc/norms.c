/* The squared L2 norm of a tensor, for gradient norms (runtime/src/optim/clip.ts): each square
 * rounded to float32 and added to one float32 accumulator from the first element to the last, as
 * tfjs's wasm Square and Sum kernels compute tf.sum(tf.square(x)), so the norms (and the clipping
 * and metrics that use them) keep their bits. The order forbids vectorising the sum: what this
 * saves is two tfjs kernel calls per variable and step, not arithmetic. */
#include "args.h"
#include "kernels.h"

/* sumOfSquares(heap, x, count) → Σ x[i]² (a float32 value) */
napi_value sous_sum_of_squares(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 2, &args)) return NULL;
  const float *x = F32(args, 0);
  int64_t count = args.ints[1];
  float sum = 0.0f;
  for (int64_t i = 0; i < count; i++) {
    float square = x[i] * x[i];
    sum += square;
  }
  napi_value result;
  napi_create_double(env, (double)sum, &result);
  return result;
}
