/** Causal multi-head self-attention over a KV cache, built from plain ONNX ops. */
import type { GraphBuilder } from '../builder/graph-builder.js';
import { int, ints } from '../builder/attributes.js';
import { DataType } from '../../electron/core/models/onnx-proto.js';
import { linear } from './layers.js';

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
  headDim: number;
  maskBias: string;
  past: { key: string; value: string };
  /** Names for the concatenated caches; they become graph outputs. */
  present: { key: string; value: string };
}

/** [batch, seq, dModel] → [batch, heads, seq, headDim]. */
function splitHeads(g: GraphBuilder, x: string, options: AttentionOptions): string {
  const shaped = g.op('Reshape', [x, g.int64s([0, 0, options.heads, options.headDim])]);
  return g.op('Transpose', [shaped], { perm: ints([0, 2, 1, 3]) });
}

export function selfAttention(g: GraphBuilder, x: string, options: AttentionOptions): string {
  const { dModel } = options;
  const qkv = g.scope('c_attn', () => linear(g, x, dModel, 3 * dModel));
  const [q, k, v] = g.opMulti('Split', [qkv, g.int64s([dModel, dModel, dModel])], 3, {
    axis: int(-1),
  }) as [string, string, string];
  const query = splitHeads(g, q, options);
  const key = g.op('Concat', [options.past.key, splitHeads(g, k, options)], { axis: int(2) }, options.present.key);
  const value = g.op(
    'Concat',
    [options.past.value, splitHeads(g, v, options)],
    { axis: int(2) },
    options.present.value,
  );

  const keyT = g.op('Transpose', [key], { perm: ints([0, 1, 3, 2]) });
  const scores = g.op('Mul', [g.op('MatMul', [query, keyT]), g.scalar(1 / Math.sqrt(options.headDim))]);
  const probs = g.op('Softmax', [g.op('Add', [scores, options.maskBias])], { axis: int(-1) });
  const context = g.op('Transpose', [g.op('MatMul', [probs, value])], { perm: ints([0, 2, 1, 3]) });
  const merged = g.op('Reshape', [context, g.int64s([0, 0, dModel])]);
  return g.scope('c_proj', () => linear(g, merged, dModel, dModel));
}
