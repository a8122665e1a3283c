// `sous lsp` as editors start it: the real CLI over stdio with @sous/core's registry loader, so a
// recipe's `use` lines load the first-party plugins. One round trip: a typo's diagnostic, then a
// clean shutdown.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest,
  PublishDiagnosticsNotification, ShutdownRequest, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { hangGuard } from '../../../tools/test/hang-guard.js';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
// Not written to disk: the server reads the text from the client and loads plugins from its folder.
const uri = pathToFileURL(path.join(cliDir, '..', '..', 'examples', 'lsp-smoke.recipe')).href;

test('sous lsp --stdio: diagnostics from the real plugins, then shutdown and exit 0', async () => {
  const server = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts', 'lsp', '--stdio'], {
    cwd: cliDir, stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const diagnostics = Promise.race([
    new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, resolve)),
    exited.then((code) => { throw new Error(`sous lsp exited (code ${code}) before publishing diagnostics`); }),
  ]);
  connection.listen();
  try {
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'recipe', version: 1, text: 'sous 1\nuse "@sous/tasks"\ntask = tasks.arithmetc(digits: 2)\n' },
    });
    const published = await hangGuard(diagnostics, 'publishDiagnostics from sous lsp');
    assert.is(published.uri, uri);
    assert.equal(published.diagnostics.map((d) => [d.code, d.range.start]), [['R0202', { line: 2, character: 7 }]]);
    assert.match(published.diagnostics[0].message as string, 'did you mean "tasks.arithmetic"?');

    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    assert.is(await hangGuard(exited, 'sous lsp exiting after shutdown and exit'), 0);
  } finally {
    connection.dispose();
    if (server.exitCode === null) server.kill();
  }
});

test.run();
