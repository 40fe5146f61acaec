/**
 * com.microsoft attention blocks. FLOPs are the two batched products, QKᵀ and PV:
 * 2 · B · S · T · Dqk + 2 · B · S · T · Dv (D = heads · head size, T = keys attended),
 * plus Softmax over the B · heads · S · T scores at 8 per score when the shapes reveal
 * the head count (a present/past KV tensor or packed QKV does), plus, for Attention,
 * its QKV projection. The full S × T score matrix is counted: ORT's CPU kernels
 * compute it before applying a causal mask. Every input is read once and every output
 * written once (a present KV that shares the past buffer is still counted).
 */
import type { CostFormula, Shape, Shapes } from './traffic.js';
import { bytesOf, lastDim } from './traffic.js';

const SOFTMAX_FLOPS_PER_SCORE = 8;

interface AttentionDims {
  batch: number;
  queryLength: number;
  keyLength: number;
  /** Query/key hidden size: heads · head size. */
  qkHidden: number;
  valueHidden: number;
  heads: number | null;
}

function attentionFlops(d: AttentionDims): number {
  const scores = d.batch * d.queryLength * d.keyLength;
  const softmax = d.heads === null ? 0 : SOFTMAX_FLOPS_PER_SCORE * scores * d.heads;
  return 2 * scores * d.qkHidden + 2 * scores * d.valueHidden + softmax;
}

const rank = (shape: Shape | undefined, r: number): shape is Shape => shape !== undefined && shape.length === r;

/** `shape[index]` when the shape has rank `r`, else undefined. */
const dimIfRank = (shape: Shape | undefined, r: number, index: number): number | undefined =>
  shape?.length === r ? shape[index] : undefined;

/**
 * Attention: input [B, S, In] · weights [In, Dq + Dk + Dv] + bias, then attention.
 * ORT pre-packs the weights, so the profile often lists only input, bias, mask…: the
 * weights are then derived as [In, bias length] (or [In, 3 · Dv] with no bias).
 * T comes from present [2, B, heads, T, head] or past, else T = S.
 */
export const attention: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const x = inputs[0];
  const y = outputs[0];
  if (!rank(x, 3) || !rank(y, 3)) return null;
  const [batch = 1, queryLength = 1, inFeatures = 1] = x;
  const valueHidden = lastDim(y);
  const hasWeights = rank(inputs[1], 2);
  const bias = hasWeights ? inputs[2] : inputs[1];
  const qkvHidden = hasWeights ? lastDim(inputs[1]!) : rank(bias, 1) ? bias[0]! : 3 * valueHidden;
  const kv = [outputs[1], ...inputs].find((shape) => rank(shape, 5) && shape[0] === 2);
  const keyLength = rank(outputs[1], 5) ? outputs[1][3]! : kv ? kv[3]! + queryLength : queryLength;
  const flops =
    2 * batch * queryLength * inFeatures * qkvHidden +
    attentionFlops({
      batch,
      queryLength,
      keyLength,
      qkHidden: (qkvHidden - valueHidden) / 2,
      valueHidden,
      heads: kv?.[2] ?? null,
    });
  const weights = hasWeights ? [] : [[inFeatures, qkvHidden]];
  return {
    flops,
    bytesRead: bytesOf([...inputs, ...weights], dtypeBytes),
    bytesWritten: bytesOf(outputs, dtypeBytes),
  };
};

/**
 * MultiHeadAttention: query [B, S, D] or packed QKV [B, S, heads, 3, head]; key
 * [B, L, D], [B, heads, L, head] or packed KV [B, L, heads, 2, head]. T from
 * present_key [B, heads, T, head] when output, else from key, else S (packed QKV).
 */
export const multiHeadAttention: CostFormula = (shapes, dtypeBytes) => {
  const [q, key] = shapes.inputs;
  const [y, presentKey] = shapes.outputs;
  if (!q || q.length < 3 || !rank(y, 3)) return null;
  const [batch = 1, queryLength = 1] = q;
  const packedQkv = rank(q, 5);
  const qkHidden = packedQkv ? q[2]! * q[4]! : q[2]!;
  const keyLength =
    dimIfRank(presentKey, 4, 2) ?? dimIfRank(key, 4, 2) ?? dimIfRank(key, 3, 1) ?? dimIfRank(key, 5, 1) ?? queryLength;
  const heads =
    dimIfRank(presentKey, 4, 1) ?? dimIfRank(key, 4, 1) ?? dimIfRank(q, 5, 2) ?? dimIfRank(key, 5, 2) ?? null;
  const flops = attentionFlops({ batch, queryLength, keyLength, qkHidden, valueHidden: lastDim(y), heads });
  return streamed(shapes, dtypeBytes, flops);
};

/**
 * GroupQueryAttention: output [B, S, D]; present_key [B, kv_heads, T, head]. Each of
 * the D / head query heads attends over T keys (K/V shared across a group do not
 * reduce FLOPs). T is the present buffer's length: with a shared max-length KV buffer
 * that is the buffer size, an upper bound on the keys attended.
 */
export const groupQueryAttention: CostFormula = (shapes, dtypeBytes) => {
  const [y, presentKey] = shapes.outputs;
  if (!rank(y, 3)) return null;
  const [batch = 1, queryLength = 1, hidden = 1] = y;
  const keyLength = dimIfRank(presentKey, 4, 2) ?? queryLength;
  const headSize = dimIfRank(presentKey, 4, 3);
  const heads = headSize ? hidden / headSize : null;
  const flops = attentionFlops({ batch, queryLength, keyLength, qkHidden: hidden, valueHidden: hidden, heads });
  return streamed(shapes, dtypeBytes, flops);
};

function streamed({ inputs, outputs }: Shapes, dtypeBytes: number, flops: number) {
  return { flops, bytesRead: bytesOf(inputs, dtypeBytes), bytesWritten: bytesOf(outputs, dtypeBytes) };
}
