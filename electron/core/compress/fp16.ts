/**
 * fp16 weights: every float32 initializer, in every graph, is stored as float16 and a
 * Cast(to FLOAT) node produces the original name, so every op still computes in fp32.
 * The file halves; ONNX Runtime constant-folds the Casts when it creates the session, so
 * run-time memory and compute stay those of the fp32 model — its CPU provider has few
 * fp16 kernels on x86, and an fp16 graph would mostly run as inserted casts.
 */
import { allGraphs } from '../models/graph-walk.js';
import type { GraphProto, ModelProto, NodeProto } from '../models/onnx-proto.js';
import { DataType } from '../models/onnx-proto.js';
import { toHalf } from './float16.js';
import { intAttribute, makeNode, rawTensor, type NameAllocator } from './graph-edit.js';
import type { Rewrite } from './rewrite.js';
import { REASONS, floatBytes, readFloats } from './weights.js';

export function rewriteFp16(model: ModelProto, names: NameAllocator, result: Rewrite): void {
  let clamped = 0;
  for (const graph of allGraphs(model.graph!)) clamped += halveGraph(graph, names, result);
  result.notes.push(
    'Weights are stored as fp16 and cast back to fp32 when ONNX Runtime creates the session: the file halves, run-time memory and compute stay those of the fp32 model.',
  );
  if (clamped > 0)
    result.notes.push(
      `${clamped} weight values were beyond fp16's range (|x| > 65504) and were stored as ±65504 rather than ±infinity.`,
    );
}

/** Halves one graph's float32 initializers; returns how many values were clamped. */
function halveGraph(graph: GraphProto, names: NameAllocator, result: Rewrite): number {
  const graphInputs = new Set((graph.input ?? []).map((value) => value.name ?? ''));
  const casts: NodeProto[] = [];
  let clamped = 0;
  graph.initializer = (graph.initializer ?? []).map((tensor) => {
    const name = tensor.name ?? '';
    if (tensor.dataType !== DataType.FLOAT) return tensor;
    if (graphInputs.has(name)) {
      // Its Cast would produce a name a caller may also feed: leave it fp32.
      result.untouched.push({ reason: REASONS.graphInput, bytes: floatBytes(tensor) });
      return tensor;
    }
    const half = toHalf(readFloats(tensor));
    clamped += half.clamped;
    const stored = names.fresh(`${name}_fp16`);
    casts.push(
      makeNode('Cast', [stored], [name], names.fresh(`${name}/Cast_fp16_to_fp32`), [
        intAttribute('to', DataType.FLOAT),
      ]),
    );
    result.weightsChanged++;
    result.weightBytesBefore += floatBytes(tensor);
    result.weightBytesAfter += half.bits.byteLength;
    return rawTensor(stored, DataType.FLOAT16, [...(tensor.dims ?? [])], half.bits);
  });
  // The Casts read only initializers, so they can run first; the node list stays sorted.
  graph.node = [...casts, ...(graph.node ?? [])];
  for (const node of graph.node) {
    const value = node.opType === 'Constant' ? node.attribute?.find((a) => a.name === 'value')?.t : undefined;
    if (value?.dataType === DataType.FLOAT)
      result.untouched.push({ reason: REASONS.constant, bytes: floatBytes(value) });
  }
  return clamped;
}
