import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SousError } from '@sous/core';
import { serveRuns, type RunsServer } from '../src/serve.js';
import { grpoMetricsLines, makeGrpoRun } from './report-fixtures.js';

/** Reads server-sent events from a stream, one `data:` payload at a time. */
class EventReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  async next(): Promise<any> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const event = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const data = event.split('\n').find((line) => line.startsWith('data: '));
        if (data) return JSON.parse(data.slice(6));
        continue;
      }
      const { value, done } = await this.reader.read();
      if (done) throw new Error('the event stream ended');
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}

let parent: string;
let server: RunsServer;

test.before(async () => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-serve-'));
  makeGrpoRun('alpha', parent, { sft: 4, grpo: 0 });
  makeGrpoRun('beta', parent, { sft: 3, grpo: 2, variant: 1 });
  fs.mkdirSync(path.join(parent, 'not-a-run'));
  server = await serveRuns(parent, { port: 0, pollMs: 50 });
});

test.after(() => server.close());

test('serves on 127.0.0.1 and lists the run folders, skipping other folders', async () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const res = await fetch(server.url);
  assert.is(res.status, 200);
  const html = await res.text();
  const data = JSON.parse(html.match(/id="sous-data">(.*?)<\/script>/s)![1]);
  assert.is(data.kind, 'index');
  assert.is(data.live, '/events');
  assert.equal(data.runs.map((r: { name: string }) => r.name).sort(), ['alpha', 'beta']);
  const beta = data.runs.find((r: { name: string }) => r.name === 'beta');
  assert.equal([beta.recipe, beta.href, beta.progress], ['grpo-arithmetic', '/runs/beta/', 'grpo 2/200']);
});

test('a run page is the report with a live URL; its event stream sends new points as they are written', async () => {
  const page = await (await fetch(`${server.url}runs/alpha/`)).text();
  assert.match(page, /"live":"\/runs\/alpha\/events"/);

  const res = await fetch(`${server.url}runs/alpha/events`);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const events = new EventReader(res.body!);
  const first = await events.next();
  const loss = (data: any) => data.charts.find((c: { metric: string }) => c.metric === 'loss').series[0].x.length;
  assert.is(loss(first), 4);

  // The trainer appends two steps, the second one only half-written so far.
  const metrics = path.join(parent, 'alpha', 'metrics.jsonl');
  const [line4, line5] = grpoMetricsLines(6, 0).filter((l) => /"step":[45],"loss"/.test(l));
  fs.appendFileSync(metrics, `${line4}\n${line5.slice(0, 10)}`);
  const second = await events.next();
  assert.is(loss(second), 5);
  assert.equal(second.warnings, [], 'a half-written last line is not a warning while the run is live');
  fs.appendFileSync(metrics, `${line5.slice(10)}\n`);
  assert.is(loss(await events.next()), 6);
  await events.cancel();
});

test('a comparison of chosen runs; unknown runs and paths are 404, other methods 405', async () => {
  const compare = await fetch(`${server.url}compare?run=alpha&run=beta`);
  assert.is(compare.status, 200);
  assert.match(await compare.text(), /"kind":"compare"/);
  assert.is((await fetch(`${server.url}compare?run=alpha`)).status, 404);
  assert.is((await fetch(`${server.url}runs/nope/`)).status, 404);
  assert.is((await fetch(`${server.url}runs/not-a-run/`)).status, 404);
  assert.is((await fetch(`${server.url}runs/..%2F..%2Fetc/`)).status, 404);
  assert.is((await fetch(`${server.url}elsewhere`)).status, 404);
  const redirect = await fetch(`${server.url}runs/beta`, { redirect: 'manual' });
  assert.equal([redirect.status, redirect.headers.get('location')], [301, '/runs/beta/']);
  assert.is((await fetch(server.url, { method: 'POST' })).status, 405);
});

test('a missing runs folder is an error before anything listens', async () => {
  try {
    await serveRuns(path.join(parent, 'missing'), { port: 0 });
    assert.unreachable('expected an error');
  } catch (error) {
    assert.instance(error, SousError);
    assert.match((error as SousError).message, /runs folder not found/);
  }
});

test('a port in use is a clear error naming --port', async () => {
  const port = Number(new URL(server.url).port);
  try {
    await serveRuns(parent, { port });
    assert.unreachable('expected an error');
  } catch (error) {
    assert.instance(error, SousError);
    assert.is((error as SousError).file, '--port');
    assert.match((error as SousError).message, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
  }
});

test.run();
