/**
 * Data movement: 0 FLOPs, bytes moved. Shape-like side inputs (split sizes, slice
 * starts/ends/axes/steps, pads, repeats, target shapes) are int64.
 */
import type { CostFormula, Traffic } from './traffic.js';
import { INT64_BYTES, bytesOf, lastDim, numel } from './traffic.js';

/**
 * Reshape, Squeeze, Unsqueeze, Identity and Flatten only relabel the shape: ORT runs
 * them as views that alias the input buffer (no copy when the input can be reused), so
 * they move 0 bytes.
 */
export const view: CostFormula = () => ({ flops: 0, bytesRead: 0, bytesWritten: 0 });

/** Concat, Transpose, NCHWc ReorderInput/ReorderOutput, DepthToSpace…: every input read, every output written. */
export const copy: CostFormula = ({ inputs, outputs }, dtypeBytes) => ({
  flops: 0,
  bytesRead: bytesOf(inputs, dtypeBytes),
  bytesWritten: bytesOf(outputs, dtypeBytes),
});

/** Split, Expand, Tile, Pad: the data input, then int64 side inputs. */
export const copyWithInt64Args: CostFormula = ({ inputs, outputs }, dtypeBytes) => ({
  flops: 0,
  bytesRead: bytesOf(inputs.slice(0, 1), dtypeBytes) + bytesOf(inputs.slice(1), INT64_BYTES),
  bytesWritten: bytesOf(outputs, dtypeBytes),
});

/** Slice reads only the elements it copies: the output's worth of the data input. */
export const slice: CostFormula = ({ inputs, outputs }, dtypeBytes) => ({
  flops: 0,
  bytesRead: bytesOf(outputs, dtypeBytes) + bytesOf(inputs.slice(1), INT64_BYTES),
  bytesWritten: bytesOf(outputs, dtypeBytes),
});

/** Shape (and Size) read metadata only and write int64. */
export const shapeOf: CostFormula = ({ outputs }) => ({
  flops: 0,
  bytesRead: 0,
  bytesWritten: bytesOf(outputs, INT64_BYTES),
});

/** ConstantOfShape reads an int64 shape and fills the output. */
export const constantOfShape: CostFormula = ({ inputs, outputs }, dtypeBytes) => ({
  flops: 0,
  bytesRead: bytesOf(inputs, INT64_BYTES),
  bytesWritten: bytesOf(outputs, dtypeBytes),
});

/**
 * Gather, GatherElements, GatherND: read the int64 indices and the elements gathered
 * (the output's worth, not the whole table: an embedding lookup touches a few rows),
 * write the output.
 */
export const gather: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const indices = inputs[1];
  if (!indices) return null;
  return {
    flops: 0,
    bytesRead: bytesOf(outputs, dtypeBytes) + numel(indices) * INT64_BYTES,
    bytesWritten: bytesOf(outputs, dtypeBytes),
  };
};

/**
 * com.microsoft GatherBlockQuantized: data [V, D] uint8 (8 bits) or [V, D/2] (4 bits, two a
 * byte), indices, scales [V, D / block]. Reads the gathered rows at their stored width and
 * their scales, dequantizes (a multiply and a subtract per element), writes float rows.
 */
export const gatherBlockQuantized: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const [data, indices, scales] = inputs;
  const y = outputs[0];
  if (!data || !indices || !y || data.length === 0) return null;
  const width = lastDim(y);
  const rows = numel(y) / Math.max(1, width);
  const storedPerRow = lastDim(data);
  const scalesPerRow = scales && scales.length > 0 ? lastDim(scales) : 0;
  return {
    flops: 2 * numel(y),
    bytesRead: rows * (storedPerRow + scalesPerRow * dtypeBytes) + numel(indices) * INT64_BYTES,
    bytesWritten: numel(y) * dtypeBytes,
  };
};

/**
 * MemcpyToHost/MemcpyFromHost: a host↔device copy of one tensor. Bytes only; the
 * analysis reads them as communication, not memory traffic.
 */
export const memcpy: CostFormula = ({ inputs, outputs }, dtypeBytes): Traffic => ({
  flops: 0,
  bytesRead: bytesOf(inputs, dtypeBytes),
  bytesWritten: bytesOf(outputs, dtypeBytes),
});
