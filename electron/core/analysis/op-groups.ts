/**
 * Op groups (one per op type) placed on the roofline of this machine: measured kernel
 * time per run next to what the calibrated GEMM rate and streaming bandwidth allow.
 */
import type { MachineProfile, OpCost } from '../../shared/analysis.js';
import type { OpEvent, OpStat } from '../../shared/session.js';
import { opCost } from './cost-model.js';
import { gemmFlopsAt, rooflineTimes } from './roofline.js';

export interface OpGroup {
  opType: string;
  nodes: number;
  /** Measured kernel time per measured run. */
  timeMs: number;
  flops: number;
  bytes: number;
  intensity: number;
  known: boolean;
  bound: 'compute' | 'memory-bandwidth' | null;
  /** Achieved rate of the bound resource as a share of the calibrated one (0…1+). */
  roofShare: number | null;
}

/** Costs of the ops of one run among `runs` (the first profiled one), by node name. */
export function nodeCosts(events: OpEvent[], runs: Set<number>): Map<string, OpCost> {
  const run = events.find((e) => runs.has(e.run))?.run;
  const costs = new Map<string, OpCost>();
  for (const event of events) if (event.run === run) costs.set(event.name, opCost(event));
  return costs;
}

/** `ops` are the node statistics over `runCount` runs; times are per run. */
export function opGroups(
  ops: OpStat[],
  runCount: number,
  costs: Map<string, OpCost>,
  profile: MachineProfile | null,
  threads: number,
): OpGroup[] {
  const measuredRuns = Math.max(1, runCount);
  const groups = new Map<string, OpGroup>();
  for (const stat of ops) {
    const cost = costs.get(stat.name);
    const group = groups.get(stat.opType) ?? {
      opType: stat.opType,
      nodes: 0,
      timeMs: 0,
      flops: 0,
      bytes: 0,
      intensity: 0,
      known: true,
      bound: null,
      roofShare: null,
    };
    group.nodes += 1;
    group.timeMs += stat.totalMs / measuredRuns;
    group.flops += cost?.flops ?? 0;
    group.bytes += cost ? cost.bytesRead + cost.bytesWritten : 0;
    group.known &&= cost?.known ?? false;
    groups.set(stat.opType, group);
  }
  const flopsPerSec = profile ? gemmFlopsAt(profile, threads) : 0;
  return [...groups.values()]
    .map((g) => {
      const intensity = g.bytes > 0 ? g.flops / g.bytes : 0;
      // Views (Reshape, Squeeze…) move nothing by the cost model: no resource binds them.
      if (!profile || !g.known || g.timeMs <= 0 || g.flops + g.bytes === 0) return { ...g, intensity };
      const roof = rooflineTimes(
        { flops: g.flops, bytesRead: g.bytes, bytesWritten: 0 },
        flopsPerSec,
        profile.memoryBandwidthBytesPerSec,
      );
      const boundMs = roof.bound === 'compute' ? roof.computeMs : roof.memoryMs;
      return { ...g, intensity, bound: roof.bound, roofShare: boundMs / g.timeMs };
    })
    .sort((a, b) => b.timeMs - a.timeMs);
}
