/* One Adam(W) update of one variable (runtime/src/optim/adam.ts has the rule, PyTorch's): the
 * moments in place, the new weights into `out`. The same float32 operations in the same order as
 * adam.ts's host loop and tensor ops (no contraction: the build's -std=c11 keeps a·b + c as two
 * roundings; sqrtf and / are correctly rounded), so all three give the same bits. */
#include <math.h>
#include "args.h"
#include "kernels.h"

/* adamUpdate(heap, count, param, grad, m, v, out, keep, penalty, beta1, oneMinusBeta1, beta2,
 * oneMinusBeta2, correction2Sqrt, eps, stepSize): the constants are float32 values (adam.ts's Step). */
napi_value sous_adam_update(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 15, &args)) return NULL;
  int64_t count = args.ints[0];
  const float *param = F32(args, 1), *grad = F32(args, 2);
  float *m = F32(args, 3), *v = F32(args, 4), *out = F32(args, 5);
  const float keep = (float)args.numbers[6], penalty = (float)args.numbers[7], beta1 = (float)args.numbers[8],
              oneMinusBeta1 = (float)args.numbers[9], beta2 = (float)args.numbers[10],
              oneMinusBeta2 = (float)args.numbers[11], correction2Sqrt = (float)args.numbers[12],
              eps = (float)args.numbers[13], stepSize = (float)args.numbers[14];
  const int decay = keep != 1.0f, l2 = penalty != 0.0f;
#pragma omp parallel for simd schedule(static) if (count >= PARALLEL_MIN_ELEMENTS)
  for (int64_t i = 0; i < count; i++) {
    float p = param[i], g = grad[i];
    if (decay) p = p * keep;
    if (l2) g = g + param[i] * penalty;
    float mi = m[i] * beta1 + g * oneMinusBeta1;
    float vi = v[i] * beta2 + (g * g) * oneMinusBeta2;
    float denom = sqrtf(vi) / correction2Sqrt + eps;
    m[i] = mi;
    v[i] = vi;
    out[i] = p - (mi / denom) * stepSize;
  }
  return NULL;
}
