/* Concat of float32 tensors along any axis: each input is a row-major [outer, width] matrix
 * copied into its columns of the output [outer, Σ widths]. */
#include "args.h"
#include "kernels.h"

/* concatRows(heap, src, out, outer, width, outWidth, column): out[o, column + j] = src[o, j] for
 * o < outer, j < width: one input of a concatenation, as rows of a row-major matrix. */
napi_value sous_concat_rows(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 6, &args)) return NULL;
  const float *src = F32(args, 0);
  float *out = F32(args, 1);
  const int64_t outer = args.ints[2], width = args.ints[3], outWidth = args.ints[4], column = args.ints[5];
#pragma omp parallel for schedule(static) if (outer * width >= (1 << 17))
  for (int64_t o = 0; o < outer; o++) {
    const float *from = src + o * width;
    float *to = out + o * outWidth + column;
    for (int64_t j = 0; j < width; j++) to[j] = from[j];
  }
  return NULL;
}
