/* The sous native addon: kernels over the wasm backend's heap (see packages/core/src/native). */
#include <cblas.h>
#include <node_api.h>
#include "kernels.h"

static void export_function(napi_env env, napi_value exports, const char *name, napi_callback fn) {
  napi_value value;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, NULL, &value);
  napi_set_named_property(env, exports, name, value);
}

static napi_value init(napi_env env, napi_value exports) {
  /* One thread pool for everything: OpenMP's (see gemm.c). OpenBLAS's own threads would spin
   * between products and take the cores from the other kernels. */
  openblas_set_num_threads(1);
  export_function(env, exports, "gemm", sous_gemm);
  export_function(env, exports, "gatherRows", sous_gather_rows);
  export_function(env, exports, "gelu", sous_gelu);
  export_function(env, exports, "geluGrad", sous_gelu_grad);
  export_function(env, exports, "layerNorm", sous_layer_norm);
  export_function(env, exports, "layerNormGrad", sous_layer_norm_grad);
  export_function(env, exports, "attention", sous_attention);
  export_function(env, exports, "attentionGrad", sous_attention_grad);
  export_function(env, exports, "binary", sous_binary);
  export_function(env, exports, "exp", sous_exp);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
