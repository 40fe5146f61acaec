import { describe, expect, it } from 'vitest';
import { LLM_DEFINITIONS, type LlmSummary } from '../../../electron/shared/llm.js';
import { combinationLabel, llmTiles, percentileRows, sweepChart } from '../../../renderer/src/features/llm/llm-rows.js';

const dist = (p50: number) => ({ mean: p50 * 1.1, p50, p90: p50 * 2, p99: p50 * 3 });

const summary = (
  promptTokens: number,
  outputTokens: number,
  batch: number,
  over: Partial<LlmSummary> = {},
): LlmSummary => ({
  promptTokens,
  outputTokens,
  batch,
  requests: 3,
  kvCache: true,
  ttftMs: dist(promptTokens / 10),
  tpotMs: dist(2),
  itlMs: { p50: 1.5, p90: 3, p99: 9 },
  e2eMs: dist(70),
  outputTokensPerSec: 400 * batch,
  prefillTokensPerSec: 15_000,
  kvCacheBytesPerToken: 2048,
  kvCacheBytesAtEnd: 2048 * batch * (promptTokens + outputTokens),
  definitions: { ...LLM_DEFINITIONS },
  ...over,
});

describe('LLM tiles and charts', () => {
  it('shows every headline metric with a definition', () => {
    const tiles = llmTiles(summary(32, 32, 1));
    expect(tiles.map((t) => t.key)).toEqual([
      'ttftMs',
      'tpotMs',
      'itlMs',
      'e2eMs',
      'outputTokensPerSec',
      'prefillTokensPerSec',
      'kvCacheBytesPerToken',
      'kvCacheBytesAtEnd',
    ]);
    for (const tile of tiles) expect(tile.definition, tile.key).not.toBe('');
    expect(tiles[0]).toMatchObject({ value: '3.20 ms', detail: 'p90 6.40 ms · p99 9.60 ms · mean 3.52 ms' });
  });

  it('prefers the definition the session recorded over the current wording', () => {
    const tiles = llmTiles(summary(32, 32, 1, { definitions: { ttftMs: 'as recorded' } }));
    expect(tiles.find((t) => t.key === 'ttftMs')?.definition).toBe('as recorded');
    expect(tiles.find((t) => t.key === 'tpotMs')?.definition).toBe(LLM_DEFINITIONS.tpotMs);
  });

  it('says n/a for TPOT and ITL when each request made one token', () => {
    const tiles = llmTiles(summary(32, 1, 1, { tpotMs: null, itlMs: null }));
    expect(tiles.find((t) => t.key === 'tpotMs')?.value).toBe('n/a');
    expect(tiles.find((t) => t.key === 'itlMs')?.value).toBe('n/a');
    const p99 = percentileRows(summary(32, 1, 1, { tpotMs: null, itlMs: null }))[2];
    expect(p99).toMatchObject({ percentile: 'p99', itlMs: null, tpotMs: null });
  });

  it('lays the recorded percentiles out as three rows, no more', () => {
    expect(percentileRows(summary(32, 32, 1)).map((r) => [r.percentile, r.itlMs])).toEqual([
      ['p50', 1.5],
      ['p90', 3],
      ['p99', 9],
    ]);
  });

  it('splits a sweep into one series per value of the other dimensions that vary', () => {
    const sweep = [16, 64, 128].flatMap((p) => [1, 4].map((b) => summary(p, 32, b)));
    const chart = sweepChart(sweep, 'promptTokens', (s) => s.ttftMs.p50);
    expect(chart.series).toEqual(['batch 1', 'batch 4']);
    expect(chart.rows).toEqual([
      { promptTokens: 16, 'batch 1': 1.6, 'batch 4': 1.6 },
      { promptTokens: 64, 'batch 1': 6.4, 'batch 4': 6.4 },
      { promptTokens: 128, 'batch 1': 12.8, 'batch 4': 12.8 },
    ]);
  });

  it('draws one series when only the x dimension varies', () => {
    const chart = sweepChart([summary(32, 32, 1), summary(32, 32, 8)], 'batch', (s) => s.outputTokensPerSec);
    expect(chart).toEqual({
      series: ['measured'],
      rows: [
        { batch: 1, measured: 400 },
        { batch: 8, measured: 3200 },
      ],
    });
  });

  it('names a combination by its prompt, output and batch', () => {
    expect(combinationLabel(summary(64, 16, 4))).toBe('prompt 64 · output 16 · batch 4');
  });
});
