#!/usr/bin/env node
// The `sous` command. `npm ci` builds dist/ (the root `prepare` script); from a checkout that has
// not been built, say how to build rather than failing with a module error.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('sous: the CLI is not built yet; run `npm ci` (or `npm run prepare`) at the repository root.');
  process.exit(2);
}
await import(main.href);
