/**
 * Normalisations, Softmax and reductions: FLOPs = elements(X) · a per-op constant,
 * counted as in elementwise.ts (exp = 4). Parameters (scale, bias, mean, variance) and
 * the skip input are read once; axes inputs are int64.
 */
import type { CostFormula } from './traffic.js';
import { INT64_BYTES, bytesOf, numel } from './traffic.js';

/** Operations per element of the (first) input. */
export const NORMALIZATION_FLOPS: Readonly<Record<string, number>> = {
  /** Inference form folds to one multiply-add per element: y = x · a + c per channel. */
  BatchNormalization: 2,
  InstanceNormalization: 7,
  GroupNormalization: 7,
  /** mean (1), centre (1), square + accumulate (2), × 1/σ (1), scale (1), shift (1). */
  LayerNormalization: 7,
  /** LayerNormalization plus the residual add. */
  SkipLayerNormalization: 8,
  /** square + accumulate (2), × 1/rms (1), scale (1). */
  SimplifiedLayerNormalization: 4,
  RMSNormalization: 4,
  SkipSimplifiedLayerNormalization: 5,
  /** max (1), subtract (1), exp (4), sum (1), × 1/sum (1). */
  Softmax: 8,
  LogSoftmax: 8,
};

/** Operations per input element. ArgMax/ArgMin write int64 indices. */
export const REDUCTION_FLOPS: Readonly<Record<string, number>> = {
  ReduceSum: 1,
  ReduceMean: 1,
  ReduceMax: 1,
  ReduceMin: 1,
  ReduceProd: 1,
  ReduceLogSum: 1,
  ArgMax: 1,
  ArgMin: 1,
  ReduceL1: 2,
  ReduceL2: 2,
  ReduceSumSquare: 2,
  ReduceLogSumExp: 5,
};

/** FLOPs over the first input's elements; every input and output at the op's element size. */
export function normalization(flopsPerElement: number): CostFormula {
  return ({ inputs, outputs }, dtypeBytes) => {
    const x = inputs[0];
    if (!x) return null;
    return {
      flops: numel(x) * flopsPerElement,
      bytesRead: bytesOf(inputs, dtypeBytes),
      bytesWritten: bytesOf(outputs, dtypeBytes),
    };
  };
}

/** Reduces the data input; a second input (opset 13+/18 `axes`) is int64. */
export function reduction(flopsPerElement: number, outputBytes?: number): CostFormula {
  return ({ inputs, outputs }, dtypeBytes) => {
    const x = inputs[0];
    if (!x) return null;
    return {
      flops: numel(x) * flopsPerElement,
      bytesRead: numel(x) * dtypeBytes + bytesOf(inputs.slice(1), INT64_BYTES),
      bytesWritten: bytesOf(outputs, outputBytes ?? dtypeBytes),
    };
  };
}
