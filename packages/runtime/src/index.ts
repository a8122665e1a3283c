export * from './backends.js';
export * from './loader.js';
export * from './optim/index.js';
export * from './exec/index.js';
export * from './train/index.js';
