/**
 * Magnitude pruning: in each quantizable weight the `sparsity` share of values with the
 * smallest |w| becomes 0. The file stays dense fp32, the same size; only its gzip size
 * shrinks, and ONNX Runtime's dense kernels still multiply every zero, so load time,
 * memory and compute do not change. Pruning is done in place of the initializer, so a
 * weight that something else also reads (a tied embedding's Gather) is left alone.
 */
import type { GraphProto, TensorProto } from '../models/onnx-proto.js';
import { floatTensor } from './graph-edit.js';
import type { Rewrite } from './rewrite.js';
import type { QuantizableWeight } from './weights.js';
import { floatBytes, readFloats } from './weights.js';

/** Zeroes the round(sparsity · n) values of smallest magnitude (ties broken by position). */
export function pruneValues(values: Float32Array, sparsity: number): Float32Array {
  const zeroCount = Math.round(sparsity * values.length);
  const pruned = Float32Array.from(values);
  if (zeroCount === 0) return pruned;
  const magnitudes = pruned.map(Math.abs).sort();
  const threshold = magnitudes[zeroCount - 1]!;
  let below = 0;
  for (const m of magnitudes) if (m < threshold) below++;
  // Everything under the threshold goes; of the values equal to it, only as many as fill the share.
  let atThreshold = zeroCount - below;
  for (let i = 0; i < pruned.length; i++) {
    const m = Math.abs(pruned[i]!);
    if (m < threshold) pruned[i] = 0;
    else if (m === threshold && atThreshold > 0) {
      pruned[i] = 0;
      atThreshold--;
    }
  }
  return pruned;
}

export function rewritePrune(
  main: GraphProto,
  weights: readonly QuantizableWeight[],
  sparsity: number,
  result: Rewrite,
): void {
  const replaced = new Map<TensorProto, TensorProto>();
  for (const { tensor, otherReaders } of weights) {
    if (replaced.has(tensor)) continue;
    if (otherReaders.length > 0) {
      result.untouched.push({
        reason: `weight also read by ${otherReaders.join(', ')} (pruning it would change that use too)`,
        bytes: floatBytes(tensor),
      });
      replaced.set(tensor, tensor);
      continue;
    }
    const pruned = pruneValues(readFloats(tensor), sparsity);
    replaced.set(tensor, floatTensor(tensor.name ?? '', [...(tensor.dims ?? [])], pruned));
    result.weightsChanged++;
    result.weightBytesBefore += floatBytes(tensor);
    result.weightBytesAfter += pruned.byteLength;
  }
  main.initializer = (main.initializer ?? []).map((tensor) => replaced.get(tensor) ?? tensor);
  result.notes.push(
    `Unstructured sparsity (${Math.round(sparsity * 1000) / 10} % zeros per weight): the file stays dense fp32 at the same size and only its gzip size shrinks; ONNX Runtime still multiplies every zero, so compute and memory are unchanged.`,
  );
}
