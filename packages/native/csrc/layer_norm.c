/* LayerNorm over rows and its gradient (models/src/layers/layer-norm.ts has the formulas):
 *   x̂ = (x − mean)/√(var + eps), y = x̂·w + b;   g = dy·w,
 *   dx = (g − mean(g) − x̂·mean(g·x̂))/√(var + eps), dw = Σ_rows dy·x̂, db = Σ_rows dy.
 * Sums are accumulated in double: rows are short and this keeps results within float rounding. */
#include <omp.h>
#include <stdlib.h>
#include "args.h"
#include "kernels.h"

/* Rows are shared out over the threads from this many elements, well below the elementwise
 * kernels' PARALLEL_MIN_ELEMENTS: a row costs about 3 ns an element (its sums are chains of
 * double additions), so a decoding step's 128 × 128 is 50 µs on one thread. Each row is one
 * thread's, so the split changes no bits. */
#define LAYER_NORM_PARALLEL_MIN_ELEMENTS (1 << 12)

/* y, x̂ and 1/σ of every row of x [rows, width] */
void layer_norm_rows(const float *x, const float *w, const float *b, int64_t rows, int64_t width, float eps, float *y,
                     float *xHat, float *inverseStd) {
#pragma omp parallel for schedule(static) if (rows * width >= LAYER_NORM_PARALLEL_MIN_ELEMENTS)
  for (int64_t r = 0; r < rows; r++) {
    const float *xr = x + r * width;
    double sum = 0;
    for (int64_t j = 0; j < width; j++) sum += xr[j];
    float mean = (float)(sum / width);
    double squares = 0;
    for (int64_t j = 0; j < width; j++) {
      float c = xr[j] - mean;
      squares += (double)c * c;
    }
    float inv = 1.0f / __builtin_sqrtf((float)(squares / width) + eps);
    inverseStd[r] = inv;
    float *hr = xHat + r * width, *yr = y + r * width;
    for (int64_t j = 0; j < width; j++) {
      hr[j] = (xr[j] - mean) * inv;
      yr[j] = hr[j] * w[j] + b[j];
    }
  }
}

/* layerNorm(heap, x, w, b, rows, width, eps, y, xHat, inverseStd) */
napi_value sous_layer_norm(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 9, &args)) return NULL;
  layer_norm_rows(F32(args, 0), F32(args, 1), F32(args, 2), args.ints[3], args.ints[4], (float)args.numbers[5],
                  F32(args, 6), F32(args, 7), F32(args, 8));
  return NULL;
}

/* layerNormGrad(heap, dy, xHat, inverseStd, w, rows, width, dx, dw, db) */
napi_value sous_layer_norm_grad(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 9, &args)) return NULL;
  const float *dy = F32(args, 0), *xHat = F32(args, 1), *inverseStd = F32(args, 2), *w = F32(args, 3);
  int64_t rows = args.ints[4], width = args.ints[5];
  float *dx = F32(args, 6), *dw = F32(args, 7), *db = F32(args, 8);
  /* dx row by row; dw and db summed by each thread over its rows, then the threads' sums added
   * in thread order (so that the result does not depend on which thread finishes first). */
  int threads = rows * width >= PARALLEL_MIN_ELEMENTS ? omp_get_max_threads() : 1;
  float *partial = calloc((size_t)(threads * 2 * width), sizeof(float));
  if (!partial) {
    napi_throw_error(env, NULL, "layerNormGrad: out of memory");
    return NULL;
  }
#pragma omp parallel num_threads(threads)
  {
    float *pw = partial + omp_get_thread_num() * 2 * width, *pb = pw + width;
#pragma omp for schedule(static)
    for (int64_t r = 0; r < rows; r++) {
      const float *dyr = dy + r * width, *hr = xHat + r * width;
      double sumG = 0, sumGH = 0;
      for (int64_t j = 0; j < width; j++) {
        float g = dyr[j] * w[j];
        sumG += g;
        sumGH += (double)g * hr[j];
        pw[j] += dyr[j] * hr[j];
        pb[j] += dyr[j];
      }
      float meanG = (float)(sumG / width), meanGH = (float)(sumGH / width), inv = inverseStd[r];
      float *dxr = dx + r * width;
      for (int64_t j = 0; j < width; j++) dxr[j] = (dyr[j] * w[j] - meanG - hr[j] * meanGH) * inv;
    }
  }
  for (int64_t j = 0; j < width; j++) dw[j] = db[j] = 0.0f;
  for (int t = 0; t < threads; t++) {
    for (int64_t j = 0; j < width; j++) {
      dw[j] += partial[t * 2 * width + j];
      db[j] += partial[t * 2 * width + width + j];
    }
  }
  free(partial);
  return NULL;
}
