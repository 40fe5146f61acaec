/**
 * What converters write around a graph besides its nodes: producer, IR version, node
 * names, initializers listed as inputs. Applied to a built model, so a case reads as
 * "this graph, as PyTorch would have written it".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel, type ModelProto, type NodeProto } from '../../../electron/core/models/onnx-proto.js';
import type { GraphBuilder } from '../../../models/builder/graph-builder.js';

/** A converter's signature in the file: `producer_name`, version and the IR it writes. */
export interface Exporter {
  producerName: string;
  producerVersion: string;
  irVersion: number;
  opset: number;
}

export const TORCH_SCRIPT: Exporter = { producerName: 'pytorch', producerVersion: '2.1.0', irVersion: 8, opset: 17 };
export const TORCH_DYNAMO: Exporter = { producerName: 'pytorch', producerVersion: '2.5.0', irVersion: 10, opset: 18 };
/** PyTorch 1.x with `keep_initializers_as_inputs`, the default below opset 9. */
export const TORCH_LEGACY: Exporter = { producerName: 'pytorch', producerVersion: '1.4', irVersion: 4, opset: 9 };
export const TF2ONNX: Exporter = { producerName: 'tf2onnx', producerVersion: '1.16.1 15c810', irVersion: 7, opset: 13 };
export const PADDLE2ONNX: Exporter = { producerName: 'PaddlePaddle', producerVersion: '', irVersion: 6, opset: 11 };
export const SKL2ONNX: Exporter = { producerName: 'skl2onnx', producerVersion: '1.17.0', irVersion: 8, opset: 17 };
/** The project's own builder, for cases about shapes and types rather than converters. */
export const PLAIN: Exporter = { producerName: 'modeldyno-compat', producerVersion: '1', irVersion: 8, opset: 17 };

/** The builder's graph with the converter's producer, IR version and opset. */
export function exportAs(g: GraphBuilder, exporter: Exporter): ModelProto {
  const { producerName, producerVersion, irVersion, opset } = exporter;
  return { ...g.toModel({ opset }), producerName, producerVersion, irVersion };
}

/**
 * Names nodes by module path as torch.onnx.export does (`/model/layers.0/MatMul`,
 * then `/model/layers.0/MatMul_1`), which puts slashes and dots in ORT's profile.
 */
export function torchNodeNames(model: ModelProto, modulePath: string): ModelProto {
  const seen = new Map<string, number>();
  return mapNodes(model, (node) => {
    const opType = node.opType ?? 'Op';
    const count = seen.get(opType) ?? 0;
    seen.set(opType, count + 1);
    return { ...node, name: `/${modulePath}/${opType}${count ? `_${count}` : ''}` };
  });
}

/** Nodes with no name at all, as `onnx.helper.make_node` leaves them by default. */
export function unnamedNodes(model: ModelProto): ModelProto {
  return mapNodes(model, ({ name: _name, ...node }) => node);
}

/** Every initializer also declared as a graph input, as IR < 4 required. */
export function initializersAsInputs(model: ModelProto): ModelProto {
  const graph = model.graph ?? {};
  const declared = (graph.initializer ?? []).map((tensor) => ({
    name: tensor.name,
    type: {
      tensorType: { elemType: tensor.dataType, shape: { dim: (tensor.dims ?? []).map((d) => ({ dimValue: d })) } },
    },
  }));
  return { ...model, graph: { ...graph, input: [...(graph.input ?? []), ...declared] } };
}

/** Moves `opTypes` into `domain` (e.g. `ai.onnx.ml`) and imports that domain's opset. */
export function inDomain(model: ModelProto, domain: string, version: number, opTypes: readonly string[]): ModelProto {
  const moved = mapNodes(model, (node) => (opTypes.includes(node.opType ?? '') ? { ...node, domain } : node));
  return { ...moved, opsetImport: [...(model.opsetImport ?? []), { domain, version }] };
}

function mapNodes(model: ModelProto, rename: (node: NodeProto) => NodeProto): ModelProto {
  const graph = model.graph ?? {};
  return { ...model, graph: { ...graph, node: (graph.node ?? []).map(rename) } };
}

/** Writes the model as `<dir>/<file>` and returns the path. */
export function writeModel(dir: string, file: string, model: ModelProto): string {
  const path = join(dir, file);
  writeFileSync(path, encodeModel(model));
  return path;
}
