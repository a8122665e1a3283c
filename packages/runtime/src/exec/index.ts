// The graph executor: a compiled Plan's nodes run with their plugin definitions.
export { Executor, type ExecutorOptions, type ModelEntry, type RunAt } from './executor.js';
export { BUILTIN_OPS, type BuiltinOp } from './ops.js';
