// examples/claims.json's format and verdicts: read by `sous papers` and by the examples runner
// (tools/examples), which imports them as `@sous/cli/claims`.
export * from './claims.js';
export * from './verdict.js';
