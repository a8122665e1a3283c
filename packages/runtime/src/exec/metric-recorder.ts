// Collects the metrics nodes report during one step (`ctx.metric(name, v)`). A metric is recorded
// as `<binding>.<name>` when the node is bound to a name (`reward = ...` → `reward.mean`), else as
// plain `<name>` (an anonymous `0.04 * objectives.kl(...)` → `kl`). When that key is reserved by
// the runtime (`loss`, `lr`, ...) or reported by more than one node in the step (two anonymous
// evals that both say `accuracy`), every such node's metric is qualified by its node id
// (`grpo.loss$2.kl`), so no node keeps a bare name another one also claims. With gradient
// accumulation, a metric reported in several micro-steps records its mean.
import type { PlanNode } from '@sous/dsl';

interface Entry {
  node: string;
  name: string;
  preferred: string;
  sum: number;
  count: number;
}

export class MetricRecorder {
  /** By `<node id>\0<name>`, in the order first reported. */
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly reserved: ReadonlySet<string> = new Set()) {}

  add(node: Pick<PlanNode, 'id' | 'binding'>, name: string, value: number): void {
    const id = `${node.id}\0${name}`;
    const entry = this.entries.get(id) ?? {
      node: node.id,
      name,
      preferred: node.binding ? `${node.binding}.${name}` : name,
      sum: 0,
      count: 0,
    };
    entry.sum += value;
    entry.count += 1;
    this.entries.set(id, entry);
  }

  /** The metrics in the order they were first reported. */
  values(): Record<string, number> {
    const owners = new Map<string, Set<string>>();
    for (const { preferred, node } of this.entries.values())
      owners.set(preferred, (owners.get(preferred) ?? new Set()).add(node));
    const out: Record<string, number> = {};
    for (const { node, name, preferred, sum, count } of this.entries.values()) {
      const shared = this.reserved.has(preferred) || owners.get(preferred)!.size > 1;
      out[shared ? `${node}.${name}` : preferred] = sum / count;
    }
    return out;
  }
}
