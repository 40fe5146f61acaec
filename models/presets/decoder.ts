/**
 * A decoder-only transformer in the input/output layout Hugging Face Optimum exports
 * (`decoder_model_merged` without the If): one graph serves both the prefill (empty
 * past) and each decode step (past = previous `present.*`).
 *
 *   input_ids, position_ids  int64 [batch_size, sequence_length]
 *   attention_mask           int64 [batch_size, total_sequence_length]
 *   past_key_values.{i}.key|value  float32 [batch_size, kv_heads, past_sequence_length, head_dim]
 *   → logits [batch_size, sequence_length, vocab]
 *   → present.{i}.key|value  [batch_size, kv_heads, total_sequence_length, head_dim]
 *
 * The defaults are GPT-2 (LayerNorm, fused c_attn, GELU MLP, biases, tied LM head);
 * the options give Llama's shape (RMSNorm, q/k/v_proj, grouped-query attention,
 * SwiGLU MLP, no biases, own lm_head). Without a KV cache (`kvCache: false`) the model
 * is Optimum's `decoder_model`: no past inputs, no present outputs, attention_mask
 * [batch_size, sequence_length], and every step recomputes the whole sequence.
 * Positions are a learned table either way (no rotary embedding).
 */
import { GraphBuilder } from '../builder/graph-builder.js';
import { int, ints } from '../builder/attributes.js';
import { normal } from '../builder/tensors.js';
import { attentionMaskBias, selfAttention } from './attention.js';
import { gelu, layerNorm, projection, rmsNorm, silu } from './layers.js';

export interface DecoderConfig {
  layers: number;
  dModel: number;
  heads: number;
  vocab: number;
  maxPositions: number;
  /** Init std of the token and position tables (GPT-2 uses 0.02). */
  embeddingStd: number;
  seed: number;
  /** Key/value heads for grouped-query attention; default `heads` (multi-head). */
  kvHeads?: number;
  /** One c_attn MatMul then Split (GPT-2, default) or separate q/k/v_proj (Llama). */
  fusedQkv?: boolean;
  /** 'layer' LayerNormalization (GPT-2, default) or 'rms' RMSNorm (Llama). */
  norm?: 'layer' | 'rms';
  /** 'gelu' c_fc → GELU → c_proj (GPT-2, default) or 'swiglu' gate/up/down (Llama). */
  mlp?: 'gelu' | 'swiglu';
  /** Width of the MLP's hidden layer; default 4 × dModel. */
  mlpHidden?: number;
  /** Biases on attention and MLP projections; default true (GPT-2). */
  bias?: boolean;
  /** LM head is wteᵀ (GPT-2, default) or its own lm_head.weight (Llama). */
  tiedHead?: boolean;
  /** past_key_values inputs and present outputs; default true. */
  kvCache?: boolean;
}

export type ResolvedDecoderConfig = Required<DecoderConfig>;

/** The config with every default filled in; checks the head arithmetic. */
export function resolveDecoder(config: DecoderConfig): ResolvedDecoderConfig {
  const resolved: ResolvedDecoderConfig = {
    ...config,
    kvHeads: config.kvHeads ?? config.heads,
    fusedQkv: config.fusedQkv ?? true,
    norm: config.norm ?? 'layer',
    mlp: config.mlp ?? 'gelu',
    mlpHidden: config.mlpHidden ?? 4 * config.dModel,
    bias: config.bias ?? true,
    tiedHead: config.tiedHead ?? true,
    kvCache: config.kvCache ?? true,
  };
  if (resolved.heads % resolved.kvHeads !== 0) throw new Error('heads must divide by kvHeads');
  headDimOf(resolved);
  return resolved;
}

export function headDimOf(config: DecoderConfig): number {
  if (config.dModel % config.heads !== 0) throw new Error('dModel must divide by heads');
  return config.dModel / config.heads;
}

export function buildDecoder(config: DecoderConfig): GraphBuilder {
  const c = resolveDecoder(config);
  const { dModel, heads, kvHeads, vocab } = c;
  const headDim = headDimOf(c);
  const g = new GraphBuilder('decoder', c.seed);
  const inputIds = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const maskLength = c.kvCache ? 'total_sequence_length' : 'sequence_length';
  const attentionMask = g.input('attention_mask', 'int64', ['batch_size', maskLength]);
  const positionIds = g.input('position_ids', 'int64', ['batch_size', 'sequence_length']);
  const pastShape = ['batch_size', kvHeads, 'past_sequence_length', headDim];
  const caches = Array.from({ length: c.kvCache ? c.layers : 0 }, (_, i) => ({
    past: {
      key: g.input(`past_key_values.${i}.key`, 'float32', pastShape),
      value: g.input(`past_key_values.${i}.value`, 'float32', pastShape),
    },
    present: { key: `present.${i}.key`, value: `present.${i}.value` },
  }));

  const wte = g.weight('wte.weight', [vocab, dModel], normal(c.embeddingStd));
  const wpe = g.weight('wpe.weight', [c.maxPositions, dModel], normal(c.embeddingStd));
  const tokens = g.op('Gather', [wte, inputIds], { axis: int(0) });
  const positions = g.op('Gather', [wpe, positionIds], { axis: int(0) });
  let hidden = g.op('Add', [tokens, positions]);
  const maskBias = attentionMaskBias(g, inputIds, attentionMask);
  const normalize = (x: string) => (c.norm === 'rms' ? rmsNorm(g, x, dModel) : layerNorm(g, x, dModel));

  for (let layer = 0; layer < c.layers; layer++) {
    hidden = g.scope(`h.${layer}`, () => {
      const normed = g.scope('ln_1', () => normalize(hidden));
      const attended = g.scope('attn', () =>
        selfAttention(g, normed, {
          dModel,
          heads,
          kvHeads,
          headDim,
          maskBias,
          fusedQkv: c.fusedQkv,
          bias: c.bias,
          cache: caches[layer],
        }),
      );
      const residual = g.op('Add', [hidden, attended]);
      const normed2 = g.scope('ln_2', () => normalize(residual));
      return g.op('Add', [residual, feedForward(g, normed2, c)]);
    });
  }

  const final = g.scope('ln_f', () => normalize(hidden));
  const logits = g.op('MatMul', [final, lmHead(g, wte, c)]);
  g.output(logits, 'logits', 'float32', ['batch_size', 'sequence_length', vocab]);
  const presentShape = ['batch_size', kvHeads, 'total_sequence_length', headDim];
  for (const { present } of caches) {
    for (const name of [present.key, present.value]) g.output(name, name, 'float32', presentShape);
  }
  return g;
}

function feedForward(g: GraphBuilder, x: string, c: ResolvedDecoderConfig): string {
  const { dModel, mlpHidden, bias } = c;
  if (c.mlp === 'swiglu') {
    const gate = g.scope('mlp.gate_proj', () => silu(g, projection(g, x, dModel, mlpHidden, bias)));
    const up = g.scope('mlp.up_proj', () => projection(g, x, dModel, mlpHidden, bias));
    return g.scope('mlp.down_proj', () => projection(g, g.op('Mul', [gate, up]), mlpHidden, dModel, bias));
  }
  const expanded = g.scope('mlp.c_fc', () => gelu(g, projection(g, x, dModel, mlpHidden, bias)));
  return g.scope('mlp.c_proj', () => projection(g, expanded, mlpHidden, dModel, bias));
}

/** [dModel, vocab]: tied as GPT-2 (ONNX Runtime folds the Transpose once), or Llama's own. */
function lmHead(g: GraphBuilder, wte: string, c: ResolvedDecoderConfig): string {
  if (c.tiedHead) return g.op('Transpose', [wte], { perm: ints([1, 0]) });
  return g.weight('lm_head.weight', [c.dModel, c.vocab], normal(1 / Math.sqrt(c.dModel)));
}
