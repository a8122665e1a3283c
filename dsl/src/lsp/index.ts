// The recipe language server (`sous lsp`). Import it as `@sous/dsl/lsp`, apart from the front end,
// so that the CLI and the runtime do not load vscode-languageserver unless they serve an editor.
export { startLanguageServer, type LanguageServerOptions } from './server.js';
export type { RegistryLoader } from './analysis.js';
// The features themselves, for tests and tools that drive them without a language client.
export { RegistryCache } from './analysis.js';
export { complete } from './completion.js';
export { hover } from './hover.js';
