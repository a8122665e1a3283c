// The records of a run folder's metrics.jsonl, one object per line, for tests that read a run's metrics.
import fs from 'node:fs';
import path from 'node:path';

export function metricRecords(runDir: string): Record<string, unknown>[] {
  return fs
    .readFileSync(path.join(runDir, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
