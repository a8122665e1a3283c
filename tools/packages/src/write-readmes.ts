// npm run readmes -w tools/packages: rewrites the generated part of each first-party plugin's README.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedSections, pluginDir, withSection } from './readmes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
for (const [name, generated] of await generatedSections(root)) {
  const file = path.join(pluginDir(root, name), 'README.md');
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# ${name}\n`;
  const after = withSection(before, generated);
  if (after !== before) {
    fs.writeFileSync(file, after);
    process.stdout.write(`wrote ${path.relative(root, file)}\n`);
  }
}
