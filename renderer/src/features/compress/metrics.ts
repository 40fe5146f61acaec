/**
 * The columns of the side-by-side table: what each figure is, its unit, which way is
 * better, and how its ratio against the original is worded.
 */
export type MetricKey =
  | 'fileBytes'
  | 'gzipBytes'
  | 'loadMs'
  | 'createMs'
  | 'latencyP50Ms'
  | 'latencyP90Ms'
  | 'latencyP99Ms'
  | 'ttftMs'
  | 'tpotMs'
  | 'outputTokensPerSec'
  | 'peakRssBytes'
  | 'maxAbsDiff'
  | 'cosine'
  | 'top1Agreement';

export type MetricUnit = 'bytes' | 'ms' | 'tokensPerSec' | 'absDiff' | 'cosine' | 'share';

export interface Metric {
  key: MetricKey;
  label: string;
  /** The column header's tooltip: what the figure is and where it comes from. */
  title: string;
  unit: MetricUnit;
  better: 'lower' | 'higher';
  /** Words for a ratio against the original (better, worse); null where a ratio means nothing. */
  ratioWords: readonly [string, string] | null;
  /** Measured by profiling (absent when the experiment was not profiled). */
  profiled: boolean;
  /**
   * Fidelity is measured against the original, which is its own perfect score: the best
   * of such a column is picked among the variants only.
   */
  variantsOnly: boolean;
}

const SIZE = ['smaller', 'larger'] as const;
const SPEED = ['faster', 'slower'] as const;

const metric = (m: Omit<Metric, 'profiled' | 'variantsOnly'> & Partial<Metric>): Metric => ({
  profiled: true,
  variantsOnly: false,
  ...m,
});

export const METRICS: Record<MetricKey, Metric> = {
  fileBytes: metric({
    key: 'fileBytes',
    label: 'File',
    title: 'The .onnx file on disk',
    unit: 'bytes',
    better: 'lower',
    ratioWords: SIZE,
    profiled: false,
  }),
  gzipBytes: metric({
    key: 'gzipBytes',
    label: 'Gzip',
    title: 'The file gzip-compressed (level 6): what a download or an app bundle carries',
    unit: 'bytes',
    better: 'lower',
    ratioWords: SIZE,
    profiled: false,
  }),
  loadMs: metric({
    key: 'loadMs',
    label: 'Load',
    title: 'Reading the model file',
    unit: 'ms',
    better: 'lower',
    ratioWords: SPEED,
  }),
  createMs: metric({
    key: 'createMs',
    label: 'Create',
    title: 'Creating the ONNX Runtime session (graph optimisation, weight packing)',
    unit: 'ms',
    better: 'lower',
    ratioWords: SPEED,
  }),
  latencyP50Ms: metric({
    key: 'latencyP50Ms',
    label: 'p50',
    title: 'Median latency of the measured runs',
    unit: 'ms',
    better: 'lower',
    ratioWords: SPEED,
  }),
  latencyP90Ms: metric({
    key: 'latencyP90Ms',
    label: 'p90',
    title: '90th percentile latency of the measured runs',
    unit: 'ms',
    better: 'lower',
    ratioWords: SPEED,
  }),
  latencyP99Ms: metric({
    key: 'latencyP99Ms',
    label: 'p99',
    title: '99th percentile latency of the measured runs',
    unit: 'ms',
    better: 'lower',
    ratioWords: SPEED,
  }),
  ttftMs: metric({
    key: 'ttftMs',
    label: 'TTFT',
    title: 'Time to first token, mean over the requests',
    unit: 'ms',
    better: 'lower',
    ratioWords: SPEED,
  }),
  tpotMs: metric({
    key: 'tpotMs',
    label: 'TPOT',
    title: 'Time per output token after the first, mean over the requests',
    unit: 'ms',
    better: 'lower',
    ratioWords: SPEED,
  }),
  outputTokensPerSec: metric({
    key: 'outputTokensPerSec',
    label: 'Tokens/s',
    title: 'Output tokens per second',
    unit: 'tokensPerSec',
    better: 'higher',
    ratioWords: SPEED,
  }),
  peakRssBytes: metric({
    key: 'peakRssBytes',
    label: 'Peak RSS',
    title: "The inference worker's peak resident memory",
    unit: 'bytes',
    better: 'lower',
    ratioWords: SIZE,
  }),
  maxAbsDiff: metric({
    key: 'maxAbsDiff',
    label: 'Max |Δ|',
    title: 'Largest absolute difference from the original’s outputs on the same seeded inputs',
    unit: 'absDiff',
    better: 'lower',
    ratioWords: null,
    profiled: false,
    variantsOnly: true,
  }),
  cosine: metric({
    key: 'cosine',
    label: 'Cosine',
    title: 'Cosine similarity of the outputs with the original’s (1 is the same direction)',
    unit: 'cosine',
    better: 'higher',
    ratioWords: null,
    profiled: false,
    variantsOnly: true,
  }),
  top1Agreement: metric({
    key: 'top1Agreement',
    label: 'Top-1',
    title: 'Share of generation steps whose next token is the original’s (teacher forcing)',
    unit: 'share',
    better: 'higher',
    ratioWords: null,
    profiled: false,
    variantsOnly: true,
  }),
};
