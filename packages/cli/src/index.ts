export { buildProgram, runProgram } from './program.js';
export { EXIT } from './exit-codes.js';
