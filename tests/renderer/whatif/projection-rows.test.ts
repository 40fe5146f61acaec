import { describe, expect, it } from 'vitest';
import type { Projection } from '../../../electron/shared/analysis.js';
import type { WhatIfReport } from '../../../electron/shared/api.js';
import {
  BASELINE_ID,
  breakdownBars,
  isLlmReport,
  machineRows,
  metricBars,
  ratio,
  shortName,
} from '../../../renderer/src/features/whatif/projection-rows.js';

const projection = (over: Partial<Projection>): Projection => ({
  targetId: 'nvidia-rtx-4090',
  targetName: 'NVIDIA GeForce RTX 4090',
  loadMs: 3,
  createMs: 60,
  latencyP50Ms: 0.5,
  throughputPerSec: 2000,
  peakMemoryBytes: 2e8,
  memoryBytes: 24 * 2 ** 30,
  fitsInMemory: true,
  breakdown: { computeMs: 0.1, memoryMs: 0.2, transferMs: 0.05, otherMs: 0.15 },
  llm: null,
  assumptions: ['memory-bound ops stream at 80 % of the rated bandwidth'],
  ...over,
});

const report = (projections: Projection[], llm = false): WhatIfReport => ({
  sessionId: 's',
  baseline: {
    loadMs: 3,
    createMs: 60,
    latencyP50Ms: 2,
    throughputPerSec: 450,
    peakRssBytes: 2e8,
    ttftMs: llm ? 3 : null,
    outputTokensPerSec: llm ? 400 : null,
  },
  projections,
});

describe('what-if rows', () => {
  it('puts the measured baseline first with a speed-up of 1', () => {
    const rows = machineRows(report([projection({})]));
    expect(rows.map((r) => r.id)).toEqual([BASELINE_ID, 'nvidia-rtx-4090']);
    expect(rows[0]).toMatchObject({ baseline: true, speedup: 1, peakMemoryBytes: 2e8 });
  });

  it('counts a shorter p50 as a speed-up above 1 and a higher token rate likewise', () => {
    const llm = { ttftMs: 1, tpotMs: 1, outputTokensPerSec: 1000 };
    const [, row] = machineRows(report([projection({ latencyP50Ms: 0.5, llm })], true));
    expect(row?.speedup).toBe(4);
    expect(row?.tokensSpeedup).toBe(2.5);
  });

  it('gives no speed-up when either side is missing or zero', () => {
    expect(ratio(null, 1, true)).toBeNull();
    expect(ratio(2, 0, true)).toBeNull();
    expect(ratio(2, 4, false)).toBe(2);
  });

  it('keeps the does-not-fit verdict and target memory of each projection', () => {
    const [, row] = machineRows(
      report([projection({ fitsInMemory: false, memoryBytes: 2 ** 30, peakMemoryBytes: 3e9 })]),
    );
    expect(row).toMatchObject({ fitsInMemory: false, memoryBytes: 2 ** 30, peakMemoryBytes: 3e9 });
  });

  it('leaves a machine out of a metric chart when it has no value for the metric', () => {
    const rows = machineRows(report([projection({ loadMs: null, targetId: 'a' }), projection({ targetId: 'b' })]));
    expect(metricBars(rows, 'loadMs').map((b) => b.id)).toEqual([BASELINE_ID, 'b']);
    expect(metricBars(rows, 'ttftMs')).toEqual([]);
  });

  it('treats a report as an LLM one when the baseline or any projection has generation figures', () => {
    expect(isLlmReport(report([projection({})]))).toBe(false);
    expect(isLlmReport(report([projection({})], true))).toBe(true);
  });

  it('stacks each projection by compute, memory, transfer and other', () => {
    expect(breakdownBars(report([projection({})]))).toEqual([
      {
        id: 'nvidia-rtx-4090',
        name: 'NVIDIA GeForce RTX 4090',
        fullName: 'NVIDIA GeForce RTX 4090',
        computeMs: 0.1,
        memoryMs: 0.2,
        transferMs: 0.05,
        otherMs: 0.15,
      },
    ]);
  });
});

describe('chart names', () => {
  it('drops a trailing parenthetical and cuts what is still too long', () => {
    expect(shortName('Samsung 970 EVO Plus (NVMe PCIe 3.0)')).toBe('Samsung 970 EVO Plus');
    expect(shortName('NVIDIA GeForce RTX 4090')).toBe('NVIDIA GeForce RTX 4090');
    expect(shortName('An extremely long custom machine name here', 12)).toBe('An extremel…');
    expect(shortName('(only a parenthetical)')).toBe('(only a parenthetical)');
  });
});
