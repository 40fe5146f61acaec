/**
 * Small graph-editing helpers the variant writers share: fresh names, nodes and
 * attributes, tensors with raw little-endian data, opset imports and metadata. Nothing
 * here knows about quantization.
 */
import { allGraphs, countOps } from '../models/graph-walk.js';
import type { AttributeProto, GraphProto, ModelProto, NodeProto, TensorProto } from '../models/onnx-proto.js';
import { AttributeType, DataType } from '../models/onnx-proto.js';

/** Hands out value and node names that no graph of the model uses yet. */
export class NameAllocator {
  private readonly used = new Set<string>();

  constructor(model: ModelProto) {
    if (!model.graph) return;
    for (const graph of allGraphs(model.graph)) {
      for (const tensor of graph.initializer ?? []) this.add(tensor.name);
      for (const value of [...(graph.input ?? []), ...(graph.output ?? []), ...(graph.valueInfo ?? [])])
        this.add(value.name);
      for (const node of graph.node ?? []) {
        this.add(node.name);
        for (const name of [...(node.input ?? []), ...(node.output ?? [])]) this.add(name);
      }
    }
  }

  private add(name: string | undefined): void {
    if (name) this.used.add(name);
  }

  /** `base`, or `base_2`, `base_3` … when taken. */
  fresh(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }
}

export function intAttribute(name: string, i: number): AttributeProto {
  return { name, type: AttributeType.INT, i };
}

/** An INT attribute's value, or `fallback` when the node does not set it. */
export function intAttr(node: NodeProto, name: string, fallback: number): number {
  const attribute = node.attribute?.find((a) => a.name === name);
  return attribute?.i ?? fallback;
}

export function floatAttr(node: NodeProto, name: string, fallback: number): number {
  const attribute = node.attribute?.find((a) => a.name === name);
  return attribute?.f ?? fallback;
}

export function intsAttr(node: NodeProto, name: string): number[] | undefined {
  return node.attribute?.find((a) => a.name === name)?.ints;
}

export function makeNode(
  opType: string,
  input: string[],
  output: string[],
  name: string,
  attribute: AttributeProto[] = [],
  domain?: string,
): NodeProto {
  return { opType, input, output, name, attribute, ...(domain ? { domain } : {}) };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A tensor whose raw_data views `values` (ONNX raw_data is little-endian). */
export function rawTensor(
  name: string,
  dataType: number,
  dims: number[],
  values: Float32Array | Uint16Array | Uint8Array | Int8Array,
): TensorProto {
  if (!LITTLE_ENDIAN && values.BYTES_PER_ELEMENT > 1) throw new Error('variant writing needs a little-endian host');
  return { name, dims, dataType, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) };
}

export const floatTensor = (name: string, dims: number[], values: Float32Array) =>
  rawTensor(name, DataType.FLOAT, dims, values);

/** Makes sure the model imports `domain` at `version` or later; returns the version it imports. */
export function ensureOpset(model: ModelProto, domain: string, version: number): number {
  const imports = (model.opsetImport ??= []);
  const existing = imports.find((opset) => sameDomain(opset.domain, domain));
  if (!existing) {
    imports.push({ domain, version });
    return version;
  }
  if ((existing.version ?? 0) < version) existing.version = version;
  return existing.version ?? version;
}

/** The version of the default ONNX domain the model imports (0 when none). */
export function defaultOpset(model: ModelProto): number {
  return model.opsetImport?.find((opset) => sameDomain(opset.domain, ''))?.version ?? 0;
}

function sameDomain(a: string | undefined, b: string): boolean {
  const norm = (d: string | undefined) => (!d || d === 'ai.onnx' ? '' : d);
  return norm(a) === norm(b);
}

/** Sets metadata entries, replacing keys that exist and keeping every other entry. */
export function setMetadata(model: ModelProto, entries: Record<string, string>): void {
  const kept = (model.metadataProps ?? []).filter((entry) => !Object.hasOwn(entries, entry.key ?? ''));
  model.metadataProps = [...kept, ...Object.entries(entries).map(([key, value]) => ({ key, value }))];
}

/** Node-count differences by op type, as the contract's opsAdded / opsRemoved. */
export function opDelta(
  before: Record<string, number>,
  model: ModelProto,
): { opsAdded: Record<string, number>; opsRemoved: Record<string, number> } {
  const after = model.graph ? countOps(allGraphs(model.graph)) : {};
  const opsAdded: Record<string, number> = {};
  const opsRemoved: Record<string, number> = {};
  for (const op of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const change = (after[op] ?? 0) - (before[op] ?? 0);
    if (change > 0) opsAdded[op] = change;
    if (change < 0) opsRemoved[op] = -change;
  }
  return { opsAdded, opsRemoved };
}

/** How many node inputs (in every graph, subgraphs included) and graph outputs read each name. */
export function readerCounts(main: GraphProto): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (name: string | undefined) => {
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  for (const graph of allGraphs(main)) {
    for (const node of graph.node ?? []) for (const name of node.input ?? []) bump(name);
    for (const output of graph.output ?? []) bump(output.name);
  }
  return counts;
}

/**
 * Drops the main graph's nodes and initializers in `candidates` that nothing reads any
 * more (a folded Transpose, a weight replaced by its quantized copy), and their value_info.
 */
export function dropUnread(main: GraphProto, candidates: { nodes: NodeProto[]; initializers: string[] }): void {
  const readers = readerCounts(main);
  const unread = (name: string | undefined) => !name || (readers.get(name) ?? 0) === 0;
  const deadNodes = new Set(candidates.nodes.filter((node) => (node.output ?? []).every(unread)));
  // A dropped node no longer reads its inputs: an initializer only it read goes too.
  for (const node of deadNodes) for (const name of node.input ?? []) readers.set(name, (readers.get(name) ?? 1) - 1);
  const deadValues = new Set<string>();
  for (const node of deadNodes) for (const name of node.output ?? []) deadValues.add(name);
  for (const name of candidates.initializers) if (unread(name)) deadValues.add(name);
  main.node = (main.node ?? []).filter((node) => !deadNodes.has(node));
  main.initializer = (main.initializer ?? []).filter((tensor) => !deadValues.has(tensor.name ?? ''));
  main.valueInfo = (main.valueInfo ?? []).filter((value) => !deadValues.has(value.name ?? ''));
}
