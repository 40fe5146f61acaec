/**
 * Finds graph inputs that index an embedding table, so synthesised ids stay inside it.
 * A token-id input that runs past the vocabulary makes ONNX Runtime's Gather fail
 * ("indices element out of data bounds"), so the worker needs the bound up front.
 */
import type { GraphProto, NodeProto, TensorProto } from './onnx-proto.js';
import { isDefaultDomain } from './graph-walk.js';

/** Ops between an input and a Gather that keep index values unchanged. */
const INDEX_PASS_THROUGH = new Set(['Cast', 'Unsqueeze', 'Squeeze', 'Reshape', 'Flatten', 'Identity']);
/** Ops between an initializer and a Gather that keep the table's shape. */
const TABLE_PASS_THROUGH = new Set(['Cast', 'DequantizeLinear', 'Identity']);
/** Longer chains than this are not worth following (and guard against cycles). */
const MAX_CHAIN = 16;

export function findIndexBounds(main: GraphProto, graphs: readonly GraphProto[]): Record<string, number> {
  const producers = new Map<string, NodeProto>();
  const initializers = new Map<string, TensorProto>();
  for (const graph of graphs) {
    for (const node of graph.node ?? []) {
      for (const output of node.output ?? []) producers.set(output, node);
    }
    for (const tensor of graph.initializer ?? []) {
      if (tensor.name) initializers.set(tensor.name, tensor);
    }
  }
  const feedable = new Set((main.input ?? []).map((input) => input.name ?? '').filter((n) => !initializers.has(n)));
  const trace = (name: string | undefined, through: ReadonlySet<string>): string | undefined => {
    let current = name;
    for (let step = 0; current !== undefined && step < MAX_CHAIN; step++) {
      const producer = producers.get(current);
      if (!producer || !isDefaultDomain(producer.domain)) return current;
      if (!through.has(producer.opType ?? '')) return current;
      current = producer.input?.[0];
    }
    return undefined;
  };

  const bounds: Record<string, number> = {};
  for (const graph of graphs) {
    for (const node of graph.node ?? []) {
      if (node.opType !== 'Gather' || !isDefaultDomain(node.domain)) continue;
      const tableName = trace(node.input?.[0], TABLE_PASS_THROUGH);
      const table = tableName === undefined ? undefined : initializers.get(tableName);
      const input = trace(node.input?.[1], INDEX_PASS_THROUGH);
      if (!table || input === undefined || !feedable.has(input)) continue;
      const size = gatheredAxisSize(node, table);
      if (size === undefined) continue;
      bounds[input] = Math.min(bounds[input] ?? size, size);
    }
  }
  return bounds;
}

function gatheredAxisSize(node: NodeProto, table: TensorProto): number | undefined {
  const dims = table.dims ?? [];
  const axis = node.attribute?.find((a) => a.name === 'axis')?.i ?? 0;
  return dims[axis < 0 ? axis + dims.length : axis];
}
