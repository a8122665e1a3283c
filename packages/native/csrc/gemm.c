/* Matrix products through OpenBLAS: c[i] = op(a[i]) @ op(b[i]) (+ bias) for each batch entry.
 * OpenBLAS runs single-threaded (addon.c); the cores are shared out here with OpenMP, by batch
 * entry or by blocks of rows, so that one thread pool serves every kernel of the addon. */
#include <cblas.h>
#include <omp.h>
#include <string.h>
#include "args.h"
#include "kernels.h"

/* Products smaller than this (multiply-adds) run on one thread: starting a team costs more. */
#ifndef PARALLEL_MIN_WORK
#define PARALLEL_MIN_WORK (1 << 18)
#endif

static void product(int transA, int transB, int64_t m, int64_t n, int64_t k, const float *a, int lda,
                    const float *b, int ldb, const float *bias, int64_t biasLength, float *c) {
  float beta = 0.0f;
  if (bias) {
    /* c starts as the bias (one value per column, or one for all) and the product is added. */
    for (int64_t r = 0; r < m; r++) {
      if (biasLength == n) memcpy(c + r * n, bias, (size_t)n * sizeof(float));
      else for (int64_t j = 0; j < n; j++) c[r * n + j] = bias[0];
    }
    beta = 1.0f;
  }
  cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
              (int)m, (int)n, (int)k, 1.0f, a, lda, b, ldb, beta, c, (int)n);
}

/* c[i] = op(a[i]) @ op(b[i]) (+ bias) for i < batch (strides in floats, 0 repeats a matrix): the
 * products of every kernel here go through this, so that equal arguments give equal bits. */
void gemm_products(int64_t batch, int64_t m, int64_t n, int64_t k, const float *a, int64_t aStride, const float *b,
                   int64_t bStride, float *c, int transA, int transB, const float *bias, int64_t biasLength) {
  int lda = transA ? (int)m : (int)k, ldb = transB ? (int)k : (int)n;
  int parallel = batch * m * n * k >= PARALLEL_MIN_WORK;
  if (batch > 1) {
#pragma omp parallel for schedule(static) if (parallel)
    for (int64_t i = 0; i < batch; i++)
      product(transA, transB, m, n, k, a + i * aStride, lda, b + i * bStride, ldb, bias, biasLength, c + i * m * n);
    return;
  }
  /* One product: each thread computes a block of rows of c (rows of a, or columns when transposed). */
  int blocks = parallel ? omp_get_max_threads() : 1;
  if (blocks > m) blocks = (int)m;
#pragma omp parallel for schedule(static) if (blocks > 1)
  for (int block = 0; block < blocks; block++) {
    int64_t first = m * block / blocks, last = m * (block + 1) / blocks;
    const float *aBlock = transA ? a + first : a + first * k;
    product(transA, transB, last - first, n, k, aBlock, lda, b, ldb, bias, biasLength, c + first * n);
  }
}

/* gemm(heap, batch, m, n, k, a, aStride, b, bStride, c, transposeA, transposeB, bias|-1, biasLength) */
napi_value sous_gemm(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 13, &args)) return NULL;
  gemm_products(args.ints[0], args.ints[1], args.ints[2], args.ints[3], F32(args, 4), args.ints[5], F32(args, 6),
                args.ints[7], F32(args, 8), (int)args.ints[9], (int)args.ints[10],
                args.ints[11] >= 0 ? F32(args, 11) : NULL, args.ints[12]);
  return NULL;
}
