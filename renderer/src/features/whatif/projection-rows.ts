/**
 * A what-if report as the table and charts read it: the baseline as one more machine,
 * the speed-up of each projection over it, and chart rows per metric.
 */
import type { Projection } from '../../../../electron/shared/analysis.js';
import type { WhatIfReport } from '../../../../electron/shared/api.js';

export const BASELINE_ID = 'baseline';
export const BASELINE_NAME = 'This machine (measured)';

/** One machine of the comparison: the baseline or a projection, with the same fields. */
export interface MachineRow {
  id: string;
  name: string;
  baseline: boolean;
  loadMs: number | null;
  createMs: number | null;
  latencyP50Ms: number | null;
  throughputPerSec: number | null;
  peakMemoryBytes: number | null;
  memoryBytes: number | null;
  fitsInMemory: boolean | null;
  ttftMs: number | null;
  tpotMs: number | null;
  outputTokensPerSec: number | null;
  /** Baseline p50 over this row's p50: 2 means twice as fast. */
  speedup: number | null;
  /** This row's output tokens/s over the baseline's. */
  tokensSpeedup: number | null;
}

export type MetricKey = 'loadMs' | 'createMs' | 'latencyP50Ms' | 'throughputPerSec' | 'ttftMs' | 'outputTokensPerSec';

/** Old over new for times, new over old for rates: above 1 is always faster. */
export function ratio(baseline: number | null, value: number | null, lowerIsBetter: boolean): number | null {
  if (baseline === null || value === null || baseline <= 0 || value <= 0) return null;
  return lowerIsBetter ? baseline / value : value / baseline;
}

function projectionRow(p: Projection, report: WhatIfReport): MachineRow {
  const b = report.baseline;
  return {
    id: p.targetId,
    name: p.targetName,
    baseline: false,
    loadMs: p.loadMs,
    createMs: p.createMs,
    latencyP50Ms: p.latencyP50Ms,
    throughputPerSec: p.throughputPerSec,
    peakMemoryBytes: p.peakMemoryBytes,
    memoryBytes: p.memoryBytes,
    fitsInMemory: p.fitsInMemory,
    ttftMs: p.llm?.ttftMs ?? null,
    tpotMs: p.llm?.tpotMs ?? null,
    outputTokensPerSec: p.llm?.outputTokensPerSec ?? null,
    speedup: ratio(b.latencyP50Ms, p.latencyP50Ms, true),
    tokensSpeedup: ratio(b.outputTokensPerSec, p.llm?.outputTokensPerSec ?? null, false),
  };
}

/** The baseline first, then each projection in the order the report lists them. */
export function machineRows(report: WhatIfReport): MachineRow[] {
  const b = report.baseline;
  const baseline: MachineRow = {
    id: BASELINE_ID,
    name: BASELINE_NAME,
    baseline: true,
    loadMs: b.loadMs,
    createMs: b.createMs,
    latencyP50Ms: b.latencyP50Ms,
    throughputPerSec: b.throughputPerSec,
    peakMemoryBytes: b.peakRssBytes,
    memoryBytes: null,
    fitsInMemory: null,
    ttftMs: b.ttftMs,
    // The baseline carries no TPOT; the projections' TPOT stands on its own.
    tpotMs: null,
    outputTokensPerSec: b.outputTokensPerSec,
    speedup: b.latencyP50Ms === null ? null : 1,
    tokensSpeedup: b.outputTokensPerSec === null ? null : 1,
  };
  return [baseline, ...report.projections.map((p) => projectionRow(p, report))];
}

/** True when the session generated tokens: the LLM columns and charts apply. */
export function isLlmReport(report: WhatIfReport): boolean {
  return report.baseline.ttftMs !== null || report.projections.some((p) => p.llm !== null);
}

export interface MetricChart {
  key: MetricKey;
  title: string;
  unit: 'ms' | 'perSec' | 'tokensPerSec';
  lowerIsBetter: boolean;
  llmOnly: boolean;
}

export const METRIC_CHARTS: MetricChart[] = [
  { key: 'loadMs', title: 'Model read', unit: 'ms', lowerIsBetter: true, llmOnly: false },
  { key: 'createMs', title: 'Session create', unit: 'ms', lowerIsBetter: true, llmOnly: false },
  { key: 'latencyP50Ms', title: 'Latency p50', unit: 'ms', lowerIsBetter: true, llmOnly: false },
  { key: 'throughputPerSec', title: 'Throughput', unit: 'perSec', lowerIsBetter: false, llmOnly: false },
  { key: 'ttftMs', title: 'Time to first token', unit: 'ms', lowerIsBetter: true, llmOnly: true },
  { key: 'outputTokensPerSec', title: 'Output tokens/s', unit: 'tokensPerSec', lowerIsBetter: false, llmOnly: true },
];

/** A machine's name for a chart axis: parentheticals dropped, then cut to `max` characters. */
export function shortName(name: string, max = 24): string {
  const bare = name.replace(/\s*\(.*\)\s*$/, '') || name;
  return bare.length <= max ? bare : `${bare.slice(0, max - 1)}…`;
}

export interface BarDatum {
  id: string;
  /** Short, for the axis; the tooltip shows `fullName`. */
  name: string;
  fullName: string;
  value: number;
  baseline: boolean;
}

/** The bars of one metric chart: each machine that has a value for it, baseline first. */
export function metricBars(rows: readonly MachineRow[], key: MetricKey): BarDatum[] {
  return rows.flatMap((row) => {
    const value = row[key];
    const name = row.baseline ? 'This machine' : shortName(row.name);
    return value === null ? [] : [{ id: row.id, name, fullName: row.name, value, baseline: row.baseline }];
  });
}

export interface BreakdownDatum {
  id: string;
  name: string;
  fullName: string;
  computeMs: number;
  memoryMs: number;
  transferMs: number;
  otherMs: number;
}

/** One stacked bar per projection: where its projected time per run goes. */
export function breakdownBars(report: WhatIfReport): BreakdownDatum[] {
  return report.projections.map((p) => ({
    id: p.targetId,
    name: shortName(p.targetName, 30),
    fullName: p.targetName,
    ...p.breakdown,
  }));
}
