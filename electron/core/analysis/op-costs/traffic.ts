/**
 * What every op-cost formula shares: the shapes ONNX Runtime's profile reports for one
 * kernel execution, the FLOPs and bytes a formula returns, and element counting.
 */

export type Shape = readonly number[];

/** The shapes of one kernel execution, as `input_type_shape`/`output_type_shape` list them. */
export interface Shapes {
  inputs: readonly Shape[];
  outputs: readonly Shape[];
}

/** FLOPs (a multiply-add is 2) and bytes, each input read once and each output written once. */
export interface Traffic {
  flops: number;
  bytesRead: number;
  bytesWritten: number;
}

/**
 * A cost formula for one op family. `null` means the shapes the profile gave are not
 * enough to cost the op (e.g. a Conv whose weight shape is missing): the caller marks
 * it unknown rather than guess.
 */
export type CostFormula = (shapes: Shapes, dtypeBytes: number) => Traffic | null;

/** int64: shape, axes, index and pads inputs, Shape's output, ArgMax's output. */
export const INT64_BYTES = 8;
/** bool: comparison outputs, And/Or/Xor/Not operands, Where's condition. */
export const BOOL_BYTES = 1;

/** Elements in a tensor; a scalar (`[]`) has one. */
export function numel(shape: Shape): number {
  let count = 1;
  for (const dim of shape) count *= dim;
  return count;
}

/** Bytes of all the tensors, at one element size. */
export function bytesOf(shapes: readonly Shape[], elementBytes: number): number {
  let total = 0;
  for (const shape of shapes) total += numel(shape) * elementBytes;
  return total;
}

/** The last dim of a shape, or 1 for a scalar. */
export function lastDim(shape: Shape): number {
  return shape[shape.length - 1] ?? 1;
}

/** Reads every input and writes every output at the op's element size. */
export function plainTraffic(shapes: Shapes, dtypeBytes: number, flops: number): Traffic {
  return {
    flops,
    bytesRead: bytesOf(shapes.inputs, dtypeBytes),
    bytesWritten: bytesOf(shapes.outputs, dtypeBytes),
  };
}
