/* Matrix products through OpenBLAS: c[i] = op(a[i]) @ op(b[i]) (+ bias) for each batch entry.
 * OpenBLAS runs single-threaded (addon.c); the cores are shared out here with OpenMP, by batch
 * entry or by blocks of rows (or of columns), so that one thread pool serves every kernel of the
 * addon. */
#include <cblas.h>
#include <math.h>
#include <omp.h>
#include <string.h>
#include "args.h"
#include "kernels.h"

/* Products smaller than this (multiply-adds) run on one thread: starting a team costs more. */
#ifndef PARALLEL_MIN_WORK
#define PARALLEL_MIN_WORK (1 << 18)
#endif

/* Two shortcuts below give OpenBLAS's own bits faster. Both follow the blocking of the library they
 * were read from and tested on (native-kernels.test.ts compares them with cblas_sgemm bit for bit):
 * OpenBLAS 0.3.21 (driver/level3/level3.c, param.h) with its SkylakeX or its Zen kernels. Elsewhere
 * every product is cblas_sgemm's, as before. On its blocked path OpenBLAS cuts k into chunks of
 * `chunk` rows (GEMM_Q), halving the last two (rounded up to GEMM_UNROLL_M, `unroll`) when fewer
 * than 2·chunk remain; a one-row product sums each chunk as one multiply-add chain from zero and
 * adds it to the total. */
typedef struct {
  int chunk, unroll;
  /* Products of up to this many multiply-adds go to small-matrix kernels instead (SkylakeX's
   * sgemm_small_kernel_permit_skylakex.c takes up to 100³; Zen has none in 0.3.21). */
  double smallProducts;
  /* Whether an element of c keeps its bits however c is cut into blocks. True of SkylakeX's
   * kernels (one chain per element); Zen's round an element differently depending on where the
   * product is cut (measured: a few percent of elements), so Zen keeps the row blocks it always had. */
  int cutFree;
} blas_blocking;

static const blas_blocking SKYLAKEX_BLOCKING = {448, 16, 1e6, 1}, ZEN_BLOCKING = {320, 8, 0, 0};

/* The blocking of the OpenBLAS in use, or NULL when it is not one of the above. */
static const blas_blocking *known_blocking(void) {
  static const blas_blocking *known;
  static int looked;
  if (!looked) {
    const char *core = openblas_get_corename();
    if (strncmp(openblas_get_config(), "OpenBLAS 0.3.21 ", 16) == 0)
      known = strcmp(core, "SkylakeX") == 0 ? &SKYLAKEX_BLOCKING : strcmp(core, "Zen") == 0 ? &ZEN_BLOCKING : NULL;
    looked = 1;
  }
  return known;
}

/* Whether OpenBLAS computes an m × n × k product on its blocked path. */
static int blocked(const blas_blocking *blocking, int64_t m, int64_t n, int64_t k) {
  return (double)m * (double)n * (double)k > blocking->smallProducts;
}

/* Columns a thread sums at once: the running sums stay in L1. */
#define ROW_PRODUCT_TILE 512

/* c [n] = a [k] @ b [k, n] as OpenBLAS's blocked path computes it: per chunk of k a fused
 * multiply-add chain from zero for each column, added to the column's total. OpenBLAS packs all of b
 * for this one row, on one thread (5.5 ms for the 6016 × 512 bias gradient of grpo-tiny's MLP on
 * SkylakeX); here b is read once, row by row, its columns shared out over the threads (0.7 ms). */
static void one_row_product(const blas_blocking *blocking, int64_t n, int64_t k, const float *a, const float *b,
                            float *c) {
  const int64_t chunk = blocking->chunk, unroll = blocking->unroll;
  int threads = n * k >= PARALLEL_MIN_WORK ? omp_get_max_threads() : 1;
#pragma omp parallel for schedule(static) if (threads > 1)
  for (int part = 0; part < threads; part++) {
    int64_t partEnd = n * (part + 1) / threads;
    for (int64_t first = n * part / threads; first < partEnd; first += ROW_PRODUCT_TILE) {
      int64_t width = partEnd - first < ROW_PRODUCT_TILE ? partEnd - first : ROW_PRODUCT_TILE;
      float chunkSums[ROW_PRODUCT_TILE];
      for (int64_t j = 0; j < width; j++) c[first + j] = 0.0f;
      for (int64_t start = 0, rows; start < k; start += rows) {
        rows = k - start;
        if (rows >= 2 * chunk) rows = chunk;
        else if (rows > chunk) rows = (rows / 2 + unroll - 1) / unroll * unroll;
        for (int64_t j = 0; j < width; j++) chunkSums[j] = 0.0f;
        for (int64_t r = start; r < start + rows; r++) {
          const float *row = b + r * n + first;
#pragma omp simd
          for (int64_t j = 0; j < width; j++) chunkSums[j] = fmaf(a[r], row[j], chunkSums[j]);
        }
        for (int64_t j = 0; j < width; j++) c[first + j] += chunkSums[j];
      }
    }
  }
}

/* c [m, n] (rows ldc apart) = op(a) @ op(b) (+ bias) */
static void product(int transA, int transB, int64_t m, int64_t n, int64_t k, const float *a, int lda,
                    const float *b, int ldb, const float *bias, int64_t biasLength, float *c, int64_t ldc) {
  float beta = 0.0f;
  if (bias) {
    /* c starts as the bias (one value per column, or one for all) and the product is added. */
    for (int64_t r = 0; r < m; r++) {
      if (biasLength == n) memcpy(c + r * ldc, bias, (size_t)n * sizeof(float));
      else for (int64_t j = 0; j < n; j++) c[r * ldc + j] = bias[0];
    }
    beta = 1.0f;
  }
  cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
              (int)m, (int)n, (int)k, 1.0f, a, lda, b, ldb, beta, c, (int)ldc);
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
      product(transA, transB, m, n, k, a + i * aStride, lda, b + i * bStride, ldb, bias, biasLength, c + i * m * n, n);
    return;
  }
  const blas_blocking *blocking = known_blocking();
  if (m == 1 && !transA && !transB && !bias && blocking && blocked(blocking, 1, n, k)) {
    one_row_product(blocking, n, k, a, b, c);
    return;
  }
  /* One product: each thread computes a block of rows of c (rows of a, or columns when transposed). */
  int threads = parallel ? omp_get_max_threads() : 1;
  int blocks = threads < m ? threads : (int)m;
  /* A weight gradient xᵀ @ dy wider than tall (a layer that widens) is cut into blocks of columns:
   * each thread then packs its half of the long dy instead of all of it (5–8% on grpo-tiny's and
   * grpo-small's wide layers; slower on the short products of decoding, which keep rows). Every
   * element keeps its bits as long as every block, either way, takes OpenBLAS's blocked path; the
   * small-matrix kernels agreed too where tried, but nothing pins them, so those keep their rows. */
  int columnBlocks = threads < n ? threads : (int)n;
  if (transA && !bias && n > m && columnBlocks > 1 && blocking && blocking->cutFree &&
      blocked(blocking, m / blocks, n, k) && blocked(blocking, m, n / columnBlocks, k)) {
#pragma omp parallel for schedule(static)
    for (int block = 0; block < columnBlocks; block++) {
      int64_t first = n * block / columnBlocks, last = n * (block + 1) / columnBlocks;
      const float *bBlock = transB ? b + first * k : b + first;
      product(transA, transB, m, last - first, k, a, lda, bBlock, ldb, NULL, 0, c + first, n);
    }
    return;
  }
#pragma omp parallel for schedule(static) if (blocks > 1)
  for (int block = 0; block < blocks; block++) {
    int64_t first = m * block / blocks, last = m * (block + 1) / blocks;
    const float *aBlock = transA ? a + first : a + first * k;
    product(transA, transB, last - first, n, k, aBlock, lda, b, ldb, bias, biasLength, c + first * n, n);
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
