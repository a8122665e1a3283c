// The recipe language server: wires the LSP requests to the features in this folder. It speaks
// over stdin and stdout; `sous lsp` gives it the registry loader of @sous/core (this package
// cannot depend on it).
import {
  createConnection,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, RegistryCache, uriToFile, type Analysis, type RegistryLoader } from './analysis.js';
import { complete } from './completion.js';
import { definition } from './definition.js';
import { quickFixes, toLspDiagnostics } from './diagnostics.js';
import { formatDocument } from './formatting.js';
import { hover } from './hover.js';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './semantic-tokens.js';
import { documentSymbols } from './symbols.js';

export interface LanguageServerOptions {
  loadRegistry: RegistryLoader;
}

/** Milliseconds between the last edit and the diagnostics: typing does not re-check each key. */
const DEBOUNCE_MS = 100;

const CAPABILITIES: InitializeResult['capabilities'] = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  completionProvider: { triggerCharacters: ['.', '(', ',', ':'] },
  hoverProvider: true,
  definitionProvider: true,
  documentSymbolProvider: true,
  documentFormattingProvider: true,
  codeActionProvider: { codeActionKinds: ['quickfix'] },
  semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
};

/** Starts the server on stdin/stdout and returns its connection. An `exit` notification (or the
 * end of stdin) ends the process, with code 0 after a `shutdown`. */
export function startLanguageServer(options: LanguageServerOptions): Connection {
  const connection = createConnection(process.stdin, process.stdout);
  redirectConsole(connection);
  const documents = new TextDocuments(TextDocument);
  const registries = new RegistryCache(options.loadRegistry, (message) => connection.console.error(message));
  const analyses = new Map<string, { version: number; analysis: Promise<Analysis> }>();
  const timers = new Map<string, NodeJS.Timeout>();

  /** The analysis of the document's current version (computed once per version). */
  const analysisOf = (document: TextDocument): Promise<Analysis> => {
    const cached = analyses.get(document.uri);
    if (cached?.version === document.version) return cached.analysis;
    const analysis = analyse(document, registries);
    analyses.set(document.uri, { version: document.version, analysis });
    return analysis;
  };

  const publish = async (document: TextDocument): Promise<void> => {
    try {
      const analysis = await analysisOf(document);
      // Edited meanwhile: the newer version's own publish follows.
      if (analysis.document.version !== document.version) return;
      const diagnostics = toLspDiagnostics(analysis.diagnostics, analysis.document);
      await connection.sendDiagnostics({ uri: document.uri, version: analysis.document.version, diagnostics });
    } catch (error) {
      connection.console.error(
        `sous: checking ${document.uri} failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
    }
  };

  const schedule = (document: TextDocument, delay: number): void => {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        void publish(document);
      }, delay),
    );
  };

  /** Runs a feature on the analysis of the request's document (null when it is not open). */
  const withAnalysis = <T>(uri: string, feature: (analysis: Analysis) => T): Promise<T | null> => {
    const document = documents.get(uri);
    return document ? analysisOf(document).then(feature) : Promise.resolve(null);
  };
  const offsetIn = (analysis: Analysis, position: { line: number; character: number }) =>
    analysis.document.offsetAt(position);

  connection.onInitialize(() => ({ capabilities: CAPABILITIES, serverInfo: { name: 'sous recipe language server' } }));
  documents.onDidOpen(({ document }) => schedule(document, 0));
  documents.onDidChangeContent(({ document }) => schedule(document, DEBOUNCE_MS));
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    analyses.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
  // A package.json changed: plugins may have been installed or removed.
  connection.onDidChangeWatchedFiles(() => {
    registries.clear();
    analyses.clear();
    for (const document of documents.all()) schedule(document, 0);
  });

  connection.onCompletion(({ textDocument, position }) =>
    withAnalysis(textDocument.uri, (a) => complete(a, offsetIn(a, position))),
  );
  connection.onHover(({ textDocument, position }) =>
    withAnalysis(textDocument.uri, (a) => hover(a, offsetIn(a, position))),
  );
  connection.onDefinition(({ textDocument, position }) =>
    withAnalysis(textDocument.uri, (a) => definition(a, offsetIn(a, position))),
  );
  connection.onDocumentSymbol(({ textDocument }) => withAnalysis(textDocument.uri, documentSymbols));
  connection.onCodeAction(({ textDocument, context }) => quickFixes(textDocument.uri, context.diagnostics));
  connection.languages.semanticTokens.on(({ textDocument }) =>
    withAnalysis(textDocument.uri, semanticTokens).then((tokens) => tokens ?? { data: [] }),
  );
  connection.onDocumentFormatting(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    return document ? formatDocument(document, uriToFile(document.uri)) : null;
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** stdout carries the protocol: whatever a plugin prints goes to the client's log instead. */
function redirectConsole(connection: Connection): void {
  const log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.log = log;
  console.info = log;
  console.debug = log;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
}
