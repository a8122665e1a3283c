/* The sous native addon: kernels over the wasm backend's heap (see packages/core/src/native). */
#include <node_api.h>
#include "kernels.h"

static void export_function(napi_env env, napi_value exports, const char *name, napi_callback fn) {
  napi_value value;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, NULL, &value);
  napi_set_named_property(env, exports, name, value);
}

static napi_value init(napi_env env, napi_value exports) {
  export_function(env, exports, "gemm", sous_gemm);
  export_function(env, exports, "gatherRows", sous_gather_rows);
  export_function(env, exports, "gelu", sous_gelu);
  export_function(env, exports, "geluGrad", sous_gelu_grad);
  export_function(env, exports, "layerNorm", sous_layer_norm);
  export_function(env, exports, "layerNormGrad", sous_layer_norm_grad);
  export_function(env, exports, "attention", sous_attention);
  export_function(env, exports, "attentionGrad", sous_attention_grad);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
