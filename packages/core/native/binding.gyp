{
  "targets": [
    {
      "target_name": "sous_native",
      "sources": ["src/addon.c", "src/gemm.c", "src/gather.c", "src/gelu.c", "src/layer_norm.c", "src/attention.c", "src/elementwise.c"],
      "cflags": ["-O3", "-march=native", "-fno-math-errno", "-fno-trapping-math", "-std=c11", "-fopenmp"],
      "ldflags": ["-fopenmp"],
      "libraries": ["-lopenblas"]
    }
  ]
}
