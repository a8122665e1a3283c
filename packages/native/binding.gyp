{
  "targets": [
    {
      "target_name": "sous_native",
      "sources": ["csrc/addon.c", "csrc/gemm.c", "csrc/gather.c", "csrc/gelu.c", "csrc/silu.c", "csrc/dense.c", "csrc/layer_norm.c", "csrc/attention.c", "csrc/block.c", "csrc/elementwise.c", "csrc/sin_cos.c", "csrc/token_log_prob.c", "csrc/broadcast.c", "csrc/concat.c", "csrc/adam.c", "csrc/norms.c", "csrc/squared_error.c"],
      "cflags": ["-O3", "-march=native", "-fno-math-errno", "-fno-trapping-math", "-ffp-contract=off", "-std=c11", "-fopenmp"],
      "ldflags": ["-fopenmp"],
      "libraries": ["-lopenblas"]
    }
  ]
}
