/** A thread sweep's measured latencies beside the Amdahl curve fitted to them. */
import type { AmdahlFit, SweepPoint } from '../../../../electron/shared/session.js';

/** Amdahl's law as the session fitted it: t(n) = t1 · (s + (1 − s) / n). */
export function amdahlMs(fit: AmdahlFit, threads: number): number {
  return fit.t1Ms * (fit.serialFraction + (1 - fit.serialFraction) / threads);
}

export interface ThreadSweepRow {
  threads: number;
  /** The measured p50 at this thread count, where one was measured. */
  measuredMs?: number;
  /** The fitted curve, where a fit exists. */
  fitMs?: number;
}

/**
 * Rows at every whole thread count from 1 to the largest measured, so the curve is drawn
 * through the counts between the measured ones; measured points sit on their own count.
 */
export function threadSweepRows(sweep: readonly SweepPoint[], fit: AmdahlFit | null): ThreadSweepRow[] {
  if (sweep.length === 0) return [];
  const maxThreads = Math.max(...sweep.map((p) => p.threads));
  const measured = new Map(sweep.map((p) => [p.threads, p.p50Ms]));
  const counts = fit ? Array.from({ length: maxThreads }, (_, i) => i + 1) : [...measured.keys()].sort((a, b) => a - b);
  return counts.map((threads) => {
    const row: ThreadSweepRow = { threads };
    const measuredMs = measured.get(threads);
    if (measuredMs !== undefined) row.measuredMs = measuredMs;
    if (fit) row.fitMs = amdahlMs(fit, threads);
    return row;
  });
}

/** The largest speed-up over one thread the fit allows, 1 / s; null when it has no serial part. */
export function amdahlCeiling(fit: AmdahlFit): number | null {
  return fit.serialFraction <= 0 ? null : 1 / Math.min(1, fit.serialFraction);
}
