/**
 * Recognises a language-model decoder by its inputs and outputs in the Hugging Face
 * Optimum export layout: `input_ids`, `attention_mask`, optional `position_ids`,
 * `past_key_values.{i}.key|value` in and `logits`, `present.{i}.key|value` out. Decoders
 * without the past/present pairs recompute the whole sequence every step.
 */
import type { TensorInfo } from '../../shared/model.js';

export interface KvPair {
  pastKey: string;
  pastValue: string;
  presentKey: string;
  presentValue: string;
}

export interface DecoderLayout {
  inputIds: string;
  attentionMask: string | null;
  positionIds: string | null;
  logits: string;
  /** Empty for a decoder without a KV cache. */
  layers: KvPair[];
  /** KV heads and head size from the past inputs' fixed dims (GQA: fewer KV than query heads). */
  kvHeads: number | null;
  headDim: number | null;
  /** Dtype of the cache tensors. */
  kvDtype: TensorInfo['dtype'];
}

const PAST = /^past_key_values\.(\d+)\.(key|value)$/;

export function detectDecoder(inputs: TensorInfo[], outputs: TensorInfo[]): DecoderLayout | null {
  const has = (list: TensorInfo[], name: string) => list.some((t) => t.name === name);
  if (!has(inputs, 'input_ids') || !has(outputs, 'logits')) return null;
  const pasts = new Map<number, Partial<KvPair>>();
  let sample: TensorInfo | undefined;
  for (const input of inputs) {
    const match = PAST.exec(input.name);
    if (!match) continue;
    const layer = Number(match[1]);
    const kind = match[2] === 'key' ? 'Key' : 'Value';
    const entry = pasts.get(layer) ?? {};
    entry[`past${kind}`] = input.name;
    const present = `present.${layer}.${match[2]}`;
    if (has(outputs, present)) entry[`present${kind}`] = present;
    pasts.set(layer, entry);
    sample ??= input;
  }
  const layers = [...pasts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, pair]) => pair)
    .filter((pair): pair is KvPair => Boolean(pair.pastKey && pair.pastValue && pair.presentKey && pair.presentValue));
  if (pasts.size > 0 && layers.length !== pasts.size) return null; // a cache it cannot feed back
  const dims = sample?.shape ?? [];
  return {
    inputIds: 'input_ids',
    attentionMask: has(inputs, 'attention_mask') ? 'attention_mask' : null,
    positionIds: has(inputs, 'position_ids') ? 'position_ids' : null,
    logits: 'logits',
    layers,
    kvHeads: typeof dims[1] === 'number' ? dims[1] : null,
    headDim: typeof dims[3] === 'number' ? dims[3] : null,
    kvDtype: sample?.dtype ?? 'float32',
  };
}

/** Bytes of cache per token of one sequence: keys and values of every layer. */
export function kvBytesPerToken(layout: DecoderLayout): number | null {
  if (layout.layers.length === 0 || layout.kvHeads === null || layout.headDim === null) return null;
  const element = layout.kvDtype === 'float16' ? 2 : 4;
  return 2 * layout.layers.length * layout.kvHeads * layout.headDim * element;
}
