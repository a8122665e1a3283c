// examples/claims.json: what every example recipe claims, as data, and what was last measured.
// The file is checked with a zod schema; a syntax or schema error names the file, line and column.
import fs from 'node:fs';
import { z } from 'zod';
import { findNodeAtLocation, parse as parseJsonc, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Where a value is read from: the eval record of `stage` at `step` (0-based, as metrics.jsonl
 * writes it; "last" is the stage's last eval record), field `metric`. */
const MetricRef = z.object({
  stage: z.string().min(1),
  step: z.union([z.literal('last'), z.number().int().nonnegative()]),
  metric: z.string().min(1),
});
export type MetricRef = z.infer<typeof MetricRef>;

const claimBase = {
  /** The claim in words, as the README shows it. */
  text: z.string().min(1),
  ...MetricRef.shape,
  /** A paired difference: each seed's value minus this reference's value in the same run
   * (fields left out are the claim's own). */
  minus: MetricRef.partial().optional(),
  /** The verdict on record: "not reproduced" marks a claim (usually a paper's) measured to fail;
   * the runner then checks that it still fails, and reports a change either way. */
  expect: z.enum(['holds', 'not reproduced']).default('holds'),
};

/** The mean over seeds lies within `tolerance` of `expected` (null: not measured yet). */
const MeanClaim = z
  .object({
    form: z.literal('mean'),
    ...claimBase,
    expected: z.number().nullable(),
    tolerance: z.number().nonnegative().nullable(),
  })
  .strict();

/** At least `k` of the seeds compare to `threshold` as `compare` says. */
const KOfNClaim = z
  .object({
    form: z.literal('k_of_n'),
    ...claimBase,
    compare: z.enum(['>=', '>', '<=', '<']),
    threshold: z.number(),
    k: z.number().int().positive(),
  })
  .strict();

const Claim = z.discriminatedUnion('form', [MeanClaim, KOfNClaim]);
export type Claim = z.infer<typeof Claim>;
export type MeanClaim = z.infer<typeof MeanClaim>;
export type KOfNClaim = z.infer<typeof KOfNClaim>;

/** Eval records of one measurement: key `stage@step`, then metric name → one value per seed. */
const Evals = z.record(
  z.string().regex(/^[^@]+@\d+$/, 'keys are "stage@step"'),
  z.record(z.string(), z.array(z.number().nullable())),
);
export type Evals = z.infer<typeof Evals>;

const Measured = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    backend: z.string().min(1),
    seeds: z.array(z.number().int().nonnegative()).min(1),
    /** Wall time of each seed's `sous run`, seconds. */
    wall_s: z.array(z.number().nonnegative()),
    evals: Evals,
  })
  .strict();
export type Measured = z.infer<typeof Measured>;

const Example = z
  .object({
    /** The recipe's file name without `.recipe`. */
    name: z.string().regex(/^[a-z0-9-]+$/),
    /** Which README table the example belongs to. */
    group: z.enum(['sft', 'policy-gradient', 'diffusion', 'unlearning', 'weight-space', 'music']),
    /** What the recipe demonstrates, one sentence for the README table. */
    demonstrates: z.string().min(1),
    backend: z.string().min(1),
    /** The seeds a claim is stated over; the first is the recipe's own. */
    seeds: z.array(z.number().int().nonnegative()).min(1),
    /** Final-eval metrics the README's measured table lists (policy-gradient rows show accuracy,
     * pass@1 and pass@8 whatever this says). */
    report: z.array(z.string()).default([]),
    claims: z.array(Claim).min(1),
    measured: Measured.nullable(),
  })
  .strict()
  .superRefine((example, ctx) => {
    example.claims.forEach((claim, i) => {
      if (claim.form === 'k_of_n' && claim.k > example.seeds.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['claims', i, 'k'],
          message: `k is ${claim.k} but the example lists ${example.seeds.length} seeds`,
        });
      }
    });
  });
export type Example = z.infer<typeof Example>;

const ClaimsFile = z
  .object({
    $comment: z.string().optional(),
    examples: z.array(Example),
  })
  .strict();
export type ClaimsFile = z.infer<typeof ClaimsFile>;

/** A problem with the claims file or the README, located as file:line:column where known. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}:${column}`}: ${message}`);
    this.name = 'DataError';
  }
}

/** 1-based line and column of character `offset` in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Parses and validates the claims file's text; the first problem is thrown as a DataError. */
export function parseClaims(text: string, file: string): ClaimsFile {
  const errors: ParseError[] = [];
  const data: unknown = parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0) {
    const { line, column } = lineColumn(text, errors[0].offset);
    throw new DataError(file, `not valid JSON (${printParseErrorCode(errors[0].error)})`, line, column);
  }
  const result = ClaimsFile.safeParse(data);
  if (result.success) {
    const names = new Set<string>();
    for (const [i, example] of result.data.examples.entries()) {
      if (names.has(example.name))
        throw locate(text, file, ['examples', i, 'name'], `example "${example.name}" is listed twice`);
      names.add(example.name);
    }
    return result.data;
  }
  const issue = result.error.issues[0];
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  throw locate(text, file, path, `${path.join('.') || '(top level)'}: ${issue.message}`);
}

/** A DataError at the deepest node of `path` that exists in the file. */
function locate(text: string, file: string, path: (string | number)[], message: string): DataError {
  const root = parseTree(text);
  let node = root;
  for (let depth = path.length; depth >= 0 && root; depth--) {
    node = findNodeAtLocation(root, path.slice(0, depth));
    if (node) break;
  }
  // Point at the property name when the value belongs to one.
  const offset = node?.parent?.type === 'property' ? node.parent.offset : (node?.offset ?? 0);
  const { line, column } = lineColumn(text, offset);
  return new DataError(file, message, line, column);
}

export function readClaims(file: string): ClaimsFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseClaims(text, file);
}

/** The file's text: two-space JSON with every list of numbers on one line, so a diff of a
 * re-measurement shows one line per metric. */
export function formatClaims(claims: ClaimsFile): string {
  const text = JSON.stringify(claims, null, 2);
  return `${text.replace(/\[\s*((?:-?[\d.e+-]+|null)(?:,\s*(?:-?[\d.e+-]+|null))*)\s*\]/g, (_, items: string) => `[${items.split(/,\s*/).join(', ')}]`)}\n`;
}

export function writeClaims(file: string, claims: ClaimsFile): void {
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, formatClaims(claims));
  fs.renameSync(temporary, file);
}
