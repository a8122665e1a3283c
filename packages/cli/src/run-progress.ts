// What `sous run` shows while it trains: on a terminal a progress bar (stage, step/total, loss,
// steps/s, ETA) with log lines above it; otherwise (CI, pipes) a plain line every couple of
// seconds and at each stage's first and last step. Timings live here only, never in the run's
// metrics.jsonl.
import cliProgress from 'cli-progress';
import type { ProgressEvent, ProgressListener } from '@sous/runtime';

export interface ProgressDisplay {
  listener: ProgressListener;
  /** Prints a line without breaking the bar. */
  log(line: string): void;
  /** Removes the bar (at the end or on failure). */
  stop(): void;
}

export interface DisplayOptions {
  tty: boolean;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** Milliseconds clock (tests inject one). */
  now?: () => number;
  /** Minimum milliseconds between plain progress lines. */
  plainInterval?: number;
}

/** `1h02m`, `3m05s`, `42s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** Four significant digits, as metrics are shown. */
export function formatMetric(value: unknown): string {
  return typeof value === 'number'
    ? Number.isInteger(value)
      ? String(value)
      : value.toPrecision(4)
    : String(value ?? '-');
}

/** `accuracy 0.9100  pass@1 0.5000` from a record, without its stage/step/kind keys. */
function describeRecord(record: Record<string, unknown>): string {
  return Object.entries(record)
    .filter(([key]) => !['kind', 'stage', 'step'].includes(key))
    .map(([key, value]) => `${key} ${formatMetric(value)}`)
    .join('  ');
}

export function createProgressDisplay(options: DisplayOptions): ProgressDisplay {
  const now = options.now ?? (() => performance.now());
  const interval = options.plainInterval ?? 2000;
  let started = now(),
    firstStep = 0,
    lastPlain = -Infinity;
  let bars: cliProgress.MultiBar | undefined;
  let bar: cliProgress.SingleBar | undefined;

  const log = (line: string): void => {
    if (bars) bars.log(`${line}\n`);
    else options.out.write(`${line}\n`);
  };
  const warn = (line: string): void => {
    if (bars) bars.log(`${line}\n`);
    else options.err.write(`${line}\n`);
  };
  const rate = (globalStep: number): number => (globalStep - firstStep) / Math.max(1e-3, (now() - started) / 1000);

  const listener: ProgressListener = (event: ProgressEvent) => {
    switch (event.type) {
      case 'start': {
        started = now();
        firstStep = event.resumedAt ?? 0;
        log(`backend: ${event.backend}`);
        log(`run folder: ${event.runDir}`);
        if (event.resumedAt !== undefined) log(`resuming after step ${event.resumedAt} of ${event.totalSteps}`);
        if (options.tty) {
          bars = new cliProgress.MultiBar(
            {
              format: '{stage} {stageStep} |{bar}| {percentage}% | loss {loss} | {rate} steps/s | ETA {remaining}',
              stream: options.err as NodeJS.WriteStream,
              hideCursor: true,
              clearOnComplete: true,
              barsize: 20,
            },
            cliProgress.Presets.shades_classic,
          );
          bar = bars.create(event.totalSteps, firstStep, {
            stage: event.stages[0]?.name ?? '',
            stageStep: '',
            loss: '-',
            rate: '-',
            remaining: '?',
          });
        }
        break;
      }
      case 'step': {
        const perSecond = rate(event.globalStep);
        const eta = formatDuration((event.totalSteps - event.globalStep) / perSecond);
        const loss = formatMetric(event.record.loss);
        if (bar) {
          bar.update(event.globalStep, {
            stage: event.stage,
            stageStep: `${event.step + 1}/${event.stageSteps}`,
            loss,
            rate: perSecond.toFixed(1),
            remaining: eta,
          });
          break;
        }
        const edge = event.step === 0 || event.step === event.stageSteps - 1;
        if (edge || now() - lastPlain >= interval) {
          lastPlain = now();
          log(
            `${event.stage} ${event.step + 1}/${event.stageSteps}  loss ${loss}  ${perSecond.toFixed(1)} steps/s  ETA ${eta}`,
          );
        }
        break;
      }
      case 'eval':
        log(`eval ${event.record.stage} step ${event.record.step}: ${describeRecord(event.record)}`);
        break;
      case 'checkpoint':
        if (!bar) log(`checkpoint: ${event.dir}`);
        break;
      case 'log':
        if (event.level === 'warn') warn(`warning: ${event.message}`);
        else log(event.message);
        break;
      case 'done':
        stop();
        log(
          `done: ${event.globalStep - firstStep} steps in ${formatDuration((now() - started) / 1000)}; results in ${event.runDir}`,
        );
        break;
    }
  };
  function stop(): void {
    bars?.stop();
    bars = undefined;
    bar = undefined;
  }
  return { listener, log, stop };
}
