/**
 * The Ops screen's rows: measured kernel time (ProfileResult.ops, per node) joined with
 * the analysis's cost per op type and the verdict on that op type. A figure the
 * session did not measure or the analysis could not cost stays null (n/a).
 */
import type { AnalysisView } from '../../../../electron/shared/api.js';
import type { Bottleneck, BottleneckLabel, CostSummary } from '../../../../electron/shared/analysis.js';
import type { OpStat, ProfileResult } from '../../../../electron/shared/session.js';

export interface OpRow {
  /** Op type, or node name in the per-node view. */
  key: string;
  name: string;
  opType: string;
  /** Nodes of this type that ran (1 in the per-node view). */
  nodes: number;
  totalMs: number | null;
  perRunMs: number | null;
  pct: number | null;
  count: number | null;
  meanMs: number | null;
  /** Per run, from the analysis; null in the per-node view (cost is per op type). */
  flops: number | null;
  bytes: number | null;
  intensity: number | null;
  achievedFlopsPerSec: number | null;
  label: BottleneckLabel | null;
  /** False when the op type has no cost formula. */
  costKnown: boolean | null;
}

export type OpGrouping = 'type' | 'node';

export function measuredRunCount(result: ProfileResult): number {
  return result.runs.filter((run) => !run.warmup).length;
}

/** The verdict of each `op:<OpType>` bottleneck, by op type. */
export function opLabels(bottlenecks: Bottleneck[]): Map<string, BottleneckLabel> {
  const labels = new Map<string, BottleneckLabel>();
  for (const b of bottlenecks) if (b.phase.startsWith('op:')) labels.set(b.phase.slice(3), b.label);
  return labels;
}

function costColumns(cost: CostSummary | null, opType: string) {
  const typeCost = cost?.byOpType.find((c) => c.opType === opType);
  if (!typeCost) return { flops: null, bytes: null, intensity: null, achievedFlopsPerSec: null, costKnown: null };
  if (!typeCost.known)
    return { flops: null, bytes: null, intensity: null, achievedFlopsPerSec: null, costKnown: false };
  return {
    flops: typeCost.flops,
    bytes: typeCost.bytes,
    intensity: typeCost.bytes > 0 ? typeCost.flops / typeCost.bytes : null,
    // Pure data movement does no arithmetic: an achieved rate of 0 FLOP/s would say nothing.
    achievedFlopsPerSec:
      typeCost.flops > 0 && typeCost.timeMs && typeCost.timeMs > 0 ? typeCost.flops / (typeCost.timeMs / 1000) : null,
    costKnown: true,
  };
}

function byType(ops: OpStat[]): Map<string, OpStat[]> {
  const groups = new Map<string, OpStat[]>();
  for (const op of ops) groups.set(op.opType, [...(groups.get(op.opType) ?? []), op]);
  return groups;
}

export function opRows(result: ProfileResult, analysis: AnalysisView | null, grouping: OpGrouping): OpRow[] {
  const cost = analysis?.cost ?? result.cost ?? null;
  const labels = opLabels(analysis?.bottlenecks ?? result.bottlenecks ?? []);
  const runs = measuredRunCount(result);
  const perRun = (totalMs: number) => (runs > 0 ? totalMs / runs : null);

  if (grouping === 'node') {
    return result.ops.map((op) => ({
      key: op.name,
      name: op.name,
      opType: op.opType,
      nodes: 1,
      totalMs: op.totalMs,
      perRunMs: perRun(op.totalMs),
      pct: op.pct,
      count: op.count,
      meanMs: op.meanMs,
      flops: null,
      bytes: null,
      intensity: null,
      achievedFlopsPerSec: null,
      label: labels.get(op.opType) ?? null,
      costKnown: null,
    }));
  }

  const groups = byType(result.ops);
  const types = new Set([...groups.keys(), ...(cost?.byOpType.map((c) => c.opType) ?? [])]);
  return [...types].map((opType) => {
    const ops = groups.get(opType) ?? [];
    const measured = ops.length > 0;
    const totalMs = ops.reduce((sum, op) => sum + op.totalMs, 0);
    const count = ops.reduce((sum, op) => sum + op.count, 0);
    const typeCost = cost?.byOpType.find((c) => c.opType === opType);
    return {
      key: opType,
      name: opType,
      opType,
      nodes: measured ? ops.length : (typeCost?.count ?? 0),
      totalMs: measured ? totalMs : null,
      perRunMs: measured ? perRun(totalMs) : (typeCost?.timeMs ?? null),
      pct: measured ? ops.reduce((sum, op) => sum + op.pct, 0) : null,
      count: measured ? count : null,
      meanMs: measured && count > 0 ? totalMs / count : null,
      ...costColumns(cost, opType),
      label: labels.get(opType) ?? null,
    };
  });
}

export function filterRows(rows: OpRow[], filter: string): OpRow[] {
  const needle = filter.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter((row) => row.name.toLowerCase().includes(needle) || row.opType.toLowerCase().includes(needle));
}
