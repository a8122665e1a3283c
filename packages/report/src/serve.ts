// `sous serve`: the runs of a folder on 127.0.0.1, like TensorBoard. Pages are the same report
// pages with a live URL: the server polls the run's metrics.jsonl and sends the page data again
// as a server-sent event whenever it changed, and the charts redraw in place.
//   /                      the run list (live)           /events              its event stream
//   /runs/<name>/          one run's report (live)       /runs/<name>/events  its event stream
//   /compare?run=a&run=b   a comparison of runs
import http from 'node:http';
import path from 'node:path';
import { SousError } from '@sous/core';
import { chartsPage } from './charts-page.js';
import { escapeHtml } from './html.js';
import { pageHtml } from './page.js';
import type { PageData } from './page-data.js';
import { loadRun, RUN_FILES } from './run-folder.js';
import { fileSignature, findRuns, RunLister, type RunDir } from './run-listing.js';
import { comparisonHtml } from './write-comparison.js';
import { runReportHtml } from './write-report.js';

export interface ServeOptions {
  /** 0 picks a free port. */
  port?: number;
  /** How often a live page's run is checked for new metrics, in milliseconds. */
  pollMs?: number;
}

export interface RunsServer {
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 6060;
const HOST = '127.0.0.1';
const KEEP_ALIVE_MS = 15_000;

const runHref = (name: string) => `/runs/${encodeURIComponent(name)}/`;

class NotFound extends Error {}

/** Sends `produce()`'s page data as an event now and again each poll where it differs from
 * the last one sent, until the client goes away. */
function eventStream(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pollMs: number,
  produce: () => Promise<PageData>,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  let last: string | undefined;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const json = JSON.stringify(await produce());
      if (json !== last) res.write(`data: ${json}\n\n`);
      last = json;
    } catch (error) {
      res.write(`event: problem\ndata: ${JSON.stringify((error as Error).message)}\n\n`);
    } finally {
      busy = false;
    }
  };
  void tick();
  const poll = setInterval(tick, pollMs);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  req.on('close', () => {
    clearInterval(poll);
    clearInterval(keepAlive);
  });
}

/** `produce`, re-run only when `signature()` changed since the last call. */
function whenChanged<T>(signature: () => Promise<string>, produce: () => Promise<T>): () => Promise<T> {
  let lastSignature: string | undefined;
  let value: Promise<T>;
  return async () => {
    const current = await signature();
    if (current !== lastSignature) {
      lastSignature = current;
      value = produce();
      value.catch(() => {
        lastSignature = undefined;
      }); // try again next time
    }
    return value;
  };
}

function pathParts(pathname: string): string[] {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new NotFound(`nothing at ${pathname}`);
  }
}

/** Serves the runs in `dir` (or the one run `dir` is); resolves once listening. */
export async function serveRuns(dir: string, options: ServeOptions = {}): Promise<RunsServer> {
  await findRuns(dir); // a missing folder is an error now, not on the first request
  const pollMs = options.pollMs ?? 500;
  const lister = new RunLister(dir, (run) => runHref(run.name));

  async function findRun(name: string): Promise<RunDir> {
    const run = (await findRuns(dir)).find((r) => r.name === name);
    if (!run) throw new NotFound(`no run named ${name}`);
    return run;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const html = (text: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(text);
    };
    const parts = pathParts(url.pathname);

    if (url.pathname === '/') {
      return html(
        await pageHtml({
          title: 'Runs',
          subtitle: `folder <code>${escapeHtml(path.resolve(dir))}</code>`,
          data: { kind: 'index', runs: await lister.list(), live: '/events' },
        }),
      );
    }
    if (url.pathname === '/events') {
      return eventStream(req, res, Math.max(pollMs, 1000), async () => ({ kind: 'index', runs: await lister.list() }));
    }
    if (parts[0] === 'runs' && parts.length >= 2) {
      const run = await findRun(parts[1]);
      if (parts.length === 2 && !url.pathname.endsWith('/')) {
        res.writeHead(301, { location: runHref(run.name) });
        return void res.end();
      }
      const live = `${runHref(run.name)}events`;
      if (parts.length === 2) return html(await runReportHtml(await loadRun(run.dir, { growing: true }), live));
      if (parts.length === 3 && parts[2] === 'events') {
        const files = [RUN_FILES.metrics, RUN_FILES.plan].map((f) => path.join(run.dir, f));
        return eventStream(
          req,
          res,
          pollMs,
          whenChanged(
            async () => (await Promise.all(files.map(fileSignature))).join('|'),
            async () => ({ ...chartsPage([await loadRun(run.dir, { growing: true })]), live }),
          ),
        );
      }
    }
    if (url.pathname === '/compare') {
      const names = url.searchParams.getAll('run');
      if (names.length < 2) throw new NotFound('pick at least two runs to compare');
      const runs = await Promise.all(names.map(async (name) => loadRun((await findRun(name)).dir, { growing: true })));
      return html(await comparisonHtml(runs, (run) => runHref(run.name)));
    }
    throw new NotFound(`nothing at ${url.pathname}`);
  }

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return void res.end();
    }
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof NotFound ? 404 : 500;
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${error instanceof Error ? error.message : String(error)}\n`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new SousError(`port ${options.port} on ${HOST} is in use`, {
              file: '--port',
              hint: 'Pass another --port, or 0 for any free port.',
            })
          : new SousError(`cannot serve on ${HOST}: ${error.message}`, { cause: error }),
      );
    });
    server.listen(options.port ?? DEFAULT_PORT, HOST, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${HOST}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
