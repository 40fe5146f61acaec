/**
 * Decoder fidelity by teacher forcing: the original generates greedily from a seeded
 * prompt, and the variant is fed the very same tokens, each with its own KV cache. At
 * every step the two next-token distributions (the last position's logits) are
 * compared: same argmax or not, cosine, max |diff|. Feeding the variant its own argmax
 * instead would let one early disagreement change every later input, and the numbers
 * would measure the drift of two texts rather than the variant's error.
 *
 * Feeds follow generate.ts: batch 1, ids in the declared int32/int64, a mask of ones
 * over past + new tokens, positions counting up from the past length, an empty cache
 * for the prefill, then `present.*` fed back as `past_key_values.*` (or, without a
 * cache, the whole sequence again every step).
 */
import * as ort from 'onnxruntime-node';
import type { Fidelity } from '../../shared/compress.js';
import { DynoError } from '../../shared/errors.js';
import type { TensorDtype } from '../../shared/model.js';
import { detectDecoder, type DecoderLayout } from '../inference/llm-layout.js';
import { emptyPast } from '../inference/generate.js';
import { seededRandom } from '../inference/tensors.js';
import { argmax, compare, Comparer, lastRow, numericValues, type Comparison } from './fidelity-compare.js';
import type { FidelityJob } from './fidelity-protocol.js';
import { capitalised, runModel, type LoadedModel } from './fidelity-model.js';

export async function compareDecoders(
  original: LoadedModel,
  variant: LoadedModel,
  layout: DecoderLayout,
  job: FidelityJob,
): Promise<Fidelity> {
  const variantLayout = detectDecoder(variant.graph.inputs, variant.graph.outputs);
  if (!variantLayout || variantLayout.layers.length !== layout.layers.length) {
    throw new DynoError(
      'model-invalid',
      "the variant's decoder inputs and outputs (input_ids, logits, the KV-cache pairs) differ from the original's; make the variant again from this original.",
    );
  }
  const { promptTokens, steps } = job;
  checkPositions(original, layout, promptTokens + steps - 1);
  // As generateAll: ids stay inside the embedding table the graph gathers from.
  const vocab = original.graph.indexBounds[layout.inputIds] ?? 2;
  const random = seededRandom(job.seed);
  const tokens = Array.from({ length: promptTokens }, () => Math.floor(random() * vocab));

  const expected = new Stream(original, layout);
  const actual = new Stream(variant, variantLayout);
  const overall = new Comparer();
  const perStep: Comparison[] = [];
  let agreed = 0;
  let width = 0;
  for (let step = 0; step < steps; step++) {
    const reference = await expected.next(tokens);
    const candidate = await actual.next(tokens);
    if (reference.length !== candidate.length) {
      throw new DynoError(
        'model-invalid',
        `the variant's logits have ${candidate.length} scores per token and the original's ${reference.length}.`,
      );
    }
    width = reference.length;
    perStep.push(compare(reference, candidate));
    overall.add(reference, candidate);
    const token = argmax(reference);
    if (argmax(candidate) === token) agreed++;
    tokens.push(token);
  }
  const logits = { name: layout.logits, ...overall.result() };
  const cosines = perStep.map((s) => s.cosine);
  return {
    seed: job.seed,
    outputs: [{ ...logits, elements: steps * width }],
    maxAbsDiff: Math.max(...perStep.map((s) => s.maxAbsDiff)),
    cosine: Math.min(...cosines),
    llm: {
      promptTokens,
      steps,
      top1Agreement: agreed / steps,
      minLogitsCosine: Math.min(...cosines),
      meanLogitsCosine: cosines.reduce((a, b) => a + b, 0) / steps,
    },
  };
}

/** A learned position table ends somewhere: say so instead of ORT's Gather error. */
function checkPositions(model: LoadedModel, layout: DecoderLayout, lastPosition: number): void {
  const table = layout.positionIds ? model.graph.indexBounds[layout.positionIds] : undefined;
  if (table !== undefined && lastPosition >= table) {
    throw new DynoError(
      'input-invalid',
      `a prompt and generation of ${lastPosition + 1} tokens runs past the decoder's ${table} positions; use fewer prompt tokens or steps.`,
    );
  }
}

/** One model generating along a token sequence it is handed, keeping its own cache. */
class Stream {
  private past: Record<string, ort.Tensor>;
  private pastLength = 0;
  private readonly dtypes: Record<string, TensorDtype>;

  constructor(
    private readonly model: LoadedModel,
    private readonly layout: DecoderLayout,
  ) {
    this.dtypes = Object.fromEntries(model.graph.inputs.map((t) => [t.name, t.dtype]));
    this.past = layout.layers.length === 0 ? {} : emptyPast(layout, 1);
  }

  private get cached(): boolean {
    return this.layout.layers.length > 0;
  }

  /** Feeds what it has not seen of `tokens`; returns the last position's logits. */
  async next(tokens: readonly number[]): Promise<ArrayLike<number>> {
    const { layout } = this;
    const fresh = tokens.slice(this.pastLength);
    const seq = fresh.length;
    const feeds: Record<string, ort.Tensor> = { ...this.past };
    feeds[layout.inputIds] = this.ints(layout.inputIds, fresh, seq);
    if (layout.attentionMask) {
      feeds[layout.attentionMask] = this.ints(
        layout.attentionMask,
        new Array<number>(this.pastLength + seq).fill(1),
        this.pastLength + seq,
      );
    }
    if (layout.positionIds) {
      feeds[layout.positionIds] = this.ints(
        layout.positionIds,
        fresh.map((_, i) => this.pastLength + i),
        seq,
      );
    }
    const outputs = await runModel(this.model, feeds);
    const logits = outputs[layout.logits];
    const values = logits instanceof ort.Tensor ? numericValues(logits) : null;
    if (values === null) {
      throw new DynoError(
        'model-unsupported',
        `${capitalised(this.model.role)}'s "${layout.logits}" output is not a numeric tensor.`,
      );
    }
    if (this.cached) {
      this.past = {};
      for (const pair of layout.layers) {
        this.past[pair.pastKey] = outputs[pair.presentKey] as ort.Tensor;
        this.past[pair.pastValue] = outputs[pair.presentValue] as ort.Tensor;
      }
      this.pastLength += seq;
    }
    return lastRow(values, seq);
  }

  private ints(name: string, values: number[], seq: number): ort.Tensor {
    return this.dtypes[name] === 'int32'
      ? new ort.Tensor('int32', Int32Array.from(values), [1, seq])
      : new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, seq]);
  }
}
