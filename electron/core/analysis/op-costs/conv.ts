/**
 * Convolutions and pooling. The profile has shapes, not attributes, so strides, pads,
 * dilations and groups enter only through what they do to shapes: the output's spatial
 * size and the weight's [Cout, Cin/groups, k…] layout.
 */
import type { CostFormula, Shape, Traffic } from './traffic.js';
import { INT64_BYTES, bytesOf, numel, plainTraffic } from './traffic.js';

/**
 * Conv and FusedConv: FLOPs = 2 · N · Cout · Hout · Wout · (Cin/groups) · kH · kW, i.e.
 * 2 · elements(Y) · W[1] · ∏W[2…] for any number of spatial dims. Bias, FusedConv's
 * activation and the NCHWc Conv's fused residual input (a 4th input) are epilogues:
 * bytes counted, FLOPs not (≤ 1/(2 · Cin/groups · k) of the total). Without a weight
 * shape the kernel size is unknowable, so the op is left unknown.
 */
export const conv: CostFormula = (shapes, dtypeBytes) => {
  const weight = shapes.inputs[1];
  const y = shapes.outputs[0];
  if (!weight || weight.length < 3 || !y) return null;
  const macsPerOutput = numel(weight.slice(1));
  return plainTraffic(shapes, dtypeBytes, 2 * numel(y) * macsPerOutput);
};

/**
 * ConvTranspose: each input element scatters into Cout/groups · ∏k outputs, so
 * FLOPs = 2 · elements(X) · W[1] · ∏W[2…] with W = [Cin, Cout/groups, k…].
 */
export const convTranspose: CostFormula = (shapes, dtypeBytes) => {
  const x = shapes.inputs[0];
  const weight = shapes.inputs[1];
  if (!x || !weight || weight.length < 3) return null;
  return plainTraffic(shapes, dtypeBytes, 2 * numel(x) * numel(weight.slice(1)));
};

/**
 * MaxPool/AveragePool/LpPool: one op (compare or add) per window element. The window
 * is estimated from shapes as round(in / out) per spatial dim: exact for the common
 * non-overlapping pools (kernel = stride), an underestimate for overlapping ones
 * (3×3 stride 2 counts as 2×2). MaxPool's optional indices output is int64.
 */
export const pool: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const x = inputs[0];
  const y = outputs[0];
  if (!x || !y || x.length < 3 || y.length !== x.length) return null;
  let window = 1;
  for (let d = 2; d < x.length; d++) window *= Math.max(1, Math.round((x[d] ?? 1) / (y[d] || 1)));
  return poolTraffic(x, outputs, dtypeBytes, numel(y) * window);
};

/** GlobalAveragePool/GlobalMaxPool/GlobalLpPool: one op per input element. */
export const globalPool: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const x = inputs[0];
  if (!x) return null;
  return poolTraffic(x, outputs, dtypeBytes, numel(x));
};

function poolTraffic(x: Shape, outputs: readonly Shape[], dtypeBytes: number, flops: number): Traffic {
  const [y, indices] = outputs;
  return {
    flops,
    bytesRead: numel(x) * dtypeBytes,
    bytesWritten: bytesOf(y ? [y] : [], dtypeBytes) + bytesOf(indices ? [indices] : [], INT64_BYTES),
  };
}
