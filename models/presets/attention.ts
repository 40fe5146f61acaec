/** Causal multi-head self-attention over a KV cache, built from plain ONNX ops. */
import type { GraphBuilder } from '../builder/graph-builder.js';
import { int, ints } from '../builder/attributes.js';
import { DataType } from '../../electron/core/models/onnx-proto.js';
import { projection } from './layers.js';

/** Added to scores a query must not see; finite so a fully masked row stays finite. */
export const MASKED_SCORE = -1e9;

/**
 * The additive attention bias [batch, 1, sequence, total]: 0 where query i (at
 * absolute position past + i) may see key j — j ≤ past + i and attention_mask[j] = 1 —
 * and MASKED_SCORE elsewhere. Built once and shared by every layer.
 */
export function attentionMaskBias(g: GraphBuilder, inputIds: string, attentionMask: string): string {
  return g.scope('mask', () => {
    const one = g.int64s([1], []);
    const zero = g.int64s([0], []);
    const sequence = g.op('Gather', [g.op('Shape', [inputIds]), one], { axis: int(0) });
    const total = g.op('Gather', [g.op('Shape', [attentionMask]), one], { axis: int(0) });
    const pastLength = g.op('Sub', [total, sequence]);
    const queryPositions = g.op('Add', [g.op('Range', [zero, sequence, one]), pastLength]);
    const keyPositions = g.op('Range', [zero, total, one]);
    const causal = g.op('LessOrEqual', [
      g.op('Unsqueeze', [keyPositions, g.int64s([0])]),
      g.op('Unsqueeze', [queryPositions, g.int64s([1])]),
    ]);
    const padding = g.op('Unsqueeze', [g.op('Cast', [attentionMask], { to: int(DataType.BOOL) }), g.int64s([1, 2])]);
    const allowed = g.op('And', [causal, padding]);
    return g.op('Where', [allowed, g.scalar(0), g.scalar(MASKED_SCORE)]);
  });
}

export interface AttentionOptions {
  dModel: number;
  heads: number;
  /** Key/value heads; each serves heads / kvHeads query heads (grouped-query attention). */
  kvHeads: number;
  headDim: number;
  maskBias: string;
  /** One c_attn MatMul split into Q, K, V (GPT-2) or separate q/k/v_proj (Llama). */
  fusedQkv: boolean;
  /** Biases on the projections (GPT-2 has them, Llama does not). */
  bias: boolean;
  /** The cache to extend, and names for the extended one (graph outputs); absent without a KV cache. */
  cache?: {
    past: { key: string; value: string };
    present: { key: string; value: string };
  };
}

/** [batch, seq, heads · headDim] → [batch, heads, seq, headDim]. */
function splitHeads(g: GraphBuilder, x: string, heads: number, headDim: number): string {
  const shaped = g.op('Reshape', [x, g.int64s([0, 0, heads, headDim])]);
  return g.op('Transpose', [shaped], { perm: ints([0, 2, 1, 3]) });
}

/** Q [batch, seq, dModel] and K, V [batch, seq, kvHeads · headDim]. */
function projectQkv(g: GraphBuilder, x: string, options: AttentionOptions): [string, string, string] {
  const { dModel, bias } = options;
  const kvWidth = options.kvHeads * options.headDim;
  if (options.fusedQkv) {
    const qkv = g.scope('c_attn', () => projection(g, x, dModel, dModel + 2 * kvWidth, bias));
    return g.opMulti('Split', [qkv, g.int64s([dModel, kvWidth, kvWidth])], 3, {
      axis: int(-1),
    }) as [string, string, string];
  }
  return [
    g.scope('q_proj', () => projection(g, x, dModel, dModel, bias)),
    g.scope('k_proj', () => projection(g, x, dModel, kvWidth, bias)),
    g.scope('v_proj', () => projection(g, x, dModel, kvWidth, bias)),
  ];
}

/** Appends this step's heads to the past cache, naming the result as the present output. */
function extendCache(g: GraphBuilder, past: string | undefined, current: string, present: string | undefined): string {
  if (past === undefined) return current;
  return g.op('Concat', [past, current], { axis: int(2) }, present);
}

/**
 * [batch, kvHeads, total, headDim] → [batch, heads, total, headDim], KV head j serving
 * query heads j·groups … (j+1)·groups − 1: Hugging Face's `repeat_kv`, which its ONNX
 * exports spell Unsqueeze → Expand → Reshape, so the copy shows up in a profile.
 */
function repeatKv(g: GraphBuilder, x: string, options: AttentionOptions): string {
  const groups = options.heads / options.kvHeads;
  if (groups === 1) return x;
  const unsqueezed = g.op('Unsqueeze', [x, g.int64s([2])]);
  const expanded = g.op('Expand', [unsqueezed, g.int64s([1, 1, groups, 1, 1])]);
  return g.op('Reshape', [expanded, g.int64s([0, options.heads, -1, options.headDim])]);
}

export function selfAttention(g: GraphBuilder, x: string, options: AttentionOptions): string {
  const { dModel, heads, kvHeads, headDim, cache } = options;
  if (heads % kvHeads !== 0) throw new Error('heads must divide by kvHeads');
  const [q, k, v] = projectQkv(g, x, options);
  const query = splitHeads(g, q, heads, headDim);
  const key = extendCache(g, cache?.past.key, splitHeads(g, k, kvHeads, headDim), cache?.present.key);
  const value = extendCache(g, cache?.past.value, splitHeads(g, v, kvHeads, headDim), cache?.present.value);

  const keyT = g.op('Transpose', [repeatKv(g, key, options)], { perm: ints([0, 1, 3, 2]) });
  const scores = g.op('Mul', [g.op('MatMul', [query, keyT]), g.scalar(1 / Math.sqrt(headDim))]);
  const probs = g.op('Softmax', [g.op('Add', [scores, options.maskBias])], { axis: int(-1) });
  const context = g.op('Transpose', [g.op('MatMul', [probs, repeatKv(g, value, options)])], {
    perm: ints([0, 2, 1, 3]),
  });
  const merged = g.op('Reshape', [context, g.int64s([0, 0, dModel])]);
  return g.scope('c_proj', () => projection(g, merged, dModel, dModel, options.bias));
}
