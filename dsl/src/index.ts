export * from './registry.js';
export * from './plan.js';
export type * from './ast.js';
export * from './diagnostic.js';
