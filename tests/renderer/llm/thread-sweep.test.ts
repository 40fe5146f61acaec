import { describe, expect, it } from 'vitest';
import { amdahlCeiling, amdahlMs, threadSweepRows } from '../../../renderer/src/features/llm/thread-sweep.js';

const fit = { t1Ms: 10, serialFraction: 0.2, rmsErrorPct: 3 };

describe('thread sweep chart rows', () => {
  it('evaluates t(n) = t1 · (s + (1 − s) / n)', () => {
    expect(amdahlMs(fit, 1)).toBeCloseTo(10);
    expect(amdahlMs(fit, 4)).toBeCloseTo(10 * (0.2 + 0.8 / 4));
  });

  it('draws the curve at every thread count and the measurements only where measured', () => {
    const rows = threadSweepRows(
      [
        { threads: 1, runs: 20, p50Ms: 10.2 },
        { threads: 4, runs: 20, p50Ms: 4.1 },
      ],
      fit,
    );
    expect(rows.map((r) => r.threads)).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r.measuredMs)).toEqual([10.2, undefined, undefined, 4.1]);
    expect(rows.every((r) => r.fitMs !== undefined)).toBe(true);
  });

  it('shows the measurements alone when no fit exists', () => {
    const rows = threadSweepRows(
      [
        { threads: 8, runs: 5, p50Ms: 2 },
        { threads: 2, runs: 5, p50Ms: 5 },
      ],
      null,
    );
    expect(rows).toEqual([
      { threads: 2, measuredMs: 5 },
      { threads: 8, measuredMs: 2 },
    ]);
  });

  it('bounds the speed-up by 1 / s, and not at all without a serial part', () => {
    expect(amdahlCeiling(fit)).toBeCloseTo(5);
    expect(amdahlCeiling({ ...fit, serialFraction: 0 })).toBeNull();
    expect(amdahlCeiling({ ...fit, serialFraction: 1 })).toBe(1);
  });
});
