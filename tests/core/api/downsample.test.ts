import { describe, expect, it } from 'vitest';
import { downsample, lowerBound } from '../../../electron/core/api/downsample.js';

/** A seeded series: noise around 10 with a few one-sample spikes. */
function column(length: number, spikes: Record<number, number> = {}) {
  let seed = 42;
  const tMs = new Float64Array(length);
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    tMs[i] = i * 20;
    values[i] = spikes[i] ?? 10 + (seed / 2147483648) * 2;
  }
  return { tMs, values, length };
}

describe('downsample', () => {
  it('keeps at most maxPoints points of a long series', () => {
    const out = downsample(column(180_000), 0, 180_000 * 20, 1500);
    expect(out.tMs.length).toBeLessThanOrEqual(1500);
    expect(out.tMs.length).toBeGreaterThan(1400);
    expect(out.rawCount).toBe(180_000);
  });

  it('keeps one-sample spikes, up and down, that a stride would drop', () => {
    const out = downsample(column(100_000, { 33_333: 500, 77_777: -40 }), 0, 2_000_000, 200);
    expect(Math.max(...out.values)).toBe(500);
    expect(Math.min(...out.values)).toBe(-40);
    expect(out.tMs).toContain(33_333 * 20);
  });

  it('returns points in time order', () => {
    const out = downsample(column(50_000, { 10: 99, 11: -99 }), 0, 1_000_000, 300);
    for (let i = 1; i < out.tMs.length; i++) expect(out.tMs[i]!).toBeGreaterThanOrEqual(out.tMs[i - 1]!);
  });

  it('returns a short window untouched, with the neighbours outside it so lines reach the edges', () => {
    const out = downsample(column(1000), 100, 200, 1500);
    expect(out.rawCount).toBe(6); // 100, 120 … 200
    expect(out.tMs).toEqual([80, 100, 120, 140, 160, 180, 200, 220]);
  });

  it('returns nothing for an empty column', () => {
    expect(downsample(column(0), 0, 100, 10)).toEqual({ tMs: [], values: [], rawCount: 0 });
  });

  it('finds the first point at or after a time', () => {
    const { tMs } = column(10);
    expect(lowerBound(tMs, 10, 0)).toBe(0);
    expect(lowerBound(tMs, 10, 21)).toBe(2);
    expect(lowerBound(tMs, 10, 1e9)).toBe(10);
  });
});
