/**
 * The sampler's public contract: what a host passes in and what it gets back.
 */
import { DynoError } from '../../shared/errors.js';
import type { Sample, SamplerStats, SeriesInfo } from '../../shared/sample.js';

export type SamplerSource = SamplerStats['source'];

export interface SamplerOptions {
  /** Samples per second, 1..100. The systeminformation source clamps it to 4 (see hzEffective). */
  hz: number;
  /**
   * process.hrtime.bigint() at session start; each Sample.tMs is milliseconds since it,
   * on the monotonic clock every event of the session uses.
   */
  originNs: bigint;
  /** Called once per tick with a fresh Sample that the callee may keep. */
  onSample: (sample: Sample) => void;
  /** auto: `proc` on Linux, `systeminformation` elsewhere. */
  source?: 'auto' | SamplerSource;
  /** auto: stream GPU readings from nvidia-smi when the executable exists. */
  gpu?: 'auto' | 'off';
  /** The nvidia-smi to run: a path, or a name looked up on PATH. Default `nvidia-smi`. */
  nvidiaSmiPath?: string;
}

export interface Sampler {
  /** Where readings come from. */
  readonly source: SamplerSource;
  /**
   * The rate actually scheduled: `hz`, except that the systeminformation source runs at
   * most 4 Hz because it caches its own readings for 200–500 ms.
   */
  readonly hzEffective: number;
  /** Every series that has appeared in a sample so far, with its label, unit and group. */
  series(): SeriesInfo[];
  /** How many series have appeared so far: cheap to poll after every sample. */
  readonly seriesCount: number;
  /**
   * The inference worker to watch, or null. A pid that has exited (or exits later) is
   * not an error: the `proc.*` series are absent while no live worker is watched.
   */
  setPid(pid: number | null): void;
  /** Takes the baseline readings and schedules the first sample one period later. */
  start(): void;
  /** Stops sampling, ends the nvidia-smi child, and says how sampling went. */
  stop(): Promise<SamplerStats>;
}

export const MIN_HZ = 1;
export const MAX_HZ = 100;

/** Throws DynoError('usage') for options no sampler can honour. */
export function validateSamplerOptions(options: SamplerOptions): void {
  if (!Number.isFinite(options.hz) || options.hz < MIN_HZ || options.hz > MAX_HZ) {
    throw new DynoError('usage', `Sampling rate must be between ${MIN_HZ} and ${MAX_HZ} Hz, got ${options.hz}.`);
  }
  if (typeof options.originNs !== 'bigint') {
    throw new DynoError('usage', 'originNs must be a process.hrtime.bigint() value.');
  }
  if (options.source === 'proc' && process.platform !== 'linux') {
    throw new DynoError(
      'usage',
      `The proc sampler needs Linux; use source 'auto' or 'systeminformation' on ${process.platform}.`,
    );
  }
}

/** The source `auto` stands for on this platform. */
export function resolveSource(source: SamplerOptions['source']): SamplerSource {
  if (source === 'proc' || source === 'systeminformation') return source;
  return process.platform === 'linux' ? 'proc' : 'systeminformation';
}
