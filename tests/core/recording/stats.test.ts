import { describe, expect, it } from 'vitest';
import { latencyStats, percentile } from '../../../electron/core/recording/stats.js';

describe('latency statistics', () => {
  it('interpolates percentiles between closest ranks like numpy', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBeCloseTo(5.5);
    expect(percentile(sorted, 90)).toBeCloseTo(9.1);
    expect(percentile(sorted, 99)).toBeCloseTo(9.91);
    expect(percentile([42], 99)).toBe(42);
  });

  it('summarises unsorted values without reordering the input', () => {
    const values = [5, 1, 3];
    const stats = latencyStats(values)!;
    expect(values).toEqual([5, 1, 3]);
    expect(stats).toMatchObject({ mean: 3, p50: 3, min: 1, max: 5, stdev: 2 });
    expect(latencyStats([])).toBeNull();
  });
});
