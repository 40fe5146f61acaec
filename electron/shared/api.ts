/**
 * The one contract between the engine and every user interface (STYLE.md, "One
 * contract, three transports"). Methods return promises of plain JSON; members named
 * `onX` are event streams. Electron IPC, the web host's WebSocket and the in-memory
 * transport of the tests all carry exactly this interface, and `API_ARGS` is what the
 * receiving side validates every call's arguments against.
 */
import { z } from 'zod';
import type { Bottleneck, CostSummary, MachineProfile, Projection, Recommendation, Segment } from './analysis.js';
import type { CompressionSummary, CompressionView } from './compress.js';
import type { ErrorKind } from './errors.js';
import type { HardwareTarget } from './hardware.js';
import type { OpsetInfo, TensorInfo } from './model.js';
import type { Sample, SeriesInfo } from './sample.js';
import {
  type OpEvent,
  type Phase,
  type PhaseName,
  type ProfileResult,
  ProfileSettings,
  type SessionStatus,
} from './session.js';

/** Ids name a folder under the sessions root: no separators, no dot-names. */
const SessionId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.-]+$/)
  .refine((id) => id !== '.' && id !== '..', 'not a session id');
const Path = z.string().min(1).max(4096);

/**
 * What a session exports to: the summary as JSON, the self-contained HTML report and its
 * PDF, the `.dyno` session file (gzip), samples and per-op CSV, a Chrome Trace Event JSON
 * for Perfetto and chrome://tracing.
 */
export const EXPORT_FORMATS = ['json', 'html', 'pdf', 'dyno', 'csv-samples', 'csv-ops', 'trace'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Arguments of every method, as tuples: the receiving side parses with these. */
export const API_ARGS = {
  hostInfo: z.tuple([]),
  examples: z.tuple([]),
  inspectModel: z.tuple([Path]),
  browse: z.tuple([Path.nullable()]),
  startProfile: z.tuple([z.strictObject({ modelPath: Path, settings: ProfileSettings.partial() })]),
  cancelProfile: z.tuple([SessionId]),
  machineProfile: z.tuple([]),
  calibrate: z.tuple([z.strictObject({ refresh: z.boolean() })]),
  listSessions: z.tuple([]),
  openSession: z.tuple([SessionId]),
  deleteSession: z.tuple([SessionId]),
  querySeries: z.tuple([
    z.strictObject({
      sessionId: SessionId,
      /** Series names; all of the session's when absent. */
      names: z.array(z.string().max(200)).max(256).optional(),
      fromMs: z.number().optional(),
      toMs: z.number().optional(),
      /** Points per series at most, after min/max-preserving downsampling. */
      maxPoints: z.number().int().min(2).max(20_000).optional(),
    }),
  ]),
  queryOps: z.tuple([
    z.strictObject({
      sessionId: SessionId,
      fromMs: z.number(),
      toMs: z.number(),
      limit: z.number().int().min(1).max(10_000).optional(),
    }),
  ]),
  analyse: z.tuple([SessionId]),
  listTargets: z.tuple([]),
  whatIf: z.tuple([
    z.strictObject({
      sessionId: SessionId,
      /** Catalogue ids, `threads:N`, or custom specs such as `cpu:cores=16,…`. */
      targets: z.array(z.string().min(1).max(500)).min(1).max(64),
    }),
  ]),
  compare: z.tuple([SessionId, SessionId]),
  exportSession: z.tuple([SessionId, z.enum(EXPORT_FORMATS)]),
  exportComparison: z.tuple([SessionId, SessionId]),
  startCompression: z.tuple([
    z.strictObject({
      modelPath: Path,
      /** Spellings as the CLI takes them: `int8`, `int4:32`, `fp16`, `prune:0.5`. */
      variants: z.array(z.string().min(1).max(32)).min(1).max(16),
      settings: ProfileSettings.partial(),
      /** Profile the original and each variant (the CLI's `--compare`); false makes and checks them only. */
      profile: z.boolean(),
    }),
  ]),
  cancelCompression: z.tuple([SessionId]),
  listCompressions: z.tuple([]),
  openCompression: z.tuple([SessionId]),
  exportCompression: z.tuple([SessionId]),
  deleteCompression: z.tuple([SessionId]),
} as const;

export type ApiMethod = keyof typeof API_ARGS;
export const API_METHODS = Object.keys(API_ARGS) as ApiMethod[];

export const API_EVENTS = ['onSample', 'onPhase', 'onProgress', 'onSessionChange'] as const;
export type ApiEventName = (typeof API_EVENTS)[number];

/** Which host the renderer talks to, and what it can do there. */
export interface HostInfo {
  kind: 'desktop' | 'web' | 'memory';
  version: string;
  platform: string;
  /** True when `browse` may list folders (the web host's allowed roots). */
  canBrowse: boolean;
  /** The folders `browse` and `inspectModel` may reach; empty means anywhere the host allows. */
  roots: string[];
}

/** A model that ships with ModelDyno or is made on demand. */
export interface ExampleModel {
  name: string;
  description: string;
  path: string;
  sizeBytes: number;
  approxParams: number;
}

/** What the Model screen shows before any run: the graph's own view of itself. */
export interface ModelOverview {
  path: string;
  sizeBytes: number;
  irVersion: number;
  producer: string;
  opsets: OpsetInfo[];
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  opCounts: Record<string, number>;
  nodeCount: number;
  parameterCount: number;
  parameterBytes: number;
  externalData: boolean;
  metadata: Record<string, string>;
  /** FLOPs of one run from the newest analysed session of this file; null before one exists. */
  flopsPerRun: number | null;
  flopsFromSessionId: string | null;
}

export interface DirEntry {
  name: string;
  path: string;
  kind: 'dir' | 'model';
  sizeBytes: number | null;
}

export interface DirListing {
  path: string;
  /** Null at an allowed root: the browser cannot climb above it. */
  parent: string | null;
  entries: DirEntry[];
}

/** One line of the sessions list. */
export interface SessionSummary {
  sessionId: string;
  status: SessionStatus;
  startedAt: string;
  modelPath: string;
  modelName: string;
  loadMs: number | null;
  latencyP50Ms: number | null;
  throughputPerSec: number | null;
  peakRssBytes: number | null;
  llm: boolean;
  error: { kind: ErrorKind; message: string } | null;
}

/** One series over a window, in columns: `tMs[i]` goes with `values[i]`. */
export interface SeriesWindowSeries {
  info: SeriesInfo;
  tMs: number[];
  values: number[];
  /** Samples of this series in the window before downsampling. */
  rawCount: number;
}

export interface SeriesWindow {
  sessionId: string;
  fromMs: number;
  toMs: number;
  /** The whole session's sampled span, for the overview axis. */
  spanMs: { startMs: number; endMs: number };
  series: SeriesWindowSeries[];
  /** True when at least one series was downsampled in this window. */
  downsampled: boolean;
}

export interface OpWindow {
  sessionId: string;
  ops: OpEvent[];
  /** Op events in the window beyond `limit`, left out. */
  omitted: number;
}

/** The analysis of a session against the machine profile the host has now (or the stored one). */
export interface AnalysisView {
  sessionId: string;
  machineProfile: MachineProfile | null;
  cost: CostSummary | null;
  bottlenecks: Bottleneck[];
  segments: Segment[];
  recommendations: Recommendation[];
}

export interface WhatIfReport {
  sessionId: string;
  baseline: {
    loadMs: number | null;
    createMs: number | null;
    latencyP50Ms: number | null;
    throughputPerSec: number | null;
    peakRssBytes: number | null;
    ttftMs: number | null;
    outputTokensPerSec: number | null;
  };
  projections: Projection[];
}

/** One metric of two sessions; `deltaPct` is (b − a) / a. */
export interface ComparisonRow {
  metric: string;
  label: string;
  unit: 'ms' | 'perSec' | 'bytes' | 'pct' | 'tokensPerSec';
  a: number | null;
  b: number | null;
  deltaPct: number | null;
  /** Which side is better by this metric; null when equal or unknown. */
  better: 'a' | 'b' | null;
}

export interface Comparison {
  a: SessionSummary;
  b: SessionSummary;
  /** Warnings that make the comparison less meaningful (different machines, settings…). */
  caveats: string[];
  rows: ComparisonRow[];
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  /** Text as is; binary files (`.dyno`, PDF) in base64, as `encoding` says. */
  content: string;
  encoding: 'utf8' | 'base64';
}

export interface SampleEvent {
  sessionId: string;
  sample: Sample;
  /** Series that appeared with this sample (a disk, the worker); sent once each. */
  newSeries: SeriesInfo[];
}

export interface PhaseEvent {
  sessionId: string;
  phase: PhaseName;
  state: 'start' | 'end';
  /** Session time of the start or end. */
  atMs: number;
  /** Set on `end`: the finished span. */
  span: Phase | null;
}

export interface ProgressEvent {
  task: 'profile' | 'calibrate' | 'compress';
  sessionId: string | null;
  /** Set while a compression experiment runs: its id (its profiles also send their own events). */
  experimentId?: string;
  /** A phase name while profiling; the calibration step while calibrating. */
  step: string;
  done: number;
  /** Null when the count is not known in advance (duration mode). */
  total: number | null;
}

export interface SessionChangeEvent {
  sessionId: string;
  change: 'started' | 'ended' | 'deleted';
  status: SessionStatus | null;
}

export interface ApiEvents {
  onSample: SampleEvent;
  onPhase: PhaseEvent;
  onProgress: ProgressEvent;
  onSessionChange: SessionChangeEvent;
}

/** Stops a subscription. */
export type Unsubscribe = () => void;
export type ApiEvent<T> = (listener: (event: T) => void) => Unsubscribe;

export interface ProfilerApi {
  /** Which host this is and what it allows. */
  hostInfo(): Promise<HostInfo>;
  /** The bundled models (and on-demand presets already made). */
  examples(): Promise<ExampleModel[]>;
  /** Reads a model file's graph; throws `model-not-found` / `model-invalid`. */
  inspectModel(path: string): Promise<ModelOverview>;
  /** Lists a folder inside the allowed roots (null: the first root); throws `forbidden` outside them. */
  browse(path: string | null): Promise<DirListing>;
  /** Starts a session and returns at once; progress arrives as events. */
  startProfile(request: { modelPath: string; settings: Partial<ProfileSettings> }): Promise<{ sessionId: string }>;
  /** Finishes the current run and keeps what was recorded. */
  cancelProfile(sessionId: string): Promise<void>;
  /** This machine's cached calibration, or null before `calibrate`. */
  machineProfile(): Promise<MachineProfile | null>;
  /** Measures this machine (5–30 s) with `onProgress` events; cached unless `refresh`. */
  calibrate(options: { refresh: boolean }): Promise<MachineProfile>;
  /** Every stored session, newest first, running ones included. */
  listSessions(): Promise<SessionSummary[]>;
  /** A session's summary; a running one is summarised from its journal so far. */
  openSession(sessionId: string): Promise<ProfileResult>;
  /** Removes a finished session from disk; throws `busy` while it runs. */
  deleteSession(sessionId: string): Promise<void>;
  /** Series over a window, min/max-downsampled to at most `maxPoints` (default 1,500) per series. */
  querySeries(query: {
    sessionId: string;
    names?: string[];
    fromMs?: number;
    toMs?: number;
    maxPoints?: number;
  }): Promise<SeriesWindow>;
  /** ONNX Runtime op events that overlap a window, for the op lane and hover. */
  queryOps(query: { sessionId: string; fromMs: number; toMs: number; limit?: number }): Promise<OpWindow>;
  /** Bottlenecks, segments and recommendations of a session, against the best machine profile known. */
  analyse(sessionId: string): Promise<AnalysisView>;
  /** The hardware catalogue. */
  listTargets(): Promise<HardwareTarget[]>;
  /** Projects a session onto catalogue or custom targets. */
  whatIf(request: { sessionId: string; targets: string[] }): Promise<WhatIfReport>;
  /** Two sessions side by side with deltas. */
  compare(a: string, b: string): Promise<Comparison>;
  /** A session as a file to save, in any of `EXPORT_FORMATS`; `pdf` throws `tool-missing` without a Chromium. */
  exportSession(sessionId: string, format: ExportFormat): Promise<ExportedFile>;
  /** The HTML compare report of two sessions (B against A). */
  exportComparison(a: string, b: string): Promise<ExportedFile>;
  /**
   * Makes variants of a model, checks their fidelity and (with `profile`) profiles the
   * original and each one with the same settings; returns at once, progress as `onProgress`
   * events with `task: 'compress'`. Refused (`busy`) while a profile or calibration runs.
   */
  startCompression(request: {
    modelPath: string;
    variants: string[];
    settings: Partial<ProfileSettings>;
    profile: boolean;
  }): Promise<{ experimentId: string }>;
  /** Stops a running experiment after its current step (a running profile keeps what it recorded). */
  cancelCompression(experimentId: string): Promise<void>;
  /** Every stored experiment, newest first. */
  listCompressions(): Promise<CompressionSummary[]>;
  /** An experiment with its side-by-side rows and findings; a running one as far as it got. */
  openCompression(experimentId: string): Promise<CompressionView>;
  /** The HTML report of the experiment's original, with its Compression section. */
  exportCompression(experimentId: string): Promise<ExportedFile>;
  /**
   * Removes an experiment and its variant files (they can be large); its profiled sessions
   * stay, deletable one by one. Throws `busy` while it runs.
   */
  deleteCompression(experimentId: string): Promise<void>;
  /** A hardware sample of a running session. */
  onSample: ApiEvent<SampleEvent>;
  /** A phase of a running session started or ended. */
  onPhase: ApiEvent<PhaseEvent>;
  /** Progress of a long step: profiling runs, calibration. */
  onProgress: ApiEvent<ProgressEvent>;
  /** A session started, ended or was deleted. */
  onSessionChange: ApiEvent<SessionChangeEvent>;
}

export type ApiMethods = Omit<ProfilerApi, ApiEventName>;
