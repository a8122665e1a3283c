/* Causal multi-head self-attention and its gradient, straight from the fused q|k|v projection:
 * no head split, transpose or concat. Per sequence b and head h (columns h·dh.. of each block):
 *   S = (Q Kᵀ)/√dh over keys at positions ≤ the query's,  P = softmax(S),  O = P V
 * Layouts (row-major): qkv [B·T, 3d] (q | k | v), out [B·T, d], probs [B·H, T, L] (kept for the
 * gradient; masked entries are 0). Decoding attends over a KV cache [B, capacity, d] that it
 * extends in place (sous_attention_decode).
 *
 * Heads of many queries (training, prefill) multiply through OpenBLAS. A head of a few queries
 * (decoding: one) uses loops instead: there a BLAS call's fixed cost is most of the time (a
 * 1 × 47 × 32 product takes 0.7 µs through cblas_sgemm, a quarter of that as a loop). Loops run
 * over contiguous floats so that they vectorise (the dot product through `omp simd reduction`). */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "args.h"
#include "fast_math.h"
#include "kernels.h"

/* Heads with at least this many queries multiply through OpenBLAS. */
#define BLAS_MIN_QUERIES 8

/* Σ a[c]·b[c] in the order GCC 12 compiles this loop to (read in its code for -march=znver3 and
 * -march=skylake-avx512 alike: 8 lanes of 256 bits): lane l sums the products c ≡ l (mod 8) from
 * zero, first to last; a tail of fewer than 8 goes into lane 0; then the lanes are added to zero,
 * lane 0 first. eight_dots below writes that order out. */
static float dot(const float *a, const float *b, int64_t n) {
  float sum = 0.0f;
#pragma omp simd reduction(+ : sum)
  for (int64_t c = 0; c < n; c++) sum += a[c] * b[c];
  return sum;
}

#ifdef __AVX2__
#include <immintrin.h>
/* Eight of dot()'s products at once, with its order written out: each vector's lanes are summed
 * as dot's lanes (products rounded, then added to a zero start, eight apart), and the eight lane
 * merges, which dot() runs one scalar chain each, become eight vector additions of the transposed
 * sums. n is a multiple of 8. scores[i] = scale · dot(a[i], b[i], n). */
static void eight_dots(const float *const a[8], const float *const b[8], int64_t n, float scale, float *scores) {
  __m256 lanes[8];
  for (int i = 0; i < 8; i++) {
    __m256 sum = _mm256_setzero_ps();
    for (int64_t c = 0; c < n; c += 8)
      sum = _mm256_add_ps(sum, _mm256_mul_ps(_mm256_loadu_ps(a[i] + c), _mm256_loadu_ps(b[i] + c)));
    lanes[i] = sum;
  }
  /* Transpose: column l holds lane l of the eight sums. */
  __m256 t0 = _mm256_unpacklo_ps(lanes[0], lanes[1]), t1 = _mm256_unpackhi_ps(lanes[0], lanes[1]),
         t2 = _mm256_unpacklo_ps(lanes[2], lanes[3]), t3 = _mm256_unpackhi_ps(lanes[2], lanes[3]),
         t4 = _mm256_unpacklo_ps(lanes[4], lanes[5]), t5 = _mm256_unpackhi_ps(lanes[4], lanes[5]),
         t6 = _mm256_unpacklo_ps(lanes[6], lanes[7]), t7 = _mm256_unpackhi_ps(lanes[6], lanes[7]);
  __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE),
         u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE),
         u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE),
         u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
  __m256 columns[8] = {
      _mm256_permute2f128_ps(u0, u4, 0x20), _mm256_permute2f128_ps(u1, u5, 0x20),
      _mm256_permute2f128_ps(u2, u6, 0x20), _mm256_permute2f128_ps(u3, u7, 0x20),
      _mm256_permute2f128_ps(u0, u4, 0x31), _mm256_permute2f128_ps(u1, u5, 0x31),
      _mm256_permute2f128_ps(u2, u6, 0x31), _mm256_permute2f128_ps(u3, u7, 0x31),
  };
  __m256 total = _mm256_setzero_ps();
  for (int l = 0; l < 8; l++) total = _mm256_add_ps(total, columns[l]);
  _mm256_storeu_ps(scores, _mm256_mul_ps(_mm256_set1_ps(scale), total));
}
#endif

/* p[h·probsPerHead + j] = scale · dot(q_h, k_j,h) for the visible rows j and heads h (q_h: dh floats
 * at q + h·dh; k_j,h at k + j·ldkv + h·dh), walking the key rows in order. */
static void scores_of_rows(const float *q, const float *k, int64_t ldkv, int64_t visible, int64_t H, int64_t dh,
                           float scale, float *p, int64_t probsPerHead) {
  int64_t count = visible * H, first = 0;
#ifdef __AVX2__
  if (dh % 8 == 0) {
    /* Row j and head h of the next score, advanced by counting rather than dividing. */
    for (int64_t j = 0, h = 0; first + 8 <= count; first += 8) {
      const float *a[8], *b[8];
      float *at[8], scores[8];
      for (int i = 0; i < 8; i++) {
        a[i] = q + h * dh;
        b[i] = k + j * ldkv + h * dh;
        at[i] = p + h * probsPerHead + j;
        if (++h == H) h = 0, j++;
      }
      eight_dots(a, b, dh, scale, scores);
      for (int i = 0; i < 8; i++) *at[i] = scores[i];
    }
  }
#endif
  for (int64_t n = first; n < count; n++) {
    int64_t j = n / H, h = n % H;
    p[h * probsPerHead + j] = scale * dot(q + h * dh, k + j * ldkv + h * dh, dh);
  }
}

/* y[0..n) += alpha · x[0..n) */
static void axpy(float *y, float alpha, const float *x, int64_t n) {
#pragma omp simd
  for (int64_t c = 0; c < n; c++) y[c] += alpha * x[c];
}

/* p[0..visible) = softmax(p[0..visible)), p[visible..length) = 0. NaN scores give NaN weights.
 * The sum runs in order (measured faster here than an `omp simd` reduction on rows this short). */
static void causal_softmax(float *p, int64_t visible, int64_t length) {
  float max = p[0];
  for (int64_t j = 1; j < visible; j++) max = p[j] > max ? p[j] : max;
  float sum = 0.0f;
  for (int64_t j = 0; j < visible; j++) {
    p[j] = fast_expf(p[j] - max);
    sum += p[j];
  }
  float inv = 1.0f / sum;
  for (int64_t j = 0; j < visible; j++) p[j] *= inv;
  for (int64_t j = visible; j < length; j++) p[j] = 0.0f;
}

/* One head of one sequence through OpenBLAS: queries q (T rows of dh, stride ldq) against keys k
 * and values v (L rows, stride ldkv; the first L − T are past positions); probabilities p [T, L],
 * output o (T rows, stride ldo). */
static void attend_head_blas(const float *q, int64_t ldq, const float *k, const float *v, int64_t ldkv, int64_t T,
                             int64_t L, int64_t dh, float *p, float *o, int64_t ldo) {
  float scale = 1.0f / sqrtf((float)dh);
  int64_t past = L - T;
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)T, (int)L, (int)dh, scale, q, (int)ldq, k, (int)ldkv, 0.0f, p, (int)L);
  for (int64_t i = 0; i < T; i++) causal_softmax(p + i * L, past + i + 1, L);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)T, (int)dh, (int)L, 1.0f, p, (int)L, v, (int)ldkv, 0.0f, o, (int)ldo);
}

/* o[e] = Σ_j p[h·probsPerHead + j] · v[j·ldkv + e] for the H·dh columns e (h the head of column e)
 * over the visible rows: from zero, row by row, each product rounded then added, as axpy() row by
 * row computes it. With AVX2 and heads of a multiple of 8, 64 columns at a time are summed in
 * registers over all the rows, instead of loading and storing o for every row. */
static void weighted_rows(const float *p, int64_t probsPerHead, const float *v, int64_t ldkv, int64_t visible,
                          int64_t H, int64_t dh, float *o) {
  int64_t width = H * dh, first = 0;
#ifdef __AVX2__
  if (dh % 8 == 0) {
    for (; first + 64 <= width; first += 64) {
      __m256 sums[8];
      const float *weights[8]; /* the probabilities of the head each 8 columns belong to */
      for (int g = 0; g < 8; g++) {
        sums[g] = _mm256_setzero_ps();
        weights[g] = p + (first + 8 * g) / dh * probsPerHead;
      }
      for (int64_t j = 0; j < visible; j++) {
        const float *vj = v + j * ldkv + first;
        for (int g = 0; g < 8; g++)
          sums[g] = _mm256_add_ps(sums[g], _mm256_mul_ps(_mm256_set1_ps(weights[g][j]), _mm256_loadu_ps(vj + 8 * g)));
      }
      for (int g = 0; g < 8; g++) _mm256_storeu_ps(o + first + 8 * g, sums[g]);
    }
  }
#endif
  memset(o + first, 0, (size_t)(width - first) * sizeof(float));
  for (int64_t j = 0; j < visible; j++) {
    const float *vj = v + j * ldkv;
    /* From `first`, which may fall inside a head, to the end of each head in turn. */
    for (int64_t e = first, end; e < width; e = end) {
      int64_t h = e / dh;
      end = (h + 1) * dh;
      axpy(o + e, p[h * probsPerHead + j], vj + e, end - e);
    }
  }
}

/* Every head of one sequence with a few queries (decoding), as loops that walk each key and value
 * row once for all heads: a row of d floats is contiguous, a head's slice of it is not, and from
 * a cache larger than L2 a head-by-head walk was twice as slow. Per head the arithmetic is the
 * same as a head-by-head loop's (the same dot products, softmax, and sums in position order). */
static void attend_rows(const float *q, int64_t ldq, const float *k, const float *v, int64_t ldkv, int64_t T, int64_t L,
                        int64_t H, int64_t dh, float *probs, int64_t probsPerHead, float *o, int64_t ldo) {
  float scale = 1.0f / sqrtf((float)dh);
  int64_t past = L - T;
  for (int64_t i = 0; i < T; i++) {
    const float *qi = q + i * ldq;
    float *oi = o + i * ldo, *pi = probs + i * L;
    int64_t visible = past + i + 1;
    scores_of_rows(qi, k, ldkv, visible, H, dh, scale, pi, probsPerHead);
    for (int64_t h = 0; h < H; h++) causal_softmax(pi + h * probsPerHead, visible, L);
    weighted_rows(pi, probsPerHead, v, ldkv, visible, H, dh, oi);
  }
}

/* Every head of one sequence: queries from its qkv rows (T of 3d), keys k and values v (L rows of
 * stride ldkv), output rows of d. probs: head h's [T, L] block is probs + h·probsPerHead. */
static void attend_sequence(const float *qkv, const float *k, const float *v, int64_t ldkv, int64_t T, int64_t L,
                            int64_t H, int64_t d, float *probs, int64_t probsPerHead, float *out) {
  int64_t dh = d / H;
  if (T < BLAS_MIN_QUERIES) {
    attend_rows(qkv, 3 * d, k, v, ldkv, T, L, H, dh, probs, probsPerHead, out, d);
    return;
  }
  for (int64_t h = 0; h < H; h++)
    attend_head_blas(qkv + h * dh, 3 * d, k + h * dh, v + h * dh, ldkv, T, L, dh, probs + h * probsPerHead, out + h * dh, d);
}

/* attention(heap, qkv, batch, time, heads, d, out, probs): training and full forward passes (no
 * past positions, L = T). Keys and values are read where they are, in qkv's k and v columns. */
napi_value sous_attention(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 7, &args)) return NULL;
  const float *qkv = F32(args, 0);
  int64_t B = args.ints[1], T = args.ints[2], H = args.ints[3], d = args.ints[4];
  float *out = F32(args, 5), *probs = F32(args, 6);
  /* Sequences are independent: split them over the cores. */
#pragma omp parallel for schedule(static)
  for (int64_t b = 0; b < B; b++) {
    const float *block = qkv + b * T * 3 * d;
    attend_sequence(block, block + d, block + 2 * d, 3 * d, T, T, H, d, probs + b * H * T * T, T * T, out + b * T * d);
  }
  return NULL;
}

/* Asks for the next sequence's first `rows` key and value rows (of d floats) while this one is
 * computed: a cache larger than L2 comes from L3 or memory. */
static void prefetch_rows(const float *k, const float *v, int64_t rows, int64_t d) {
  for (int64_t c = 0; c < rows * d; c += 16) {
    __builtin_prefetch(k + c);
    __builtin_prefetch(v + c);
  }
}

/* attentionDecode(heap, qkv, keys, values, batch, time, past, capacity, heads, d, out): KV-cached
 * decoding. keys/values [B, capacity, d] hold `past` positions per sequence; the T new keys/values
 * are written in place at rows past.., then the queries attend over rows 0..past+T. Nothing of the
 * past is copied: a step costs O(T·d) writes. Probabilities go to a per-thread scratch block of
 * one [T, L] block per head. attention_decode returns 0 when out of memory. */
int attention_decode(const float *qkv, float *keys, float *values, int64_t B, int64_t T, int64_t P, int64_t C,
                     int64_t H, int64_t d, float *out) {
  int64_t L = P + T;
  int failed = 0;
#pragma omp parallel
  {
  float *scratch = malloc((size_t)(H * T * L) * sizeof(float));
  if (!scratch) failed = 1;
#pragma omp for schedule(static)
  for (int64_t b = 0; b < B; b++) {
    if (!scratch) continue;
    const float *block = qkv + b * T * 3 * d;
    float *kb = keys + b * C * d, *vb = values + b * C * d;
    for (int64_t t = 0; t < T; t++) {
      memcpy(kb + (P + t) * d, block + t * 3 * d + d, (size_t)d * sizeof(float));
      memcpy(vb + (P + t) * d, block + t * 3 * d + 2 * d, (size_t)d * sizeof(float));
    }
    if (b + 1 < B) prefetch_rows(keys + (b + 1) * C * d, values + (b + 1) * C * d, P, d);
    attend_sequence(block, kb, vb, d, T, L, H, d, scratch, T * L, out + b * T * d);
  }
  free(scratch);
  }
  return !failed;
}

napi_value sous_attention_decode(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 10, &args)) return NULL;
  if (!attention_decode(F32(args, 0), F32(args, 1), F32(args, 2), args.ints[3], args.ints[4], args.ints[5],
                        args.ints[6], args.ints[7], args.ints[8], F32(args, 9)))
    napi_throw_error(env, NULL, "attentionDecode: out of memory");
  return NULL;
}

/* attentionGrad(heap, dOut, qkv, probs, batch, time, heads, d, dqkv): the gradient with respect to
 * qkv when there were no past positions (L = T):
 *   dV = Pᵀ dO,  dP = dO Vᵀ,  dS = P ⊙ (dP − rowsum(P ⊙ dP)),  dQ = dS K/√dh,  dK = dSᵀ Q/√dh  */
napi_value sous_attention_grad(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 8, &args)) return NULL;
  const float *dOut = F32(args, 0), *qkv = F32(args, 1), *probs = F32(args, 2);
  int64_t B = args.ints[3], T = args.ints[4], H = args.ints[5], d = args.ints[6];
  float *dqkv = F32(args, 7);
  int64_t dh = d / H, ld = 3 * d;
  float scale = 1.0f / sqrtf((float)dh);
  int failed = 0;
#pragma omp parallel
  {
  float *ds = malloc((size_t)(T * T) * sizeof(float));
  if (!ds) failed = 1;
#pragma omp for schedule(static)
  for (int64_t b = 0; b < B; b++) {
    if (!ds) continue;
    const float *block = qkv + b * T * ld, *dO = dOut + b * T * d;
    float *dBlock = dqkv + b * T * ld;
    for (int64_t h = 0; h < H; h++) {
      const float *p = probs + (b * H + h) * T * T;
      const float *q = block + h * dh, *k = block + d + h * dh, *v = block + 2 * d + h * dh;
      const float *dOh = dO + h * dh;
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)T, (int)dh, (int)T, 1.0f, p, (int)T, dOh, (int)d,
                  0.0f, dBlock + 2 * d + h * dh, (int)ld);
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)T, (int)T, (int)dh, 1.0f, dOh, (int)d, v, (int)ld,
                  0.0f, ds, (int)T);
      for (int64_t i = 0; i < T; i++) {
        const float *pi = p + i * T;
        float *di = ds + i * T;
        float dot = 0.0f;
        for (int64_t j = 0; j <= i; j++) dot += pi[j] * di[j];
        for (int64_t j = 0; j < T; j++) di[j] = j <= i ? pi[j] * (di[j] - dot) : 0.0f;
      }
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)T, (int)dh, (int)T, scale, ds, (int)T, k, (int)ld,
                  0.0f, dBlock + h * dh, (int)ld);
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)T, (int)dh, (int)T, scale, ds, (int)T, q, (int)ld,
                  0.0f, dBlock + d + h * dh, (int)ld);
    }
  }
  free(ds);
  }
  if (failed) napi_throw_error(env, NULL, "attentionGrad: out of memory");
  return NULL;
}
