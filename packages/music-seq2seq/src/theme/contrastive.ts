// The learned segment embedding of Theme Transformer's retrieval (Shih et al. 2022), as an option
// beside the fixed one (embedding.ts): a small MLP e_φ over a bar's absolute piano-roll features,
// trained with InfoNCE so that two augmented views of one bar (transposition, onset jitter, note
// dropout) are close and other bars of the batch are far:
//   L = −(1/B) Σ_i log [ exp(cos(e_φ(u_i), e_φ(u_i⁺))/τ) / Σ_j exp(cos(e_φ(u_i), e_φ(u_j⁺))/τ) ]
// Inputs are absolute (pitch − 60)/12, not mean-relative: the invariance is what training learns.
import { type Rng, tf } from '@sous/core';
import type { Note } from '../piece.js';
import type { BarSegment } from './bars.js';

export interface ContrastiveOptions {
  grid?: number;
  hidden?: number;
  dim?: number;
  /** InfoNCE temperature τ (default 0.1). */
  temperature?: number;
  steps?: number;
  batch?: number;
  learningRate?: number;
  /** Largest transposition of a view, semitones (default 6). */
  transpose?: number;
  /** Largest onset shift of a view, as a fraction of a grid cell (default 0.25). */
  jitter?: number;
  /** Chance that a view drops one note (default 0.3). */
  dropout?: number;
}

/** [o_0 … o_{G−1}, p_0 … p_{G−1}]: onset flags and absolute (pitch − 60)/12 per grid cell. */
export function barFeatures(segment: BarSegment, grid: number): Float32Array {
  const features = new Float32Array(2 * grid);
  for (const note of segment.notes) {
    const cell = Math.min(
      grid - 1,
      Math.max(0, Math.round(((note.start - segment.start) / (segment.end - segment.start)) * grid)),
    );
    features[cell] = 1;
    features[grid + cell] = (note.pitch - 60) / 12;
  }
  return features;
}

/** One augmented view: every note transposed alike, onsets jittered, maybe one note dropped. */
export function augmentBar(
  segment: BarSegment,
  rng: Rng,
  options: Required<Pick<ContrastiveOptions, 'grid' | 'transpose' | 'jitter' | 'dropout'>>,
): BarSegment {
  const shift = rng.int(2 * options.transpose + 1) - options.transpose;
  const cell = (segment.end - segment.start) / options.grid;
  let notes: Note[] = segment.notes.map((n) => ({
    ...n,
    pitch: n.pitch + shift,
    start: n.start + Math.round((2 * rng.uniform() - 1) * options.jitter * cell),
  }));
  if (notes.length > 1 && rng.uniform() < options.dropout) {
    const drop = rng.int(notes.length);
    notes = notes.filter((_, i) => i !== drop);
  }
  return { ...segment, notes };
}

/** InfoNCE of anchors [B, k] against positives [B, k] (row i's positive is row i; both L2-normalised inside). */
export function infoNce(anchors: tf.Tensor2D, positives: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const a = tf.div(anchors, tf.norm(anchors, 'euclidean', 1, true));
    const p = tf.div(positives, tf.norm(positives, 'euclidean', 1, true));
    const logits = tf.div(tf.matMul(a, p, false, true), temperature);
    const batch = anchors.shape[0];
    return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.range(0, batch, 1, 'int32'), batch), logits) as tf.Scalar;
  });
}

/** A trained encoder: bar → unit-length embedding, and the InfoNCE loss at each step. */
export interface ContrastiveEncoder {
  embed(segment: BarSegment): Float32Array;
  losses: number[];
  dispose(): void;
}

/**
 * Trains e_φ on `segments` (bars with notes) from `rng`. Each step draws `batch` bars, two views
 * each, and takes one Adam step on InfoNCE.
 */
export function trainContrastiveEncoder(
  segments: BarSegment[],
  rng: Rng,
  options: ContrastiveOptions = {},
): ContrastiveEncoder {
  const { grid = 16, hidden = 64, dim = 16, temperature = 0.1, steps = 150, batch = 32, learningRate = 3e-3 } = options;
  const augment = {
    grid,
    transpose: options.transpose ?? 6,
    jitter: options.jitter ?? 0.25,
    dropout: options.dropout ?? 0.3,
  };
  if (segments.length < 2)
    throw new RangeError(`contrastive training needs at least 2 bars with notes, found ${segments.length}`);
  const init = (name: string, rows: number, cols: number) => {
    const stream = rng.fork(name);
    const scale = 1 / Math.sqrt(rows);
    return tf.variable(
      tf.tensor2d(
        Float32Array.from({ length: rows * cols }, () => scale * stream.normal()),
        [rows, cols],
      ),
    );
  };
  const w1 = init('w1', 2 * grid, hidden);
  const b1 = tf.variable(tf.zeros([hidden]));
  const w2 = init('w2', hidden, dim);
  const forward = (x: tf.Tensor2D) => tf.matMul(tf.tanh(tf.add(tf.matMul(x, w1), b1)), w2) as tf.Tensor2D;
  const optimizer = tf.train.adam(learningRate);
  const draws = rng.fork('views');
  const losses: number[] = [];
  const features = (bars: BarSegment[]) =>
    tf.tensor2d(
      bars.map((b) => Array.from(barFeatures(b, grid))),
      [bars.length, 2 * grid],
    );
  for (let step = 0; step < steps; step++) {
    const picked = Array.from({ length: batch }, () => segments[draws.int(segments.length)]);
    const loss = tf.tidy(() => {
      const anchors = features(picked.map((s) => augmentBar(s, draws, augment)));
      const positives = features(picked.map((s) => augmentBar(s, draws, augment)));
      return optimizer.minimize(() => infoNce(forward(anchors), forward(positives), temperature), true, [w1, b1, w2])!;
    });
    losses.push(loss.dataSync()[0]);
    loss.dispose();
  }
  optimizer.dispose();
  return {
    losses,
    embed: (segment) =>
      tf.tidy(() => {
        const e = forward(features([segment]));
        return tf.div(e, tf.norm(e)).dataSync() as Float32Array;
      }),
    dispose: () => tf.dispose([w1, b1, w2]),
  };
}
