/**
 * What the analysis says about a session: the machine it was calibrated against, the
 * cost of each op, which resource holds each phase back and why, and what would help.
 * Everything here is computed from a recorded session and a MachineProfile alone.
 */
import { z } from 'zod';

/** The four bottleneck classes of DESIGN.md, memory split in two, plus the software one. */
export const BottleneckLabel = z.enum([
  'compute',
  'memory-bandwidth',
  'memory-capacity',
  'storage',
  'communication',
  'underutilised',
]);
export type BottleneckLabel = z.infer<typeof BottleneckLabel>;

/** This machine as ONNX Runtime achieves it, measured by `modeldyno calibrate`. */
export const MachineProfile = z.strictObject({
  /** Stable per machine: CPU model, core counts, memory size, OS, ORT version. */
  fingerprint: z.string(),
  measuredAt: z.string(),
  cpuModel: z.string(),
  logicalCores: z.number().int(),
  physicalCores: z.number().int(),
  /** Achieved fp32 GEMM FLOP/s at each intra-op thread count measured (1…N). */
  gemm: z.array(z.strictObject({ threads: z.number().int(), flopsPerSec: z.number() })),
  /** The same for a small GEMM, with the FLOPs of one op at each size: ops in between scale in between. */
  gemmSmall: z.array(z.strictObject({ threads: z.number().int(), flopsPerSec: z.number() })).optional(),
  gemmOpFlops: z.strictObject({ small: z.number(), large: z.number() }).optional(),
  /** Achieved streaming bandwidth (bytes read + written per second) of large elementwise ops. */
  memoryBandwidthBytesPerSec: z.number(),
  /** Sequential read of a file, cold when the page cache could be evicted. */
  diskReadMBps: z.number().nullable(),
  diskReadCold: z.boolean(),
  /** Host↔device copy bandwidth where a GPU execution provider was available. */
  hostToDeviceGBps: z.number().nullable(),
  deviceToHostGBps: z.number().nullable(),
  memTotalBytes: z.number(),
  /** Theoretical FP32 peak (cores × clock × FLOP/cycle), where /proc/cpuinfo tells. */
  peakFp32FlopsEstimate: z.number().nullable().optional(),
  durationMs: z.number(),
});
export type MachineProfile = z.infer<typeof MachineProfile>;

/** FLOPs and bytes of one op execution, from its type and the shapes seen at run time. */
export const OpCost = z.strictObject({
  name: z.string(),
  opType: z.string(),
  flops: z.number(),
  /** Activations and weights read, outputs written, assuming each is touched once. */
  bytesRead: z.number(),
  bytesWritten: z.number(),
  /** FLOP per byte moved; 0 for pure data movement. */
  intensity: z.number(),
  /** False when the op type has no cost formula: such ops are listed, never guessed. */
  known: z.boolean(),
});
export type OpCost = z.infer<typeof OpCost>;

export const OpTypeCost = z.strictObject({
  opType: z.string(),
  count: z.number().int(),
  flops: z.number(),
  bytes: z.number(),
  /** Measured kernel time per run, when an op profile exists. */
  timeMs: z.number().nullable(),
  known: z.boolean(),
});
export type OpTypeCost = z.infer<typeof OpTypeCost>;

export const CostSummary = z.strictObject({
  /** Per run, summed over the ops of one measured run. */
  totalFlops: z.number(),
  totalBytes: z.number(),
  byOpType: z.array(OpTypeCost),
  unknownOpTypes: z.array(z.string()),
});
export type CostSummary = z.infer<typeof CostSummary>;

/** A verdict on one phase or op group, with the numbers that triggered it. */
export const Bottleneck = z.strictObject({
  /** `read`, `create`, `warmup`, `runs`, `prefill`, `decode`, or `op:<OpType>` for an op group. */
  phase: z.string(),
  label: BottleneckLabel,
  /** 0…1: how clearly the evidence separates this label from the others. */
  confidence: z.number().min(0).max(1),
  evidence: z.array(z.string()),
});
export type Bottleneck = z.infer<typeof Bottleneck>;

/** A span of the session timeline to paint with its label. */
export const Segment = z.strictObject({ startMs: z.number(), endMs: z.number(), label: BottleneckLabel });
export type Segment = z.infer<typeof Segment>;

export const Recommendation = z.strictObject({
  title: z.string(),
  label: BottleneckLabel,
  kind: z.enum(['hardware', 'software']),
  /**
   * Improvement of the affected metric from the what-if model, in %: a reduction for times
   * and sizes (`latencyP50Ms`, `loadMs`, `peakRssBytes`), an increase for rates
   * (`outputTokensPerSec`, `itemsPerSec`).
   */
  estimatedGainPct: z.number(),
  /** The metric the gain applies to, e.g. `latencyP50Ms` or `loadMs`. */
  metric: z.string(),
  assumption: z.string(),
  /**
   * `measured` when the gain was measured on this machine (a compression experiment
   * profiled the variant); projected by the what-if model when absent.
   */
  source: z.enum(['projected', 'measured']).optional(),
});
export type Recommendation = z.infer<typeof Recommendation>;

/** How one session would run on one target, by the what-if model. */
export const Projection = z.strictObject({
  targetId: z.string(),
  targetName: z.string(),
  loadMs: z.number().nullable(),
  createMs: z.number().nullable(),
  latencyP50Ms: z.number().nullable(),
  throughputPerSec: z.number().nullable(),
  peakMemoryBytes: z.number().nullable(),
  /** RAM (or VRAM) of the target; null when the target does not change memory. */
  memoryBytes: z.number().nullable(),
  fitsInMemory: z.boolean().nullable(),
  /** Projected latency by class, ms per run. */
  breakdown: z.strictObject({
    computeMs: z.number(),
    memoryMs: z.number(),
    transferMs: z.number(),
    otherMs: z.number(),
  }),
  /** LLM sessions: TTFT and TPOT (means) and decode throughput on the target. */
  llm: z.strictObject({ ttftMs: z.number(), tpotMs: z.number(), outputTokensPerSec: z.number() }).nullable(),
  assumptions: z.array(z.string()),
});
export type Projection = z.infer<typeof Projection>;
