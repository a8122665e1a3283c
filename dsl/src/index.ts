export * from './registry.js';
export * from './plan.js';
