export { buildProgram, runProgram, EXIT } from './program.js';
