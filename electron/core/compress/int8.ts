/**
 * int8 dynamic quantization in the form ONNX Runtime's quantize_dynamic writes and its
 * CPU provider fuses (MatMulIntegerToFloatFusion, then DynamicQuantizeMatMulFusion) into
 * one DynamicQuantizeMatMul per weight:
 *
 *   DynamicQuantizeLinear(A) → A_q, A_scale, A_zp
 *   MatMulInteger(A_q, W_q, A_zp) → Cast(float) → Mul(·, Mul(A_scale, W_scale)) [→ Add(C)]
 *
 * The scales are multiplied together first: ORT's fusion looks for exactly that
 * Mul(Cast, Mul(A_scale, W_scale)) shape (a chain Mul(A_scale) → Mul(W_scale) is not
 * fused and runs as four separate kernels). Each use gets its own DynamicQuantizeLinear,
 * since the fusion only takes one whose outputs feed a single MatMulInteger.
 *
 * Weights: int8, symmetric, one scale per output column, in the reduced range [−64, 64]
 * (ORT's reduce_range). Why, measured on this project's AVX-512 VNNI machine (one
 * thread, bundled models, 40 runs):
 * - uint8 asymmetric weights (U8U8) never saturate but run on MLAS's slow U8U8 path: the
 *   MLP at batch 512 took 0.95× the fp32 time — no speed-up at all.
 * - int8 weights (U8S8) run the fast path: 0.27× the fp32 time. With the full range
 *   [−127, 127], x86 CPUs with AVX2 but no VNNI (Zen 2/3, pre-Ice Lake Intel) add u8×s8
 *   pairs with VPMADDUBSW into int16, which saturates (255·127·2 > 32767), as ORT's
 *   quantization docs warn. Emulating that kernel on the activations the bundled decoder
 *   really sees: 0.03–0.3 % of pairs saturate and the layer outputs move by 3–6 %.
 * - In [−64, 64] a pair is at most 255·64·2 = 32640, so nothing can saturate on any CPU
 *   at the U8S8 speed; the lost bit costs little: decoder logits cosine vs fp32 0.99947
 *   (0.99974 with the full range, 0.99974 with U8U8).
 */
import type { GraphProto, NodeProto } from '../models/onnx-proto.js';
import { DataType } from '../models/onnx-proto.js';
import { floatTensor, intAttribute, makeNode, rawTensor, type NameAllocator } from './graph-edit.js';
import type { Rewrite } from './rewrite.js';
import { replaceNodes } from './rewrite.js';
import type { QuantizableWeight } from './weights.js';
import { floatBytes, readFloats, weightAt } from './weights.js';

/** A weight as MatMulInteger reads it: W_q [K, N] row-major and a scale per column (zero point 0). */
export interface Int8Weight {
  quantized: Int8Array;
  scales: Float32Array;
}

/** The largest |q|: two u8×s8 products then sum to at most 255·64·2 = 32640 < 2^15. */
export const INT8_WEIGHT_MAX = 64;

/** Per-column symmetric int8 in [−64, 64]: scale = max |w| / 64 over the column. */
export function quantizeInt8(weight: QuantizableWeight): Int8Weight {
  const { k: K, n: N } = weight;
  const at = weightAt(weight, readFloats(weight.tensor));
  const quantized = new Int8Array(K * N);
  const scales = new Float32Array(N);
  for (let n = 0; n < N; n++) {
    let max = 0;
    for (let k = 0; k < K; k++) max = Math.max(max, Math.abs(at(k, n)));
    const scale = max > 0 ? max / INT8_WEIGHT_MAX : 1;
    scales[n] = scale;
    for (let k = 0; k < K; k++) {
      const q = Math.round(at(k, n) / scale);
      quantized[k * N + n] = Math.min(INT8_WEIGHT_MAX, Math.max(-INT8_WEIGHT_MAX, q));
    }
  }
  return { quantized, scales };
}

/** Rewrites every use of `weights` in `main` into the DynamicQuantizeLinear → MatMulInteger chain. */
export function rewriteInt8(
  main: GraphProto,
  weights: readonly QuantizableWeight[],
  names: NameAllocator,
  result: Rewrite,
): void {
  const replacements = new Map<NodeProto, NodeProto[]>();
  for (const weight of weights) {
    const { quantized, scales } = quantizeInt8(weight);
    const base = `${weight.tensor.name ?? 'weight'}${weight.transposed ? '_transposed' : ''}`;
    const tensors = [
      rawTensor(names.fresh(`${base}_quantized`), DataType.INT8, [weight.k, weight.n], quantized),
      floatTensor(names.fresh(`${base}_scale`), [weight.n], scales),
    ] as const;
    main.initializer = [...(main.initializer ?? []), ...tensors];
    for (const use of weight.uses) {
      const [wq, ws] = tensors.map((t) => t.name ?? '') as [string, string];
      replacements.set(use.node, int8Chain(use.node, use.bias, wq, ws, names));
    }
    result.weightsChanged++;
    result.weightBytesBefore += floatBytes(weight.tensor);
    result.weightBytesAfter += quantized.byteLength + scales.byteLength;
  }
  replaceNodes(main, replacements);
}

function int8Chain(
  node: NodeProto,
  bias: string | undefined,
  wq: string,
  wScale: string,
  names: NameAllocator,
): NodeProto[] {
  const a = node.input?.[0] ?? '';
  const output = node.output?.[0] ?? '';
  const prefix = node.name || `${node.opType ?? 'MatMul'}_${output}`;
  const value = (what: string) => names.fresh(`${prefix}/${what}`);
  const nodeName = (op: string) => names.fresh(`${prefix}/${op}`);
  const [aq, aScale, aZero] = [value('A_quantized'), value('A_scale'), value('A_zero_point')];
  const product = value('MatMulInteger_output');
  const asFloat = value('Cast_output');
  const scale = value('scale');
  const scaled = bias ? value('scaled') : output;
  const chain = [
    makeNode('DynamicQuantizeLinear', [a], [aq, aScale, aZero], nodeName('DynamicQuantizeLinear')),
    makeNode('MatMulInteger', [aq, wq, aZero], [product], nodeName('MatMulInteger')),
    makeNode('Cast', [product], [asFloat], nodeName('Cast'), [intAttribute('to', DataType.FLOAT)]),
    makeNode('Mul', [aScale, wScale], [scale], nodeName('Mul_scales')),
    makeNode('Mul', [asFloat, scale], [scaled], nodeName('Mul')),
  ];
  if (bias) chain.push(makeNode('Add', [scaled, bias], [output], nodeName('Add_bias')));
  return chain;
}
