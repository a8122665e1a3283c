#!/usr/bin/env bash
# tools/gpu-check/run.sh — the GPU check (issue 19), one command on a machine with a GPU, after
# `npm ci` there; it installs nothing and needs no network. About 5–8 minutes:
#   1. `sous doctor`: the backends, the GPU adapter or the exact reason there is none;
#   2. the backend conformance test (packages/runtime/test/kernels-agree.test.ts) on the GPU backend;
#   3. the main job (examples/grpo-arithmetic.recipe), STEPS steps of each stage, on the GPU backend
#      and on the CPU default (native): the SFT stage's per-step loss and gradient norm compared
#      (compare.ts; the GRPO stage samples, so it is listed and timed, not compared);
#   4. `npm run bench -- --workload grpo-small` with sous on the GPU backend and on native, and PyTorch.
# Exit 0 when every step passes; 3 when no GPU backend starts (the doctor output says why).
#   SOUS_GPU_BACKEND=webgpu|tensorflow-gpu  force one (default: the first of them that starts)
#   STEPS=20                                 steps per stage of the main job
set -uo pipefail
cd "$(dirname "$0")/../.."
STEPS=${STEPS:-20}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/sous-gpu-check-XXXXXX")
sous() { node --conditions=source --import tsx packages/cli/src/main.ts "$@"; }
status=0

echo "== 1. sous doctor"
sous doctor

GPU=${SOUS_GPU_BACKEND:-$(node --conditions=source --import tsx -e "
  const { probeBackends } = await import('@sous/runtime');
  const up = (await probeBackends()).filter((b) => b.available).map((b) => b.name);
  console.log(['webgpu', 'tensorflow-gpu'].find((name) => up.includes(name)) ?? '');
" 2>/dev/null)}
if [ -z "$GPU" ]; then
  echo "no GPU backend starts here (webgpu, tensorflow-gpu): the doctor output above says why"
  exit 3
fi
echo "GPU backend: $GPU"

echo "== 2. backend conformance on $GPU (against cpu)"
(cd packages/runtime && SOUS_KERNEL_BACKENDS=$GPU node --conditions=source --import tsx ../../node_modules/uvu/bin.js test 'kernels-agree\.test\.ts$') || status=1

echo "== 3. the main job, $STEPS steps a stage, on $GPU and on native"
for backend in "$GPU" native; do
  start=$(date +%s)
  sous run examples/grpo-arithmetic.recipe --backend "$backend" --steps "$STEPS" --out "$OUT/$backend" >"$OUT/$backend.log" 2>&1 || { status=1; tail -20 "$OUT/$backend.log"; }
  echo "$backend: $(( $(date +%s) - start )) s"
done
node --conditions=source --import tsx tools/gpu-check/compare.ts "$OUT/$GPU" "$OUT/native" || status=1

echo "== 4. grpo-small: sous on $GPU and on native, PyTorch"
npm run --silent bench -- --workload grpo-small --backend "$GPU" --only sous,torch || status=1

echo "run folders and logs: $OUT"
[ $status -eq 0 ] && echo "gpu-check passed" || echo "gpu-check FAILED"
exit $status
