/**
 * The Compression screen's side-by-side table as numbers: which columns an experiment
 * has, how each value prints, each variant's ratio against the original worded as a
 * user says it ("4.1× smaller", "1.6× faster"), and the best model in each column.
 * Pure, so the wording and the choices are tested without a browser.
 */
import type { ProgressEvent } from '../../../../electron/shared/api.js';
import type { CompressionRow, CompressionView } from '../../../../electron/shared/compress.js';
import { formatBytes, formatMs } from '../../../../electron/shared/format.js';
import { type Metric, type MetricKey, type MetricUnit, METRICS } from './metrics.js';

export type { Metric, MetricKey, MetricUnit };

/**
 * True once the experiment profiles its models: a profile ran or failed, or the running
 * experiment's step count includes profiles (a build and a fidelity step per variant,
 * then one profile per model), so the columns are there before the first profile ends.
 */
export function isProfiled(view: CompressionView, progress: ProgressEvent | null): boolean {
  const { experiment } = view;
  if (experiment.baselineSessionId !== null || experiment.baselineError !== null) return true;
  if (view.rows.some((row) => row.sessionId !== null)) return true;
  return (
    progress !== null &&
    progress.experimentId === experiment.id &&
    progress.total !== null &&
    progress.total > experiment.variants.length * 2
  );
}

/** The table's columns, in reading order: size, start-up, speed, memory, fidelity. */
export function tableMetrics(view: CompressionView, profiled: boolean): Metric[] {
  const speed: MetricKey[] = view.llm
    ? ['ttftMs', 'tpotMs', 'outputTokensPerSec']
    : ['latencyP50Ms', 'latencyP90Ms', 'latencyP99Ms'];
  const decoderFidelity = view.llm || view.rows.some((row) => !row.baseline && row.top1Agreement !== null);
  const keys: MetricKey[] = [
    'fileBytes',
    'gzipBytes',
    'loadMs',
    'createMs',
    ...speed,
    'peakRssBytes',
    'maxAbsDiff',
    'cosine',
    ...(decoderFidelity ? (['top1Agreement'] as const) : []),
  ];
  return keys.map((key) => METRICS[key]).filter((m) => profiled || !m.profiled);
}

/** `1.6×` under 10, `12×` above: the second digit of a big ratio is noise. */
export function formatFactor(factor: number): string {
  return `${factor >= 9.95 ? factor.toFixed(0) : factor.toFixed(1)}×`;
}

/** Ratios within this much of 1 read "≈ same" (about the same): run-to-run noise of a short profile is of this order. */
export const EVEN_WITHIN = 0.05;

export type Tone = 'better' | 'worse' | 'even';

export interface Ratio {
  /** How many times better (≥ 1) or worse (≥ 1) the variant is. */
  factor: number;
  text: string;
  tone: Tone;
}

/**
 * How far a timing must move to count, as a share: the original's own drift between its
 * first and its last profile of the experiment when that is larger than `EVEN_WITHIN`.
 */
export function timingNoise(view: CompressionView): number {
  return Math.max(EVEN_WITHIN, (view.drift?.pct ?? 0) / 100);
}

/** The noise band of one column: timings move with the machine; sizes and memory do not drift that way. */
export function noiseOf(m: Metric, timing: number): number {
  return m.unit === 'ms' || m.unit === 'tokensPerSec' ? timing : EVEN_WITHIN;
}

/**
 * A variant's value against the original's, in the metric's words; "about the same" within
 * `evenWithin` (a share); null when a side is missing or zero.
 */
export function ratioAgainst(
  m: Metric,
  original: number | null,
  value: number | null,
  evenWithin = EVEN_WITHIN,
): Ratio | null {
  if (!m.ratioWords || original === null || value === null || original <= 0 || value <= 0) return null;
  const gain = m.better === 'lower' ? original / value : value / original;
  if (Math.abs(gain - 1) < evenWithin) return { factor: 1, text: '≈ same', tone: 'even' };
  const [betterWord, worseWord] = m.ratioWords;
  return gain > 1
    ? { factor: gain, text: `${formatFactor(gain)} ${betterWord}`, tone: 'better' }
    : { factor: 1 / gain, text: `${formatFactor(1 / gain)} ${worseWord}`, tone: 'worse' };
}

/**
 * For each column, the texts (`fp32`, `int8`, …) of the rows holding its best value; a
 * column with fewer than two candidates has no best. Ties are all best.
 */
export function bestPerColumn(
  rows: readonly CompressionRow[],
  metrics: readonly Metric[],
): Map<MetricKey, Set<string>> {
  const best = new Map<MetricKey, Set<string>>();
  for (const m of metrics) {
    const candidates = rows
      .filter((row) => !(m.variantsOnly && row.baseline))
      .map((row) => ({ text: row.text, value: row[m.key] }))
      .filter((c): c is { text: string; value: number } => c.value !== null && Number.isFinite(c.value));
    if (candidates.length < 2) continue;
    const values = candidates.map((c) => c.value);
    const target = m.better === 'lower' ? Math.min(...values) : Math.max(...values);
    best.set(m.key, new Set(candidates.filter((c) => c.value === target).map((c) => c.text)));
  }
  return best;
}

/** `3.2e-3`; exact zero as `0`. */
export function formatAbsDiff(value: number): string {
  return value === 0 ? '0' : value.toExponential(1);
}

/** Four decimals, six when the four would round a real difference to 1.0000. */
export function formatCosine(value: number): string {
  return value !== 1 && value >= 0.99995 ? value.toFixed(6) : value.toFixed(4);
}

/** `97 %`, `97.5 %` when the share is not a whole percent. */
export function formatShare(value: number): string {
  const pct = Math.round(value * 1000) / 10;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)} %`;
}

export function formatTokensPerSec(value: number): string {
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} tok/s`;
}

/** A value with its unit; `n/a` when it was not measured. */
export function formatMetric(unit: MetricUnit, value: number | null): string {
  if (value === null || Number.isNaN(value)) return 'n/a';
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'ms':
      return formatMs(value);
    case 'tokensPerSec':
      return formatTokensPerSec(value);
    case 'absDiff':
      return formatAbsDiff(value);
    case 'cosine':
      return formatCosine(value);
    case 'share':
      return formatShare(value);
  }
}

/** One bar group per model, for the charts: sizes, speed and fidelity side by side. */
export interface ChartRow {
  text: string;
  label: string;
  baseline: boolean;
  fileBytes: number | null;
  gzipBytes: number | null;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  outputTokensPerSec: number | null;
  /** Null for zero too: the fidelity chart has a log scale, where zero has no place. */
  maxAbsDiff: number | null;
  top1Pct: number | null;
}

export function chartRows(rows: readonly CompressionRow[]): ChartRow[] {
  return rows.map((row) => ({
    text: row.text,
    label: row.text,
    baseline: row.baseline,
    fileBytes: row.fileBytes,
    gzipBytes: row.gzipBytes,
    latencyP50Ms: row.latencyP50Ms,
    latencyP99Ms: row.latencyP99Ms,
    outputTokensPerSec: row.outputTokensPerSec,
    maxAbsDiff: row.maxAbsDiff !== null && row.maxAbsDiff > 0 ? row.maxAbsDiff : null,
    top1Pct: row.top1Agreement === null ? null : row.top1Agreement * 100,
  }));
}

/** `12 MatMulNBits, 2 DequantizeLinear`, biggest count first; empty for none. */
export function opsText(ops: Readonly<Record<string, number>>): string {
  return Object.entries(ops)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([op, n]) => `${n} ${op}`)
    .join(', ');
}

/** A chart axis's number: three significant figures at most, its unit in the chart's title. */
export function compactNumber(value: number): string {
  const size = Math.abs(value);
  return size >= 100 || size === 0 ? value.toFixed(0) : size >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** The unit a byte chart is drawn in: the largest one its biggest value reaches. */
export function byteUnit(max: number): { unit: string; scale: number } {
  const units: Array<[string, number]> = [
    ['GB', 1e9],
    ['MB', 1e6],
    ['KB', 1e3],
  ];
  const hit = units.find(([, scale]) => max >= scale);
  return hit ? { unit: hit[0], scale: hit[1] } : { unit: 'B', scale: 1 };
}

/**
 * Whole decades around the values, for a log axis: recharts' automatic log domain cut
 * off a bar below its lowest tick, so the domain and ticks are given. Null without a
 * positive value.
 */
export function logDomain(values: ReadonlyArray<number | null>): { domain: [number, number]; ticks: number[] } | null {
  const positive = values.filter((v): v is number => v !== null && v > 0 && Number.isFinite(v));
  if (positive.length === 0) return null;
  const low = Math.floor(Math.log10(Math.min(...positive)));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...positive))));
  const ticks = Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i));
  return { domain: [10 ** low, 10 ** high], ticks };
}

/**
 * The findings worth reading now. The host words a variant a running experiment has not
 * reached yet as "<label>: not made — no reason recorded": while it runs, such a line
 * waits until its variant is made or has failed.
 */
export function shownFindings(view: CompressionView): string[] {
  const { findings, experiment } = view;
  if (experiment.status !== 'running') return findings;
  const pending = experiment.variants
    .filter((variant) => variant.build === null && variant.error === null)
    .map((variant) => `${variant.label}: not made`);
  return findings.filter((finding) => !pending.some((prefix) => finding.startsWith(prefix)));
}
