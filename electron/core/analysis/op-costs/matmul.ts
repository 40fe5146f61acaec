/**
 * Matrix products: FLOPs = 2 · elements(Y) · K, the reduction length. ONNX Runtime
 * leaves pre-packed weights out of the profile's `input_type_shape` (the packed copy
 * replaced the initializer), so a missing weight is derived as [K, N] from the input
 * and output shapes and its bytes are still counted: the kernel still reads it.
 * Bias and activation epilogues (Gemm's C, FusedGemm's activation) add ≤ 1/(2K) of the
 * FLOPs and are not counted; their bytes are.
 */
import type { CostFormula, Shape, Traffic } from './traffic.js';
import { bytesOf, lastDim, numel } from './traffic.js';

/** MatMul and MatMulAddFusion-style products: numpy matmul semantics, batch dims broadcast. */
export const matMul: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const a = inputs[0];
  const y = outputs[0];
  if (!a || !y) return null;
  const k = lastDim(a);
  const b = inputs[1] ?? [k, lastDim(y)];
  return product(numel(y), k, [a, b, ...inputs.slice(2)], y, dtypeBytes);
};

/**
 * Gemm (ORT also names fused MatMul+Add nodes `…/MatMulAddFusion` and runs them as
 * Gemm) and FusedGemm: Y[M,N] = A·B + C. K = elements(A) / M holds with or without
 * transA. The second input is B when it is 2-D with K·N elements, else B was
 * pre-packed and that input is C.
 */
export const gemm: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const a = inputs[0];
  const y = outputs[0];
  const m = y?.[0];
  const n = y?.[1];
  if (!a || !y || m === undefined || n === undefined || m === 0) return null;
  const k = numel(a) / m;
  const second = inputs[1];
  const hasB = second !== undefined && second.length === 2 && numel(second) === k * n;
  const rest = hasB ? inputs.slice(1) : [[k, n], ...inputs.slice(1)];
  return product(m * n, k, [a, ...rest], y, dtypeBytes);
};

/**
 * com.microsoft FusedMatMul: MatMul with optional transposes and a scale. Shapes only:
 * K is the dim of A's last two that is not M (they agree when both are).
 */
export const fusedMatMul: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const a = inputs[0];
  const y = outputs[0];
  if (!a || !y) return null;
  const m = y.length >= 2 ? y[y.length - 2] : 1;
  const k = a.length >= 2 && a[a.length - 2] !== m ? a[a.length - 2]! : lastDim(a);
  const b = inputs[1] ?? [k, lastDim(y)];
  return product(numel(y), k, [a, b, ...inputs.slice(2)], y, dtypeBytes);
};

/** A, Y, K, B (derived as [K, N] when pre-packed and so absent) and the inputs after B. */
function integerOperands(inputs: readonly Shape[], outputs: readonly Shape[]) {
  const a = inputs[0];
  const y = outputs[0];
  if (!a || !y) return null;
  const k = lastDim(a);
  const second = inputs[1];
  const hasB = second !== undefined && second.length >= 2;
  return { a, y, k, b: hasB ? second : [k, lastDim(y)], rest: inputs.slice(hasB ? 2 : 1) };
}

/**
 * MatMulInteger: uint8/int8 A and B (and their zero points), int32 Y. FLOPs are
 * integer multiply-adds, still 2 per. A pre-packed B is derived as [K, N].
 */
export const matMulInteger: CostFormula = ({ inputs, outputs }) => {
  const o = integerOperands(inputs, outputs);
  if (!o) return null;
  return { flops: 2 * numel(o.y) * o.k, bytesRead: bytesOf([o.a, o.b, ...o.rest], 1), bytesWritten: numel(o.y) * 4 };
};

/**
 * com.microsoft DynamicQuantizeMatMul (ORT's fusion of DynamicQuantizeLinear → MatMulInteger
 * → Cast → Mul) and MatMulIntegerToFloat: float A quantized on the fly (its float bytes
 * read), int8/uint8 B [K, N] at one byte a weight, float scales and output. A pre-packed
 * B is derived as [K, N].
 */
export const dynamicQuantizeMatMul: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const o = integerOperands(inputs, outputs);
  if (!o) return null;
  return {
    flops: 2 * numel(o.y) * o.k,
    bytesRead: numel(o.a) * dtypeBytes + numel(o.b) + bytesOf(o.rest, dtypeBytes),
    bytesWritten: numel(o.y) * dtypeBytes,
  };
};

/** QLinearMatMul inputs: a, a_scale, a_zero_point, b, b_scale, b_zero_point, y_scale, y_zero_point. */
const QLINEAR_INPUT_BYTES = [1, 4, 1, 1, 4, 1, 4, 1];
/** The same with b pre-packed and so absent from the profile. */
const QLINEAR_INPUT_BYTES_PACKED_B = [1, 4, 1, 4, 1, 4, 1];

/** QLinearMatMul: int8/uint8 operands and output, float32 scales. */
export const qLinearMatMul: CostFormula = ({ inputs, outputs }) => {
  const a = inputs[0];
  const y = outputs[0];
  if (!a || !y) return null;
  const k = lastDim(a);
  const packed = inputs.length < QLINEAR_INPUT_BYTES.length;
  const sizes = packed ? QLINEAR_INPUT_BYTES_PACKED_B : QLINEAR_INPUT_BYTES;
  let bytesRead = packed ? k * lastDim(y) : 0;
  inputs.forEach((shape, i) => (bytesRead += numel(shape) * (sizes[i] ?? 1)));
  return { flops: 2 * numel(y) * k, bytesRead, bytesWritten: numel(y) };
};

/** Used for a pre-packed MatMulNBits whose B shape the profile omits: int4, as most exports. */
const DEFAULT_NBITS = 4;
/** …and ORT's quantizer default block size (`MatMulNBitsQuantizer(block_size=128)`). */
const DEFAULT_BLOCK_SIZE = 128;

/**
 * com.microsoft MatMulNBits: Y = A · dequant(B)ᵀ (+ bias). Per the contrib op spec:
 * A T1 [..., K]; B uint8 [N, k_blocks, blob_size] with blob_size = block_size · bits / 8
 * (packed codes); scales T1 [N · k_blocks]; optional zero_points, uint8 packed
 * [N · ⌈k_blocks · bits / 8⌉] or T1 [N · k_blocks]; optional g_idx int32 [K]; optional
 * bias T1 [N]. Bytes are counted at those real widths: B at bits/8 per weight.
 */
export const matMulNBits: CostFormula = ({ inputs, outputs }, dtypeBytes) => {
  const a = inputs[0];
  const y = outputs[0];
  if (!a || !y) return null;
  const k = lastDim(a);
  const n = lastDim(y);
  const b = inputs[1];
  const flops = 2 * numel(y) * k;
  const bytesWritten = numel(y) * dtypeBytes;
  if (!b || b.length !== 3) {
    // B (and with it the scales, which MLAS packs alongside) was pre-packed.
    const kBlocks = Math.ceil(k / DEFAULT_BLOCK_SIZE);
    const packedB = (n * kBlocks * DEFAULT_BLOCK_SIZE * DEFAULT_NBITS) / 8;
    const scales = n * kBlocks * dtypeBytes;
    return {
      flops,
      bytesRead: numel(a) * dtypeBytes + packedB + scales + bytesOf(inputs.slice(1), dtypeBytes),
      bytesWritten,
    };
  }
  const kBlocks = b[1] ?? 1;
  const scaleCount = n * kBlocks;
  let bytesRead = numel(a) * dtypeBytes + numel(b) + bytesOf(inputs.slice(2, 3), dtypeBytes);
  inputs
    .slice(3)
    .forEach((shape, i) => (bytesRead += numel(shape) * nBitsSideInputBytes(shape, i, k, scaleCount, dtypeBytes)));
  return { flops, bytesRead, bytesWritten };
};

/** Element size of an input after scales: zero points (packed uint8 or T1), g_idx (int32) or bias (T1). */
function nBitsSideInputBytes(shape: Shape, index: number, k: number, scaleCount: number, dtypeBytes: number): number {
  const count = numel(shape);
  if (index === 0 && count < scaleCount) return 1;
  if (count === k && index <= 1) return 4;
  return dtypeBytes;
}

function product(outputElements: number, k: number, inputs: readonly Shape[], y: Shape, dtypeBytes: number): Traffic {
  return {
    flops: 2 * outputElements * k,
    bytesRead: bytesOf(inputs, dtypeBytes),
    bytesWritten: numel(y) * dtypeBytes,
  };
}
