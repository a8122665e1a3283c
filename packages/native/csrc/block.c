/* One pre-LayerNorm transformer block (GPT-2's) of a KV-cached decoding step in one kernel:
 *   h1 = h + c_proj(attention(c_attn(ln_1(h))))        keys/values written into the cache in place
 *   h2 = h1 + mlp.c_proj(gelu(mlp.c_fc(ln_2(h1))))
 * Each step is the function the separate kernels run (layer_norm_rows, dense_forward,
 * attention_decode, gelu_values; the residual adds are float32 additions as the Add kernel's), in
 * the same order, so the result is theirs bit for bit. Decoding has no gradient, so nothing is
 * kept: what the fusion saves is the ten tfjs kernel calls per block and their intermediate
 * tensors (a decoding step is small enough that those cost as much as the arithmetic). */
#include <stdlib.h>
#include "args.h"
#include "kernels.h"

static void add_rows(const float *a, const float *b, float *out, int64_t count) {
#pragma omp simd
  for (int64_t i = 0; i < count; i++) out[i] = a[i] + b[i];
}

/* blockDecode(heap, h, ln1W, ln1B, attnW, attnB, projW, projB, ln2W, ln2B, fcW, fcB, fcProjW,
 * fcProjB, keys, values, out, batch, time, past, capacity, heads, d, ff, eps, tanhForm):
 * h, out [batch·time, d]; keys, values [batch, capacity, d] hold `past` positions. */
napi_value sous_block_decode(napi_env env, napi_callback_info info) {
  kernel_args args;
  if (!read_kernel_args(env, info, 25, &args)) return NULL;
  const float *h = F32(args, 0);
  float *keys = F32(args, 13), *values = F32(args, 14), *out = F32(args, 15);
  int64_t B = args.ints[16], T = args.ints[17], P = args.ints[18], C = args.ints[19], H = args.ints[20],
          d = args.ints[21], ff = args.ints[22];
  float eps = (float)args.numbers[23];
  int tanhForm = (int)args.ints[24];
  int64_t rows = B * T;
  /* normed, x̂ and 1/σ (LayerNorm), qkv, attention output, projection, MLP hidden and activation */
  float *scratch = malloc((size_t)(rows * (d + d + 1 + 3 * d + d + d + ff + ff)) * sizeof(float));
  if (!scratch) {
    napi_throw_error(env, NULL, "blockDecode: out of memory");
    return NULL;
  }
  float *normed = scratch, *xHat = normed + rows * d, *inverseStd = xHat + rows * d, *qkv = inverseStd + rows,
        *attended = qkv + rows * 3 * d, *projected = attended + rows * d, *hidden = projected + rows * d,
        *activated = hidden + rows * ff;
  layer_norm_rows(h, F32(args, 1), F32(args, 2), rows, d, eps, normed, xHat, inverseStd);
  dense_forward(rows, d, 3 * d, normed, F32(args, 3), F32(args, 4), qkv);
  int ok = attention_decode(qkv, keys, values, B, T, P, C, H, d, attended);
  if (ok) {
    dense_forward(rows, d, d, attended, F32(args, 5), F32(args, 6), projected);
    add_rows(h, projected, out, rows * d);
    layer_norm_rows(out, F32(args, 7), F32(args, 8), rows, d, eps, normed, xHat, inverseStd);
    dense_forward(rows, d, ff, normed, F32(args, 9), F32(args, 10), hidden);
    gelu_values(hidden, activated, rows * ff, tanhForm);
    dense_forward(rows, ff, d, activated, F32(args, 11), F32(args, 12), projected);
    add_rows(out, projected, out, rows * d);
  }
  free(scratch);
  if (!ok) napi_throw_error(env, NULL, "blockDecode: out of memory");
  return NULL;
}
