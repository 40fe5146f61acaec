/**
 * The host-side hardware sampler: whole-machine and inference-worker readings at
 * 10–100 Hz from /proc on Linux (systeminformation elsewhere), plus an nvidia-smi stream
 * for NVIDIA GPUs, as named series in timestamped Samples.
 */
import { NvidiaSmiStream, locateExecutable } from './nvidia-smi.js';
import { resolveSource, validateSamplerOptions, type Sampler, type SamplerOptions } from './options.js';
import { ProcReader } from './proc-reader.js';
import { RunningSampler, type SampleReader } from './running-sampler.js';
import { SI_MAX_HZ, SiReader } from './si-reader.js';

export { collectMachineInfo } from './machine-info.js';
export { describeSeries } from './series-catalog.js';
export type { Sampler, SamplerOptions, SamplerSource } from './options.js';

/**
 * Creates a sampler; nothing is read until start(). Throws DynoError('usage') for a rate
 * outside 1..100 Hz, or for source 'proc' off Linux. A missing nvidia-smi is not an
 * error: the sampler then has no GPU series and its stats say `gpu: false`.
 */
export async function createSampler(options: SamplerOptions): Promise<Sampler> {
  validateSamplerOptions(options);
  const source = resolveSource(options.source);
  const reader: SampleReader = source === 'proc' ? new ProcReader(options.hz) : new SiReader();
  const hzEffective = source === 'proc' ? options.hz : Math.min(options.hz, SI_MAX_HZ);
  return new RunningSampler(options, hzEffective, reader, gpuStream(options, hzEffective));
}

function gpuStream(options: SamplerOptions, hz: number): NvidiaSmiStream | null {
  if (options.gpu === 'off') return null;
  const executable = locateExecutable(options.nvidiaSmiPath ?? 'nvidia-smi');
  if (executable === null) return null;
  // The stream reports once per sampling period, but not faster than MIN_GPU_INTERVAL_MS.
  return new NvidiaSmiStream(executable, 1000 / hz);
}
