/* Matrix products through OpenBLAS: c[i] = op(a[i]) @ op(b[i]) (+ bias) for each batch entry. */
#include <cblas.h>
#include <string.h>
#include "args.h"
#include "kernels.h"

/* gemm(heap, batch, m, n, k, a, aStride, b, bStride, c, transposeA, transposeB, bias|-1) */
napi_value sous_gemm(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 12, &args)) return NULL;
  int64_t batch = args.ints[0], m = args.ints[1], n = args.ints[2], k = args.ints[3];
  const float *a = F32(args, 4), *b = F32(args, 6);
  int64_t aStride = args.ints[5], bStride = args.ints[7];
  float *c = F32(args, 8);
  int transA = (int)args.ints[9], transB = (int)args.ints[10];
  const float *bias = args.ints[11] >= 0 ? F32(args, 11) : NULL;
  int lda = transA ? (int)m : (int)k, ldb = transB ? (int)k : (int)n;
  for (int64_t i = 0; i < batch; i++) {
    float *ci = c + i * m * n;
    float beta = 0.0f;
    if (bias) {
      for (int64_t r = 0; r < m; r++) memcpy(ci + r * n, bias, (size_t)n * sizeof(float));
      beta = 1.0f;
    }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                (int)m, (int)n, (int)k, 1.0f, a + i * aStride, lda, b + i * bStride, ldb, beta, ci, (int)n);
  }
  return NULL;
}
