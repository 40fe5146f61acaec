/**
 * Measured recommendations from real experiments, run through `modeldyno compress
 * --compare`: a generated MLP whose 32 MB of fp32 weights make int8 pay off here, and
 * the bundled decoder. The rules at their edges are checked on those measured views with
 * one figure changed, each change named where it is made.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compressionRecommendations,
  compressionVerdicts,
  memoryClassGb,
} from '../../../electron/core/compress/recommend.js';
import type { Bottleneck } from '../../../electron/shared/analysis.js';
import type { CompressionRow, CompressionView } from '../../../electron/shared/compress.js';
import { formatBytes, formatMs } from '../../../electron/shared/format.js';
import { buildMlp } from '../../../models/presets/mlp.js';
import { writeModelFile } from '../../../models/builder/write-model.js';
import { compressCli } from '../../helpers/cli.js';
import { modelPath, tempDir } from '../../helpers/paths.js';

const GIB = 2 ** 30;

const compress = (model: string, variants: string, flags: string[]) =>
  compressCli(model, variants, ['--no-op-profile', ...flags], tempDir('recommend-sessions'));

/**
 * The measured view with one figure changed. The drift of the original between its two
 * profiles is measured too and moves with the machine's load: it is left out here (null)
 * so that each rule is tested alone; the drift rule has its own test.
 */
function withRow(view: CompressionView, text: string, patch: Partial<CompressionRow>): CompressionView {
  const copy = structuredClone(view);
  copy.drift = null;
  const row = copy.rows.find((r) => r.text === text)!;
  Object.assign(row, patch);
  return copy;
}

const rowOf = (view: CompressionView, text: string) => view.rows.find((r) => r.text === text)!;
const lessIsBetter = (before: number, after: number) => ((before - after) / before) * 100;

let mlp: CompressionView;
let decoder: CompressionView;

beforeAll(async () => {
  // 8 M parameters in three layers at batch 1: every run streams 32 MB of fp32 weights.
  const wide = join(tempDir('recommend-model'), 'mlp-wide.onnx');
  await writeModelFile(
    buildMlp({ widths: [1024, 2048, 2048, 1024], seed: 11 }),
    { opset: 17, metadata: { 'modeldyno.dims': 'batch=1' } },
    wide,
  );
  mlp = await compress(wide, 'int8,int4:32', ['--runs', '5']);
  decoder = await compress(modelPath('decoder.onnx'), 'int8', [
    '--prompt-tokens',
    '16',
    '--output-tokens',
    '8',
    '--repetitions',
    '1',
  ]);
}, 120_000);

describe('measured recommendations from a compression experiment', () => {
  it('recommends int8 weights of a weight-heavy MLP with the gain its rows measured', () => {
    const base = rowOf(mlp, 'fp32');
    const int8 = rowOf(mlp, 'int8');
    expect(int8.cosine!).toBeGreaterThanOrEqual(0.99);
    const rec = compressionRecommendations(mlp).find((r) => r.assumption.includes(int8.sessionId!));
    expect(rec, JSON.stringify(compressionVerdicts(mlp).rejected)).toBeDefined();
    const expected =
      rec!.metric === 'latencyP50Ms'
        ? lessIsBetter(base.latencyP50Ms!, int8.latencyP50Ms!)
        : lessIsBetter(base.peakRssBytes!, int8.peakRssBytes!);
    expect(['latencyP50Ms', 'peakRssBytes']).toContain(rec!.metric);
    expect(rec!.estimatedGainPct).toBeCloseTo(expected, 9);
    expect(rec!.estimatedGainPct).toBeGreaterThanOrEqual(5);
    expect(rec!.kind).toBe('software');
    expect(rec!.title).toMatch(/^int8 weights: p50 /);
    expect(rec!.title).toContain(`(${formatMs(base.latencyP50Ms)} → ${formatMs(int8.latencyP50Ms)})`);
    expect(rec!.title).toContain(formatBytes(int8.peakRssBytes));
    expect(rec!.title).toMatch(new RegExp(`cosine ${int8.cosine!.toFixed(4)}$`));
    for (const fact of [
      mlp.experiment.id,
      base.sessionId!,
      int8.sessionId!,
      '5 measured runs each',
      'seed 7',
      `cosine ${int8.cosine!.toFixed(4)}`,
      `max |Δ| ${int8.maxAbsDiff!.toExponential(1)}`,
    ])
      expect(rec!.assumption).toContain(fact);
  });

  it('judges every variant: recommended only when measurably better and close to the original', () => {
    for (const view of [mlp, decoder]) {
      const { recommended, rejected } = compressionVerdicts(view);
      expect(recommended.length + rejected.length).toBe(view.experiment.variants.length);
      const gains = recommended.map((r) => r.estimatedGainPct);
      expect(gains).toEqual([...gains].sort((a, b) => b - a));
      for (const row of view.rows.filter((r) => !r.baseline)) {
        const drifts = row.cosine! < 0.99 || (row.top1Agreement !== null && row.top1Agreement < 0.9);
        const rejection = rejected.find((r) => r.text === row.text);
        if (drifts) expect(rejection?.reason, row.text).toMatch(/cosine|top-1/);
        if (!rejection) expect(recommended.some((r) => r.assumption.includes(row.sessionId!))).toBe(true);
      }
    }
  });

  it("measures a decoder by its decode rate, never by a run's latency", () => {
    expect(decoder.llm).toBe(true);
    for (const rec of compressionRecommendations(decoder)) {
      expect(['outputTokensPerSec', 'peakRssBytes']).toContain(rec.metric);
      expect(rec.title).toMatch(/decode .* tokens\/s\)/);
      expect(rec.assumption).toMatch(/over 8 greedy steps after a 16-token prompt/);
    }
  });
});

describe('the rules, on a measured view with one figure changed', () => {
  it("titles a faster decoder variant in the issue's words", () => {
    const base = rowOf(decoder, 'fp32');
    // Premise: int8 decodes 2.9× as many tokens per second as the original did.
    const view = withRow(decoder, 'int8', { outputTokensPerSec: base.outputTokensPerSec! * 2.9 });
    const int8 = rowOf(view, 'int8');
    expect(int8.top1Agreement!).toBeGreaterThanOrEqual(0.9);
    const rec = compressionRecommendations(view).find((r) => r.assumption.includes(int8.sessionId!))!;
    expect(rec.metric).toBe('outputTokensPerSec');
    expect(rec.estimatedGainPct).toBeCloseTo(190, 6);
    expect(rec.label).toBe('memory-bandwidth');
    expect(rec.title).toMatch(
      new RegExp(
        `^int8 weights: decode 2\\.9× faster here \\(\\d+ → \\d+ tokens/s\\), peak RSS [^,]+, top-1 agreement ${(int8.top1Agreement! * 100).toFixed(0)} %$`,
      ),
    );
  });

  it('addresses what held the original back: compute when its runs were compute-bound', () => {
    const base = rowOf(mlp, 'fp32');
    // Premise: int8 ran 3× faster and used as much memory as the original.
    const view = withRow(mlp, 'int8', {
      latencyP50Ms: base.latencyP50Ms! / 3,
      latencyP90Ms: base.latencyP90Ms! / 3,
      peakRssBytes: base.peakRssBytes,
    });
    const runs = (label: Bottleneck['label']): Bottleneck[] => [
      { phase: 'runs', label, confidence: 0.9, evidence: [] },
    ];
    const labelWith = (bottlenecks: Bottleneck[]) => {
      const rec = compressionRecommendations(view, bottlenecks).find((r) => r.title.startsWith('int8'))!;
      expect(rec.metric).toBe('latencyP50Ms');
      return rec.label;
    };
    expect(labelWith(runs('compute'))).toBe('compute');
    expect(labelWith(runs('memory-bandwidth'))).toBe('memory-bandwidth');
    // Unknown: smaller weights relieve memory bandwidth first.
    expect(labelWith([])).toBe('memory-bandwidth');
  });

  it('does not recommend a variant whose outputs drift, however fast', () => {
    const fast = { latencyP50Ms: rowOf(mlp, 'fp32').latencyP50Ms! / 3 };
    // Premise: cosine 0.985, below the bar of 0.99.
    const drifting = compressionVerdicts(withRow(mlp, 'int8', { ...fast, cosine: 0.985 }));
    expect(drifting.recommended.some((r) => r.title.startsWith('int8'))).toBe(false);
    expect(drifting.rejected.find((r) => r.text === 'int8')?.reason).toBe('its outputs drift: cosine 0.9850 < 0.99');
    // Premise: the decoder's int8 picks the original's next token at 85 % of the steps.
    const base = rowOf(decoder, 'fp32');
    const view = withRow(decoder, 'int8', { outputTokensPerSec: base.outputTokensPerSec! * 3, top1Agreement: 0.85 });
    expect(compressionVerdicts(view).rejected.find((r) => r.text === 'int8')?.reason).toMatch(
      /top-1 agreement 85 % < 90 %/,
    );
  });

  it('recommends a slower variant for the memory it saves only where memory is short, and says it is slower', () => {
    const base = rowOf(mlp, 'fp32');
    const int8 = rowOf(mlp, 'int8');
    expect(lessIsBetter(base.peakRssBytes!, int8.peakRssBytes!)).toBeGreaterThanOrEqual(5);
    // Premise: int8 ran 1.5× slower than the original at p50 and p90; both fit the same machine size.
    const view = withRow(mlp, 'int8', {
      latencyP50Ms: base.latencyP50Ms! * 1.5,
      latencyP90Ms: base.latencyP90Ms! * 1.5,
    });
    const reason = compressionVerdicts(view).rejected.find((r) => r.text === 'int8')?.reason;
    expect(reason).toMatch(/^p50 1\.5× slower here .* matters only where memory is short/);
    // Premise: the original's runs were held back by memory capacity.
    const short: Bottleneck = { phase: 'runs', label: 'memory-capacity', confidence: 0.8, evidence: ['premise'] };
    const rec = compressionRecommendations(view, [short]).find((r) => r.assumption.includes(int8.sessionId!))!;
    expect(rec.metric).toBe('peakRssBytes');
    expect(rec.label).toBe('memory-capacity');
    expect(rec.estimatedGainPct).toBeCloseTo(lessIsBetter(base.peakRssBytes!, int8.peakRssBytes!), 9);
    expect(rec.title).toContain('p50 1.5× slower here');
    expect(rec.title).toContain(`peak RSS ${formatBytes(base.peakRssBytes)} → ${formatBytes(int8.peakRssBytes)}`);
  });

  it('takes a p50 gain whose p90 went the other way for noise', () => {
    const base = rowOf(mlp, 'fp32');
    // Premise: p50 25 % lower, p90 30 % higher, peak RSS unchanged.
    const view = withRow(mlp, 'int8', {
      latencyP50Ms: base.latencyP50Ms! * 0.75,
      latencyP90Ms: base.latencyP90Ms! * 1.3,
      peakRssBytes: base.peakRssBytes,
    });
    const reason = compressionVerdicts(view).rejected.find((r) => r.text === 'int8')?.reason;
    expect(reason).toMatch(
      /^neither faster by 5 % or more nor leaner by 5 %: p50 1\.3× faster here .* but p90 1\.3× slower/,
    );
    expect(reason).toContain("within this machine's run-to-run noise");
  });

  it('asks a speed-up to clear the drift of the original between its first and last profile', () => {
    const base = rowOf(mlp, 'fp32');
    // Premise: int8 20 % faster at p50 and p90, peak RSS unchanged; the original drifted 30 %, then 10 %.
    const faster = withRow(mlp, 'int8', {
      latencyP50Ms: base.latencyP50Ms! * 0.8,
      latencyP90Ms: base.latencyP90Ms! * 0.8,
      peakRssBytes: base.peakRssBytes,
    });
    const drifted = (pct: number): CompressionView => ({
      ...faster,
      drift: { metric: 'latencyP50Ms', first: base.latencyP50Ms!, last: base.latencyP50Ms! * (1 + pct / 100), pct },
    });
    const reason = compressionVerdicts(drifted(30)).rejected.find((r) => r.text === 'int8')?.reason;
    expect(reason).toMatch(
      /^neither faster by 30 % or more \(the drift of the original between its first and last profile\)/,
    );
    const rec = compressionVerdicts(drifted(10)).recommended.find((r) =>
      r.assumption.includes(rowOf(mlp, 'int8').sessionId!),
    );
    expect(rec?.metric).toBe('latencyP50Ms');
    expect(rec?.estimatedGainPct).toBeCloseTo(20, 9);
  });

  it('says which machine size the variant fits when the original needs a bigger one', () => {
    expect([1.5 * GIB, 2 * GIB, 2 * GIB + 1, 100 * GIB, 129 * GIB].map(memoryClassGb)).toEqual([2, 2, 4, 128, null]);
    const base = rowOf(mlp, 'fp32');
    // Premise: the original peaked at 5 GiB, so it needs an 8 GB machine.
    const view = withRow(mlp, 'fp32', { peakRssBytes: 5 * GIB });
    const int8 = rowOf(view, 'int8');
    const rec = compressionRecommendations(view).find((r) => r.assumption.includes(int8.sessionId!))!;
    expect(rec.title).toContain(`peak RSS ${formatBytes(5 * GIB)} → ${formatBytes(int8.peakRssBytes)}, fits in 2 GB`);
    expect(rec.metric).toBe('peakRssBytes');
    // As measured, both fit the same class: no "fits in" is claimed.
    expect(memoryClassGb(base.peakRssBytes!)).toBe(memoryClassGb(int8.peakRssBytes!));
    expect(compressionRecommendations(mlp).some((r) => r.title.includes('fits in'))).toBe(false);
  });

  it('recommends nothing without a profiled original', () => {
    expect(compressionRecommendations(withRow(mlp, 'fp32', { sessionId: null }))).toEqual([]);
  });
});
