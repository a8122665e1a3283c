/* Argument helpers shared by the kernels: every kernel takes the wasm heap (an ArrayBuffer) first,
 * then byte offsets into it and integer sizes. */
#ifndef SOUS_ARGS_H
#define SOUS_ARGS_H
#include <node_api.h>
#include <stdint.h>

#define SOUS_MAX_ARGS 32

/* Elementwise kernels shorter than this run on one thread: starting a team costs more. */
#ifndef PARALLEL_MIN_ELEMENTS
#define PARALLEL_MIN_ELEMENTS (1 << 15)
#endif

typedef struct {
  char *heap;
  int64_t ints[SOUS_MAX_ARGS];
  double numbers[SOUS_MAX_ARGS];
} kernel_args;

/* Reads heap + `count` numbers; throws a JS error and returns 0 when the call is malformed. */
static inline int read_kernel_args(napi_env env, napi_callback_info info, size_t count, kernel_args *out) {
  size_t argc = SOUS_MAX_ARGS + 1;
  napi_value argv[SOUS_MAX_ARGS + 1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  void *data = NULL;
  size_t bytes = 0;
  if (argc != count + 1 || napi_get_arraybuffer_info(env, argv[0], &data, &bytes) != napi_ok) {
    napi_throw_error(env, NULL, "sous native kernel: expected the wasm heap and its numeric arguments");
    return 0;
  }
  out->heap = (char *)data;
  for (size_t i = 0; i < count; i++) {
    if (napi_get_value_double(env, argv[i + 1], &out->numbers[i]) != napi_ok) {
      napi_throw_type_error(env, NULL, "sous native kernel: arguments must be numbers");
      return 0;
    }
    out->ints[i] = (int64_t)out->numbers[i];
  }
  return 1;
}

#define F32(args, i) ((float *)((args).heap + (args).ints[i]))
#define I32(args, i) ((int32_t *)((args).heap + (args).ints[i]))

#endif
