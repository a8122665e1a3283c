import { buildProgram, runProgram } from './program.js';

const code = await runProgram(buildProgram(), process.argv.slice(2));
// process.exit drops what a pipe has not taken yet (`sous papers --json | jq` lost all but the
// first 64 KiB): a write's callback runs once everything written before it is flushed.
await Promise.all(
  [process.stdout, process.stderr].map((stream) => new Promise((flushed) => stream.write('', flushed))),
);
process.exit(code);
