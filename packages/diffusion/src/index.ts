// @sous/diffusion: score-based diffusion as recipe nodes — data with exact scores, MLP denoisers,
// VP/VE/EDM/GBM processes, denoising score matching, DDPM/DDIM/Euler/Heun/Euler–Maruyama samplers,
// classifier-free guidance, the Gaussian teleport (Wang & Vastola 2024), Feynman–Kac correctors (Skreta et al. 2025),
// multiplicative diffusion (Shetty et al. 2025), and sample metrics. One node per file in nodes/.
import { definePlugin } from '@sous/core';
import { portTypes } from './port-types.js';
import { batch } from './nodes/batch.js';
import { checkerboard } from './nodes/checkerboard.js';
import { classAccuracy } from './nodes/class_accuracy.js';
import { classFidelity } from './nodes/class_fidelity.js';
import { denoiserCopy } from './nodes/denoiser_copy.js';
import { oneStepGenerator } from './nodes/one_step_generator.js';
import { oneStepSample } from './nodes/one_step_sample.js';
import { dsm } from './nodes/dsm.js';
import { edmNode } from './nodes/edm.js';
import { exactScore } from './nodes/exact_score.js';
import { fkcSample } from './nodes/fkc_sample.js';
import { gaussianMixture } from './nodes/gaussian_mixture.js';
import { gbmNode } from './nodes/gbm.js';
import { lognormalMixture } from './nodes/lognormal_mixture.js';
import { mlpScore } from './nodes/mlp_score.js';
import { mmd } from './nodes/mmd.js';
import { modeCoverage } from './nodes/mode_coverage.js';
import { positivity } from './nodes/positivity.js';
import { product } from './nodes/product.js';
import { sample } from './nodes/sample.js';
import { scatter } from './nodes/scatter.js';
import { scoreR2Node } from './nodes/score_r2.js';
import { slicedWasserstein } from './nodes/sliced_wasserstein.js';
import { swissRoll } from './nodes/swiss_roll.js';
import { twoMoons } from './nodes/two_moons.js';
import { veNode } from './nodes/ve.js';
import { vp } from './nodes/vp.js';
import { vpCosineNode } from './nodes/vp_cosine.js';

export type { Distribution } from './data/distribution.js';
export { GaussianMixture, type Component } from './data/gaussian-mixture.js';
export type { Points } from './points.js';
export type { NoiseSchedule, NoiseLevels } from './schedules/schedule.js';
export type { Denoiser } from './models/denoiser.js';
export { MlpDenoiser } from './models/mlp.js';
export { ExactDenoiser } from './models/exact.js';
export { dsmLoss } from './dsm.js';
export { sampleChain } from './samplers/chain.js';
export { sampleFkc } from './samplers/fkc.js';
export { slicedWasserstein } from './metrics/sliced-wasserstein.js';
export { levelsAt } from './schedules/schedule.js';
export { levelTensors, isDenoiser } from './models/denoiser.js';
export { OneStepGenerator } from './models/one-step-generator.js';
export { generatorMessages } from './models/generator-checks.js';
export { describe } from './points.js';

export default definePlugin({
  namespace: 'diffusion',
  types: portTypes,
  kinds: { schedule: 'makes a noise schedule: the forward process a denoiser learns to reverse' },
  nodes: [
    gaussianMixture,
    twoMoons,
    swissRoll,
    checkerboard,
    lognormalMixture,
    product,
    mlpScore,
    exactScore,
    vp,
    vpCosineNode,
    veNode,
    edmNode,
    gbmNode,
    batch,
    dsm,
    sample,
    fkcSample,
    slicedWasserstein,
    mmd,
    modeCoverage,
    classAccuracy,
    positivity,
    // one-step generators distilled from a teacher (score identity distillation)
    oneStepGenerator,
    denoiserCopy,
    oneStepSample,
    classFidelity,
    scoreR2Node,
    scatter,
  ],
});
