// `sous lsp` as editors start it: the real CLI over stdio with @sous/runtime's registry loader, so a
// recipe's `use` lines load the first-party plugins. One session: a typo's diagnostic, completion
// of a namespace's nodes and hover on a parameter from the real plugins, then a clean shutdown.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CompletionRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type CompletionItem,
  type CompletionList,
  type MarkupContent,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { loadRegistry } from '@sous/runtime';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { hangGuard } from '../../../tools/test/hang-guard.js';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
// Not written to disk: the server reads the text from the client and loads plugins from its folder.
const uri = pathToFileURL(path.join(cliDir, '..', '..', 'examples', 'lsp-smoke.recipe')).href;

const TEXT =
  'sous 1\nuse "@sous/tasks"\nuse "@sous/models"\ntask = tasks.arithmetic(digits: 2)\ntypo = tasks.arithmetc()\np = models.gpt(vocab: task.vocab)\n';
/** The LSP position `shift` characters into the first `needle` of TEXT. */
function positionOf(needle: string, shift = 0): { line: number; character: number } {
  const lines = TEXT.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line].indexOf(needle) + shift };
}

test('sous lsp --stdio: diagnostics, completion and hover from the real plugins, then shutdown and exit 0', async () => {
  const server = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts', 'lsp', '--stdio'], {
    cwd: cliDir,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = createProtocolConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const diagnostics = Promise.race([
    new Promise<PublishDiagnosticsParams>((resolve) =>
      connection.onNotification(PublishDiagnosticsNotification.type, resolve),
    ),
    exited.then((code) => {
      throw new Error(`sous lsp exited (code ${code}) before publishing diagnostics`);
    }),
  ]);
  connection.listen();
  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'recipe', version: 1, text: TEXT },
    });
    const published = await hangGuard(diagnostics, 'publishDiagnostics from sous lsp');
    assert.is(published.uri, uri);
    assert.equal(
      published.diagnostics.map((d) => [d.code, d.range.start]),
      [['R0202', positionOf('tasks.arithmetc')]],
    );
    assert.match(published.diagnostics[0].message as string, 'did you mean "tasks.arithmetic"?');

    const completion = await connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf('models.', 7),
    });
    const items = (Array.isArray(completion) ? completion : (completion as CompletionList).items) as CompletionItem[];
    const models = (await loadRegistry(['@sous/models'], cliDir)).plugin('@sous/models')!;
    assert.ok(models.nodes.length >= 3, 'gpt, frozen, load and any newer');
    assert.equal(items.map((i) => i.label).sort(), models.nodes.map((n) => n.name).sort());

    const hover = await connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf('digits', 2),
    });
    const text = (hover!.contents as MarkupContent).value;
    for (const part of [
      '**digits**: integer',
      'default: `2`',
      '>= 1 and <= 6',
      'Largest number of digits of an operand',
      '@sous/tasks@0.1.0',
    ]) {
      assert.match(text, part);
    }

    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    assert.is(await hangGuard(exited, 'sous lsp exiting after shutdown and exit'), 0);
  } finally {
    connection.dispose();
    if (server.exitCode === null) server.kill();
  }
});

test.run();
