// Agreement of two runs of the check batch (sous and the PyTorch reference), per step and value.
export interface CheckStep {
  loss: number;
  mean_logp: number;
  mean_kl: number;
}

/** 1e-5 relative to the larger magnitude; values that are 0 up to float32 rounding (step 0's loss
 * and kl, exactly 0 in real arithmetic) are compared absolutely at 1e-7. */
export const RELATIVE_TOLERANCE = 1e-5;
export const ABSOLUTE_FLOOR = 1e-7;

export interface Disagreement {
  step: number;
  key: keyof CheckStep;
  ours: number;
  reference: number;
}

export function disagreements(ours: CheckStep[], reference: CheckStep[]): Disagreement[] {
  const out: Disagreement[] = [];
  if (ours.length !== reference.length)
    throw new RangeError(`${ours.length} steps against the reference's ${reference.length}`);
  ours.forEach((step, i) => {
    for (const key of ['loss', 'mean_logp', 'mean_kl'] as const) {
      const a = step[key],
        b = reference[i][key];
      const allowed = Math.max(RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)), ABSOLUTE_FLOOR);
      if (!(Math.abs(a - b) <= allowed)) out.push({ step: i, key, ours: a, reference: b });
    }
  });
  return out;
}

/** The pass rule of the check: every value finite and the loss strictly decreasing. */
export function checkPasses(steps: CheckStep[]): boolean {
  const finite = steps.every(
    (s) => Number.isFinite(s.loss) && Number.isFinite(s.mean_logp) && Number.isFinite(s.mean_kl),
  );
  return finite && steps.every((s, i) => i === 0 || s.loss < steps[i - 1].loss);
}
