// The plan hash: sha256 of the canonical JSON (RFC 8785: sorted keys, canonical numbers) of the
// plan without `file` and the `source` positions, so moving, renaming or reformatting a recipe
// keeps its hash while any change to what runs changes it.
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { Plan } from '../plan.js';

export function planHash(plan: Omit<Plan, 'hash'> | Plan): string {
  const { file: _file, hash: _hash, ...rest } = plan as Plan;
  const hashed = {
    ...rest,
    nodes: rest.nodes.map(({ source: _source, ...node }) => node),
    stages: rest.stages.map((stage) => ({
      ...stage,
      optimizers: stage.optimizers.map(({ source: _source, ...optimizer }) => optimizer),
    })),
  };
  return createHash('sha256').update(canonicalize(hashed)!).digest('hex');
}
