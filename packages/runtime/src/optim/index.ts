// Optimizers (PyTorch semantics, checkpointable state), learning-rate schedules, clipping and
// gradient accumulation.
export type { Optimizer } from './optimizer.js';
export { createAdam, type AdamOptions } from './adam.js';
export { createSgd, type SgdOptions } from './sgd.js';
export { createOptimizer, OPTIMIZER_NAMES } from './create.js';
export { createSchedule, SCHEDULE_NAMES, type Schedule } from './schedule.js';
export { clipByGlobalNorm, globalNorm, gradientNorms } from './clip.js';
export { GradientAccumulator } from './accumulate.js';
