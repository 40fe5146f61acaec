/**
 * Hardware samples and the machine they were taken on. A sample is one reading of many
 * named series at one instant, so that charts, CSV columns and trace counter tracks all
 * address a series by its name.
 */
import { z } from 'zod';

/** Groups follow the bottleneck classes they give evidence for. */
export const SeriesGroup = z.enum(['cpu', 'process', 'memory', 'disk', 'network', 'pressure', 'gpu']);
export type SeriesGroup = z.infer<typeof SeriesGroup>;

export const SeriesUnit = z.enum([
  'pct',
  'bytes',
  'bytesPerSec',
  'pagesPerSec',
  'perSec',
  'count',
  'watts',
  'mhz',
  'celsius',
]);
export type SeriesUnit = z.infer<typeof SeriesUnit>;

/** Describes one series: `name` is its key in `Sample.values`. */
export const SeriesInfo = z.strictObject({
  name: z.string(),
  label: z.string(),
  unit: SeriesUnit,
  group: SeriesGroup,
});
export type SeriesInfo = z.infer<typeof SeriesInfo>;

/** One reading. `tMs` is milliseconds since the session's monotonic origin. */
export const Sample = z.strictObject({
  tMs: z.number(),
  values: z.record(z.string(), z.number()),
});
export type Sample = z.infer<typeof Sample>;

/** What the sampler says about itself, stored with every session. */
export const SamplerStats = z.strictObject({
  /** `proc` is the Linux fast path; `systeminformation` the portable fallback. */
  source: z.enum(['proc', 'systeminformation']),
  hzRequested: z.number(),
  hzAchieved: z.number(),
  samples: z.number().int(),
  /** Ticks that were due but not taken because the event loop was late. */
  missed: z.number().int(),
  /** CPU time the sampler itself used, as % of one core over the sampling period. */
  cpuPct: z.number(),
  /** Whether an nvidia-smi stream contributed GPU series. */
  gpu: z.boolean(),
});
export type SamplerStats = z.infer<typeof SamplerStats>;

export const DiskInfo = z.strictObject({
  name: z.string(),
  type: z.string(),
  sizeBytes: z.number(),
  interfaceType: z.string(),
});
export type DiskInfo = z.infer<typeof DiskInfo>;

export const GpuInfo = z.strictObject({
  index: z.number().int(),
  name: z.string(),
  vendor: z.string(),
  memoryBytes: z.number().nullable(),
  driver: z.string().nullable(),
});
export type GpuInfo = z.infer<typeof GpuInfo>;

/** The machine, collected once per session through systeminformation. */
export const MachineInfo = z.strictObject({
  cpuModel: z.string(),
  physicalCores: z.number().int(),
  logicalCores: z.number().int(),
  cpuSpeedGHz: z.number().nullable(),
  memTotalBytes: z.number(),
  swapTotalBytes: z.number(),
  os: z.string(),
  kernel: z.string(),
  arch: z.string(),
  hostname: z.string(),
  disks: z.array(DiskInfo),
  gpus: z.array(GpuInfo),
});
export type MachineInfo = z.infer<typeof MachineInfo>;
