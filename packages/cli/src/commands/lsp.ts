// `sous lsp`: the .recipe language server over stdio, for editors (the VS Code extension, Neovim,
// Helix, any LSP client). Plugins named by `use` lines load from each recipe's folder, as in
// `sous run`. The process ends when the client sends `exit` or closes stdin.
import type { Command } from 'commander';
import { startLanguageServer } from '@sous/dsl/lsp';
import type { RegistryLoader } from '../recipe-input.js';

export function register(program: Command, loadRegistry: RegistryLoader): void {
  program
    .command('lsp')
    .description(
      'run the .recipe language server on stdin/stdout (diagnostics, completion, hover, formatting, go to definition)',
    )
    .option('--stdio', 'speak LSP over stdin and stdout (the only transport; accepted because editors pass it)')
    .option('--clientProcessId <pid>', 'also exit when this editor process ends')
    .action(() => {
      startLanguageServer({ loadRegistry });
      // Never settles: the server owns the process from here and exits it on `exit`.
      return new Promise<never>(() => {});
    });
}
