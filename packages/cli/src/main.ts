import { buildProgram, runProgram } from './program.js';

const code = await runProgram(buildProgram(), process.argv.slice(2));
process.exit(code);
