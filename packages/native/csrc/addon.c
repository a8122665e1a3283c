/* The sous native addon: kernels over the wasm backend's heap (see packages/core/src/native). */
#include <cblas.h>
#include <node_api.h>
#include <omp.h>
#include "kernels.h"

static void export_function(napi_env env, napi_value exports, const char *name, napi_callback fn) {
  napi_value value;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, NULL, &value);
  napi_set_named_property(env, exports, name, value);
}

static void set_string(napi_env env, napi_value object, const char *name, const char *text) {
  napi_value value;
  napi_create_string_utf8(env, text ? text : "", NAPI_AUTO_LENGTH, &value);
  napi_set_named_property(env, object, name, value);
}

/* info() → { blas: OpenBLAS's build configuration, core: the kernel set it chose, threads } */
static napi_value info(napi_env env, napi_callback_info callback_info) {
  (void)callback_info;
  napi_value result, threads;
  napi_create_object(env, &result);
  set_string(env, result, "blas", openblas_get_config());
  set_string(env, result, "core", openblas_get_corename());
  napi_create_int32(env, omp_get_max_threads(), &threads);
  napi_set_named_property(env, result, "threads", threads);
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  /* One thread pool for everything: OpenMP's (see gemm.c). OpenBLAS's own threads would spin
   * between products and take the cores from the other kernels. */
  openblas_set_num_threads(1);
  export_function(env, exports, "info", info);
  export_function(env, exports, "gemm", sous_gemm);
  export_function(env, exports, "gatherRows", sous_gather_rows);
  export_function(env, exports, "gelu", sous_gelu);
  export_function(env, exports, "geluGrad", sous_gelu_grad);
  export_function(env, exports, "silu", sous_silu);
  export_function(env, exports, "siluGrad", sous_silu_grad);
  export_function(env, exports, "linear", sous_linear);
  export_function(env, exports, "linearGrad", sous_linear_grad);
  export_function(env, exports, "linearSilu", sous_linear_silu);
  export_function(env, exports, "linearSiluGrad", sous_linear_silu_grad);
  export_function(env, exports, "layerNorm", sous_layer_norm);
  export_function(env, exports, "layerNormGrad", sous_layer_norm_grad);
  export_function(env, exports, "attention", sous_attention);
  export_function(env, exports, "attentionDecode", sous_attention_decode);
  export_function(env, exports, "blockDecode", sous_block_decode);
  export_function(env, exports, "attentionGrad", sous_attention_grad);
  export_function(env, exports, "exp", sous_exp);
  export_function(env, exports, "sin", sous_sin);
  export_function(env, exports, "cos", sous_cos);
  export_function(env, exports, "tokenLogProb", sous_token_log_prob);
  export_function(env, exports, "tokenLogProbGrad", sous_token_log_prob_grad);
  export_function(env, exports, "broadcastBinary", sous_broadcast_binary);
  export_function(env, exports, "concatRows", sous_concat_rows);
  export_function(env, exports, "adamUpdate", sous_adam_update);
  export_function(env, exports, "sumsOfSquares", sous_sums_of_squares);
  export_function(env, exports, "weightedSquaredError", sous_weighted_squared_error);
  export_function(env, exports, "weightedSquaredErrorGrad", sous_weighted_squared_error_grad);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
