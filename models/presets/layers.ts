/** Layer shapes shared by the presets, written once so each preset reads like its diagram. */
import type { GraphBuilder } from '../builder/graph-builder.js';
import { float, int, ints } from '../builder/attributes.js';
import { normal } from '../builder/tensors.js';

/** x·W + b with W [inFeatures, outFeatures], for inputs of any rank (MatMul broadcasts). */
export function linear(
  g: GraphBuilder,
  x: string,
  inFeatures: number,
  outFeatures: number,
  std = 1 / Math.sqrt(inFeatures),
): string {
  const weight = g.weight('weight', [inFeatures, outFeatures], normal(std));
  const bias = g.weight('bias', [outFeatures], normal(0.02));
  return g.op('Add', [g.op('MatMul', [x, weight]), bias]);
}

/** Gemm for 2-D inputs: the fused form exporters emit for nn.Linear (W stored [out, in]). */
export function gemm(g: GraphBuilder, x: string, inFeatures: number, outFeatures: number): string {
  const weight = g.weight('weight', [outFeatures, inFeatures], normal(1 / Math.sqrt(inFeatures)));
  const bias = g.weight('bias', [outFeatures], normal(0.02));
  return g.op('Gemm', [x, weight, bias], { transB: int(1) });
}

/** LayerNormalization over the last axis, γ = 1 + noise, β = noise. */
export function layerNorm(g: GraphBuilder, x: string, features: number, epsilon = 1e-5): string {
  const scale = g.weight('weight', [features], normal(0.1, 1));
  const bias = g.weight('bias', [features], normal(0.1));
  return g.op('LayerNormalization', [x, scale, bias], { axis: int(-1), epsilon: float(epsilon) });
}

/**
 * Exact GELU, 0.5·x·(1 + erf(x/√2)), decomposed for opset 17 (Gelu is opset 20).
 * ONNX Runtime fuses this pattern back into one Gelu kernel.
 */
export function gelu(g: GraphBuilder, x: string): string {
  const erf = g.op('Erf', [g.op('Div', [x, g.scalar(Math.SQRT2)])]);
  const onePlus = g.op('Add', [erf, g.scalar(1)]);
  return g.op('Mul', [g.op('Mul', [x, onePlus]), g.scalar(0.5)]);
}

export function relu(g: GraphBuilder, x: string): string {
  return g.op('Relu', [x]);
}

/** x·W without a bias, as Llama's projections are. */
export function unbiasedLinear(g: GraphBuilder, x: string, inFeatures: number, outFeatures: number): string {
  const weight = g.weight('weight', [inFeatures, outFeatures], normal(1 / Math.sqrt(inFeatures)));
  return g.op('MatMul', [x, weight]);
}

/** `linear` or `unbiasedLinear`, as the architecture asks. */
export function projection(g: GraphBuilder, x: string, inFeatures: number, outFeatures: number, bias: boolean): string {
  return bias ? linear(g, x, inFeatures, outFeatures) : unbiasedLinear(g, x, inFeatures, outFeatures);
}

/**
 * RMSNorm, x / √(mean(x²) + ε) · γ, from opset-17 ops: SimplifiedLayerNormalization
 * is an ONNX Runtime contrib op, so a standard-domain graph spells it out. ReduceMean
 * takes `axes` as an attribute up to opset 17 (an input from 18).
 */
export function rmsNorm(g: GraphBuilder, x: string, features: number, epsilon = 1e-6): string {
  const scale = g.weight('weight', [features], normal(0.1, 1));
  const meanSquare = g.op('ReduceMean', [g.op('Mul', [x, x])], { axes: ints([-1]), keepdims: int(1) });
  const rms = g.op('Sqrt', [g.op('Add', [meanSquare, g.scalar(epsilon)])]);
  return g.op('Mul', [g.op('Div', [x, rms]), scale]);
}

/** SiLU, x·σ(x), as two standard ops (Swish is not an ONNX op before opset 24). */
export function silu(g: GraphBuilder, x: string): string {
  return g.op('Mul', [x, g.op('Sigmoid', [x])]);
}
