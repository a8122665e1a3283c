/* Row gather: out[i, :] = table[ids[i], :] (GatherV2 on axis 0 with no batch dims). */
#include <string.h>
#include "args.h"
#include "kernels.h"

/* gatherRows(heap, table, rows, width, ids, count, out) → true, or false (nothing written) when an
 * id is outside [0, rows): the caller then runs the wasm kernel, which reports it. */
napi_value sous_gather_rows(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 6, &args)) return NULL;
  const float *table = F32(args, 0);
  int64_t rows = args.ints[1], width = args.ints[2], count = args.ints[4];
  const int32_t *ids = I32(args, 3);
  float *out = F32(args, 5);
  napi_value result;
  for (int64_t i = 0; i < count; i++) {
    if (ids[i] < 0 || ids[i] >= rows) {
      napi_get_boolean(env, false, &result);
      return result;
    }
  }
  for (int64_t i = 0; i < count; i++) memcpy(out + i * width, table + (int64_t)ids[i] * width, (size_t)width * sizeof(float));
  napi_get_boolean(env, true, &result);
  return result;
}
