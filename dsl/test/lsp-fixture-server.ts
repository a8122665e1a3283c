// The language server on the fixture registry, over stdio: what test/lsp.test.ts drives as a
// child process (`sous lsp` is the same server on @sous/core's registry loader).
import { startLanguageServer } from '../src/lsp/index.js';
import { fixtureRegistry } from './fixtures/registry.js';

startLanguageServer({ loadRegistry: async () => fixtureRegistry });
