// npm run check:packages: every publishable package checked as npm would publish it. It builds
// (declarations included), packs each package with `npm pack` (whose prepack strips the workspace's
// `source` condition), then on each tarball runs publint (strict: warnings count) and Are The Types
// Wrong (profile esm-only: the packages are ESM only, so CommonJS resolution is not checked), checks
// the manifest fields that neither of them checks, and compares the API reports of the public API
// packages with those committed under <package>/etc/ (API Extractor).
//   --update     write changed API reports instead of failing on them
//   --no-build   use the build that is there
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FIRST_PARTY_PLUGINS } from '@sous/runtime';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { apiReports, checkApiReport } from './api-report.js';
import { manifestProblems, publishableDirs, type Manifest } from './manifest.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ATTW = path.join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');
const { values: flags } = parseArgs({
  options: { update: { type: 'boolean' }, 'no-build': { type: 'boolean' } },
  strict: true,
});

function run(command: string, args: string[], cwd: string): { status: number; out: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
}

const started = Date.now();
if (!flags['no-build']) {
  const build = run('npx', ['nx', 'run-many', '-t', 'build', '--parallel=2', '--output-style=static'], root);
  if (build.status !== 0) {
    process.stderr.write(`${build.out}\ncheck:packages: the build failed\n`);
    process.exit(1);
  }
}

const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-pack-'));
const problems: string[] = [];
const dirs = publishableDirs(root);
for (const dir of dirs) {
  const folder = path.relative(root, dir);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
  const report = (what: string) => problems.push(`${manifest.name} (${folder}): ${what}`);
  for (const problem of manifestProblems(manifest, folder, FIRST_PARTY_PLUGINS.includes(manifest.name)))
    report(problem);

  const pack = run('npm', ['pack', '--json', '--pack-destination', packDir], dir);
  if (pack.status !== 0) {
    report(`npm pack failed:\n${pack.out}`);
    continue;
  }
  // The JSON array, between the prepack and postpack scripts' banners.
  const json = pack.out.slice(pack.out.indexOf('[\n'), pack.out.lastIndexOf('\n]') + 2);
  const [{ filename }] = JSON.parse(json) as { filename: string }[];
  const tarball = path.join(packDir, filename);
  const packed = run('tar', ['-xzOf', tarball, 'package/package.json'], packDir);
  if (/"source"\s*:/.test(packed.out)) report('the packed package.json still has a `source` export condition');

  const data = fs.readFileSync(tarball);
  const lint = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    strict: true,
  });
  for (const message of lint.messages)
    report(`publint ${message.type}: ${formatMessage(message, lint.pkg, { color: false }) ?? message.code}`);

  const attw = run(
    process.execPath,
    [ATTW, tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji'],
    root,
  );
  if (attw.status !== 0) report(`Are The Types Wrong:\n${attw.out.trim()}`);
}

for (const api of apiReports(root)) {
  const outcome = checkApiReport(api, Boolean(flags.update));
  if (outcome) problems.push(`${api.packageName}${api.entry === '.' ? '' : api.entry.slice(1)}: ${outcome}`);
}
fs.rmSync(packDir, { recursive: true, force: true });

const seconds = Math.round((Date.now() - started) / 1000);
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n\ncheck:packages: ${problems.length} problem(s) in ${seconds} s\n`);
  process.exit(1);
}
process.stdout.write(
  `check:packages: ${dirs.length} packages packed, publint and Are The Types Wrong clean, ${apiReports(root).length} API reports current (${seconds} s)\n`,
);
