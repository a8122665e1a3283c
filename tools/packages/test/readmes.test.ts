// Every first-party plugin's README lists its nodes as the plugin declares them, with an example.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BEGIN, END, generatedSections, pluginDir, withSection } from '../src/readmes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sections = await generatedSections(ROOT);

test('every plugin README is up to date with its plugin (else: npm run readmes -w tools/packages)', () => {
  const stale = [...sections]
    .filter(([name, generated]) => {
      const file = path.join(pluginDir(ROOT, name), 'README.md');
      const readme = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      return withSection(readme, generated) !== readme;
    })
    .map(([name]) => name);
  assert.equal(stale, []);
});

test('every plugin README has an introduction above the generated part and, but for placeholders, an example', () => {
  for (const [name, generated] of sections) {
    const readme = fs.readFileSync(path.join(pluginDir(ROOT, name), 'README.md'), 'utf8');
    const intro = readme.slice(0, readme.indexOf(BEGIN));
    assert.match(intro, new RegExp(`^# ${name.replace('/', '\\/')}\\b`), `${name}: title`);
    assert.ok(intro.split('\n').filter((line) => line.trim() !== '').length >= 2, `${name}: an introduction`);
    if (!generated.includes('placeholder')) assert.match(readme, /\n## Example\n/, `${name}: an example`);
  }
});

test('the rewards table lists each node with kind, ports, defaults and the first sentence of its doc', () => {
  const rewards = sections.get('@sous/rewards') ?? '';
  assert.ok(rewards.includes('| `overlong` | reward |'), `the overlong row is missing from:\n${rewards.slice(0, 600)}`);
  assert.is(rewards.split('\n').filter((line) => line.startsWith('| `')).length, 9);
});

test('withSection replaces only the generated part, and appends one to a README without', () => {
  const readme = `# x\n\nIntro.\n\n${BEGIN}\n\nold\n${END}\n`;
  assert.is(withSection(readme, 'new\n'), `# x\n\nIntro.\n\n${BEGIN}\n\nnew\n\n${END}\n`);
  assert.is(withSection('# x\n\nIntro.\n', 'new\n'), `# x\n\nIntro.\n\n${BEGIN}\n\nnew\n\n${END}\n`);
});

test.run();
