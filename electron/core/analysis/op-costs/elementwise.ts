/**
 * Elementwise unary and binary ops and activations: FLOPs = elements(Y) · a per-op
 * constant, with broadcast inputs read once at their own size. The constants are
 * operation counts, not cycle counts: 1 for an arithmetic, compare, select or convert
 * instruction; 4 for exp/log/pow/sin/cos (a short polynomial after range reduction);
 * composites add their parts (Sigmoid = exp + add + div = 6); Erf and the Gelu family
 * count ~8 (a rational approximation of erf or tanh plus the products around it).
 */
import type { CostFormula } from './traffic.js';
import { BOOL_BYTES, bytesOf, numel } from './traffic.js';

/** Operations per output element, by op type. */
export const ELEMENTWISE_FLOPS: Readonly<Record<string, number>> = {
  Add: 1,
  Sub: 1,
  Mul: 1,
  Div: 1,
  Mod: 1,
  Neg: 1,
  Abs: 1,
  Sign: 1,
  Floor: 1,
  Ceil: 1,
  Round: 1,
  Reciprocal: 1,
  Sqrt: 1,
  Relu: 1,
  ThresholdedRelu: 1,
  Cast: 1,
  Range: 1,
  Clip: 2,
  LeakyRelu: 2,
  PRelu: 2,
  Softsign: 3,
  HardSigmoid: 3,
  HardSwish: 4,
  Exp: 4,
  Log: 4,
  Pow: 4,
  Sin: 4,
  Cos: 4,
  Sigmoid: 6,
  Tanh: 6,
  Elu: 6,
  Celu: 6,
  Selu: 7,
  QuickGelu: 7,
  Erf: 8,
  Gelu: 8,
  FastGelu: 8,
  BiasGelu: 9,
  Softplus: 9,
};

/** Comparisons: float (or int) operands, bool output. */
export const COMPARISON_OPS = ['Equal', 'Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual', 'IsNaN', 'IsInf'];
/** Logic: bool operands and output. */
export const LOGIC_OPS = ['And', 'Or', 'Xor', 'Not'];
/** Variadic ops: n inputs take n − 1 operations per output element. */
export const VARIADIC_OPS = ['Sum', 'Mean', 'Max', 'Min'];

/** Reads each input once at the op's element size and writes each output once. */
export function elementwise(flopsPerElement: number): CostFormula {
  return ({ inputs, outputs }, dtypeBytes) => {
    const y = outputs[0];
    if (!y) return null;
    return {
      flops: numel(y) * flopsPerElement,
      bytesRead: bytesOf(inputs, dtypeBytes),
      bytesWritten: bytesOf(outputs, dtypeBytes),
    };
  };
}

/** One compare per output element; the output is bool. */
export const comparison: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const y = outputs[0];
  if (!y) return null;
  return { flops: numel(y), bytesRead: bytesOf(inputs, dtypeBytes), bytesWritten: bytesOf(outputs, BOOL_BYTES) };
};

/** One logic operation per output element; operands and output are bool. */
export const logic: CostFormula = ({ inputs, outputs }) => {
  const y = outputs[0];
  if (!y) return null;
  return { flops: numel(y), bytesRead: bytesOf(inputs, BOOL_BYTES), bytesWritten: bytesOf(outputs, BOOL_BYTES) };
};

/** Where(condition, x, y): one select per output element; the condition is bool. */
export const where: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const y = outputs[0];
  if (!y) return null;
  return {
    flops: numel(y),
    bytesRead: bytesOf(inputs.slice(0, 1), BOOL_BYTES) + bytesOf(inputs.slice(1), dtypeBytes),
    bytesWritten: bytesOf(outputs, dtypeBytes),
  };
};

/** Sum/Mean/Max/Min over n inputs: n − 1 operations per output element (Mean's divide folded in). */
export const variadic: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const y = outputs[0];
  if (!y) return null;
  return {
    flops: numel(y) * Math.max(1, inputs.length - 1),
    bytesRead: bytesOf(inputs, dtypeBytes),
    bytesWritten: bytesOf(outputs, dtypeBytes),
  };
};
