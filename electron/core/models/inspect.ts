/** Reads what a model file says about itself: interface, ops, size, metadata. */
import type { Dim, OpsetInfo, TensorInfo } from '../../shared/model.js';
import { DynoError } from '../../shared/errors.js';
import type { ModelProto, TensorShapeDimension, TypeProto, ValueInfoProto } from './onnx-proto.js';
import { decodeModel } from './onnx-proto.js';
import { dtypeOf } from './onnx-dtype.js';
import { allGraphs, countOps, sumParameters } from './graph-walk.js';
import { findIndexBounds } from './index-bounds.js';
import { externalTensorRefs } from './external-data.js';
import type { ModelGraph } from './model-graph.js';

export type { ModelGraph } from './model-graph.js';

const WHAT_TO_DO =
  'Check that the path points at a complete .onnx file (not a text file, archive or ' +
  'partial download) and export the model again if it does.';

function notAModel(reason: string, cause?: unknown): DynoError {
  return new DynoError('model-invalid', `file is not an ONNX model: ${reason}. ${WHAT_TO_DO}`, {
    cause,
  });
}

function decodeOrThrow(bytes: Uint8Array): ModelProto {
  if (bytes.length === 0) throw notAModel('the file is empty');
  try {
    return decodeModel(bytes);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    if (/max depth exceeded/.test(detail)) {
      // protobufjs stops at 100 nested messages, as protoc's parser (and so ORT's) does.
      throw new DynoError(
        'model-invalid',
        'its graphs are nested too deeply (If/Loop/Scan bodies more than about 30 levels inside each other; protobuf parsers stop at 100 nested messages). Flatten the control flow and export again.',
        { cause: err },
      );
    }
    throw notAModel(`its bytes do not decode as ONNX protobuf (${detail})`, err);
  }
}

/**
 * Inspects ONNX model bytes. Linear in the file size and copies no weight bytes.
 * Throws DynoError 'model-invalid' when the bytes are not an ONNX model.
 */
export function inspectModel(bytes: Uint8Array): ModelGraph {
  const model = decodeOrThrow(bytes);
  const main = model.graph;
  // Random bytes sometimes decode as an (empty) protobuf; a model needs both of these.
  if (!main) throw notAModel('it has no graph');
  if (!model.irVersion || model.irVersion <= 0) throw notAModel('it has no IR version');

  const graphs = allGraphs(main);
  const initializerNames = new Set((main.initializer ?? []).map((tensor) => tensor.name));
  const opCounts = countOps(graphs);
  const totals = sumParameters(graphs);
  const externalTensors = externalTensorRefs(model);
  return {
    irVersion: model.irVersion,
    producer: `${model.producerName ?? ''} ${model.producerVersion ?? ''}`.trim(),
    opsets: (model.opsetImport ?? []).map((opset): OpsetInfo => ({
      domain: opset.domain ?? '',
      version: opset.version ?? 0,
    })),
    inputs: (main.input ?? []).filter((input) => !initializerNames.has(input.name)).map(tensorInfo),
    outputs: (main.output ?? []).map(tensorInfo),
    opCounts,
    nodeCount: Object.values(opCounts).reduce((sum, count) => sum + count, 0),
    ...totals,
    externalData: totals.externalData || externalTensors.length > 0,
    externalTensors,
    metadata: Object.fromEntries((model.metadataProps ?? []).map((entry) => [entry.key ?? '', entry.value ?? ''])),
    indexBounds: findIndexBounds(main, graphs),
  };
}

/**
 * Sequences and maps have no element type or shape a TensorInfo can hold: they are
 * 'unknown' with no dims. An optional tensor is described by the tensor it wraps.
 */
function tensorInfo(value: ValueInfoProto): TensorInfo {
  const tensor = tensorTypeOf(value.type);
  return {
    name: value.name ?? '',
    dtype: dtypeOf(tensor?.elemType),
    shape: (tensor?.shape?.dim ?? []).map(dimOf),
  };
}

/** paddle2onnx writes an open dim as dim_value -1; the contract says null for that. */
function dimOf(dim: TensorShapeDimension): Dim {
  if (dim.dimValue !== undefined) return dim.dimValue < 0 ? null : dim.dimValue;
  return dim.dimParam ? dim.dimParam : null;
}

function tensorTypeOf(type: TypeProto | undefined): TypeProto['tensorType'] {
  if (!type) return undefined;
  if (type.tensorType) return type.tensorType;
  if (type.sparseTensorType) return type.sparseTensorType;
  if (type.optionalType?.elemType) return tensorTypeOf(type.optionalType.elemType);
  return undefined;
}
