/**
 * Finds the weights a variant may rewrite and reads their float data. A weight is
 * "quantizable" when it is a 2-D float32 initializer of the main graph feeding a MatMul's
 * B, a plain Gemm's B (transA 0, alpha 1, beta 1), or a MatMul's B through
 * Transpose(perm [1, 0]) — GPT-2's tied LM head. Every other float32 initializer is
 * listed with the reason it stays as it is, so a variant can report what it left alone.
 */
import { DynoError } from '../../shared/errors.js';
import type { UntouchedWeights } from '../../shared/compress.js';
import { allGraphs, elementCount } from '../models/graph-walk.js';
import type { GraphProto, ModelProto, NodeProto, TensorProto } from '../models/onnx-proto.js';
import { DataType } from '../models/onnx-proto.js';
import { floatAttr, intAttr, intsAttr } from './graph-edit.js';
import { WHAT_TO_DO } from './source.js';

/** One MatMul or Gemm that reads the weight as its B. */
export interface WeightUse {
  node: NodeProto;
  /** Gemm's C, to be added after the rewritten product; undefined for MatMul or a Gemm without C. */
  bias: string | undefined;
}

/** A weight W [K, N] that MatMul/Gemm nodes multiply their input by. */
export interface QuantizableWeight {
  /** The initializer holding the values. */
  tensor: TensorProto;
  /** True when W is the initializer transposed (Gemm transB = 1, or a folded Transpose). */
  transposed: boolean;
  k: number;
  n: number;
  uses: WeightUse[];
  /** Transpose nodes that only turn the initializer into W; dropped once nothing reads them. */
  folded: NodeProto[];
  /** Op types that read the initializer for something else (e.g. Gather for a tied embedding). */
  otherReaders: string[];
}

/** A float32 tensor no variant rewrites, and why. */
export interface OtherWeight {
  tensor: TensorProto;
  reason: string;
}

export interface WeightInventory {
  quantizable: QuantizableWeight[];
  others: OtherWeight[];
}

/** A float32 tensor's values as a fresh array (never a view: the source bytes stay untouched). */
export function readFloats(tensor: TensorProto): Float32Array {
  const expected = elementCount(tensor.dims);
  const raw = tensor.rawData;
  // Copied into a new, aligned buffer (protobufjs hands out Buffers, whose slice() is a view,
  // not a copy); raw_data is little-endian like every host we run on.
  const values =
    raw && raw.length > 0
      ? new Float32Array(raw.length % 4 === 0 ? new Uint8Array(raw).buffer : new ArrayBuffer(0))
      : Float32Array.from(tensor.floatData ?? []);
  if (values.length !== expected)
    throw new DynoError(
      'model-invalid',
      `tensor "${tensor.name ?? ''}" holds ${values.length} float values but its dims [${(tensor.dims ?? []).join(', ')}] need ${expected}. ${WHAT_TO_DO}`,
    );
  return values;
}

/** W[k, n] of a weight, whichever way its initializer stores it. */
export function weightAt(weight: QuantizableWeight, values: Float32Array): (k: number, n: number) => number {
  const { k: rows, n: cols } = weight;
  return weight.transposed ? (k, n) => values[n * rows + k]! : (k, n) => values[k * cols + n]!;
}

/** Float32 bytes of a tensor by its dims. */
export const floatBytes = (tensor: TensorProto) => 4 * elementCount(tensor.dims);

const isFloat2d = (tensor: TensorProto): boolean =>
  tensor.dataType === DataType.FLOAT && (tensor.dims ?? []).length === 2;

/** Reasons a MatMul/Gemm B initializer is not quantizable (also used as `untouched` reasons). */
export const REASONS = {
  gemmForm: 'Gemm weight with transA, alpha or beta not 1',
  notMatrix: 'MatMul/Gemm weight that is not a 2-D float32 matrix',
  graphInput: 'initializer that is also a graph input (callers may override it)',
  subgraph: 'weight inside an If/Loop/Scan body',
  conv: 'Conv weight',
  gather: 'Gather table (embedding lookup)',
  vector: 'bias or normalization vector (1-D)',
  constant: 'Constant node value (weights stored in nodes are not rewritten)',
} as const;

/** Finds every quantizable weight of the main graph and classifies the rest. */
export function inventory(model: ModelProto): WeightInventory {
  const main = model.graph!;
  const inits = new Map((main.initializer ?? []).map((tensor) => [tensor.name ?? '', tensor]));
  const graphInputs = new Set((main.input ?? []).map((value) => value.name ?? ''));
  const producers = new Map<string, NodeProto>();
  for (const node of main.node ?? []) for (const output of node.output ?? []) producers.set(output, node);
  const readers = readersOf(main);

  const byKey = new Map<string, QuantizableWeight>();
  const rejected = new Map<string, string>();
  const candidate = (name: string | undefined): TensorProto | undefined => {
    const tensor = inits.get(name ?? '');
    if (!tensor || graphInputs.has(name ?? '')) return undefined;
    if (!isFloat2d(tensor)) {
      if (tensor.dataType === DataType.FLOAT) rejected.set(name ?? '', REASONS.notMatrix);
      return undefined;
    }
    return tensor;
  };
  const add = (tensor: TensorProto, transposed: boolean, use: WeightUse, folded?: NodeProto) => {
    const key = `${tensor.name ?? ''}\u0000${transposed}`;
    const [rows, cols] = tensor.dims as [number, number];
    let weight = byKey.get(key);
    if (!weight) {
      weight = {
        tensor,
        transposed,
        k: transposed ? cols : rows,
        n: transposed ? rows : cols,
        uses: [],
        folded: [],
        otherReaders: [],
      };
      byKey.set(key, weight);
    }
    weight.uses.push(use);
    if (folded && !weight.folded.includes(folded)) weight.folded.push(folded);
  };

  for (const node of main.node ?? []) {
    const b = node.input?.[1];
    if (node.opType === 'MatMul' && !node.domain) {
      const direct = candidate(b);
      if (direct) add(direct, false, { node, bias: undefined });
      const transpose = producers.get(b ?? '');
      const source = transpose && isSwapTranspose(transpose) ? candidate(transpose.input?.[0]) : undefined;
      if (source && transpose) add(source, true, { node, bias: undefined }, transpose);
    } else if (node.opType === 'Gemm' && !node.domain) {
      const tensor = candidate(b);
      if (!tensor) continue;
      const c = node.input?.[2] || undefined;
      const plain =
        intAttr(node, 'transA', 0) === 0 &&
        floatAttr(node, 'alpha', 1) === 1 &&
        (c === undefined || floatAttr(node, 'beta', 1) === 1);
      if (plain) add(tensor, intAttr(node, 'transB', 0) === 1, { node, bias: c });
      else rejected.set(tensor.name ?? '', REASONS.gemmForm);
    }
  }

  const quantizable = [...byKey.values()];
  for (const weight of quantizable) weight.otherReaders = otherReaders(weight, quantizable, readers);
  const rewritten = new Set(quantizable.map((weight) => weight.tensor));
  return { quantizable, others: classifyOthers(model, rewritten, rejected, graphInputs, readers) };
}

/** Transpose with perm [1, 0] (or no perm, which reverses a 2-D input's axes the same way). */
function isSwapTranspose(node: NodeProto): boolean {
  if (node.opType !== 'Transpose' || node.domain) return false;
  const perm = intsAttr(node, 'perm');
  return perm === undefined || perm.length === 0 || (perm.length === 2 && perm[0] === 1 && perm[1] === 0);
}

interface Reader {
  node: NodeProto | undefined;
  /** Input slot, -1 for a graph output. */
  slot: number;
  inMain: boolean;
}

function readersOf(main: GraphProto): Map<string, Reader[]> {
  const readers = new Map<string, Reader[]>();
  const push = (name: string | undefined, reader: Reader) => {
    if (!name) return;
    const list = readers.get(name) ?? [];
    list.push(reader);
    readers.set(name, list);
  };
  for (const graph of allGraphs(main)) {
    const inMain = graph === main;
    for (const node of graph.node ?? []) node.input?.forEach((name, slot) => push(name, { node, slot, inMain }));
    for (const output of graph.output ?? []) push(output.name, { node: undefined, slot: -1, inMain });
  }
  return readers;
}

const readerName = (reader: Reader) =>
  reader.node
    ? reader.inMain
      ? (reader.node.opType ?? '?')
      : `${reader.node.opType ?? '?'} in a subgraph`
    : 'graph output';

/** What reads the initializer besides its quantizable uses and the Transposes folded into them. */
function otherReaders(
  weight: QuantizableWeight,
  all: readonly QuantizableWeight[],
  readers: Map<string, Reader[]>,
): string[] {
  const name = weight.tensor.name ?? '';
  const useNodes = new Set(all.filter((w) => w.tensor === weight.tensor).flatMap((w) => w.uses.map((u) => u.node)));
  const folded = new Set(all.filter((w) => w.tensor === weight.tensor).flatMap((w) => w.folded));
  const others: string[] = [];
  for (const reader of readers.get(name) ?? []) {
    if (reader.inMain && reader.node && reader.slot === 1 && useNodes.has(reader.node)) continue;
    if (reader.inMain && reader.node && folded.has(reader.node)) continue;
    others.push(readerName(reader));
  }
  // A folded Transpose whose output is also read elsewhere keeps reading the initializer.
  for (const transpose of folded) {
    for (const reader of readers.get(transpose.output?.[0] ?? '') ?? []) {
      if (reader.inMain && reader.node && reader.slot === 1 && useNodes.has(reader.node)) continue;
      others.push(`${readerName(reader)} (through Transpose)`);
    }
  }
  return [...new Set(others)];
}

function classifyOthers(
  model: ModelProto,
  rewritten: Set<TensorProto>,
  rejected: Map<string, string>,
  graphInputs: Set<string>,
  readers: Map<string, Reader[]>,
): OtherWeight[] {
  const main = model.graph!;
  const others: OtherWeight[] = [];
  for (const graph of allGraphs(main)) {
    for (const tensor of graph.initializer ?? []) {
      if (tensor.dataType !== DataType.FLOAT || rewritten.has(tensor)) continue;
      const name = tensor.name ?? '';
      let reason: string;
      if (graph !== main) reason = REASONS.subgraph;
      else if (graphInputs.has(name)) reason = REASONS.graphInput;
      else reason = rejected.get(name) ?? reasonFromReaders(tensor, readers.get(name) ?? []);
      others.push({ tensor, reason });
    }
    for (const node of graph.node ?? []) {
      const value = node.opType === 'Constant' ? node.attribute?.find((a) => a.name === 'value')?.t : undefined;
      if (value?.dataType === DataType.FLOAT) others.push({ tensor: value, reason: REASONS.constant });
    }
  }
  return others;
}

function reasonFromReaders(tensor: TensorProto, readers: Reader[]): string {
  const opAt = (op: string, slot: number) => readers.some((r) => r.node?.opType === op && r.slot === slot);
  if (opAt('Conv', 1) || opAt('ConvTranspose', 1)) return REASONS.conv;
  if (opAt('Gather', 0)) return REASONS.gather;
  if ((tensor.dims ?? []).length <= 1) return REASONS.vector;
  const ops = [...new Set(readers.map(readerName))];
  return ops.length ? `other float32 tensor (read by ${ops.join(', ')})` : 'float32 initializer nothing reads';
}

/** Groups tensors by reason with count and bytes, biggest first: the contract's `untouched`. */
export function groupUntouched(items: ReadonlyArray<{ reason: string; bytes: number }>): UntouchedWeights[] {
  const groups = new Map<string, UntouchedWeights>();
  for (const { reason, bytes } of items) {
    const group = groups.get(reason) ?? { reason, count: 0, bytes: 0 };
    group.count++;
    group.bytes += bytes;
    groups.set(reason, group);
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes);
}
