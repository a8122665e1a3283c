/* The addon's kernels, registered in addon.c. */
#ifndef SOUS_KERNELS_H
#define SOUS_KERNELS_H
#include <node_api.h>
#include <stdint.h>

/* The products of every kernel (gemm.c): c[i] = op(a[i]) @ op(b[i]) (+ bias) for i < batch. */
void gemm_products(int64_t batch, int64_t m, int64_t n, int64_t k, const float *a, int64_t aStride, const float *b,
                   int64_t bStride, float *c, int transA, int transB, const float *bias, int64_t biasLength);

/* The building blocks that more than one kernel runs (the block kernel runs them all), so that a
 * fused kernel computes what the separate kernels compute, bit for bit. */
void dense_forward(int64_t rows, int64_t in, int64_t out, const float *x, const float *w, const float *b, float *y);
void layer_norm_rows(const float *x, const float *w, const float *b, int64_t rows, int64_t width, float eps, float *y,
                     float *xHat, float *inverseStd);
void gelu_values(const float *x, float *y, int64_t count, int tanhForm);
int attention_decode(const float *qkv, float *keys, float *values, int64_t B, int64_t T, int64_t P, int64_t C,
                     int64_t H, int64_t d, float *out);

napi_value sous_gemm(napi_env env, napi_callback_info info);
napi_value sous_gather_rows(napi_env env, napi_callback_info info);
napi_value sous_gelu(napi_env env, napi_callback_info info);
napi_value sous_gelu_grad(napi_env env, napi_callback_info info);
napi_value sous_silu(napi_env env, napi_callback_info info);
napi_value sous_silu_grad(napi_env env, napi_callback_info info);
napi_value sous_linear(napi_env env, napi_callback_info info);
napi_value sous_linear_grad(napi_env env, napi_callback_info info);
napi_value sous_linear_silu(napi_env env, napi_callback_info info);
napi_value sous_linear_silu_grad(napi_env env, napi_callback_info info);
napi_value sous_layer_norm(napi_env env, napi_callback_info info);
napi_value sous_layer_norm_grad(napi_env env, napi_callback_info info);

napi_value sous_attention(napi_env env, napi_callback_info info);
napi_value sous_attention_decode(napi_env env, napi_callback_info info);
napi_value sous_block_decode(napi_env env, napi_callback_info info);
napi_value sous_attention_grad(napi_env env, napi_callback_info info);
napi_value sous_exp(napi_env env, napi_callback_info info);
napi_value sous_sin(napi_env env, napi_callback_info info);
napi_value sous_cos(napi_env env, napi_callback_info info);
napi_value sous_token_log_prob(napi_env env, napi_callback_info info);
napi_value sous_token_log_prob_grad(napi_env env, napi_callback_info info);
napi_value sous_broadcast_binary(napi_env env, napi_callback_info info);
napi_value sous_concat_rows(napi_env env, napi_callback_info info);
napi_value sous_adam_update(napi_env env, napi_callback_info info);
napi_value sous_sums_of_squares(napi_env env, napi_callback_info info);
napi_value sous_weighted_squared_error(napi_env env, napi_callback_info info);
napi_value sous_weighted_squared_error_grad(napi_env env, napi_callback_info info);

#endif
