/* The squared L2 norm of a tensor, for gradient norms (runtime/src/optim/clip.ts): each square
 * rounded to float32 and added to one float32 accumulator from the first element to the last, as
 * tfjs's wasm Square and Sum kernels compute tf.sum(tf.square(x)), so the norms (and the clipping
 * and metrics that use them) keep their bits. The order forbids vectorising a sum, so the threads
 * share out whole tensors instead: each tensor's sum is still one thread's, in order. */
#include "args.h"
#include "kernels.h"

/* Σ x[i]² of one tensor, in order */
static float sum_of_squares(const float *x, int64_t count) {
  float sum = 0.0f;
  for (int64_t i = 0; i < count; i++) {
    float square = x[i] * x[i];
    sum += square;
  }
  return sum;
}

/* sumsOfSquares(heap, out, tensors): tensors is a Float64Array of [offset, count] pairs (byte
 * offsets into the heap); out[t] (float32, in the heap) = Σ x² of tensor t. */
napi_value sous_sums_of_squares(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  void *heap = NULL, *list = NULL;
  size_t bytes = 0, length = 0;
  napi_typedarray_type type;
  double outOffset = 0;
  if (argc != 3 || napi_get_arraybuffer_info(env, argv[0], &heap, &bytes) != napi_ok ||
      napi_get_value_double(env, argv[1], &outOffset) != napi_ok ||
      napi_get_typedarray_info(env, argv[2], &type, &length, &list, NULL, NULL) != napi_ok ||
      type != napi_float64_array || length % 2 != 0) {
    napi_throw_error(env, NULL, "sumsOfSquares: expected the wasm heap, an output offset and [offset, count] pairs");
    return NULL;
  }
  const double *pairs = list;
  float *out = (float *)((char *)heap + (int64_t)outOffset);
  int64_t tensors = (int64_t)length / 2, total = 0;
  for (int64_t t = 0; t < tensors; t++) total += (int64_t)pairs[2 * t + 1];
#pragma omp parallel for schedule(dynamic) if (total >= PARALLEL_MIN_ELEMENTS)
  for (int64_t t = 0; t < tensors; t++)
    out[t] = sum_of_squares((const float *)((char *)heap + (int64_t)pairs[2 * t]), (int64_t)pairs[2 * t + 1]);
  return NULL;
}
