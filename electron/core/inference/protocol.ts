/**
 * Messages between the host and the inference worker. Times are CLOCK_MONOTONIC
 * nanoseconds (`process.hrtime.bigint()`, shared by all processes on a machine) sent as
 * decimal strings because JSON has no bigint.
 */
import type { ErrorInfo } from '../../shared/errors.js';
import type { ModelInfo, TensorInfo } from '../../shared/model.js';
import type { OpEvent, PhaseName, ProfileSettings, ResolvedDim } from '../../shared/session.js';

export type HostToWorker =
  | { type: 'start'; modelPath: string; settings: ProfileSettings; profileDir: string }
  /** End the measured runs early (duration mode, cancel): the worker finishes cleanly. */
  | { type: 'stop' };

export type WorkerToHost =
  | { type: 'phase-start'; phase: PhaseName; atNs: string }
  | { type: 'phase-end'; phase: PhaseName; atNs: string }
  | { type: 'model'; model: ModelInfo }
  | {
      type: 'load';
      /** Bytes the worker read from storage (not page cache) while reading the file. */
      diskReadBytes: number | null;
      fileBytes: number;
      /** Whether the file was evicted from the page cache first. */
      evicted: boolean;
    }
  | { type: 'inputs'; dims: ResolvedDim[]; inputs: TensorInfo[] }
  /**
   * Finished runs, batched: one message per run cost ~2 % of a 6 ms run on 2 cores
   * (bench/overhead.ts), so the worker sends at most every RUN_BATCH_MS, and always
   * after a run that took longer than that.
   */
  | { type: 'runs'; warmup: boolean; firstIndex: number; spans: Array<[startNs: string, endNs: string]> }
  | { type: 'op-events'; events: OpEventRaw[]; ortRunMs: Array<number | null> }
  | { type: 'sweep'; threads: number; latenciesMs: number[] }
  | {
      type: 'llm-layout';
      kvCache: boolean;
      layers: number;
      kvHeads: number | null;
      headDim: number | null;
      kvBytesPerToken: number | null;
      vocab: number | null;
    }
  | {
      type: 'llm-request';
      promptTokens: number;
      outputTokens: number;
      batch: number;
      repetition: number;
      warmup: boolean;
      startNs: string;
      /** One per output token: the run that produced it and when the token was available. */
      tokens: Array<{ run: number; atNs: string }>;
      /** The greedy token ids of batch row 0, for agreement checks. */
      tokenIds: number[];
    }
  | { type: 'memory'; peakRssBytes: number | null }
  /** Something the user should know that is not a failure: a part of the data could not be recorded. */
  | { type: 'note'; message: string }
  | { type: 'done' }
  | { type: 'error'; error: ErrorInfo };

/** An op event with an absolute monotonic start, converted to `OpEvent` by the host. */
export type OpEventRaw = Omit<OpEvent, 'startMs'> & { startNs: string };
