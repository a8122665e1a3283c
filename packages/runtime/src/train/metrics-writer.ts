// metrics.jsonl: one JSON object per line, appended as steps finish. Only values that are the
// same on every run of the same recipe and seed go here (no wall-clock times), so two runs — or
// a run and its resumed twin — produce byte-identical files. A checkpoint remembers the file's
// length, and resuming truncates the file back to it.
import fs from 'node:fs';
import { SousError } from '@sous/core';

export class MetricsWriter {
  private constructor(
    readonly file: string,
    private fd: number,
    private length: number,
  ) {}

  /** Opens (creating if needed) `file` for appending; `truncateTo` cuts it back first (resume). */
  static open(file: string, truncateTo?: number): MetricsWriter {
    try {
      const fd = fs.openSync(file, 'a+');
      let length = fs.fstatSync(fd).size;
      if (truncateTo !== undefined) {
        if (truncateTo > length) {
          fs.closeSync(fd);
          throw new SousError(`is shorter (${length} bytes) than the checkpoint recorded (${truncateTo} bytes)`, {
            file,
            hint: 'The run folder was modified after the checkpoint; it cannot be resumed exactly.',
          });
        }
        fs.ftruncateSync(fd, truncateTo);
        length = truncateTo;
      }
      return new MetricsWriter(file, fd, length);
    } catch (error) {
      if (error instanceof SousError) throw error;
      throw new SousError(`cannot open the metrics file: ${(error as Error).message}`, { file, cause: error });
    }
  }

  /** Bytes written so far (what a checkpoint records). */
  get bytes(): number {
    return this.length;
  }

  append(record: Record<string, unknown>): void {
    const line = Buffer.from(`${JSON.stringify(record)}\n`);
    fs.writeSync(this.fd, line);
    this.length += line.length;
  }

  /** Flushes to disk (before a checkpoint records the length). */
  sync(): void {
    fs.fsyncSync(this.fd);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
