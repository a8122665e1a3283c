// Where a sous step's time goes, measured in place: every node's `run` is timed (per node), and
// the models' forward passes inside them (sampling forward in `decode`, policy and reference
// forwards in `logits`). The wasm and cpu backends compute eagerly, so the time of a call is the
// time of its kernels. What no node contains — the backward pass, gradient norms, the AdamW
// update — is the rest of the step.
import { performance } from 'node:perf_hooks';
import type { LanguageModel, Plugin } from '@sous/core';

/** Model nodes also return non-language models (dsm-mlp's score network): those are timed as nodes only. */
function isLanguageModel(value: unknown): value is LanguageModel {
  const model = value as Partial<LanguageModel> | null;
  return typeof model?.logits === 'function' && typeof model.decode === 'function';
}

export class Profile {
  private readonly totals = new Map<string, number>();

  add(label: string, ms: number): void {
    this.totals.set(label, (this.totals.get(label) ?? 0) + ms);
  }

  /** The totals so far, and a reset. */
  take(): Map<string, number> {
    const out = new Map(this.totals);
    this.totals.clear();
    return out;
  }

  time<T>(label: string, run: () => T): T {
    const start = performance.now();
    const result = run();
    if (result instanceof Promise) return result.finally(() => this.add(label, performance.now() - start)) as T;
    this.add(label, performance.now() - start);
    return result;
  }

  /** The plugins with each node's run timed as `node <namespace>.<name>`, and the forward passes
   * of the models that model nodes return as `<binding> forward` (`decode` as `<binding> decode`). */
  instrument(plugins: Plugin[]): Plugin[] {
    return plugins.map((plugin) => ({
      ...plugin,
      nodes: plugin.nodes.map((node) => ({
        ...node,
        run: (inputs: never, params: never, ctx: { nodeId: string }) => {
          const value = this.time(`node ${plugin.namespace}.${node.name}`, () =>
            node.run(inputs, params, ctx as never),
          );
          return isLanguageModel(value) ? this.instrumentModel(value, ctx.nodeId) : value;
        },
      })),
    }));
  }

  private instrumentModel(model: LanguageModel, name: string): LanguageModel {
    const logits = model.logits.bind(model);
    const decode = model.decode.bind(model);
    model.logits = (tokens) => this.time(`${name} forward`, () => logits(tokens));
    model.decode = (tokens, cache) => this.time(`${name} decode`, () => decode(tokens, cache));
    return model;
  }
}
