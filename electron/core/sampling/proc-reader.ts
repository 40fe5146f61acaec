/**
 * The Linux fast path: whole-machine and worker readings straight from /proc, with
 * descriptors kept open between ticks.
 *
 * Each read of a /proc file costs 20–30 µs when the process has just woken up (measured
 * on the reference VM; ~4 µs back to back), so reading all ten files every tick costs
 * ~1.9 % of a core at 50 Hz there. CPU and the worker are read every tick. Memory, swap,
 * storage, network and pressure are read at most SLOW_SERIES_MAX_HZ — those series
 * appear in every n-th sample, the first one included — which brings 50 Hz to ~1.1 %
 * (bench/sampler.ts). They move on scales of 100 ms and more (a model file streaming
 * from disk, a swap storm), and their rates are computed over their own, longer window.
 */
import { ProcessReader } from './proc-process.js';
import { DEFAULT_PROC_PATHS, SystemReader, type ProcPaths } from './proc-system.js';
import type { SampleReader } from './running-sampler.js';
import type { SampleValues } from './trackers.js';

/** The most often memory, storage, network and pressure files are read. */
export const SLOW_SERIES_MAX_HZ = 10;

export class ProcReader implements SampleReader {
  readonly source = 'proc' as const;
  private readonly system: SystemReader;
  private readonly worker: ProcessReader;
  /** Every slowEvery-th read includes the slow part (see read()). */
  private readonly slowEvery: number;
  private reads = 0;

  constructor(hz: number, paths: ProcPaths = DEFAULT_PROC_PATHS) {
    this.system = new SystemReader(paths);
    this.worker = new ProcessReader(paths.procDir);
    this.slowEvery = Math.max(1, Math.round(hz / SLOW_SERIES_MAX_HZ));
  }

  setPid(pid: number | null, nowNs: bigint): void {
    this.worker.setPid(pid, nowNs);
  }

  read(nowNs: bigint, values: SampleValues): void {
    // Reads 0 (baseline) and 1 (first sample) both include the slow part, so the first
    // sample has every series; from then on every slowEvery-th read does.
    const read = this.reads++;
    if (read <= 1 || (read - 1) % this.slowEvery === 0) this.system.readSlow(nowNs, values);
    this.system.readFast(values);
    this.worker.read(nowNs, values);
  }

  close(): void {
    this.system.close();
    this.worker.close();
  }
}
