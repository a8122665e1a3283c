// Writes the two data files of balanced-init.recipe: the same 3,000 two-digit additions (operands
// padded to two digits, the answer written least significant digit first, as tasks.arithmetic's
// pad: true, reverse: true) with two kinds of answer.
//   sums-direct.jsonl  {"prompt": "07+05=", "answer": "21"}                 the "instruct" behaviour
//   sums-traced.jsonl  {"prompt": "07+05=", "answer": "7+5=12=0+0+1=1=21"}  the "distill" behaviour:
//     units sum, tens sum with the carry, then the answer (its last number, as rewards.numeric reads it),
//     "=" between the parts: both files then use the same characters, so tasks.jsonl gives them one vocabulary.
// Both files list the problems in the same order, so tasks.jsonl with one seed holds out the same test
// problems from each. Run: node examples/data/make-sums.mjs (deterministic; no dependencies).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNT = 3000;
const here = path.dirname(fileURLToPath(import.meta.url));

// A seeded shuffle of the 10,000 problems (xorshift32, Fisher–Yates), the first COUNT kept.
let state = 20261202;
const next = () => {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 2 ** 32;
};
const problems = Array.from({ length: 10000 }, (_, i) => i);
for (let i = problems.length - 1; i > 0; i--) {
  const j = Math.floor(next() * (i + 1));
  [problems[i], problems[j]] = [problems[j], problems[i]];
}

const reversed = (n) => [...String(n)].reverse().join('');
const direct = [];
const traced = [];
for (const index of problems.slice(0, COUNT)) {
  const a = index % 100;
  const b = Math.floor(index / 100);
  const prompt = `${String(a).padStart(2, '0')}+${String(b).padStart(2, '0')}=`;
  const units = (a % 10) + (b % 10);
  const carry = units >= 10 ? 1 : 0;
  const tens = Math.floor(a / 10) + Math.floor(b / 10) + carry;
  const answer = reversed(a + b);
  direct.push(JSON.stringify({ prompt, answer }));
  const trace = `${a % 10}+${b % 10}=${units}=${Math.floor(a / 10)}+${Math.floor(b / 10)}+${carry}=${tens}=${answer}`;
  traced.push(JSON.stringify({ prompt, answer: trace }));
}
fs.writeFileSync(path.join(here, 'sums-direct.jsonl'), `${direct.join('\n')}\n`);
fs.writeFileSync(path.join(here, 'sums-traced.jsonl'), `${traced.join('\n')}\n`);
