/* One Adam(W) update of one variable (runtime/src/optim/adam.ts has the rule, PyTorch's): the
 * moments in place, the new weights into `out`. The same float32 operations in the same order as
 * adam.ts's host loop and tensor ops (no contraction: the build's -std=c11 keeps a·b + c as two
 * roundings; sqrtf and / are correctly rounded), so all three give the same bits. */
#include <math.h>
#include <omp.h>
#include "args.h"
#include "kernels.h"

typedef struct {
  float keep, penalty, beta1, oneMinusBeta1, beta2, oneMinusBeta2, correction2Sqrt, eps, stepSize;
} adam_step;

/* Elements first..last. `decay` and `l2` are constant over the loop: each combination is its own
 * vectorised loop (a branch inside one `omp parallel for simd` loop left it scalar, ~3× slower). */
static inline void adam_range(int64_t first, int64_t last, const float *param, const float *grad, float *m, float *v,
                              float *out, const adam_step s, const int decay, const int l2) {
#pragma omp simd
  for (int64_t i = first; i < last; i++) {
    float p = param[i], g = grad[i];
    if (decay) p = p * s.keep;
    if (l2) g = g + param[i] * s.penalty;
    float mi = m[i] * s.beta1 + g * s.oneMinusBeta1;
    float vi = v[i] * s.beta2 + (g * g) * s.oneMinusBeta2;
    float denom = sqrtf(vi) / s.correction2Sqrt + s.eps;
    m[i] = mi;
    v[i] = vi;
    out[i] = p - (mi / denom) * s.stepSize;
  }
}

static void adam_range_of(int64_t first, int64_t last, const float *param, const float *grad, float *m, float *v,
                          float *out, const adam_step s) {
  int decay = s.keep != 1.0f, l2 = s.penalty != 0.0f;
  if (decay && l2) adam_range(first, last, param, grad, m, v, out, s, 1, 1);
  else if (decay) adam_range(first, last, param, grad, m, v, out, s, 1, 0);
  else if (l2) adam_range(first, last, param, grad, m, v, out, s, 0, 1);
  else adam_range(first, last, param, grad, m, v, out, s, 0, 0);
}

/* adamUpdate(heap, count, param, grad, m, v, out, keep, penalty, beta1, oneMinusBeta1, beta2,
 * oneMinusBeta2, correction2Sqrt, eps, stepSize): the constants are float32 values (adam.ts's Step). */
napi_value sous_adam_update(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 15, &args)) return NULL;
  int64_t count = args.ints[0];
  const float *param = F32(args, 1), *grad = F32(args, 2);
  float *m = F32(args, 3), *v = F32(args, 4), *out = F32(args, 5);
  const adam_step s = {(float)args.numbers[6],  (float)args.numbers[7],  (float)args.numbers[8],
                       (float)args.numbers[9],  (float)args.numbers[10], (float)args.numbers[11],
                       (float)args.numbers[12], (float)args.numbers[13], (float)args.numbers[14]};
  if (count < PARALLEL_MIN_ELEMENTS) {
    adam_range_of(0, count, param, grad, m, v, out, s);
    return NULL;
  }
#pragma omp parallel
  {
    int64_t threads = omp_get_num_threads(), t = omp_get_thread_num();
    adam_range_of(count * t / threads, count * (t + 1) / threads, param, grad, m, v, out, s);
  }
  return NULL;
}
