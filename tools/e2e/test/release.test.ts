// The release configuration (nx.json `release`): the first release, run as the README documents it
// with --dry-run, plans a version, a changelog and a `{projectName}@{version}` tag for every
// publishable package and for nothing else, and writes nothing (files, index and tags unchanged).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishableDirs } from '@sous/tool-packages/manifest';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NX = createRequire(import.meta.url).resolve('nx/bin/nx.js');

function git(...args: string[]): string {
  return spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout;
}

/** Each match's first group, in order. */
function all(text: string, pattern: RegExp): string[] {
  return Array.from(text.matchAll(pattern), (match) => match[1]);
}

test('the first release, dry run: a version, changelog and tag for each publishable package; nothing written', () => {
  const publishable = publishableDirs(ROOT).map((dir) => {
    const { name, version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return { name: name as string, version: version as string, folder: path.relative(ROOT, dir) };
  });
  const [{ version }] = publishable;
  const statusBefore = git('status', '--porcelain', '--untracked-files=all');
  const tagsBefore = git('tag', '--list');

  const result = spawnSync(
    process.execPath,
    [NX, 'release', version, '--first-release', '--skip-publish', '--dry-run', '--verbose'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
    },
  );
  const out = `${result.stdout}${result.stderr}`;
  assert.is(result.status, 0, out);

  // The version each project ends with: its last "New version" line (a project whose dependency
  // moves is bumped once for that and then set to the version asked for).
  const planned: Record<string, string> = {};
  for (const [, name, next] of out.matchAll(/^(\S+) \S+\s+New version (\S+) written to manifest/gm))
    planned[name] = next;
  assert.equal(planned, Object.fromEntries(publishable.map((pkg) => [pkg.name, pkg.version])));

  const tags = all(out, /git tag --annotate (\S+) /g).sort();
  assert.equal(tags, publishable.map((pkg) => `${pkg.name}@${pkg.version}`).sort());
  const changelogs = all(out, /Previewing an entry in (\S+) for /g).sort();
  assert.equal(changelogs, publishable.map((pkg) => `${pkg.folder}/CHANGELOG.md`).sort());

  assert.is(git('status', '--porcelain', '--untracked-files=all'), statusBefore);
  assert.is(git('tag', '--list'), tagsBefore);
});

test.run();
