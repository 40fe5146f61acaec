/**
 * Embedding tables — the data of Gather(axis 0) lookups — as `com.microsoft`
 * GatherBlockQuantized, which ONNX Runtime's CPU provider runs: it gathers the quantized
 * rows and dequantizes only those. Without it an LLM's token table, often a third of its
 * weights (GPT-2: 38 M of 124 M parameters) and, when tied, also its LM head, would stay
 * fp32 in every variant.
 *
 * Layout (the op's schema, checked through ORT in tests): data [V, D] uint8 for 8 bits,
 * or [V, D/2] uint8 with two 4-bit values a byte (lower column in the low nibble) for 4
 * bits; scales float [V, D / block]; quantize_axis 1, blocks along a row. Symmetric, with
 * the op's default zero points (128 for 8 bits, 8 for 4 bits), so none are stored:
 * w ≈ (q − zero point) · scale with scale = max |w| of the block / 127 (or / 7).
 */
import type { GraphProto, NodeProto, TensorProto } from '../models/onnx-proto.js';
import { DataType } from '../models/onnx-proto.js';
import { floatTensor, intAttr, intAttribute, makeNode, rawTensor, type NameAllocator } from './graph-edit.js';
import { MS_DOMAIN } from './int4.js';
import type { Rewrite } from './rewrite.js';
import { replaceNodes } from './rewrite.js';
import { floatBytes, readFloats } from './weights.js';

/** A 2-D float32 initializer of the main graph that Gather nodes look rows up in. */
export interface GatherTable {
  tensor: TensorProto;
  nodes: NodeProto[];
}

/** Why a Gather table stays fp32 (as `untouched` reasons). */
export const GATHER_REASONS = {
  width: (block: number) => `Gather table whose row width is not a multiple of the block size ${block}`,
} as const;

/**
 * Tables read by plain Gather nodes of the main graph along axis 0 (an embedding lookup).
 * Other readers of the same initializer (a tied LM head) are not the Gathers' concern:
 * they keep reading it, or a copy of their own.
 */
export function findGatherTables(main: GraphProto, graphInputs: ReadonlySet<string>): GatherTable[] {
  const inits = new Map((main.initializer ?? []).map((tensor) => [tensor.name ?? '', tensor]));
  const tables = new Map<TensorProto, NodeProto[]>();
  for (const node of main.node ?? []) {
    if (node.opType !== 'Gather' || node.domain || intAttr(node, 'axis', 0) !== 0) continue;
    const name = node.input?.[0] ?? '';
    const tensor = inits.get(name);
    if (!tensor || graphInputs.has(name) || tensor.dataType !== DataType.FLOAT) continue;
    if ((tensor.dims ?? []).length !== 2) continue;
    tables.set(tensor, [...(tables.get(tensor) ?? []), node]);
  }
  return [...tables].map(([tensor, nodes]) => ({ tensor, nodes }));
}

export interface QuantizedTable {
  data: Uint8Array;
  scales: Float32Array;
}

/** Block-wise symmetric quantization of each row; `bits` 8 or 4 (packed two a byte). */
export function quantizeTable(values: Float32Array, rows: number, cols: number, bits: 8 | 4, block: number) {
  const levels = bits === 8 ? 127 : 7;
  const zero = bits === 8 ? 128 : 8;
  const blocks = cols / block;
  const data = new Uint8Array(bits === 8 ? rows * cols : (rows * cols) / 2);
  const scales = new Float32Array(rows * blocks);
  for (let r = 0; r < rows; r++) {
    for (let b = 0; b < blocks; b++) {
      const start = r * cols + b * block;
      let max = 0;
      for (let i = start; i < start + block; i++) max = Math.max(max, Math.abs(values[i]!));
      const scale = max > 0 ? max / levels : 1;
      scales[r * blocks + b] = scale;
      for (let i = start; i < start + block; i++) {
        const q = Math.min(2 * zero - 1, Math.max(0, Math.round(values[i]! / scale) + zero));
        if (bits === 8) data[i] = q;
        else data[i >> 1]! |= q << ((i & 1) * 4);
      }
    }
  }
  return { data, scales } satisfies QuantizedTable;
}

/**
 * Replaces each table's Gathers with GatherBlockQuantized. `alreadyCounted` are tensors
 * whose fp32 bytes a MatMul rewrite already counted (a tied table): only the new bytes
 * are added for those. The fp32 table goes once nothing reads it (`finishRewrite`).
 */
export function rewriteGathers(
  main: GraphProto,
  tables: readonly GatherTable[],
  bits: 8 | 4,
  block: number,
  names: NameAllocator,
  result: Rewrite,
  alreadyCounted: ReadonlySet<TensorProto>,
): GatherTable[] {
  const replacements = new Map<NodeProto, NodeProto[]>();
  const rewritten: GatherTable[] = [];
  for (const table of tables) {
    const [rows, cols] = table.tensor.dims as [number, number];
    if (cols % block !== 0) {
      result.untouched.push({ reason: GATHER_REASONS.width(block), bytes: floatBytes(table.tensor) });
      continue;
    }
    const { data, scales } = quantizeTable(readFloats(table.tensor), rows, cols, bits, block);
    const base = table.tensor.name || 'table';
    const q = rawTensor(names.fresh(`${base}_Q${bits}`), DataType.UINT8, [rows, bits === 8 ? cols : cols / 2], data);
    const s = floatTensor(names.fresh(`${base}_scales`), [rows, cols / block], scales);
    main.initializer = [...(main.initializer ?? []), q, s];
    const attributes = [
      intAttribute('bits', bits),
      intAttribute('block_size', block),
      intAttribute('gather_axis', 0),
      intAttribute('quantize_axis', 1),
    ];
    for (const node of table.nodes) {
      const prefix = node.name || `Gather_${node.output?.[0] ?? ''}`;
      const inputs = [q.name ?? '', node.input?.[1] ?? '', s.name ?? ''];
      replacements.set(node, [
        makeNode(
          'GatherBlockQuantized',
          inputs,
          [...(node.output ?? [])],
          names.fresh(`${prefix}/GatherBlockQuantized`),
          attributes,
          MS_DOMAIN,
        ),
      ]);
    }
    if (!alreadyCounted.has(table.tensor)) {
      result.weightsChanged++;
      result.weightBytesBefore += floatBytes(table.tensor);
    }
    result.weightBytesAfter += data.byteLength + scales.byteLength;
    rewritten.push(table);
  }
  replaceNodes(main, replacements);
  return rewritten;
}
