import { describe, expect, it } from 'vitest';
import { amdahlMs, fitAmdahl } from '../../../electron/core/analysis/amdahl.js';

describe("Amdahl's law fit", () => {
  it('recovers the serial fraction and single-thread time of an exact sweep', () => {
    const law = (n: number) => 40 * (0.2 + 0.8 / n);
    const fit = fitAmdahl([1, 2, 4, 8].map((threads) => ({ threads, runs: 10, p50Ms: law(threads) })))!;
    expect(fit.t1Ms).toBeCloseTo(40, 6);
    expect(fit.serialFraction).toBeCloseTo(0.2, 6);
    expect(fit.rmsErrorPct).toBeCloseTo(0, 6);
    expect(amdahlMs(fit, 16)).toBeCloseTo(law(16), 6);
  });

  it('keeps the serial part non-negative when scaling is superlinear', () => {
    const fit = fitAmdahl([
      { threads: 1, runs: 5, p50Ms: 10 },
      { threads: 2, runs: 5, p50Ms: 4.5 },
    ])!;
    expect(fit.serialFraction).toBe(0);
    expect(fit.t1Ms).toBeGreaterThan(0);
  });

  it('needs two different thread counts', () => {
    expect(fitAmdahl([{ threads: 2, runs: 5, p50Ms: 3 }])).toBeNull();
  });
});
