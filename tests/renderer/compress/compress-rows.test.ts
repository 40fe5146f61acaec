import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../electron/shared/api.js';
import type { CompressionExperiment, CompressionRow, CompressionView } from '../../../electron/shared/compress.js';
import { defaultSettings } from '../../../electron/shared/session.js';
import {
  bestPerColumn,
  byteUnit,
  chartRows,
  compactNumber,
  formatAbsDiff,
  formatCosine,
  formatFactor,
  formatMetric,
  formatShare,
  isProfiled,
  logDomain,
  noiseOf,
  opsText,
  ratioAgainst,
  shownFindings,
  tableMetrics,
  timingNoise,
} from '../../../renderer/src/features/compress/compress-rows.js';
import { METRICS } from '../../../renderer/src/features/compress/metrics.js';

const row = (over: Partial<CompressionRow>): CompressionRow => ({
  text: 'int8',
  label: 'int8',
  baseline: false,
  sessionId: null,
  fileBytes: null,
  gzipBytes: null,
  loadMs: null,
  createMs: null,
  latencyP50Ms: null,
  latencyP90Ms: null,
  latencyP99Ms: null,
  throughputPerSec: null,
  peakRssBytes: null,
  ttftMs: null,
  tpotMs: null,
  outputTokensPerSec: null,
  maxAbsDiff: null,
  cosine: null,
  top1Agreement: null,
  error: null,
  ...over,
});

const original = row({
  text: 'fp32',
  label: 'fp32 (original)',
  baseline: true,
  sessionId: 's-fp32',
  fileBytes: 4_000_000,
  gzipBytes: 3_700_000,
  latencyP50Ms: 2,
  peakRssBytes: 90e6,
  maxAbsDiff: 0,
  cosine: 1,
});
const int8 = row({
  text: 'int8',
  sessionId: 's-int8',
  fileBytes: 1_000_000,
  gzipBytes: 900_000,
  latencyP50Ms: 1.25,
  peakRssBytes: 80e6,
  maxAbsDiff: 0.004,
  cosine: 0.9995,
});
const int4 = row({
  text: 'int4:32',
  label: 'int4 (block 32)',
  sessionId: 's-int4',
  fileBytes: 560_000,
  gzipBytes: 500_000,
  latencyP50Ms: 2.6,
  peakRssBytes: 80e6,
  maxAbsDiff: 0.03,
  cosine: 0.998,
});

function experiment(over: Partial<CompressionExperiment> = {}): CompressionExperiment {
  return {
    schemaVersion: 1,
    id: 'compress-20261129-070000-mlp-3f2a',
    createdAt: '2026-11-29T07:00:00.000Z',
    status: 'complete',
    modelPath: '/models/mlp.onnx',
    modelSha256: 'ab',
    fileBytes: 4_000_000,
    gzipBytes: 3_700_000,
    settings: defaultSettings,
    baselineSessionId: null,
    baselineError: null,
    baselineRepeatSessionId: null,
    variants: [
      {
        spec: { kind: 'int8' },
        text: 'int8',
        label: 'int8',
        build: null,
        sessionId: null,
        fidelity: null,
        error: null,
      },
      {
        spec: { kind: 'int4', blockSize: 32 },
        text: 'int4:32',
        label: 'int4 (block 32)',
        build: null,
        sessionId: null,
        fidelity: null,
        error: null,
      },
    ],
    ...over,
  };
}

const view = (rows: CompressionRow[], over: Partial<CompressionView> = {}): CompressionView => ({
  experiment: experiment(),
  rows,
  llm: false,
  drift: null,
  recommendations: [],
  notRecommended: [],
  findings: [],
  ...over,
});

const progress = (over: Partial<ProgressEvent>): ProgressEvent => ({
  task: 'compress',
  sessionId: null,
  experimentId: 'compress-20261129-070000-mlp-3f2a',
  step: 'build int8',
  done: 0,
  total: 8,
  ...over,
});

describe("a variant's ratio against the original", () => {
  it('says how many times smaller a file is, as a user says it', () => {
    expect(ratioAgainst(METRICS.fileBytes, 4_000_000, 1_000_000)).toEqual({
      factor: 4,
      text: '4.0× smaller',
      tone: 'better',
    });
  });

  it('says slower, in red, when the variant takes longer', () => {
    const ratio = ratioAgainst(METRICS.latencyP50Ms, 2, 2.6);
    expect(ratio?.text).toBe('1.3× slower');
    expect(ratio?.tone).toBe('worse');
  });

  it('reads a higher tokens/s as faster', () => {
    expect(ratioAgainst(METRICS.outputTokensPerSec, 100, 290)?.text).toBe('2.9× faster');
    expect(ratioAgainst(METRICS.outputTokensPerSec, 100, 50)?.text).toBe('2.0× slower');
  });

  it('calls a difference within run-to-run noise about the same', () => {
    expect(ratioAgainst(METRICS.latencyP50Ms, 2, 2.04)).toEqual({ factor: 1, text: '≈ same', tone: 'even' });
  });

  it('has no ratio for fidelity, or when a side is missing or zero', () => {
    expect(ratioAgainst(METRICS.cosine, 1, 0.99)).toBeNull();
    expect(ratioAgainst(METRICS.fileBytes, null, 10)).toBeNull();
    expect(ratioAgainst(METRICS.fileBytes, 10, null)).toBeNull();
    expect(ratioAgainst(METRICS.loadMs, 0, 3)).toBeNull();
  });

  it('prints big factors without a decimal', () => {
    expect(formatFactor(1.64)).toBe('1.6×');
    expect(formatFactor(9.96)).toBe('10×');
    expect(formatFactor(12.4)).toBe('12×');
  });
});

describe('the best model of each column', () => {
  const metrics = [METRICS.fileBytes, METRICS.latencyP50Ms, METRICS.peakRssBytes, METRICS.cosine, METRICS.maxAbsDiff];
  const best = bestPerColumn([original, int8, int4], metrics);

  it('is the lowest where lower is better', () => {
    expect([...best.get('fileBytes')!]).toEqual(['int4:32']);
    expect([...best.get('latencyP50Ms')!]).toEqual(['int8']);
  });

  it('marks every row of a tie', () => {
    expect([...best.get('peakRssBytes')!].sort()).toEqual(['int4:32', 'int8']);
  });

  it('is picked among the variants for fidelity, where the original is its own perfect score', () => {
    expect([...best.get('cosine')!]).toEqual(['int8']);
    expect([...best.get('maxAbsDiff')!]).toEqual(['int8']);
  });

  it('is not marked when fewer than two models have the figure', () => {
    const lonely = bestPerColumn([original, int8], [METRICS.cosine, METRICS.loadMs]);
    expect(lonely.has('cosine')).toBe(false); // one variant: nothing to beat
    expect(lonely.has('loadMs')).toBe(false); // nobody measured it
  });
});

describe('formatting', () => {
  it('prints each unit as the tables elsewhere do', () => {
    expect(formatMetric('bytes', 1_000_000)).toBe('1.00 MB');
    expect(formatMetric('ms', 1.25)).toBe('1.25 ms');
    expect(formatMetric('tokensPerSec', 312.4)).toBe('312 tok/s');
    expect(formatMetric('tokensPerSec', 31.24)).toBe('31.2 tok/s');
    expect(formatMetric('share', 0.97)).toBe('97 %');
    expect(formatMetric('ms', null)).toBe('n/a');
  });

  it('prints differences in scientific notation, zero as zero', () => {
    expect(formatAbsDiff(0.00321)).toBe('3.2e-3');
    expect(formatAbsDiff(0)).toBe('0');
  });

  it('keeps enough cosine digits to show a difference from 1', () => {
    expect(formatCosine(0.99812)).toBe('0.9981');
    expect(formatCosine(0.9999991)).toBe('0.999999');
    expect(formatCosine(1)).toBe('1.0000');
  });

  it('prints a share with a decimal only when it is not a whole percent', () => {
    expect(formatShare(1)).toBe('100 %');
    expect(formatShare(0.96875)).toBe('96.9 %');
  });

  it('lists ops biggest count first', () => {
    expect(opsText({ DequantizeLinear: 2, MatMulNBits: 12, Cast: 0 })).toBe('12 MatMulNBits, 2 DequantizeLinear');
    expect(opsText({})).toBe('');
  });
});

describe('the columns of an experiment', () => {
  it('shows latency percentiles for a plain model and generation metrics for a decoder', () => {
    const plain = tableMetrics(view([original, int8]), true).map((m) => m.key);
    expect(plain).toEqual([
      'fileBytes',
      'gzipBytes',
      'loadMs',
      'createMs',
      'latencyP50Ms',
      'latencyP90Ms',
      'latencyP99Ms',
      'peakRssBytes',
      'maxAbsDiff',
      'cosine',
    ]);
    const decoder = tableMetrics(view([original, int8], { llm: true }), true).map((m) => m.key);
    expect(decoder).toContain('ttftMs');
    expect(decoder).toContain('outputTokensPerSec');
    expect(decoder).toContain('top1Agreement');
    expect(decoder).not.toContain('latencyP50Ms');
  });

  it('leaves out what only profiling measures when the experiment was not profiled', () => {
    expect(tableMetrics(view([original, int8]), false).map((m) => m.key)).toEqual([
      'fileBytes',
      'gzipBytes',
      'maxAbsDiff',
      'cosine',
    ]);
  });

  it('counts an experiment as profiled from its step count, before the first profile ends', () => {
    const bare = view([
      { ...original, sessionId: null },
      { ...int8, sessionId: null },
    ]);
    expect(isProfiled(bare, null)).toBe(false);
    // Two variants: 4 steps make and check them; 8 also profile the original, both, and the original again.
    expect(isProfiled(bare, progress({ total: 4 }))).toBe(false);
    expect(isProfiled(bare, progress({ total: 8 }))).toBe(true);
    expect(isProfiled(bare, progress({ total: 8, experimentId: 'another' }))).toBe(false);
    expect(isProfiled(view([original], { experiment: experiment({ baselineSessionId: 's-fp32' }) }), null)).toBe(true);
  });
});

describe('chart rows', () => {
  it('keep every model, with top-1 as a percentage and a zero difference left off the log scale', () => {
    const rows = chartRows([original, int8, row({ text: 'fp16', maxAbsDiff: 0, top1Agreement: 0.75 })]);
    expect(rows.map((r) => r.text)).toEqual(['fp32', 'int8', 'fp16']);
    expect(rows[0]?.maxAbsDiff).toBeNull();
    expect(rows[1]?.maxAbsDiff).toBe(0.004);
    expect(rows[2]?.maxAbsDiff).toBeNull();
    expect(rows[2]?.top1Pct).toBe(75);
  });
});

describe('chart axes', () => {
  it('draw bytes in the largest unit the biggest file reaches, numbers with three figures', () => {
    expect(byteUnit(3_420_000)).toEqual({ unit: 'MB', scale: 1e6 });
    expect(byteUnit(870_000)).toEqual({ unit: 'KB', scale: 1e3 });
    expect(byteUnit(12)).toEqual({ unit: 'B', scale: 1 });
    expect([3.4216, 28.24, 152.6, 0].map(compactNumber)).toEqual(['3.42', '28.2', '153', '0']);
  });

  it('give a log axis whole decades that hold every bar, the smallest included', () => {
    expect(logDomain([0.027, 0.14, null])).toEqual({ domain: [0.01, 1], ticks: [0.01, 0.1, 1] });
    expect(logDomain([0.5])).toEqual({ domain: [0.1, 1], ticks: [0.1, 1] });
    expect(logDomain([0, null])).toBeNull();
  });
});

describe('the findings of a running experiment', () => {
  const findings = ['int8: file 4.00 MB → 1.00 MB (4.0× smaller)', 'int4 (block 32): not made — no reason recorded'];
  const made = { ...experiment().variants[0]!, build: {} as never };

  it('wait for a variant not reached yet, and are all shown once it ends', () => {
    const running = experiment({ status: 'running', variants: [made, experiment().variants[1]!] });
    expect(shownFindings(view([original], { experiment: running, findings }))).toEqual([findings[0]]);
    const ended = { ...running, status: 'complete' as const };
    expect(shownFindings(view([original], { experiment: ended, findings }))).toEqual(findings);
  });

  it('show a variant that failed while the experiment runs on', () => {
    const failed = {
      ...experiment().variants[1]!,
      error: { kind: 'model-unsupported' as const, message: 'no MatMul' },
    };
    const running = experiment({ status: 'running', variants: [made, failed] });
    expect(shownFindings(view([original], { experiment: running, findings }))).toEqual(findings);
  });
});

describe('the noise band of a ratio', () => {
  it('is the original’s own drift between its two profiles when that is larger than 5 %', () => {
    const drift = { metric: 'latencyP50Ms' as const, first: 2, last: 2.2, pct: 10 };
    expect(timingNoise(view([original]))).toBe(0.05);
    expect(timingNoise(view([original], { drift }))).toBeCloseTo(0.1);
    expect(timingNoise(view([original], { drift: { ...drift, pct: 1 } }))).toBe(0.05);
  });

  it('widens timings only: a file does not drift with the machine', () => {
    expect(noiseOf(METRICS.latencyP50Ms, 0.1)).toBe(0.1);
    expect(noiseOf(METRICS.outputTokensPerSec, 0.1)).toBe(0.1);
    expect(noiseOf(METRICS.fileBytes, 0.1)).toBe(0.05);
    expect(noiseOf(METRICS.peakRssBytes, 0.1)).toBe(0.05);
  });

  it('reads a speed-up inside the band as about the same, and outside it as faster', () => {
    expect(ratioAgainst(METRICS.latencyP50Ms, 2, 1.85, 0.1)?.text).toBe('≈ same');
    expect(ratioAgainst(METRICS.latencyP50Ms, 2, 1.6, 0.1)?.text).toBe('1.3× faster');
  });
});
