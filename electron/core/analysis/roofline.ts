/**
 * Roofline placement against the calibrated machine: an op is compute-bound when its
 * FLOPs take longer at the achieved GEMM rate than its bytes take at the achieved
 * streaming bandwidth, memory-bound otherwise. Both rates are this machine's as ONNX
 * Runtime reaches them (`modeldyno calibrate`), not vendor peaks.
 */
import type { MachineProfile, OpCost } from '../../shared/analysis.js';

/** Achieved GEMM FLOP/s at a thread count: measured where it was, else the nearest below. */
export function gemmFlopsAt(profile: MachineProfile, threads: number): number {
  const sorted = [...profile.gemm].sort((a, b) => a.threads - b.threads);
  let best = sorted[0]?.flopsPerSec ?? 0;
  for (const point of sorted) if (point.threads <= threads) best = point.flopsPerSec;
  return best;
}

/** FLOP per byte at which compute and memory take equal time on this machine. */
export function machineBalance(profile: MachineProfile, threads: number): number {
  return gemmFlopsAt(profile, threads) / profile.memoryBandwidthBytesPerSec;
}

export interface RooflineTimes {
  computeMs: number;
  memoryMs: number;
  bound: 'compute' | 'memory-bandwidth';
}

export function rooflineTimes(
  cost: Pick<OpCost, 'flops' | 'bytesRead' | 'bytesWritten'>,
  flopsPerSec: number,
  bytesPerSec: number,
): RooflineTimes {
  const computeMs = (cost.flops / flopsPerSec) * 1000;
  const memoryMs = ((cost.bytesRead + cost.bytesWritten) / bytesPerSec) * 1000;
  return { computeMs, memoryMs, bound: computeMs >= memoryMs ? 'compute' : 'memory-bandwidth' };
}

/** Threads ONNX Runtime used: the setting, or its default of one per physical core. */
export function effectiveThreads(intraOpThreads: number, physicalCores: number): number {
  return intraOpThreads > 0 ? intraOpThreads : Math.max(1, physicalCores);
}
