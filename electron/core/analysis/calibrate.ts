/**
 * `modeldyno calibrate`, host side: measures this machine through ONNX Runtime in a
 * calibration worker (ORT never runs in a host) and turns the measurements into a
 * MachineProfile, cached per machine fingerprint.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MachineProfile } from '../../shared/analysis.js';
import { DynoError } from '../../shared/errors.js';
import type { MachineInfo } from '../../shared/sample.js';
import { forkEntry, type WorkerExit } from '../inference/worker-client.js';
import { collectMachineInfo } from '../sampling/index.js';
import { machineFingerprint, modeldynoHome, readProfile, saveProfile } from './calibration-cache.js';
import type {
  CalibrationMeasurements,
  CalibrationPlan,
  CalibrationProgress,
  CalibrationWorkerToHost,
  HostToCalibrationWorker,
} from './calibration-protocol.js';

import { estimatePeakFlops } from './peak.js';

export { loadCachedProfile, machineFingerprint, profilePath, saveProfile } from './calibration-cache.js';
export type { CalibrationProgress } from './calibration-protocol.js';

/** What a host needs of the worker process: the same seam as the inference worker's. */
export interface CalibrationWorkerHandle {
  send(message: HostToCalibrationWorker): void;
  kill(): void;
  onMessage(listener: (message: CalibrationWorkerToHost) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
}

export interface CalibrateOptions {
  onProgress?: (progress: CalibrationProgress) => void;
  /** Folder for the disk test's scratch file; default `$MODELDYNO_HOME/tmp`, else the OS temp folder. */
  scratchDir?: string;
  launcher?: () => CalibrationWorkerHandle;
  /** Small sizes and few repetitions, for tests: the figures are not representative. */
  quick?: boolean;
  /** The worker is killed after this long (default 180 s). */
  timeoutMs?: number;
}

/** Forks the calibration worker the same way as the inference worker. */
export function forkCalibrationWorker(): CalibrationWorkerHandle {
  return forkEntry<HostToCalibrationWorker, CalibrationWorkerToHost>('calibration-worker');
}

/**
 * Intra-op thread counts to sweep: every count up to 8, beyond that powers of two plus
 * the physical and logical core counts, so a 64-core machine is not measured 64 times.
 */
export function threadSweep(logicalCores: number, physicalCores: number): number[] {
  const max = Math.max(1, logicalCores);
  if (max <= 8) return Array.from({ length: max }, (_, i) => i + 1);
  const counts = new Set([physicalCores, max]);
  for (let t = 1; t < max; t *= 2) counts.add(t);
  return [...counts].filter((t) => t >= 1 && t <= max).sort((a, b) => a - b);
}

function runWorker(plan: CalibrationPlan, options: CalibrateOptions): Promise<CalibrationMeasurements> {
  const worker = (options.launcher ?? forkCalibrationWorker)();
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timeoutMs = options.timeoutMs ?? 180_000;
    const timer = setTimeout(() => {
      worker.kill();
      finish(() => reject(new DynoError('worker-timeout', `Calibration did not finish within ${timeoutMs / 1000} s.`)));
    }, timeoutMs);
    worker.onMessage((message) => {
      if (message.type === 'progress') options.onProgress?.(message);
      else if (message.type === 'result') finish(() => resolve(message.measurements));
      else finish(() => reject(new DynoError('run-failed', `Calibration failed: ${message.message}`)));
    });
    worker.onExit((exit) => {
      const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
      const tail = exit.stderrTail.trim() ? `: ${exit.stderrTail.trim().split('\n').slice(-3).join(' | ')}` : '';
      finish(() =>
        reject(new DynoError('worker-crashed', `The calibration worker exited (${how}) before reporting${tail}`)),
      );
    });
    worker.send({ type: 'start', plan });
  });
}

function toProfile(machine: MachineInfo, m: CalibrationMeasurements, at: Date, durationMs: number): MachineProfile {
  return MachineProfile.parse({
    fingerprint: machineFingerprint(machine),
    measuredAt: at.toISOString(),
    cpuModel: machine.cpuModel,
    logicalCores: machine.logicalCores,
    physicalCores: machine.physicalCores,
    gemm: m.gemm.map(({ threads, flopsPerSec }) => ({ threads, flopsPerSec })),
    gemmSmall: m.gemmSmall.map(({ threads, flopsPerSec }) => ({ threads, flopsPerSec })),
    gemmOpFlops: {
      small: 2 * Math.max(...m.gemmSmall.map((g) => g.size)) ** 3,
      large: 2 * Math.max(...m.gemm.map((g) => g.size)) ** 3,
    },
    memoryBandwidthBytesPerSec: m.memoryBandwidthBytesPerSec,
    diskReadMBps: m.disk.readMBps,
    diskReadCold: m.disk.cold,
    hostToDeviceGBps: m.device.hostToDeviceGBps,
    deviceToHostGBps: m.device.deviceToHostGBps,
    memTotalBytes: machine.memTotalBytes,
    peakFp32FlopsEstimate: estimatePeakFlops(machine.physicalCores),
    durationMs,
  });
}

/** Measures this machine (5–10 s at full size on 2 cores); nothing is cached here. */
export async function calibrate(options: CalibrateOptions = {}): Promise<MachineProfile> {
  const machine = await collectMachineInfo();
  const plan: CalibrationPlan = {
    threadCounts: threadSweep(machine.logicalCores, machine.physicalCores),
    quick: options.quick ?? false,
    scratchDirs: options.scratchDir ? [options.scratchDir] : [join(modeldynoHome(), 'tmp'), tmpdir()],
  };
  const at = new Date();
  const start = process.hrtime.bigint();
  const measurements = await runWorker(plan, options);
  return toProfile(machine, measurements, at, Number(process.hrtime.bigint() - start) / 1e6);
}

/**
 * This machine's profile: the cached one unless `refresh`, else a fresh calibration,
 * saved under `dir` (default `$MODELDYNO_HOME/machine-profiles`).
 */
export async function getMachineProfile(
  options: CalibrateOptions & { refresh?: boolean; dir?: string } = {},
): Promise<MachineProfile> {
  if (!options.refresh) {
    const cached = readProfile(machineFingerprint(await collectMachineInfo()), options.dir);
    if (cached) return cached;
  }
  const profile = await calibrate(options);
  saveProfile(profile, options.dir);
  return profile;
}
