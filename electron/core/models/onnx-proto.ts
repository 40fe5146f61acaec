/**
 * Typed encode/decode for the ONNX protobuf subset in `onnx-schema.ts`.
 *
 * No file I/O here: this module also runs in a browser bundle. Decoding keeps `bytes`
 * fields (raw_data) as views into the input buffer — protobufjs slices with
 * `subarray`/`Buffer#slice` — so inspecting a 500 MB model does not copy its weights.
 *
 * Every field is optional in these types, as in proto2: an absent field has the
 * default value. int64 fields come back as JS numbers (exact below 2^53, which
 * covers every dimension, count and opset version a real model holds).
 */
import protobuf from 'protobufjs/light.js';
import type { Type } from 'protobufjs';
import { ONNX_DESCRIPTOR } from './onnx-schema.js';

/** TensorProto.DataType, as upstream numbers it. */
export const DataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
  FLOAT4E2M1: 23,
  FLOAT8E8M0: 24,
  UINT2: 25,
  INT2: 26,
} as const;

/** AttributeProto.AttributeType. */
export const AttributeType = {
  UNDEFINED: 0,
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  TENSORS: 9,
  GRAPHS: 10,
  SPARSE_TENSOR: 11,
  SPARSE_TENSORS: 12,
  TYPE_PROTO: 13,
  TYPE_PROTOS: 14,
} as const;

/** TensorProto.DataLocation. */
export const DataLocation = { DEFAULT: 0, EXTERNAL: 1 } as const;

export interface StringStringEntryProto {
  key?: string;
  value?: string;
}

export interface OperatorSetIdProto {
  /** '' and 'ai.onnx' both mean the default ONNX domain. */
  domain?: string;
  version?: number;
}

export interface TensorShapeDimension {
  dimValue?: number;
  dimParam?: string;
  denotation?: string;
}

export interface TensorShapeProto {
  dim?: TensorShapeDimension[];
}

export interface TypeProtoTensor {
  elemType?: number;
  shape?: TensorShapeProto;
}

export interface TypeProto {
  tensorType?: TypeProtoTensor;
  sequenceType?: { elemType?: TypeProto };
  mapType?: { keyType?: number; valueType?: TypeProto };
  optionalType?: { elemType?: TypeProto };
  sparseTensorType?: TypeProtoTensor;
  denotation?: string;
}

export interface ValueInfoProto {
  name?: string;
  type?: TypeProto;
  docString?: string;
  metadataProps?: StringStringEntryProto[];
}

export interface TensorProto {
  dims?: number[];
  dataType?: number;
  segment?: { begin?: number; end?: number };
  floatData?: number[];
  int32Data?: number[];
  stringData?: Uint8Array[];
  int64Data?: number[];
  name?: string;
  docString?: string;
  /** Little-endian element bytes; a view into the decoded buffer. */
  rawData?: Uint8Array;
  /** Keys `location` (required), `offset`, `length`, `checksum`. */
  externalData?: StringStringEntryProto[];
  dataLocation?: number;
  doubleData?: number[];
  uint64Data?: number[];
  metadataProps?: StringStringEntryProto[];
}

export interface SparseTensorProto {
  values?: TensorProto;
  indices?: TensorProto;
  dims?: number[];
}

export interface AttributeProto {
  name?: string;
  refAttrName?: string;
  docString?: string;
  type?: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorProto;
  g?: GraphProto;
  sparseTensor?: SparseTensorProto;
  tp?: TypeProto;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
  tensors?: TensorProto[];
  graphs?: GraphProto[];
  sparseTensors?: SparseTensorProto[];
  typeProtos?: TypeProto[];
}

export interface NodeProto {
  input?: string[];
  output?: string[];
  name?: string;
  opType?: string;
  domain?: string;
  overload?: string;
  attribute?: AttributeProto[];
  docString?: string;
  metadataProps?: StringStringEntryProto[];
}

export interface GraphProto {
  node?: NodeProto[];
  name?: string;
  initializer?: TensorProto[];
  sparseInitializer?: SparseTensorProto[];
  docString?: string;
  input?: ValueInfoProto[];
  output?: ValueInfoProto[];
  valueInfo?: ValueInfoProto[];
  metadataProps?: StringStringEntryProto[];
}

export interface ModelProto {
  irVersion?: number;
  opsetImport?: OperatorSetIdProto[];
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  docString?: string;
  graph?: GraphProto;
  metadataProps?: StringStringEntryProto[];
  /** Model-local functions; their bodies are inlined by ONNX Runtime. */
  functions?: FunctionProto[];
}

export interface FunctionProto {
  name?: string;
  input?: string[];
  output?: string[];
  attribute?: string[];
  node?: NodeProto[];
  docString?: string;
  opsetImport?: OperatorSetIdProto[];
  domain?: string;
}

const root = protobuf.Root.fromJSON(ONNX_DESCRIPTOR);
const modelType = root.lookupType('onnx.ModelProto');
const graphType = root.lookupType('onnx.GraphProto');
const tensorType = root.lookupType('onnx.TensorProto');
const nodeType = root.lookupType('onnx.NodeProto');
const attributeType = root.lookupType('onnx.AttributeProto');

/**
 * int64 → number, repeated fields always arrays; `bytes` stay as the same views
 * (toObject only copies bytes when asked for base64 or arrays).
 */
const TO_PLAIN = { longs: Number, arrays: true } as const;

function encodeWith(type: Type, message: object): Uint8Array {
  // `encode` reads plain objects directly; skipping `fromObject` avoids a deep copy,
  // which matters when `message` holds hundreds of MB of raw_data.
  return type.encode(message).finish();
}

function decodeWith(type: Type, bytes: Uint8Array): object {
  return type.toObject(type.decode(bytes), TO_PLAIN);
}

/** Serialises a model; the result is one buffer holding every tensor's bytes. */
export function encodeModel(model: ModelProto): Uint8Array {
  return encodeWith(modelType, model);
}

/**
 * Parses model bytes. Throws protobufjs' Error on malformed input (truncated data,
 * bad wire types); it does not check ONNX semantics — `inspectModel` does that.
 */
export function decodeModel(bytes: Uint8Array): ModelProto {
  return decodeWith(modelType, bytes) as ModelProto;
}

export function encodeGraph(graph: GraphProto): Uint8Array {
  return encodeWith(graphType, graph);
}

export function encodeTensor(tensor: TensorProto): Uint8Array {
  return encodeWith(tensorType, tensor);
}

export function encodeNode(node: NodeProto): Uint8Array {
  return encodeWith(nodeType, node);
}

export function encodeAttribute(attribute: AttributeProto): Uint8Array {
  return encodeWith(attributeType, attribute);
}

export function decodeTensor(bytes: Uint8Array): TensorProto {
  return decodeWith(tensorType, bytes) as TensorProto;
}

/**
 * The field number upstream gives `field` of `message` ('GraphProto', 'initializer'
 * → 5), for writers that lay out length-delimited fields themselves.
 */
export function fieldNumber(message: 'ModelProto' | 'GraphProto' | 'TensorProto', field: string): number {
  const number = root.lookupType(`onnx.${message}`).fields[field]?.id;
  if (number === undefined) throw new Error(`onnx.${message} has no field ${field}`);
  return number;
}

/** The value of `key` in a list of entries, or undefined. */
export function entryValue(entries: readonly StringStringEntryProto[] | undefined, key: string): string | undefined {
  return entries?.find((entry) => entry.key === key)?.value;
}
