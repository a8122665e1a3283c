// `npm run boundaries -w tools/lint`: prints every import-boundary violation in the workspace.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkImportBoundaries } from './import-boundaries.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const violations = checkImportBoundaries(root);
for (const violation of violations) console.log(violation.message);
console.log(
  violations.length === 0 ? 'import boundaries: no violations' : `import boundaries: ${violations.length} violations`,
);
process.exitCode = violations.length === 0 ? 0 : 1;
