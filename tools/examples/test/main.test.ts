// `npm run examples` flags: a bad flag or a bad claims file is one line and exit 2; a smoke run
// of one example through `sous run` as a child process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/main.js';

function capture(argv: string[]): { code: number; stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = ((chunk: string) => {
    output.stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => {
    output.stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: main(argv), ...output };
  } finally {
    Object.assign(process.stdout, { write: writes.stdout });
    Object.assign(process.stderr, { write: writes.stderr });
  }
}

const usageErrors: [string[], string][] = [
  [['--bogus'], "error: unknown option '--bogus' (see `npm run examples -- --help`)\n"],
  [
    ['--seeds', '0'],
    "error: option '--seeds <n>' argument '0' is invalid. --seeds takes an integer ≥ 1, not \"0\". (see `npm run examples -- --help`)\n",
  ],
  [
    ['--steps', 'two'],
    "error: option '--steps <n>' argument 'two' is invalid. --steps takes an integer ≥ 1, not \"two\". (see `npm run examples -- --help`)\n",
  ],
  [
    ['--update', '--steps', '2'],
    'examples: --update records full runs; it cannot be combined with --steps or --no-eval\n',
  ],
];

for (const [argv, message] of usageErrors) {
  test(`${argv.join(' ')}: one line, exit 2`, () => {
    assert.equal(capture(argv), { code: 2, stdout: '', stderr: message });
  });
}

test('--only with an unknown name lists the known ones', () => {
  const { code, stderr } = capture(['--only', 'grpo-arithmetic,nope']);
  assert.is(code, 2);
  assert.match(
    stderr,
    /^examples: --only: no example named "nope" in .*claims\.json \(known: sft-arithmetic, grpo-arithmetic, .*\)\n$/,
  );
});

test('a broken claims file: file:line:column and exit 2', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sous-claims-')), 'claims.json');
  fs.writeFileSync(file, '{\n  "examples": [,]\n}\n');
  assert.equal(capture(['--claims', file]), {
    code: 2,
    stdout: '',
    stderr: `examples: ${file}:2:16: not valid JSON (ValueExpected)\n`,
  });
});

test('--steps runs `sous run` per seed and requires a clean exit and a metrics file', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-examples-main-'));
  const { code, stdout } = capture([
    '--only',
    'diffusion-teleport',
    '--seeds',
    '1',
    '--steps',
    '1',
    '--no-eval',
    '--json',
    '--out',
    out,
  ]);
  const [result] = JSON.parse(stdout) as {
    name: string;
    seeds: number[];
    runs: { seed: number; exitCode: number; records: number; runDir: string }[];
  }[];
  assert.is(code, 0);
  assert.equal({ name: result.name, seeds: result.seeds }, { name: 'diffusion-teleport', seeds: [11] });
  assert.equal(
    result.runs.map(({ seed, exitCode, records, runDir }) => ({ seed, exitCode, records, runDir })),
    [{ seed: 11, exitCode: 0, records: 1, runDir: path.join(out, 'diffusion-teleport', 'seed-11') }],
  );
  fs.rmSync(out, { recursive: true, force: true });
});

test.run();
