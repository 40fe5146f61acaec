/**
 * Greedy generation for decoder models: a seeded prompt of P token ids, one prefill run,
 * then N − 1 decode runs, each feeding `present.*` back as `past_key_values.*` (or, for a
 * decoder without a cache, the whole sequence again). Every run is timed by the RunLoop,
 * every token's availability time is reported, so the host can compute TTFT, TPOT and
 * ITL exactly as serving benchmarks define them.
 */
import * as ort from 'onnxruntime-node';
import { DynoError } from '../../shared/errors.js';
import type { TensorDtype } from '../../shared/model.js';
import type { DecoderLayout } from './llm-layout.js';
import type { RunIo, RunLoop } from './run-loop.js';
import { seededRandom } from './tensors.js';

export interface Request {
  promptTokens: number;
  outputTokens: number;
  batch: number;
  repetition: number;
  warmup: boolean;
}

export interface GenerationContext {
  runs: RunLoop;
  layout: DecoderLayout;
  /** Dtypes of the id, mask and position inputs as the model declares them. */
  dtypes: Record<string, TensorDtype>;
  vocab: number;
  io: RunIo;
}

const now = () => process.hrtime.bigint();

export async function generate(ctx: GenerationContext, request: Request): Promise<void> {
  const { layout, runs } = ctx;
  const { batch, promptTokens, outputTokens } = request;
  const random = seededRandom(1000 + request.repetition);
  const rows: number[][] = Array.from({ length: batch }, () =>
    Array.from({ length: promptTokens }, () => Math.floor(random() * ctx.vocab)),
  );
  const cached = layout.layers.length > 0;
  let past = cached ? emptyPast(layout, batch) : {};
  let pastLength = 0;
  const tokens: Array<{ run: number; atNs: string }> = [];
  const tokenIds: number[] = [];
  const startNs = now();
  for (let step = 0; step < outputTokens; step++) {
    if (step > 0 && ctx.io.stopRequested()) break;
    const fresh = cached && step > 0 ? rows.map((row) => row.slice(-1)) : rows.map((row) => row.slice(pastLength));
    const seq = fresh[0]!.length;
    const feeds: Record<string, ort.Tensor> = { ...past };
    feeds[layout.inputIds] = intTensor(ctx.dtypes[layout.inputIds], fresh.flat(), [batch, seq]);
    if (layout.attentionMask) {
      feeds[layout.attentionMask] = intTensor(
        ctx.dtypes[layout.attentionMask],
        new Array(batch * (pastLength + seq)).fill(1),
        [batch, pastLength + seq],
      );
    }
    if (layout.positionIds) {
      const positions = fresh.flatMap((row) => row.map((_, i) => pastLength + i));
      feeds[layout.positionIds] = intTensor(ctx.dtypes[layout.positionIds], positions, [batch, seq]);
    }
    const { outputs, index } = await runs.run(feeds, request.warmup);
    const next = argmaxLast(outputs[layout.logits], batch, seq);
    tokens.push({ run: index, atNs: String(now()) });
    tokenIds.push(next[0] ?? 0);
    if (cached) {
      past = {};
      for (const pair of layout.layers) {
        past[pair.pastKey] = outputs[pair.presentKey] as ort.Tensor;
        past[pair.pastValue] = outputs[pair.presentValue] as ort.Tensor;
      }
      pastLength += seq;
    }
    next.forEach((token, b) => rows[b]!.push(token));
  }
  runs.flush(request.warmup);
  ctx.io.emit({ type: 'llm-request', ...request, startNs: String(startNs), tokens, tokenIds });
}

/** An empty cache for the prefill (past length 0), in the dtype the model declares. */
export function emptyPast(layout: DecoderLayout, batch: number): Record<string, ort.Tensor> {
  if (layout.kvHeads === null || layout.headDim === null) {
    throw new DynoError(
      'model-unsupported',
      'The KV-cache inputs have symbolic head counts or sizes; ModelDyno needs them fixed to start an empty cache.',
    );
  }
  const dims = [batch, layout.kvHeads, 0, layout.headDim];
  const empty = () =>
    layout.kvDtype === 'float16'
      ? new ort.Tensor('float16', new Uint16Array(0), dims)
      : new ort.Tensor('float32', new Float32Array(0), dims);
  const past: Record<string, ort.Tensor> = {};
  for (const pair of layout.layers) {
    past[pair.pastKey] = empty();
    past[pair.pastValue] = empty();
  }
  return past;
}

function intTensor(dtype: TensorDtype | undefined, values: number[], dims: number[]): ort.Tensor {
  if (dtype === 'int32') return new ort.Tensor('int32', Int32Array.from(values), dims);
  return new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);
}

/** The greedy next token of each batch row: argmax over the last position's logits. */
function argmaxLast(value: ort.OnnxValue | undefined, batch: number, seq: number): number[] {
  const data = (value as ort.Tensor | undefined)?.data;
  if (!(data instanceof Float32Array)) {
    throw new DynoError(
      'model-unsupported',
      "The decoder's logits are not float32; ModelDyno's greedy decoding reads float32 logits only.",
    );
  }
  const vocab = data.length / (batch * seq);
  return Array.from({ length: batch }, (_, b) => {
    const offset = (b * seq + seq - 1) * vocab;
    let best = 0;
    for (let v = 1; v < vocab; v++) if (data[offset + v]! > data[offset + best]!) best = v;
    return best;
  });
}
