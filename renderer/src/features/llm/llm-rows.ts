/**
 * Generation metrics as the LLM screen shows them: headline tiles with their vLLM-style
 * definitions, the recorded percentiles as chart rows, and the sweep's combinations
 * laid out against one swept dimension.
 */
import { LLM_DEFINITIONS, type LlmSummary } from '../../../../electron/shared/llm.js';
import { formatBytes, formatMs } from '../../../../electron/shared/format.js';

export interface Tile {
  key: string;
  label: string;
  /** The headline figure, formatted with its unit. */
  value: string;
  /** Further figures under it (percentiles, mean). */
  detail: string;
  definition: string;
}

/** A definition as the session recorded it, else the current wording. */
export function definitionOf(summary: LlmSummary, key: string): string {
  return summary.definitions[key] ?? LLM_DEFINITIONS[key] ?? '';
}

const rate = (perSec: number, unit: string) => `${perSec >= 100 ? perSec.toFixed(0) : perSec.toFixed(1)} ${unit}`;

function percentiles(d: { p50: number; p90: number; p99: number }, mean?: number): string {
  const parts = [`p90 ${formatMs(d.p90)}`, `p99 ${formatMs(d.p99)}`];
  return (mean === undefined ? parts : [...parts, `mean ${formatMs(mean)}`]).join(' · ');
}

/** The headline tiles of one combination, in the order a serving benchmark reports them. */
export function llmTiles(s: LlmSummary): Tile[] {
  const na = { value: 'n/a', detail: '' };
  return [
    {
      key: 'ttftMs',
      label: 'TTFT p50',
      value: formatMs(s.ttftMs.p50),
      detail: percentiles(s.ttftMs, s.ttftMs.mean),
    },
    {
      key: 'tpotMs',
      label: 'TPOT p50',
      ...(s.tpotMs ? { value: formatMs(s.tpotMs.p50), detail: percentiles(s.tpotMs, s.tpotMs.mean) } : na),
    },
    {
      key: 'itlMs',
      label: 'ITL p50',
      ...(s.itlMs ? { value: formatMs(s.itlMs.p50), detail: percentiles(s.itlMs) } : na),
    },
    { key: 'e2eMs', label: 'End-to-end p50', value: formatMs(s.e2eMs.p50), detail: percentiles(s.e2eMs, s.e2eMs.mean) },
    {
      key: 'outputTokensPerSec',
      label: 'Output tokens/s',
      value: rate(s.outputTokensPerSec, 'tok/s'),
      detail: `batch ${s.batch} × ${s.outputTokens} tokens`,
    },
    {
      key: 'prefillTokensPerSec',
      label: 'Prefill tokens/s',
      value: rate(s.prefillTokensPerSec, 'tok/s'),
      detail: `batch ${s.batch} × ${s.promptTokens} prompt tokens`,
    },
    {
      key: 'kvCacheBytesPerToken',
      label: 'KV cache per token',
      value: s.kvCacheBytesPerToken === null ? 'n/a' : formatBytes(s.kvCacheBytesPerToken),
      detail: s.kvCache ? 'one sequence' : 'no KV cache: each step recomputes the sequence',
    },
    {
      key: 'kvCacheBytesAtEnd',
      label: 'KV cache at end',
      value: s.kvCacheBytesAtEnd === null ? 'n/a' : formatBytes(s.kvCacheBytesAtEnd),
      detail: `${s.batch} × ${s.promptTokens + s.outputTokens} tokens`,
    },
  ].map((tile) => ({
    ...tile,
    definition: definitionOf(s, tile.key),
  }));
}

export interface PercentileRow {
  percentile: string;
  itlMs: number | null;
  tpotMs: number | null;
  ttftMs: number;
}

/** The three recorded percentiles of ITL, TPOT and TTFT: all there is, so no histogram is drawn. */
export function percentileRows(s: LlmSummary): PercentileRow[] {
  return (['p50', 'p90', 'p99'] as const).map((p) => ({
    percentile: p,
    itlMs: s.itlMs?.[p] ?? null,
    tpotMs: s.tpotMs?.[p] ?? null,
    ttftMs: s.ttftMs[p],
  }));
}

/** A sweep combination in words: `P 32 · N 32 · batch 1`. */
export function combinationLabel(s: LlmSummary): string {
  return `prompt ${s.promptTokens} · output ${s.outputTokens} · batch ${s.batch}`;
}

export type SweepDim = 'promptTokens' | 'outputTokens' | 'batch';

const DIM_NAMES: Record<SweepDim, string> = { promptTokens: 'prompt', outputTokens: 'output', batch: 'batch' };

export interface SweepChart {
  /** Rows keyed by the x value, one numeric column per series (absent where not measured). */
  rows: Array<Record<string, number>>;
  /** Series names, each a column of `rows`. */
  series: string[];
}

/** Distinct values of one dimension, ascending. */
export function distinct(sweep: readonly LlmSummary[], dim: SweepDim): number[] {
  return [...new Set(sweep.map((s) => s[dim]))].sort((a, b) => a - b);
}

/**
 * One swept dimension on x and a metric on y, with one series per combination of the
 * other dimensions that vary (those held constant do not split the series).
 */
export function sweepChart(sweep: readonly LlmSummary[], x: SweepDim, y: (s: LlmSummary) => number): SweepChart {
  const others = (['promptTokens', 'outputTokens', 'batch'] as const).filter(
    (dim) => dim !== x && distinct(sweep, dim).length > 1,
  );
  const seriesOf = (s: LlmSummary) =>
    others.length === 0 ? 'measured' : others.map((dim) => `${DIM_NAMES[dim]} ${s[dim]}`).join(' · ');
  const series = [...new Set(sweep.map(seriesOf))];
  const rows = distinct(sweep, x).map((xValue) => {
    const row: Record<string, number> = { [x]: xValue };
    for (const s of sweep.filter((item) => item[x] === xValue)) row[seriesOf(s)] = y(s);
    return row;
  });
  return { rows, series };
}
