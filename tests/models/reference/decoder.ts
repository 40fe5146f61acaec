/**
 * Reference forward pass of the decoder presets in plain TS: GPT-2 or Llama-shaped,
 * multi-head or grouped-query, with or without a KV cache.
 */
import type { GraphBuilder } from '../../../models/builder/graph-builder.js';
import type { DecoderConfig, ResolvedDecoderConfig } from '../../../models/presets/decoder.js';
import { resolveDecoder } from '../../../models/presets/decoder.js';
import { MASKED_SCORE } from '../../../models/presets/attention.js';
import { addBias, gelu, layerNorm, matmul, rmsNorm, silu, softmaxInPlace, transpose } from './math.js';

export interface DecoderInputs {
  batch: number;
  sequence: number;
  /** Cached positions; 0 for a model without a KV cache. */
  past: number;
  inputIds: readonly number[];
  positionIds: readonly number[];
  /** [batch, past + sequence] of 0/1. */
  attentionMask: readonly number[];
  /** Per layer, [batch, kvHeads, past, headDim]. */
  pastKeys: readonly Float32Array[];
  pastValues: readonly Float32Array[];
}

export interface DecoderOutputs {
  logits: Float64Array;
  /** Per layer, [batch, kvHeads, past + sequence, headDim]. */
  presentKeys: Float64Array[];
  presentValues: Float64Array[];
}

type Weights = (name: string) => Float32Array;

/** x·W (+ b) for the projection whose weights live under `prefix`. */
function project(w: Weights, c: ResolvedDecoderConfig, x: Float64Array, prefix: string, inF: number, outF: number) {
  const product = matmul(x, w(`${prefix}.weight`), x.length / inF, inF, outF);
  return c.bias ? addBias(product, w(`${prefix}.bias`)) : product;
}

function normalize(w: Weights, c: ResolvedDecoderConfig, x: Float64Array, prefix: string): Float64Array {
  return c.norm === 'rms'
    ? rmsNorm(x, w(`${prefix}.weight`))
    : layerNorm(x, w(`${prefix}.weight`), w(`${prefix}.bias`));
}

/** Q [rows, d] and K, V [rows, kvHeads·headDim]. */
function qkvOf(w: Weights, c: ResolvedDecoderConfig, x: Float64Array, p: string, kvWidth: number) {
  const d = c.dModel;
  if (!c.fusedQkv) {
    return {
      q: project(w, c, x, `${p}.attn.q_proj`, d, d),
      k: project(w, c, x, `${p}.attn.k_proj`, d, kvWidth),
      v: project(w, c, x, `${p}.attn.v_proj`, d, kvWidth),
    };
  }
  const width = d + 2 * kvWidth;
  const qkv = project(w, c, x, `${p}.attn.c_attn`, d, width);
  const rows = qkv.length / width;
  const columns = (from: number, count: number) => {
    const out = new Float64Array(rows * count);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < count; j++) out[r * count + j] = qkv[r * width + from + j] as number;
    return out;
  };
  return { q: columns(0, d), k: columns(d, kvWidth), v: columns(d + kvWidth, kvWidth) };
}

function feedForward(w: Weights, c: ResolvedDecoderConfig, x: Float64Array, p: string): Float64Array {
  const { dModel: d, mlpHidden: hidden } = c;
  if (c.mlp === 'swiglu') {
    const gate = silu(project(w, c, x, `${p}.mlp.gate_proj`, d, hidden));
    const up = project(w, c, x, `${p}.mlp.up_proj`, d, hidden);
    return project(
      w,
      c,
      gate.map((v, i) => v * (up[i] as number)),
      `${p}.mlp.down_proj`,
      hidden,
      d,
    );
  }
  return project(w, c, gelu(project(w, c, x, `${p}.mlp.c_fc`, d, hidden)), `${p}.mlp.c_proj`, hidden, d);
}

export function decoderForward(g: GraphBuilder, config: DecoderConfig, inputs: DecoderInputs): DecoderOutputs {
  const c = resolveDecoder(config);
  const { dModel: d, heads, kvHeads, vocab, layers } = c;
  const headDim = d / heads;
  const groups = heads / kvHeads;
  const kvWidth = kvHeads * headDim;
  const { batch, sequence, past } = inputs;
  const total = past + sequence;
  const rows = batch * sequence;
  const w: Weights = (name) => g.weightValues(name);
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
    const { q, k, v } = qkvOf(w, c, normalize(w, c, hidden, `${p}.ln_1`), p, kvWidth);
    // present[b][kv][t][e]: past first, then this step's keys/values.
    const keys = new Float64Array(batch * kvHeads * total * headDim);
    const values = new Float64Array(batch * kvHeads * total * headDim);
    const pastKey = inputs.pastKeys[layer] ?? new Float32Array(0);
    const pastValue = inputs.pastValues[layer] ?? new Float32Array(0);
    for (let b = 0; b < batch; b++) {
      for (let h = 0; h < kvHeads; h++) {
        for (let t = 0; t < total; t++) {
          for (let e = 0; e < headDim; e++) {
            const at = ((b * kvHeads + h) * total + t) * headDim + e;
            if (t < past) {
              keys[at] = pastKey[((b * kvHeads + h) * past + t) * headDim + e] as number;
              values[at] = pastValue[((b * kvHeads + h) * past + t) * headDim + e] as number;
            } else {
              const row = (b * sequence + (t - past)) * kvWidth;
              keys[at] = k[row + h * headDim + e] as number;
              values[at] = v[row + h * headDim + e] as number;
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
        // Query head h reads KV head ⌊h / groups⌋, as Hugging Face's repeat_kv.
        const kvBase = (b * kvHeads + Math.floor(h / groups)) * total;
        for (let i = 0; i < sequence; i++) {
          const qRow = (b * sequence + i) * d + h * headDim;
          const scores = new Float64Array(total);
          for (let t = 0; t < total; t++) {
            let dot = 0;
            for (let e = 0; e < headDim; e++)
              dot += (q[qRow + e] as number) * (keys[(kvBase + t) * headDim + e] as number);
            const visible = t <= past + i && inputs.attentionMask[b * total + t] === 1;
            scores[t] = dot / Math.sqrt(headDim) + (visible ? 0 : MASKED_SCORE);
          }
          softmaxInPlace(scores);
          for (let e = 0; e < headDim; e++) {
            let sum = 0;
            for (let t = 0; t < total; t++)
              sum += (scores[t] as number) * (values[(kvBase + t) * headDim + e] as number);
            context[(b * sequence + i) * d + h * headDim + e] = sum;
          }
        }
      }
    }
    const attended = project(w, c, context, `${p}.attn.c_proj`, d, d);
    hidden = hidden.map((x, i) => x + (attended[i] as number));
    const projected = feedForward(w, c, normalize(w, c, hidden, `${p}.ln_2`), p);
    hidden = hidden.map((x, i) => x + (projected[i] as number));
  }
  const final = normalize(w, c, hidden, 'ln_f');
  const head = c.tiedHead ? transpose(wte, vocab, d) : w('lm_head.weight');
  const logits = matmul(final, head, rows, d, vocab);
  return { logits, presentKeys, presentValues };
}
