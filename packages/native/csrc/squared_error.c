/* The DSM loss's weighted squared error (diffusion/src/dsm.ts) and its gradient, one kernel each:
 *   error = x − target,  loss = mean_r(w_r · Σ_j error_rj²) / width
 *   dx = ((dy / width) / rows) · w_r · (error · 2)
 * in the float32 operations, and the order, of the tfjs ops they replace (Sub, Square, Sum over a
 * row, Multiply, Mean, RealDiv; RealDiv, RealDiv, Multiply, Multiply, Multiply): wasm's Sum and
 * Mean add from 0, first to last, and Mean divides the sum by the count; so the same bits (tested
 * against the ops). What it saves is nine tfjs kernel calls a step. */
#include "args.h"
#include "kernels.h"

/* weightedSquaredError(heap, x, target, weight, rows, width, loss, error) */
napi_value sous_weighted_squared_error(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 7, &args)) return NULL;
  const float *x = F32(args, 0), *target = F32(args, 1), *weight = F32(args, 2);
  int64_t rows = args.ints[3], width = args.ints[4];
  float *loss = F32(args, 5), *error = F32(args, 6);
  float total = 0.0f;
  for (int64_t r = 0; r < rows; r++) {
    float rowSum = 0.0f;
    for (int64_t j = 0; j < width; j++) {
      float e = x[r * width + j] - target[r * width + j];
      error[r * width + j] = e;
      float square = e * e;
      rowSum += square;
    }
    float weighted = weight[r] * rowSum;
    total += weighted;
  }
  float mean = total / (float)rows;
  loss[0] = mean / (float)width;
  return NULL;
}

/* weightedSquaredErrorGrad(heap, dy, error, weight, rows, width, dx) */
napi_value sous_weighted_squared_error_grad(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 6, &args)) return NULL;
  const float *dy = F32(args, 0), *error = F32(args, 1), *weight = F32(args, 2);
  int64_t rows = args.ints[3], width = args.ints[4];
  float *dx = F32(args, 5);
  float perElement = dy[0] / (float)width;
  float perRow = perElement / (float)rows;
  for (int64_t r = 0; r < rows; r++) {
    float scale = perRow * weight[r];
    for (int64_t j = 0; j < width; j++) {
      float doubled = error[r * width + j] * 2.0f;
      dx[r * width + j] = scale * doubled;
    }
  }
  return NULL;
}
