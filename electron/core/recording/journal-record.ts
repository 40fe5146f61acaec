/**
 * What the journal holds: one JSON record per line, appended while a session runs. The
 * summary in session.json is computed from these records alone (`summarise`), so a
 * session cut short by a kill is rebuilt from the same data as a finished one.
 */
import { z } from 'zod';
import {
  ErrorInfoSchema,
  OpEvent,
  Phase,
  ProfileSettings,
  ResolvedDim,
  RunRecord,
  SCHEMA_VERSION,
  SessionStatus,
} from '../../shared/session.js';
import { ModelInfo, TensorInfo } from '../../shared/model.js';
import { MachineInfo, Sample, SamplerStats, SeriesInfo } from '../../shared/sample.js';

export const JournalRecord = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('header'),
    schemaVersion: z.literal(SCHEMA_VERSION),
    sessionId: z.string(),
    startedAt: z.string(),
    hostPid: z.number().int(),
    modelPath: z.string(),
    settings: ProfileSettings,
  }),
  z.strictObject({ type: z.literal('machine'), machine: MachineInfo }),
  /** The inference worker's process id, for diagnostics and orphan checks. */
  z.strictObject({ type: z.literal('worker'), pid: z.number().int().nullable() }),
  z.strictObject({ type: z.literal('model'), model: ModelInfo }),
  z.strictObject({
    type: z.literal('load'),
    fileBytes: z.number(),
    diskReadBytes: z.number().nullable(),
    evicted: z.boolean(),
  }),
  z.strictObject({ type: z.literal('inputs'), dims: z.array(ResolvedDim), inputs: z.array(TensorInfo) }),
  z.strictObject({ type: z.literal('phase'), phase: Phase }),
  z.strictObject({ type: z.literal('run'), run: RunRecord }),
  z.strictObject({ type: z.literal('sample'), sample: Sample }),
  z.strictObject({ type: z.literal('series'), series: z.array(SeriesInfo) }),
  z.strictObject({ type: z.literal('op'), op: OpEvent }),
  z.strictObject({ type: z.literal('ort-runs'), ortRunMs: z.array(z.number().nullable()) }),
  z.strictObject({ type: z.literal('memory'), peakRssBytes: z.number().nullable() }),
  z.strictObject({ type: z.literal('sweep'), threads: z.number().int(), latenciesMs: z.array(z.number()) }),
  z.strictObject({
    type: z.literal('llm-layout'),
    kvCache: z.boolean(),
    layers: z.number().int(),
    kvHeads: z.number().int().nullable(),
    headDim: z.number().int().nullable(),
    kvBytesPerToken: z.number().nullable(),
    vocab: z.number().int().nullable(),
  }),
  z.strictObject({
    type: z.literal('llm-request'),
    promptTokens: z.number().int(),
    outputTokens: z.number().int(),
    batch: z.number().int(),
    repetition: z.number().int(),
    warmup: z.boolean(),
    startMs: z.number(),
    /** When each output token was available, and the run that produced it. */
    tokenMs: z.array(z.number()),
    tokenRuns: z.array(z.number().int()),
    tokenIds: z.array(z.number().int()),
  }),
  z.strictObject({ type: z.literal('sampler'), stats: SamplerStats }),
  /** A part of the session that could not be recorded, and why (the session itself is fine). */
  z.strictObject({ type: z.literal('note'), message: z.string() }),
  z.strictObject({ type: z.literal('error'), error: ErrorInfoSchema }),
  z.strictObject({ type: z.literal('end'), status: SessionStatus }),
]);
export type JournalRecord = z.infer<typeof JournalRecord>;
