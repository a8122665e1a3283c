// The VS Code side of sous: starts the recipe language server (`sous lsp`, over stdio) for
// `.recipe` files. All language logic lives in the server; this file only finds and starts it.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The configured command, else the workspace's own `sous` (node_modules/.bin), else `sous` on
 * the PATH. */
function serverCommand(): string[] {
  const configured = vscode.workspace.getConfiguration('sous').get<string[]>('server.command', []);
  if (configured.length > 0) return configured;
  const binary = process.platform === 'win32' ? 'sous.cmd' : 'sous';
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = path.join(folder.uri.fsPath, 'node_modules', '.bin', binary);
    if (fs.existsSync(local)) return [local, 'lsp'];
  }
  return [binary, 'lsp'];
}

async function start(): Promise<void> {
  const [command, ...args] = serverCommand();
  // TransportKind.stdio appends `--stdio`, which `sous lsp` accepts.
  const serverOptions: ServerOptions = {
    command,
    args,
    transport: TransportKind.stdio,
    options: { shell: process.platform === 'win32' },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'recipe' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/package.json') },
  };
  client = new LanguageClient('sous', 'sous recipes', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `sous: the recipe language server did not start with \`${[command, ...args].join(' ')}\` (${reason}). ` +
        'Install sous in the workspace (`npm install -D @sous/cli`) or set "sous.server.command".',
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('sous.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('sous.server.command')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export function deactivate(): Promise<void> {
  return stop();
}
