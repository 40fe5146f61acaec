/**
 * Times inference runs one after another and reports them to the host in batches. The
 * first failure ends the profile with ONNX Runtime's message and a hint.
 */
import type * as ort from 'onnxruntime-node';
import { DynoError } from '../../shared/errors.js';
import { ALLOCATION_FAILED, firstLine } from './load.js';
import type { WorkerToHost } from './protocol.js';

/** The longest finished runs wait before they are reported to the host. */
export const RUN_BATCH_MS = 50;

/** Runs with op profiling beyond this count run unprofiled, to bound the trace size. */
export const MAX_PROFILED_RUNS = 1000;

const now = () => process.hrtime.bigint();

export interface RunIo {
  emit(message: WorkerToHost): void;
  stopRequested(): boolean;
}

export class RunLoop {
  readonly spans: Array<{ startNs: bigint; endNs: bigint }> = [];
  private reported = 0;
  private lastReportNs = now();

  constructor(
    private readonly session: ort.InferenceSession,
    private readonly io: RunIo,
  ) {}

  /** One timed run; its index is its place among all runs of the session. */
  async run(
    feeds: Record<string, ort.Tensor>,
    warmup: boolean,
  ): Promise<{ outputs: ort.InferenceSession.ReturnType; index: number; endNs: bigint }> {
    if (this.spans.length === MAX_PROFILED_RUNS) this.session.endProfiling();
    const startNs = now();
    let outputs: ort.InferenceSession.ReturnType;
    try {
      outputs = await this.session.run(feeds);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const hint = /dimension|shape|Got invalid|out of (data )?bounds|indices/i.test(message)
        ? ' Set the input sizes with --dim NAME=VALUE (or INPUT[AXIS]=VALUE for unnamed ones).'
        : '';
      if (ALLOCATION_FAILED.test(message)) {
        throw new DynoError(
          'out-of-memory',
          `Inference run ${this.spans.length} ran out of memory: ${firstLine(message)} Use smaller --dim values or a smaller batch, or a machine with more memory.`,
        );
      }
      throw new DynoError('run-failed', `Inference run ${this.spans.length} failed: ${firstLine(message)}${hint}`);
    }
    const endNs = now();
    this.spans.push({ startNs, endNs });
    if (endNs - this.lastReportNs >= BigInt(RUN_BATCH_MS * 1e6)) this.flush(warmup);
    return { outputs, index: this.spans.length - 1, endNs };
  }

  /** A count of runs, or as many as fit in `durationS` (at least one). */
  async repeat(
    feeds: Record<string, ort.Tensor>,
    count: number,
    warmup: boolean,
    durationS: number | null,
  ): Promise<void> {
    const deadline = durationS === null ? null : now() + BigInt(Math.round(durationS * 1e9));
    for (let i = 0; deadline !== null || i < count; i++) {
      if (i > 0 && (this.io.stopRequested() || (deadline !== null && now() >= deadline))) break;
      await this.run(feeds, warmup);
    }
    this.flush(warmup);
  }

  /** Reports the runs not yet reported; call at the end of every phase. */
  flush(warmup: boolean): void {
    if (this.reported === this.spans.length) return;
    const batch = this.spans.slice(this.reported);
    this.io.emit({
      type: 'runs',
      warmup,
      firstIndex: this.reported,
      spans: batch.map((span): [string, string] => [String(span.startNs), String(span.endNs)]),
    });
    this.reported = this.spans.length;
    this.lastReportNs = now();
  }
}
