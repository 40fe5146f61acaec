/**
 * A profiling session as it is stored, listed and printed. `ProfileResult` is also the
 * `modeldyno profile --json` output, so its fields are a public contract.
 */
import { z } from 'zod';
import { Bottleneck, CostSummary, MachineProfile, Recommendation, Segment } from './analysis.js';
import { ERROR_KINDS } from './errors.js';
import { LlmSummary } from './llm.js';
import { ModelInfo, TensorInfo } from './model.js';
import { MachineInfo, SamplerStats, SeriesInfo } from './sample.js';

export const SCHEMA_VERSION = 1;

export const GraphOptimization = z.enum(['disabled', 'basic', 'extended', 'all']);
export type GraphOptimization = z.infer<typeof GraphOptimization>;

/** Everything the user chose for one session; defaults live in `defaultSettings`. */
export const ProfileSettings = z.strictObject({
  /** Measured runs; ignored when `durationS` is set. */
  runs: z.number().int().min(1).max(1_000_000),
  warmup: z.number().int().min(0).max(10_000),
  /** Run for this long instead of a fixed count (at least one run). */
  durationS: z.number().positive().max(86_400).nullable(),
  /** 0 lets ONNX Runtime choose (one per physical core). */
  intraOpThreads: z.number().int().min(0).max(1024),
  interOpThreads: z.number().int().min(0).max(1024),
  graphOptimization: GraphOptimization,
  executionProvider: z.string().min(1).max(64),
  /** Values for symbolic input dimensions, by dim name. */
  dims: z.record(z.string(), z.number().int().min(0)),
  hz: z.number().min(1).max(100),
  opProfile: z.boolean(),
  /** Evict the model file from the page cache before reading it. */
  cold: z.boolean(),
  createTimeoutMs: z.number().int().positive(),
  runTimeoutMs: z.number().int().positive(),
  /**
   * The worker is killed when its resident memory passes this many bytes; null means 90 %
   * of this machine's physical memory, decided when the session starts. Optional in files
   * written before the cap existed.
   */
  memoryCapBytes: z.number().int().positive().nullable().default(null),
  /** After the measured runs, run again at each of these intra-op thread counts. */
  sweepThreads: z.array(z.number().int().min(1).max(1024)).max(32),
  /** Language-model generation: `auto` when the model has a decoder's inputs and outputs. */
  llm: z.enum(['auto', 'on', 'off']),
  /** Each combination of prompt length, output length and batch is a sweep row. */
  promptTokens: z.array(z.number().int().min(1).max(1_000_000)).min(1).max(16),
  outputTokens: z.array(z.number().int().min(1).max(1_000_000)).min(1).max(16),
  batch: z.array(z.number().int().min(1).max(4096)).min(1).max(16),
  /** Requests per combination; metrics are means and percentiles over them. */
  repetitions: z.number().int().min(1).max(10_000),
});
export type ProfileSettings = z.infer<typeof ProfileSettings>;

export const defaultSettings: ProfileSettings = {
  runs: 20,
  warmup: 3,
  durationS: null,
  intraOpThreads: 0,
  interOpThreads: 0,
  graphOptimization: 'all',
  executionProvider: 'cpu',
  dims: {},
  hz: 20,
  opProfile: true,
  cold: false,
  createTimeoutMs: 120_000,
  runTimeoutMs: 60_000,
  memoryCapBytes: null,
  sweepThreads: [],
  llm: 'auto',
  promptTokens: [32],
  outputTokens: [32],
  batch: [1],
  repetitions: 3,
};

export const SessionStatus = z.enum(['running', 'complete', 'failed', 'incomplete', 'cancelled']);
export type SessionStatus = z.infer<typeof SessionStatus>;

/**
 * `spawn` is the worker's start-up: from launching its process to its first phase
 * (starting Node or Electron's utility process and loading ONNX Runtime's native
 * library) — a cost every application that loads a model pays once.
 */
export const PhaseName = z.enum(['spawn', 'read', 'create', 'warmup', 'runs', 'sweep', 'generate']);
export type PhaseName = z.infer<typeof PhaseName>;

/** A span of the session timeline; ms are relative to the session origin. */
export const Phase = z.strictObject({
  name: PhaseName,
  startMs: z.number(),
  durationMs: z.number(),
});
export type Phase = z.infer<typeof Phase>;

/** How a symbolic dimension got its value. */
export const ResolvedDim = z.strictObject({
  name: z.string(),
  value: z.number().int(),
  source: z.enum(['user', 'model', 'default']),
});
export type ResolvedDim = z.infer<typeof ResolvedDim>;

/** One inference. `ortMs` is ONNX Runtime's own model_run time when op profiling ran. */
export const RunRecord = z.strictObject({
  index: z.number().int(),
  warmup: z.boolean(),
  startMs: z.number(),
  durationMs: z.number(),
  ortMs: z.number().nullable(),
});
export type RunRecord = z.infer<typeof RunRecord>;

/** One kernel execution from ONNX Runtime's profiler, placed on the session clock. */
export const OpEvent = z.strictObject({
  run: z.number().int(),
  name: z.string(),
  opType: z.string(),
  provider: z.string(),
  startMs: z.number(),
  durationMs: z.number(),
  inputShapes: z.array(z.array(z.number())),
  outputShapes: z.array(z.array(z.number())),
});
export type OpEvent = z.infer<typeof OpEvent>;

/** A node's kernel time over the measured runs. `pct` is of all kernel time. */
export const OpStat = z.strictObject({
  name: z.string(),
  opType: z.string(),
  provider: z.string(),
  totalMs: z.number(),
  count: z.number().int(),
  meanMs: z.number(),
  pct: z.number(),
});
export type OpStat = z.infer<typeof OpStat>;

export const LatencyStats = z.strictObject({
  mean: z.number(),
  p50: z.number(),
  p90: z.number(),
  p99: z.number(),
  min: z.number(),
  max: z.number(),
  stdev: z.number(),
});
export type LatencyStats = z.infer<typeof LatencyStats>;

/** Latency at one thread count of a `--sweep-threads` run. */
export const SweepPoint = z.strictObject({
  threads: z.number().int(),
  runs: z.number().int(),
  p50Ms: z.number(),
});
export type SweepPoint = z.infer<typeof SweepPoint>;

/** Amdahl's law fitted to a sweep: t(n) = t1 · (serialFraction + (1 − serialFraction) / n). */
export const AmdahlFit = z.strictObject({
  t1Ms: z.number(),
  serialFraction: z.number(),
  /** Root-mean-square error of the fit over the sweep, relative to the mean latency. */
  rmsErrorPct: z.number(),
});
export type AmdahlFit = z.infer<typeof AmdahlFit>;

export const ErrorInfoSchema = z.strictObject({ kind: z.enum(ERROR_KINDS), message: z.string() });

/** The summary of a session: what `profile --json` prints and `session.json` holds. */
export const ProfileResult = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  sessionId: z.string(),
  status: SessionStatus,
  startedAt: z.string(),
  model: ModelInfo,
  machine: MachineInfo,
  settings: ProfileSettings,
  dims: z.array(ResolvedDim),
  /** The inputs as fed: every dimension resolved to a number. */
  inputs: z.array(TensorInfo),
  phases: z.array(Phase),
  loadMs: z.number().nullable(),
  createMs: z.number().nullable(),
  firstRunMs: z.number().nullable(),
  latencyMs: LatencyStats.nullable(),
  /** Measured inferences per second of wall time over the measured runs. */
  throughputPerSec: z.number().nullable(),
  peakRssBytes: z.number().nullable(),
  cpu: z.strictObject({
    /** Whole-machine busy % during the measured runs. */
    avgUtilPct: z.number().nullable(),
    perCoreAvgPct: z.array(z.number()),
    /** The worker's own CPU use during the measured runs; 100 = one core. */
    workerAvgPct: z.number().nullable(),
  }),
  disk: z.strictObject({
    /** Bytes the worker read from storage while reading the model (page-cache hits excluded). */
    loadReadBytes: z.number().nullable(),
    loadReadMBps: z.number().nullable(),
  }),
  /** `cpuPct` is null when the host died before the sampler could report it. */
  sampler: SamplerStats.extend({ cpuPct: z.number().nullable() }),
  series: z.array(SeriesInfo),
  runs: z.array(RunRecord),
  ops: z.array(OpStat),
  threadSweep: z.array(SweepPoint),
  /** Generation metrics of the first combination; `sweep` has one row per combination. */
  llm: LlmSummary.nullable(),
  sweep: z.array(LlmSummary),
  amdahl: AmdahlFit.nullable(),
  error: ErrorInfoSchema.optional(),
  /** Parts of the session that could not be recorded, and why; the rest of it stands. */
  notes: z.array(z.string()).optional(),
  /** The analysis of the session (absent when it could not run, e.g. no measured run). */
  machineProfile: MachineProfile.nullable().optional(),
  cost: CostSummary.nullable().optional(),
  bottlenecks: z.array(Bottleneck).optional(),
  segments: z.array(Segment).optional(),
  recommendations: z.array(Recommendation).optional(),
});
export type ProfileResult = z.infer<typeof ProfileResult>;
