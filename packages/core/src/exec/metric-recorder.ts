// Collects the metrics nodes report during one step (`ctx.metric(name, v)`). A metric is recorded
// as `<binding>.<name>` when the node is bound to a name (`reward = ...` → `reward.mean`), else as
// plain `<name>` (an anonymous `0.04 * objectives.kl(...)` → `kl`); if that key is reserved by the
// runtime (`loss`, `lr`, ...) or already taken by another node in the same step, the node id
// qualifies it (`grpo.loss$2.kl`). With gradient accumulation, a metric reported in several
// micro-steps records its mean.
import type { PlanNode } from '@sous/dsl';

export class MetricRecorder {
  private readonly sums = new Map<string, { sum: number; count: number; owner: string }>();

  constructor(private readonly reserved: ReadonlySet<string> = new Set()) {}

  add(node: Pick<PlanNode, 'id' | 'binding'>, name: string, value: number): void {
    const preferred = node.binding ? `${node.binding}.${name}` : name;
    const owner = this.sums.get(preferred)?.owner;
    const key = this.reserved.has(preferred) || (owner !== undefined && owner !== node.id) ? `${node.id}.${name}` : preferred;
    const entry = this.sums.get(key) ?? { sum: 0, count: 0, owner: node.id };
    entry.sum += value;
    entry.count += 1;
    this.sums.set(key, entry);
  }

  /** The metrics in the order they were first reported. */
  values(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, { sum, count }] of this.sums) out[key] = sum / count;
    return out;
  }
}
