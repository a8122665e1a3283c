/* The addon's kernels, registered in addon.c. */
#ifndef SOUS_KERNELS_H
#define SOUS_KERNELS_H
#include <node_api.h>

napi_value sous_gemm(napi_env env, napi_callback_info info);
napi_value sous_gather_rows(napi_env env, napi_callback_info info);
napi_value sous_gelu(napi_env env, napi_callback_info info);
napi_value sous_gelu_grad(napi_env env, napi_callback_info info);
napi_value sous_silu(napi_env env, napi_callback_info info);
napi_value sous_silu_grad(napi_env env, napi_callback_info info);
napi_value sous_layer_norm(napi_env env, napi_callback_info info);
napi_value sous_layer_norm_grad(napi_env env, napi_callback_info info);

napi_value sous_attention(napi_env env, napi_callback_info info);
napi_value sous_attention_decode(napi_env env, napi_callback_info info);
napi_value sous_attention_grad(napi_env env, napi_callback_info info);
napi_value sous_exp(napi_env env, napi_callback_info info);
napi_value sous_token_log_prob(napi_env env, napi_callback_info info);
napi_value sous_token_log_prob_grad(napi_env env, napi_callback_info info);
napi_value sous_broadcast_binary(napi_env env, napi_callback_info info);
napi_value sous_concat_rows(napi_env env, napi_callback_info info);

#endif
