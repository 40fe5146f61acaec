/** Reference forward pass of the decoder preset: GPT-2 with a KV cache, in plain TS. */
import type { GraphBuilder } from '../../../models/builder/graph-builder.js';
import type { DecoderConfig } from '../../../models/presets/decoder.js';
import { MASKED_SCORE } from '../../../models/presets/attention.js';
import { addBias, gelu, layerNorm, matmul, softmaxInPlace, transpose } from './math.js';

export interface DecoderInputs {
  batch: number;
  sequence: number;
  past: number;
  inputIds: readonly number[];
  positionIds: readonly number[];
  /** [batch, past + sequence] of 0/1. */
  attentionMask: readonly number[];
  /** Per layer, [batch, heads, past, headDim]. */
  pastKeys: readonly Float32Array[];
  pastValues: readonly Float32Array[];
}

export interface DecoderOutputs {
  logits: Float64Array;
  presentKeys: Float64Array[];
  presentValues: Float64Array[];
}

export function decoderForward(g: GraphBuilder, config: DecoderConfig, inputs: DecoderInputs): DecoderOutputs {
  const { dModel: d, heads, vocab, layers } = config;
  const headDim = d / heads;
  const { batch, sequence, past } = inputs;
  const total = past + sequence;
  const rows = batch * sequence;
  const w = (name: string) => g.weightValues(name);
  const wte = w('wte.weight');
  const wpe = w('wpe.weight');

  let hidden: Float64Array = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++) {
    const token = inputs.inputIds[r] as number;
    const position = inputs.positionIds[r] as number;
    for (let j = 0; j < d; j++) hidden[r * d + j] = (wte[token * d + j] as number) + (wpe[position * d + j] as number);
  }

  const presentKeys: Float64Array[] = [];
  const presentValues: Float64Array[] = [];
  for (let layer = 0; layer < layers; layer++) {
    const p = `h.${layer}`;
    const normed = layerNorm(hidden, w(`${p}.ln_1.weight`), w(`${p}.ln_1.bias`));
    const qkv = addBias(matmul(normed, w(`${p}.attn.c_attn.weight`), rows, d, 3 * d), w(`${p}.attn.c_attn.bias`));
    // present[b][h][t][e]: past first, then this step's keys/values.
    const keys = new Float64Array(batch * heads * total * headDim);
    const values = new Float64Array(batch * heads * total * headDim);
    const pastKey = inputs.pastKeys[layer] as Float32Array;
    const pastValue = inputs.pastValues[layer] as Float32Array;
    for (let b = 0; b < batch; b++) {
      for (let h = 0; h < heads; h++) {
        for (let t = 0; t < total; t++) {
          for (let e = 0; e < headDim; e++) {
            const at = ((b * heads + h) * total + t) * headDim + e;
            if (t < past) {
              keys[at] = pastKey[((b * heads + h) * past + t) * headDim + e] as number;
              values[at] = pastValue[((b * heads + h) * past + t) * headDim + e] as number;
            } else {
              const row = (b * sequence + (t - past)) * 3 * d;
              keys[at] = qkv[row + d + h * headDim + e] as number;
              values[at] = qkv[row + 2 * d + h * headDim + e] as number;
            }
          }
        }
      }
    }
    presentKeys.push(keys);
    presentValues.push(values);

    const context = new Float64Array(rows * d);
    for (let b = 0; b < batch; b++) {
      for (let h = 0; h < heads; h++) {
        for (let i = 0; i < sequence; i++) {
          const qRow = (b * sequence + i) * 3 * d + h * headDim;
          const scores = new Float64Array(total);
          for (let t = 0; t < total; t++) {
            let dot = 0;
            for (let e = 0; e < headDim; e++)
              dot += (qkv[qRow + e] as number) * (keys[((b * heads + h) * total + t) * headDim + e] as number);
            const visible = t <= past + i && inputs.attentionMask[b * total + t] === 1;
            scores[t] = dot / Math.sqrt(headDim) + (visible ? 0 : MASKED_SCORE);
          }
          softmaxInPlace(scores);
          for (let e = 0; e < headDim; e++) {
            let sum = 0;
            for (let t = 0; t < total; t++)
              sum += (scores[t] as number) * (values[((b * heads + h) * total + t) * headDim + e] as number);
            context[(b * sequence + i) * d + h * headDim + e] = sum;
          }
        }
      }
    }
    const attended = addBias(matmul(context, w(`${p}.attn.c_proj.weight`), rows, d, d), w(`${p}.attn.c_proj.bias`));
    hidden = hidden.map((v, i) => v + (attended[i] as number));
    const normed2 = layerNorm(hidden, w(`${p}.ln_2.weight`), w(`${p}.ln_2.bias`));
    const expanded = gelu(addBias(matmul(normed2, w(`${p}.mlp.c_fc.weight`), rows, d, 4 * d), w(`${p}.mlp.c_fc.bias`)));
    const projected = addBias(matmul(expanded, w(`${p}.mlp.c_proj.weight`), rows, 4 * d, d), w(`${p}.mlp.c_proj.bias`));
    hidden = hidden.map((v, i) => v + (projected[i] as number));
  }
  const final = layerNorm(hidden, w('ln_f.weight'), w('ln_f.bias'));
  const logits = matmul(final, transpose(wte, vocab, d), rows, d, vocab);
  return { logits, presentKeys, presentValues };
}
