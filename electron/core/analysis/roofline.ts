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

/**
 * How much faster (>1) or slower an op of `opFlops` runs at `threads` than at `from`
 * threads: the calibrated rate ratio of the large GEMM for big ops, of the small GEMM for
 * small ones (where thread synchronisation eats the gain), log-interpolated in between.
 */
export function threadSpeedup(profile: MachineProfile, from: number, threads: number, opFlops: number): number {
  const large = gemmFlopsAt(profile, threads) / gemmFlopsAt(profile, from);
  const small = profile.gemmSmall;
  const sizes = profile.gemmOpFlops;
  if (!small || small.length === 0 || !sizes || sizes.large <= sizes.small) return large;
  const smallProfile = { ...profile, gemm: small };
  const smallRatio = gemmFlopsAt(smallProfile, threads) / gemmFlopsAt(smallProfile, from);
  const t = Math.min(1, Math.max(0, Math.log(opFlops / sizes.small) / Math.log(sizes.large / sizes.small)));
  return Math.exp(Math.log(smallRatio) * (1 - t) + Math.log(large) * t);
}
