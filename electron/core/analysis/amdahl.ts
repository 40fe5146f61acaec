/**
 * Amdahl's law fitted to a measured thread sweep: t(n) = a + b/n with a = t1·s (the part
 * that does not parallelise) and b = t1·(1 − s), by least squares in x = 1/n, both
 * parts kept non-negative. Projections to other core counts of this machine use it.
 */
import type { AmdahlFit, SweepPoint } from '../../shared/session.js';

export function fitAmdahl(points: readonly SweepPoint[]): AmdahlFit | null {
  const usable = points.filter((p) => p.threads > 0 && p.p50Ms > 0);
  if (new Set(usable.map((p) => p.threads)).size < 2) return null;
  const xs = usable.map((p) => 1 / p.threads);
  const ys = usable.map((p) => p.p50Ms);
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  let b = Math.max(0, sxy / sxx);
  let a = my - b * mx;
  if (a < 0) {
    // Superlinear scaling (cache effects): a perfectly parallel fit through the origin.
    a = 0;
    b = xs.reduce((s, x, i) => s + x * ys[i]!, 0) / xs.reduce((s, x) => s + x * x, 0);
  }
  const t1Ms = a + b;
  const rms = Math.sqrt(xs.reduce((s, x, i) => s + (a + b * x - ys[i]!) ** 2, 0) / n);
  return { t1Ms, serialFraction: t1Ms > 0 ? a / t1Ms : 0, rmsErrorPct: (rms / my) * 100 };
}

/** Latency the fit predicts at n threads. */
export function amdahlMs(fit: AmdahlFit, threads: number): number {
  return fit.t1Ms * (fit.serialFraction + (1 - fit.serialFraction) / threads);
}
