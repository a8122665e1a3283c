/* The log-probability of one target per row under a log-softmax, and its gradient, without the
 * [rows, vocab] log-softmax (objectives/src/token-log-probs.ts has the unfused form):
 *   m = max_v x_v,   s = log Σ_v e^(x_v − m),   picked = (x_t − m) − s  (0 when t is outside [0, vocab)),
 *   dx_v = dy·([v = t] − e^((x_v − m) − s))  (0 when t is outside), as tfjs's logSoftmax computes it.
 * The backward pass recomputes the softmax from the logits, m and the saved s instead of keeping
 * the log-softmax. */
#include <math.h>
#include "args.h"
#include "fast_math.h"
#include "kernels.h"

enum { EXP_BLOCK = 256 };

static inline float row_max(const float *x, int64_t n) {
  float max = x[0];
  for (int64_t v = 1; v < n; v++) max = x[v] > max ? x[v] : max;
  return max;
}

/* tokenLogProb(heap, logits, targets, rows, vocab, picked, logSum) */
napi_value sous_token_log_prob(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 6, &args)) return NULL;
  const float *x = F32(args, 0);
  const int32_t *targets = I32(args, 1);
  int64_t rows = args.ints[2], vocab = args.ints[3];
  float *picked = F32(args, 4), *logSum = F32(args, 5);
#pragma omp parallel for schedule(static) if (rows * vocab >= PARALLEL_MIN_ELEMENTS)
  for (int64_t r = 0; r < rows; r++) {
    const float *xr = x + r * vocab;
    float max = row_max(xr, vocab);
    /* In float, in order, and logf: the rounding of tfjs's Exp (native: fast_expf), Sum and Log
     * kernels, so that the fused form gives the unfused form's numbers bit for bit. The exps are
     * taken a block at a time (vectorised), the in-order sum after. */
    float sum = 0.0f, block[EXP_BLOCK];
    for (int64_t v0 = 0; v0 < vocab; v0 += EXP_BLOCK) {
      int64_t n = vocab - v0 < EXP_BLOCK ? vocab - v0 : EXP_BLOCK;
#pragma omp simd
      for (int64_t j = 0; j < n; j++) block[j] = fast_expf(xr[v0 + j] - max);
      for (int64_t j = 0; j < n; j++) sum += block[j];
    }
    float s = logf(sum);
    logSum[r] = s;
    int32_t t = targets[r];
    picked[r] = t >= 0 && t < vocab ? (xr[t] - max) - s : 0.0f;
  }
  return NULL;
}

/* tokenLogProbGrad(heap, dy, logits, targets, logSum, rows, vocab, dx) */
napi_value sous_token_log_prob_grad(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 7, &args)) return NULL;
  const float *dy = F32(args, 0), *x = F32(args, 1), *logSum = F32(args, 3);
  const int32_t *targets = I32(args, 2);
  int64_t rows = args.ints[4], vocab = args.ints[5];
  float *dx = F32(args, 6);
#pragma omp parallel for schedule(static) if (rows * vocab >= PARALLEL_MIN_ELEMENTS)
  for (int64_t r = 0; r < rows; r++) {
    const float *xr = x + r * vocab;
    float *dxr = dx + r * vocab;
    int32_t t = targets[r];
    if (t < 0 || t >= vocab) {
      for (int64_t v = 0; v < vocab; v++) dxr[v] = 0.0f;
      continue;
    }
    float g = dy[r], max = row_max(xr, vocab), s = logSum[r];
#pragma omp simd
    for (int64_t v = 0; v < vocab; v++) dxr[v] = -g * fast_expf((xr[v] - max) - s);
    dxr[t] += g;
  }
  return NULL;
}
