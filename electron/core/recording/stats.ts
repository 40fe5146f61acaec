/** Descriptive statistics used across summaries and reports. */
import type { Sample } from '../../shared/sample.js';
import type { LatencyStats } from '../../shared/session.js';

/** Percentile by linear interpolation between closest ranks (numpy's default). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function latencyStats(values: readonly number[]): LatencyStats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const m = mean(sorted);
  const variance = sorted.reduce((acc, v) => acc + (v - m) ** 2, 0) / Math.max(1, sorted.length - 1);
  return {
    mean: m,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    stdev: Math.sqrt(variance),
  };
}

/** Mean of one series over the samples that carry it; null when none does. */
export function seriesMean(samples: readonly Sample[], series: string): number | null {
  const values = samples.map((s) => s.values[series]).filter((v): v is number => v !== undefined);
  return values.length > 0 ? mean(values) : null;
}

/** The samples taken within [startMs, endMs]. */
export function samplesIn(samples: readonly Sample[], startMs: number, endMs: number): Sample[] {
  return samples.filter((s) => s.tMs >= startMs && s.tMs <= endMs);
}
