import { describe, expect, it } from 'vitest';
import {
  columnConnectors,
  columnExtents,
  columnPolyline,
  columnsMax,
  pixelColumns,
} from '../../../renderer/src/charts/columns.js';
import { linearScale, niceCeil, niceStep } from '../../../renderer/src/charts/scale.js';
import { formatCursor, formatTick, timeTicks } from '../../../renderer/src/charts/ticks.js';
import { formatValue } from '../../../renderer/src/charts/units.js';

describe('scales', () => {
  it('maps a domain onto pixels and back', () => {
    const scale = linearScale(100, 200, 0, 500);
    expect(scale.toPx(150)).toBe(250);
    expect(scale.fromPx(250)).toBe(150);
  });

  it('rounds an axis top up to a round number close above the peak', () => {
    expect([0.7, 1, 1.01, 2.2, 3, 7, 260, 9.99e9].map(niceCeil)).toEqual([0.8, 1, 1.2, 2.5, 3, 8, 300, 1e10]);
    expect(niceCeil(0)).toBe(1);
  });

  it('rounds a tick step down to 1, 2 or 5 times a power of ten', () => {
    expect([0.7, 1.9, 4.9, 7, 99].map(niceStep)).toEqual([0.5, 1, 2, 5, 50]);
  });
});

describe('time ticks', () => {
  it('keeps the tick count near the target for windows from microseconds to an hour', () => {
    for (const spanMs of [0.05, 0.3, 7, 1234, 60_000, 3_600_000]) {
      const { ticksMs, stepMs } = timeTicks(1000, 1000 + spanMs, 10);
      expect(ticksMs.length).toBeGreaterThanOrEqual(4);
      expect(ticksMs.length).toBeLessThanOrEqual(21);
      for (const t of ticksMs) expect(Math.abs(t / stepMs - Math.round(t / stepMs))).toBeLessThan(1e-6);
    }
  });

  it('labels ticks in seconds with the decimals the step needs, and minutes past a minute', () => {
    expect(formatTick(2500, 500)).toBe('2.5 s');
    expect(formatTick(12_000, 2000)).toBe('12 s');
    expect(formatTick(2350.4, 0.1)).toBe('2.3504 s');
    expect(formatTick(65_000, 5000)).toBe('1:05');
    expect(formatTick(2_700_000, 300_000)).toBe('45:00');
  });

  it('gives the cursor time a decimal more than a pixel spans, in minutes past a minute', () => {
    expect(formatCursor(2350.4, 0.1)).toBe('2.3504 s');
    expect(formatCursor(1_757_850, 20)).toBe('29:17.85');
    expect(formatCursor(65_000, 2000)).toBe('1:05');
  });
});

describe('pixel columns', () => {
  const tMs = Array.from({ length: 10_000 }, (_, i) => i);
  const values = tMs.map((t) => (t === 4321 ? 100 : 1));

  it('keeps a one-sample spike among ten thousand samples at its full height', () => {
    const columns = pixelColumns(tMs, values, tMs.length, 0, 10_000, 100);
    expect(columns.max[43]).toBe(100);
    expect(columnsMax(columns)).toBe(100);
    const ys = columnPolyline(columns, 0, 10_000, (v) => 100 - v).filter((_, i) => i % 2 === 1);
    expect(Math.min(...ys)).toBe(0);
  });

  it('draws at most four points per column however many samples fall in it', () => {
    const columns = pixelColumns(tMs, values, tMs.length, 0, 10_000, 50);
    expect(columnPolyline(columns, 0, 10_000, (v) => v).length / 2).toBeLessThanOrEqual(4 * 50);
  });

  it('splits a dense line into column spans and a connecting path that together reach every extreme', () => {
    const columns = pixelColumns(tMs, values, tMs.length, 0, 10_000, 100);
    const extents = columnExtents(columns, (v) => 100 - v);
    const spike = extents.findIndex((_, i) => i % 3 === 0 && extents[i] === 43);
    expect(extents.slice(spike, spike + 3)).toEqual([43, 0, 99]);
    const connectors = columnConnectors(columns, 0, 10_000, (v) => 100 - v);
    expect(connectors.length / 2).toBeLessThanOrEqual(2 * 100);
  });

  it('leads the line in and out with the samples just outside the window', () => {
    const columns = pixelColumns([0, 10, 20, 30], [5, 6, 7, 8], 4, 12, 25, 10);
    expect(columns.before).toEqual({ tMs: 10, value: 6 });
    expect(columns.after).toEqual({ tMs: 30, value: 8 });
    expect(columns.count.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('reads the edge samples as the peak of a window between two samples', () => {
    const columns = pixelColumns([0, 100], [3, 9], 2, 40, 60, 10);
    expect(columnsMax(columns)).toBe(9);
  });
});

describe('units', () => {
  it('formats each unit with the shared formats', () => {
    expect(formatValue('pct', 57.4)).toBe('57 %');
    expect(formatValue('bytes', 1_500_000)).toBe('1.50 MB');
    expect(formatValue('bytesPerSec', 2_000)).toBe('2.00 KB/s');
    expect(formatValue('watts', 215.2)).toBe('215 W');
    expect(formatValue('pct', null)).toBe('n/a');
  });
});
