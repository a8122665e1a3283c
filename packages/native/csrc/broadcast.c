/* Elementwise binary float32 kernels with numpy broadcasting: Add, Sub, Multiply, RealDiv,
 * SquaredDifference. The caller (src/kernels.ts) collapses the shapes first: dimensions of size 1
 * in the output are dropped and neighbours that broadcast alike are merged, so the last dimension
 * is contiguous in the output and, in each input, either contiguous (stride 1) or repeated
 * (stride 0); two tensors of one shape are one dimension with strides 1 and 1.
 * Every operation is one correctly rounded float32 operation (squared difference: two, a − b then
 * d·d), as in the wasm backend's kernels, so results are bit-identical to them. */
#include <omp.h>
#include "args.h"
#include "kernels.h"

enum { OP_ADD = 0, OP_SUB = 1, OP_MUL = 2, OP_DIV = 3, OP_SQUARED_DIFFERENCE = 4 };
#define MAX_RANK 9
/* Below this many output elements one thread does it all. These loops are memory-bound and short:
 * a team saves ~2 µs on 32k floats on an idle machine but costs ~100 µs once the cores are
 * oversubscribed (kernel-micro.ts at load 6), so the bar is higher than PARALLEL_MIN_ELEMENTS. */
#define BINARY_PARALLEL_MIN (1 << 17)

/* The contiguous run of one row: out[i] = a[i·sa] op b[i·sb], sa, sb ∈ {0, 1}, not both 0. Each
 * case is a loop the compiler vectorises (a repeated operand is a scalar). */
#define ROW_LOOPS(EXPR)                                                         \
  if (sa && sb) {                                                               \
    _Pragma("omp simd") for (int64_t i = 0; i < n; i++) {                      \
      const float x = a[i], y = b[i];                                           \
      out[i] = (EXPR);                                                          \
    }                                                                           \
  } else if (sb) {                                                              \
    const float x = a[0];                                                       \
    _Pragma("omp simd") for (int64_t i = 0; i < n; i++) {                      \
      const float y = b[i];                                                     \
      out[i] = (EXPR);                                                          \
    }                                                                           \
  } else {                                                                      \
    const float y = b[0];                                                       \
    _Pragma("omp simd") for (int64_t i = 0; i < n; i++) {                      \
      const float x = a[i];                                                     \
      out[i] = (EXPR);                                                          \
    }                                                                           \
  }

static void row(int op, const float *restrict a, int64_t sa, const float *restrict b, int64_t sb,
                float *restrict out, int64_t n) {
  switch (op) {
    case OP_ADD:
      ROW_LOOPS(x + y)
      break;
    case OP_SUB:
      ROW_LOOPS(x - y)
      break;
    case OP_MUL:
      ROW_LOOPS(x * y)
      break;
    case OP_DIV:
      ROW_LOOPS(x / y)
      break;
    default: /* OP_SQUARED_DIFFERENCE; the op was checked by the caller */
      ROW_LOOPS((x - y) * (x - y))
      break;
  }
}

/* Rows first..last (indices over every dimension but the last), stepping an odometer. */
static void rows(int op, const float *a, const float *b, float *out, int rank, const int64_t *dims,
                 const int64_t *sa, const int64_t *sb, int64_t first, int64_t last) {
  const int64_t n = dims[rank - 1];
  int64_t index[MAX_RANK] = {0};
  int64_t oa = 0, ob = 0, rest = first;
  for (int d = rank - 2; d >= 0; d--) {
    index[d] = rest % dims[d];
    rest /= dims[d];
    oa += index[d] * sa[d];
    ob += index[d] * sb[d];
  }
  for (int64_t r = first; r < last; r++) {
    row(op, a + oa, sa[rank - 1], b + ob, sb[rank - 1], out + r * n, n);
    for (int d = rank - 2; d >= 0; d--) {
      oa += sa[d];
      ob += sb[d];
      if (++index[d] < dims[d]) break;
      oa -= dims[d] * sa[d];
      ob -= dims[d] * sb[d];
      index[d] = 0;
    }
  }
}

/* broadcastBinary(heap, a, b, out, op, rank, dims[rank], aStrides[rank], bStrides[rank]):
 * strides in floats, 0 on a dimension the operand repeats; the last dimension's are 0 or 1. */
napi_value sous_broadcast_binary(napi_env env, napi_callback_info info) {
  size_t argc = 0;
  napi_get_cb_info(env, info, &argc, NULL, NULL, NULL);
  const int64_t rank = argc >= 6 ? (int64_t)(argc - 6) / 3 : 0;
  if (rank < 1 || rank > MAX_RANK || argc != (size_t)(6 + 3 * rank)) {
    napi_throw_range_error(env, NULL, "broadcastBinary: expected a rank of 1 to 9 and its dims and strides");
    return NULL;
  }
  kernel_args args;
  if (!read_kernel_args(env, info, argc - 1, &args)) return NULL;
  const float *a = F32(args, 0), *b = F32(args, 1);
  float *out = F32(args, 2);
  const int op = (int)args.ints[3];
  const int64_t *dims = args.ints + 5, *sa = dims + rank, *sb = sa + rank;
  if (args.ints[4] != rank || op < OP_ADD || op > OP_SQUARED_DIFFERENCE) {
    napi_throw_range_error(env, NULL, "broadcastBinary: unknown operation or wrong rank");
    return NULL;
  }
  for (int64_t d = 0; d < rank; d++) {
    if (dims[d] < 1 || (d == rank - 1 && (sa[d] > 1 || sb[d] > 1 || sa[d] + sb[d] == 0))) {
      napi_throw_range_error(env, NULL, "broadcastBinary: malformed dims or strides");
      return NULL;
    }
  }
  const int64_t n = dims[rank - 1];
  int64_t count = 1;
  for (int64_t d = 0; d < rank - 1; d++) count *= dims[d];
  if (count * n < BINARY_PARALLEL_MIN) {
    rows(op, a, b, out, (int)rank, dims, sa, sb, 0, count);
  } else if (count == 1) {
    /* One long row: threads share it. */
#pragma omp parallel
    {
      const int64_t threads = omp_get_num_threads(), t = omp_get_thread_num();
      const int64_t first = n * t / threads, last = n * (t + 1) / threads;
      row(op, a + first * sa[0], sa[0], b + first * sb[0], sb[0], out + first, last - first);
    }
  } else {
#pragma omp parallel
    {
      const int64_t threads = omp_get_num_threads(), t = omp_get_thread_num();
      rows(op, a, b, out, (int)rank, dims, sa, sb, count * t / threads, count * (t + 1) / threads);
    }
  }
  return NULL;
}
