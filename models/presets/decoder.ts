/**
 * A GPT-2-style decoder with KV cache, in the input/output layout Hugging Face
 * Optimum exports (`decoder_model_merged` without the If): one graph serves both the
 * prefill (empty past) and each decode step (past = previous `present.*`).
 *
 *   input_ids, position_ids  int64 [batch_size, sequence_length]
 *   attention_mask           int64 [batch_size, total_sequence_length]
 *   past_key_values.{i}.key|value  float32 [batch_size, heads, past_sequence_length, head_dim]
 *   → logits [batch_size, sequence_length, vocab]
 *   → present.{i}.key|value  [batch_size, heads, total_sequence_length, head_dim]
 */
import { GraphBuilder } from '../builder/graph-builder.js';
import { int, ints } from '../builder/attributes.js';
import { normal } from '../builder/tensors.js';
import { attentionMaskBias, selfAttention } from './attention.js';
import { gelu, layerNorm, linear } from './layers.js';

export interface DecoderConfig {
  layers: number;
  dModel: number;
  heads: number;
  vocab: number;
  maxPositions: number;
  /** Init std of the token and position tables (GPT-2 uses 0.02). */
  embeddingStd: number;
  seed: number;
}

export function headDimOf(config: DecoderConfig): number {
  if (config.dModel % config.heads !== 0) throw new Error('dModel must divide by heads');
  return config.dModel / config.heads;
}

export function buildDecoder(config: DecoderConfig): GraphBuilder {
  const { dModel, heads, vocab } = config;
  const headDim = headDimOf(config);
  const g = new GraphBuilder('decoder', config.seed);
  const inputIds = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const attentionMask = g.input('attention_mask', 'int64', ['batch_size', 'total_sequence_length']);
  const positionIds = g.input('position_ids', 'int64', ['batch_size', 'sequence_length']);
  const pastShape = ['batch_size', heads, 'past_sequence_length', headDim];
  const past = Array.from({ length: config.layers }, (_, i) => ({
    key: g.input(`past_key_values.${i}.key`, 'float32', pastShape),
    value: g.input(`past_key_values.${i}.value`, 'float32', pastShape),
  }));

  const wte = g.weight('wte.weight', [vocab, dModel], normal(config.embeddingStd));
  const wpe = g.weight('wpe.weight', [config.maxPositions, dModel], normal(config.embeddingStd));
  const tokens = g.op('Gather', [wte, inputIds], { axis: int(0) });
  const positions = g.op('Gather', [wpe, positionIds], { axis: int(0) });
  let hidden = g.op('Add', [tokens, positions]);
  const maskBias = attentionMaskBias(g, inputIds, attentionMask);

  for (let layer = 0; layer < config.layers; layer++) {
    hidden = g.scope(`h.${layer}`, () => {
      const normed = g.scope('ln_1', () => layerNorm(g, hidden, dModel));
      const attended = g.scope('attn', () =>
        selfAttention(g, normed, {
          dModel,
          heads,
          headDim,
          maskBias,
          past: past[layer] as { key: string; value: string },
          present: { key: `present.${layer}.key`, value: `present.${layer}.value` },
        }),
      );
      const residual = g.op('Add', [hidden, attended]);
      const normed2 = g.scope('ln_2', () => layerNorm(g, residual, dModel));
      const expanded = g.scope('mlp.c_fc', () => gelu(g, linear(g, normed2, dModel, 4 * dModel)));
      const projected = g.scope('mlp.c_proj', () => linear(g, expanded, 4 * dModel, dModel));
      return g.op('Add', [residual, projected]);
    });
  }

  const final = g.scope('ln_f', () => layerNorm(g, hidden, dModel));
  // Tied LM head, as GPT-2: logits = h · wteᵀ (ONNX Runtime folds the Transpose once).
  const head = g.op('Transpose', [wte], { perm: ints([1, 0]) });
  const logits = g.op('MatMul', [final, head]);
  g.output(logits, 'logits', 'float32', ['batch_size', 'sequence_length', vocab]);
  const presentShape = ['batch_size', heads, 'total_sequence_length', headDim];
  for (let layer = 0; layer < config.layers; layer++) {
    for (const part of ['key', 'value']) {
      const name = `present.${layer}.${part}`;
      g.output(name, name, 'float32', presentShape);
    }
  }
  return g;
}
