// metrics.jsonl → metric records. The trainer writes one JSON object per line: a training step
// `{"stage":"sft","step":12,"loss":1.23,"lr":0.0003}` or an eval `{"kind":"eval","stage":"sft",
// "step":100,"accuracy":0.91}`. A report must still render when a run was killed mid-line or a
// line was damaged, so bad lines are skipped with a warning that names them.
import { z } from 'zod';

export type RecordKind = 'train' | 'eval';

export interface MetricRecord {
  kind: RecordKind;
  stage: string;
  /** 0-based step within the stage. */
  step: number;
  /** Numeric fields; null where the trainer wrote a non-finite value (JSON has no NaN). */
  values: Record<string, number | null>;
}

export interface ParsedMetrics {
  records: MetricRecord[];
  /** One `file:line: ...` sentence per skipped line. */
  warnings: string[];
}

/** One line: the fields that place a record, then any measurements. Each message is the words
 * that follow "skipped a line". */
const wholeStep = 'whose "step" is not a whole number >= 0';
const metricLineSchema = z.looseObject(
  {
    kind: z
      .enum(['train', 'eval'], {
        error: (issue) => `with an unknown kind ${JSON.stringify(issue.input)} (expected "train" or "eval")`,
      })
      .default('train'),
    stage: z.string({ error: 'with no "stage" name' }).min(1, 'with no "stage" name'),
    step: z.number({ error: wholeStep }).int(wholeStep).min(0, wholeStep),
  },
  { error: 'that is not a JSON object' },
);

/** The record a parsed line holds, or why it holds none (words that follow "skipped a line"). */
function toRecord(value: unknown): MetricRecord | string {
  const parsed = metricLineSchema.safeParse(value);
  if (!parsed.success) return parsed.error.issues[0].message;
  const { kind, stage, step, ...fields } = parsed.data;
  const values: Record<string, number | null> = {};
  for (const [name, v] of Object.entries(fields)) {
    if (typeof v === 'number') values[name] = Number.isFinite(v) ? v : null;
    else if (v === null) values[name] = null;
    // Strings, booleans and objects are labels or notes, not curves.
  }
  return { kind, stage, step, values };
}

/** Parses the text of a metrics.jsonl file; `file` is only used to name skipped lines. */
export function parseMetrics(text: string, file: string): ParsedMetrics {
  const records: MetricRecord[] = [];
  const warnings: string[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      warnings.push(`${where}: skipped a line that is not valid JSON (${(error as Error).message}).`);
      return;
    }
    const record = toRecord(value);
    if (typeof record === 'string') warnings.push(`${where}: skipped a line ${record}.`);
    else records.push(record);
  });
  return { records, warnings };
}

/** The text up to and including its last newline: a file another process is still appending to
 * may end in half a line, which is not damage and must not be warned about. */
export function completeLines(text: string): string {
  return text.slice(0, text.lastIndexOf('\n') + 1);
}
