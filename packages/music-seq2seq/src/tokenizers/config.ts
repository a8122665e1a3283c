// The one configuration every tokenizer of this package reads (after MidiTok's TokenizerConfig):
// the time grid, which token families are on, and the bins for pitch, velocity, duration, tempo and
// meter. Quantisation (quantise.ts) maps a piece onto exactly what these tokens can say.

export interface TokenizerConfig {
  /** Positions per quarter note (4: sixteenth notes, as in REMI). */
  beatResolution: number;
  /** Ticks per quarter note of decoded (and quantised) pieces; a multiple of beatResolution. */
  ppq: number;
  /** Lowest and highest pitch kept (MidiTok: 21–108, the piano). */
  pitchRange: [number, number];
  /** Velocity bins spread evenly over 1–127. */
  velocityBins: number;
  /** Longest duration in quarter notes; durations run from one position up to it. */
  maxDurationBeats: number;
  /** Tempo bins spread linearly over tempoRange (bpm). */
  tempoBins: number;
  tempoRange: [number, number];
  /** Meters a TimeSig token can name, as [numerator, denominator]. */
  timeSignatures: Array<[number, number]>;
  /** Optional token families (Bar, Position, Pitch and Duration are always on). `theme` adds the two
   * special tokens Theme_start and Theme_end that open and close a theme region (Theme Transformer's
   * flags, music.theme_rows); off unless set. */
  families: {
    velocity: boolean;
    tempo: boolean;
    chord: boolean;
    timeSignature: boolean;
    program: boolean;
    theme?: boolean;
  };
}

export const defaultTokenizerConfig: TokenizerConfig = {
  beatResolution: 4,
  ppq: 480,
  pitchRange: [21, 108],
  velocityBins: 32,
  maxDurationBeats: 8,
  tempoBins: 32,
  tempoRange: [40, 250],
  timeSignatures: [
    [4, 4],
    [3, 4],
    [2, 4],
    [5, 4],
    [6, 8],
    [7, 8],
    [12, 8],
  ],
  families: { velocity: true, tempo: true, chord: true, timeSignature: true, program: true },
};

/** The config with `overrides` applied (families merged), checked: throws a RangeError naming the field. */
export function tokenizerConfig(
  overrides: Partial<Omit<TokenizerConfig, 'families'>> & { families?: Partial<TokenizerConfig['families']> } = {},
): TokenizerConfig {
  const config: TokenizerConfig = {
    ...defaultTokenizerConfig,
    ...overrides,
    families: { ...defaultTokenizerConfig.families, ...overrides.families },
  };
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new RangeError(`tokenizer config: ${what}`);
  };
  check(
    Number.isInteger(config.beatResolution) && config.beatResolution >= 1,
    'beatResolution must be a positive integer',
  );
  check(
    config.ppq % config.beatResolution === 0,
    `ppq ${config.ppq} must be a multiple of beatResolution ${config.beatResolution}`,
  );
  const [low, high] = config.pitchRange;
  check(
    Number.isInteger(low) && Number.isInteger(high) && 0 <= low && low <= high && high <= 127,
    'pitchRange must lie in 0–127',
  );
  check(
    Number.isInteger(config.velocityBins) && config.velocityBins >= 1 && config.velocityBins <= 127,
    'velocityBins must be 1–127',
  );
  check(
    config.maxDurationBeats > 0 && Number.isInteger(config.maxDurationBeats * config.beatResolution),
    'maxDurationBeats must be a whole number of positions',
  );
  check(Number.isInteger(config.tempoBins) && config.tempoBins >= 2, 'tempoBins must be at least 2');
  check(
    0 < config.tempoRange[0] && config.tempoRange[0] < config.tempoRange[1],
    'tempoRange must be increasing and positive',
  );
  check(config.timeSignatures.length > 0, 'timeSignatures must name at least one meter');
  for (const [n, d] of config.timeSignatures) {
    check(
      Number.isInteger(positionsPerBar(config, n, d)) && n >= 1,
      `meter ${n}/${d} is not a whole number of positions`,
    );
  }
  return config;
}

/** Grid positions in one bar of n/d. */
export function positionsPerBar(config: TokenizerConfig, numerator: number, denominator: number): number {
  return (numerator * 4 * config.beatResolution) / denominator;
}

export const ticksPerPosition = (config: TokenizerConfig) => config.ppq / config.beatResolution;

/** The velocity of bin i (0-based): evenly spread, the last bin at 127. */
export const velocityValue = (config: TokenizerConfig, bin: number) =>
  Math.round(((bin + 1) * 127) / config.velocityBins);

/** The tempo of bin i (0-based) in bpm. */
export const tempoValue = (config: TokenizerConfig, bin: number) =>
  config.tempoRange[0] + (bin * (config.tempoRange[1] - config.tempoRange[0])) / (config.tempoBins - 1);

/** The bin whose value is nearest (ties to the lower bin). */
export function nearestBin(count: number, binValue: (bin: number) => number, value: number): number {
  let best = 0;
  for (let bin = 1; bin < count; bin++)
    if (Math.abs(binValue(bin) - value) < Math.abs(binValue(best) - value)) best = bin;
  return best;
}
