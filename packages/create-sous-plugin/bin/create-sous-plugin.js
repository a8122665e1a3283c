#!/usr/bin/env node
// `npm init sous-plugin NAME`. From a checkout that has not been built, say how to build rather than
// failing with a module error.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  console.error('create-sous-plugin: not built yet; run `npm ci` (or `npm run prepare`) at the repository root.');
  process.exit(2);
}
await import(main.href);
