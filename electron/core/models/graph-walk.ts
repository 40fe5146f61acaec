/** Walks a model's graphs (If/Loop/Scan bodies included) once, without recursion. */
import type { GraphProto, NodeProto, SparseTensorProto, TensorProto } from './onnx-proto.js';
import { DataLocation, entryValue } from './onnx-proto.js';
import { bitsPerElement } from './onnx-dtype.js';

/** The main graph first, then every subgraph held in node attributes. */
export function allGraphs(main: GraphProto): GraphProto[] {
  const graphs: GraphProto[] = [];
  // An explicit stack: a hostile file can nest subgraphs deeper than the JS stack.
  const pending: GraphProto[] = [main];
  for (let graph = pending.pop(); graph; graph = pending.pop()) {
    graphs.push(graph);
    for (const node of graph.node ?? []) {
      for (const attribute of node.attribute ?? []) {
        if (attribute.g) pending.push(attribute.g);
        for (const subgraph of attribute.graphs ?? []) pending.push(subgraph);
      }
    }
  }
  return graphs;
}

/** True for '' and 'ai.onnx', the two spellings of the default operator domain. */
export function isDefaultDomain(domain: string | undefined): boolean {
  return !domain || domain === 'ai.onnx';
}

/** 'MatMul' for default-domain ops, 'com.microsoft.MatMulNBits' for the rest. */
export function opKey(node: NodeProto): string {
  const opType = node.opType ?? '';
  return isDefaultDomain(node.domain) ? opType : `${node.domain}.${opType}`;
}

export function countOps(graphs: readonly GraphProto[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const graph of graphs) {
    for (const node of graph.node ?? []) {
      const key = opKey(node);
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

export function elementCount(dims: readonly number[] | undefined): number {
  let count = 1;
  for (const dim of dims ?? []) count *= dim;
  return count;
}

export function isExternal(tensor: TensorProto): boolean {
  return tensor.dataLocation === DataLocation.EXTERNAL;
}

function storedBytes(tensor: TensorProto, elements: number): number {
  const bits = bitsPerElement(tensor.dataType);
  if (bits > 0) return Math.ceil((elements * bits) / 8);
  if (tensor.stringData?.length) {
    return tensor.stringData.reduce((sum, bytes) => sum + bytes.length, 0);
  }
  // Strings stored externally or an element type this build does not know.
  return Number(entryValue(tensor.externalData, 'length') ?? tensor.rawData?.length ?? 0);
}

export interface ParameterTotals {
  parameterCount: number;
  parameterBytes: number;
  externalDataFiles: string[];
  externalData: boolean;
}

/**
 * Sizes come from dims and element type, never from the data, so externally stored
 * tensors count too. Sparse initializers count as dense: ONNX Runtime densifies
 * them when it loads the model.
 */
export function sumParameters(graphs: readonly GraphProto[]): ParameterTotals {
  const totals: ParameterTotals = {
    parameterCount: 0,
    parameterBytes: 0,
    externalDataFiles: [],
    externalData: false,
  };
  const files = new Set<string>();
  const add = (tensor: TensorProto, dims: readonly number[] | undefined) => {
    const elements = elementCount(dims);
    totals.parameterCount += elements;
    totals.parameterBytes += storedBytes(tensor, elements);
    if (!isExternal(tensor)) return;
    totals.externalData = true;
    const location = entryValue(tensor.externalData, 'location');
    if (location !== undefined && !files.has(location)) {
      files.add(location);
      totals.externalDataFiles.push(location);
    }
  };
  for (const graph of graphs) {
    for (const tensor of graph.initializer ?? []) add(tensor, tensor.dims);
    for (const sparse of graph.sparseInitializer ?? []) addSparse(sparse, add);
  }
  return totals;
}

function addSparse(
  sparse: SparseTensorProto,
  add: (tensor: TensorProto, dims: readonly number[] | undefined) => void,
): void {
  if (sparse.values) add(sparse.values, sparse.dims);
}
