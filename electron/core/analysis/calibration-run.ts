/**
 * One calibration, as the worker runs it: GEMM per thread count, memory bandwidth, disk
 * read, host↔device copies — in that order, with progress after every run.
 *
 * Full sizes are what `modeldyno calibrate` uses (5–10 s on 2 cores); `quick`
 * shrinks every size and repetition so tests finish in seconds, at the price of figures
 * that are not representative (the bandwidth tensors then fit in cache).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import {
  measureBandwidth,
  measureGemm,
  runsPerMeasurement,
  type GemmSizing,
  type Repetitions,
} from './calibration-bench.js';
import { measureHostDevice } from './calibration-device.js';
import { diskTicks, measureDiskRead } from './calibration-disk.js';
import type { CalibrationMeasurements, CalibrationPlan, CalibrationProgress } from './calibration-protocol.js';

const MIB = 2 ** 20;

interface Sizes {
  gemm: GemmSizing;
  /** A small GEMM: how ops of ~4 MFLOP scale with threads (sync costs dominate there). */
  smallGemm: GemmSizing;
  gemmReps: Repetitions;
  bandwidthTensorBytes: number;
  bandwidthReps: Repetitions;
  diskBytes: number;
  diskChunkBytes: number;
}

function sizesFor(quick: boolean): Sizes {
  if (quick) {
    return {
      gemm: { size: 256, minOpMs: 0, maxSize: 256 },
      smallGemm: { size: 64, minOpMs: 0, maxSize: 64 },
      gemmReps: { warmup: 1, measured: 3 },
      bandwidthTensorBytes: 8 * MIB,
      bandwidthReps: { warmup: 1, measured: 3 },
      diskBytes: 16 * MIB,
      diskChunkBytes: MIB,
    };
  }
  return {
    // 1024³ takes ~19 ms on one Sapphire Rapids core; faster machines grow it to ≥ 5 ms.
    gemm: { size: 1024, minOpMs: 5, maxSize: 4096 },
    smallGemm: { size: 128, minOpMs: 0, maxSize: 128 },
    gemmReps: { warmup: 2, measured: 9 },
    bandwidthTensorBytes: streamTensorBytes(lastLevelCacheBytes()),
    bandwidthReps: { warmup: 2, measured: 9 },
    diskBytes: 256 * MIB,
    diskChunkBytes: 4 * MIB,
  };
}

/**
 * An Add touches three tensors; together they should be at least twice the last-level
 * cache so a streaming pass finds nothing of the previous one cached.
 */
export function streamTensorBytes(cacheBytes: number | null): number {
  const wanted = Math.ceil(((cacheBytes ?? 0) * 2) / 3 / MIB) * MIB;
  return Math.min(256 * MIB, Math.max(64 * MIB, wanted));
}

/** Size of the largest CPU cache Linux reports, or null where sysfs does not say. */
export function lastLevelCacheBytes(): number | null {
  const root = '/sys/devices/system/cpu/cpu0/cache';
  try {
    let largest: number | null = null;
    for (const entry of readdirSync(root).filter((name) => name.startsWith('index'))) {
      const match = /^(\d+)([KMG]?)/.exec(readFileSync(join(root, entry, 'size'), 'utf8').trim());
      if (!match) continue;
      const bytes = Number(match[1]) * { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 }[match[2] as '' | 'K' | 'M' | 'G'];
      largest = Math.max(largest ?? 0, bytes);
    }
    return largest;
  } catch {
    return null; // not Linux, or sysfs hidden: the 64 MiB floor applies.
  }
}

export async function runCalibration(
  plan: CalibrationPlan,
  onProgress: (progress: CalibrationProgress) => void,
): Promise<CalibrationMeasurements> {
  const sizes = sizesFor(plan.quick);
  const total =
    2 * plan.threadCounts.length * runsPerMeasurement(sizes.gemmReps) +
    runsPerMeasurement(sizes.bandwidthReps) +
    diskTicks(sizes.diskBytes, sizes.diskChunkBytes) +
    1;
  let done = 0;
  const tick = (step: string) => onProgress({ step, done: Math.min(++done, total), total });

  const gemm = [];
  const gemmSmall = [];
  for (const threads of plan.threadCounts) {
    gemm.push(await measureGemm(threads, sizes.gemm, sizes.gemmReps, tick));
    gemmSmall.push(await measureGemm(threads, sizes.smallGemm, sizes.gemmReps, tick));
  }
  const maxThreads = Math.max(...plan.threadCounts);
  const memoryBandwidthBytesPerSec = await measureBandwidth(
    sizes.bandwidthTensorBytes,
    maxThreads,
    sizes.bandwidthReps,
    tick,
  );
  const disk = await measureDiskRead(plan.scratchDirs, sizes.diskBytes, sizes.diskChunkBytes, tick);
  const device = await measureHostDevice();
  tick('host↔device copies');
  return {
    gemm,
    gemmSmall,
    memoryBandwidthBytesPerSec,
    bandwidthTensorBytes: sizes.bandwidthTensorBytes,
    disk,
    device,
    ortVersion: ort.env.versions.node ?? ort.env.versions.common,
  };
}
