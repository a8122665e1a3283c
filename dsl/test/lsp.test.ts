// The language server end to end: a child process speaking LSP over stdio (the fixture server,
// test/lsp-fixture-server.ts), driven by a real JSON-RPC client from vscode-languageserver-protocol:
// diagnostic ranges, formatting, symbols, definition and shutdown. Completion and hover, which show
// the plugins' own nodes and docs, go through the real `sous lsp` in packages/cli/test/lsp-command.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hangGuard } from '../../tools/test/hang-guard.js';
import { format } from '../src/index.js';

const dslDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const uri = pathToFileURL(path.join(dslDir, 'test', 'lsp-fixture.recipe')).href;

/** The typo `models.gbt` is at line 7, column 12 (1-based), after an emoji on line 6. */
const TYPO = `sous 1
recipe "lsp"
use "@sous/tasks"
use "@sous/models"

# 🍲 first the model, then its task
policy   = models.gbt(vocab: task.vocab)
task     = tasks.arithmetic(digits: 2)
`;
const FIXED = TYPO.replace('models.gbt', 'models.gpt');

/** The LSP position of the first `needle` in FIXED, `shift` characters into it. */
function positionOf(needle: string, shift = 0): { line: number; character: number } {
  const lines = FIXED.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line].indexOf(needle) + shift };
}

let server: ChildProcess;
let connection: ProtocolConnection;
/** Every publishDiagnostics received, in order. */
const published: { uri: string; diagnostics: Diagnostic[] }[] = [];
let onPublish: (() => void) | undefined;

/** The server's exit code, once it has exited (each wait below fails at once if it exits early). */
let serverExit: Promise<number | null>;

/** Resolves with the next publishDiagnostics for `uri` that `accept` takes. */
function nextDiagnostics(accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const seen = published.length;
  const match = new Promise<Diagnostic[]>((resolve) => {
    onPublish = () => {
      const found = published.slice(seen).find((p) => p.uri === uri && accept(p.diagnostics));
      if (!found) return;
      onPublish = undefined;
      resolve(found.diagnostics);
    };
  });
  const exited = serverExit.then((code) => {
    throw new Error(
      `the server exited (code ${code}) before such a publishDiagnostics; got ${JSON.stringify(published)}`,
    );
  });
  return hangGuard(Promise.race([match, exited]), 'the expected publishDiagnostics');
}

test.before(async () => {
  server = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'test/lsp-fixture-server.ts', '--stdio'],
    {
      cwd: dslDir,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  serverExit = new Promise((resolve) => server.once('exit', resolve));
  connection = createProtocolConnection(
    new StreamMessageReader(server.stdout!),
    new StreamMessageWriter(server.stdin!),
  );
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    onPublish?.();
  });
  connection.listen();
  const result = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    workspaceFolders: null,
  });
  assert.ok(result.capabilities.completionProvider);
  await connection.sendNotification(InitializedNotification.type, {});
});

test('a typo at line 7, column 12 after an emoji: the diagnostic has that exact range', async () => {
  const received = nextDiagnostics((d) => d.length > 0);
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'recipe', version: 1, text: TYPO },
  });
  const [diagnostic, ...rest] = await received;
  assert.equal(rest, []);
  assert.equal(diagnostic.range, { start: { line: 6, character: 11 }, end: { line: 6, character: 21 } });
  assert.is(diagnostic.code, 'R0202');
  assert.is(diagnostic.source, 'recipe');
  assert.match(diagnostic.message as string, 'did you mean "models.gpt"?');
});

test('fixing the typo clears the diagnostics', async () => {
  const received = nextDiagnostics(() => true);
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: FIXED }],
  });
  assert.equal(await received, []);
});

test('definition of a reference (completion and hover over the protocol: packages/cli/test/lsp-command.test.ts)', async () => {
  const definition = await connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri },
    position: positionOf('task.vocab', 1),
  });
  const taskLine = positionOf('task     =').line;
  assert.equal(definition, {
    uri,
    range: { start: { line: taskLine, character: 0 }, end: { line: taskLine, character: 4 } },
  });
});

test("formatting edits give exactly the formatter's output; symbols list every binding", async () => {
  const edits = await connection.sendRequest(DocumentFormattingRequest.type, {
    textDocument: { uri },
    options: { tabSize: 2, insertSpaces: true },
  });
  const document = TextDocument.create(uri, 'recipe', 2, FIXED);
  assert.is(TextDocument.applyEdits(document, edits!), format(FIXED));
  const symbols = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  assert.equal(
    symbols!.map((s) => s.name),
    ['@sous/tasks', '@sous/models', 'policy', 'task'],
  );
});

test('shutdown then exit: the process ends with code 0', async () => {
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  assert.is(await hangGuard(serverExit, 'the server exiting after shutdown and exit'), 0);
  connection.dispose();
});

test.after(() => {
  if (server.exitCode === null) server.kill();
});

test.run();
