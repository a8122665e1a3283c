export * from './plugin.js';
export * from './rng.js';
export * from './model.js';
export { tf, type Tf } from './tf.js';
export * from './data.js';
