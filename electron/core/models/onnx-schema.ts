/**
 * The subset of upstream onnx/onnx `onnx/onnx.proto` (proto2) that ModelDyno reads and
 * writes, as a protobufjs JSON descriptor. Field numbers are copied from upstream and
 * must never change; names are camelCase as protobufjs would derive them from the
 * .proto text. TrainingInfoProto is left out: decoding skips it as an unknown field, so
 * models that carry it still decode. FunctionProto keeps only what names its nodes: their
 * Constant tensors may point at external data, which must be checked like any other.
 *
 * A descriptor rather than .proto text because `protobufjs/light` (no parser) is
 * enough for it, which keeps a browser bundle small.
 */
import type { AnyNestedObject, INamespace } from 'protobufjs';

const stringEntries = (id: number) => ({ rule: 'repeated', type: 'StringStringEntryProto', id }) as const;

const MESSAGES: Record<string, AnyNestedObject> = {
  AttributeProto: {
    fields: {
      name: { type: 'string', id: 1 },
      refAttrName: { type: 'string', id: 21 },
      docString: { type: 'string', id: 13 },
      type: { type: 'AttributeType', id: 20 },
      f: { type: 'float', id: 2 },
      i: { type: 'int64', id: 3 },
      s: { type: 'bytes', id: 4 },
      t: { type: 'TensorProto', id: 5 },
      g: { type: 'GraphProto', id: 6 },
      sparseTensor: { type: 'SparseTensorProto', id: 22 },
      tp: { type: 'TypeProto', id: 14 },
      floats: { rule: 'repeated', type: 'float', id: 7 },
      ints: { rule: 'repeated', type: 'int64', id: 8 },
      strings: { rule: 'repeated', type: 'bytes', id: 9 },
      tensors: { rule: 'repeated', type: 'TensorProto', id: 10 },
      graphs: { rule: 'repeated', type: 'GraphProto', id: 11 },
      sparseTensors: { rule: 'repeated', type: 'SparseTensorProto', id: 23 },
      typeProtos: { rule: 'repeated', type: 'TypeProto', id: 15 },
    },
    nested: {
      AttributeType: {
        values: {
          UNDEFINED: 0,
          FLOAT: 1,
          INT: 2,
          STRING: 3,
          TENSOR: 4,
          GRAPH: 5,
          SPARSE_TENSOR: 11,
          TYPE_PROTO: 13,
          FLOATS: 6,
          INTS: 7,
          STRINGS: 8,
          TENSORS: 9,
          GRAPHS: 10,
          SPARSE_TENSORS: 12,
          TYPE_PROTOS: 14,
        },
      },
    },
  },
  ValueInfoProto: {
    fields: {
      name: { type: 'string', id: 1 },
      type: { type: 'TypeProto', id: 2 },
      docString: { type: 'string', id: 3 },
      metadataProps: stringEntries(4),
    },
  },
  NodeProto: {
    fields: {
      input: { rule: 'repeated', type: 'string', id: 1 },
      output: { rule: 'repeated', type: 'string', id: 2 },
      name: { type: 'string', id: 3 },
      opType: { type: 'string', id: 4 },
      domain: { type: 'string', id: 7 },
      overload: { type: 'string', id: 8 },
      attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
      docString: { type: 'string', id: 6 },
      metadataProps: stringEntries(9),
    },
  },
  ModelProto: {
    fields: {
      irVersion: { type: 'int64', id: 1 },
      opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
      producerName: { type: 'string', id: 2 },
      producerVersion: { type: 'string', id: 3 },
      domain: { type: 'string', id: 4 },
      modelVersion: { type: 'int64', id: 5 },
      docString: { type: 'string', id: 6 },
      graph: { type: 'GraphProto', id: 7 },
      metadataProps: stringEntries(14),
      functions: { rule: 'repeated', type: 'FunctionProto', id: 25 },
    },
  },
  FunctionProto: {
    fields: {
      name: { type: 'string', id: 1 },
      input: { rule: 'repeated', type: 'string', id: 4 },
      output: { rule: 'repeated', type: 'string', id: 5 },
      attribute: { rule: 'repeated', type: 'string', id: 6 },
      node: { rule: 'repeated', type: 'NodeProto', id: 7 },
      docString: { type: 'string', id: 8 },
      opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 9 },
      domain: { type: 'string', id: 10 },
    },
  },
  StringStringEntryProto: {
    fields: {
      key: { type: 'string', id: 1 },
      value: { type: 'string', id: 2 },
    },
  },
  TensorAnnotation: {
    fields: {
      tensorName: { type: 'string', id: 1 },
      quantParameterTensorNames: stringEntries(2),
    },
  },
  GraphProto: {
    fields: {
      node: { rule: 'repeated', type: 'NodeProto', id: 1 },
      name: { type: 'string', id: 2 },
      initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
      sparseInitializer: { rule: 'repeated', type: 'SparseTensorProto', id: 15 },
      docString: { type: 'string', id: 10 },
      input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
      output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
      valueInfo: { rule: 'repeated', type: 'ValueInfoProto', id: 13 },
      quantizationAnnotation: { rule: 'repeated', type: 'TensorAnnotation', id: 14 },
      metadataProps: stringEntries(16),
    },
  },
  TensorProto: {
    fields: {
      dims: { rule: 'repeated', type: 'int64', id: 1 },
      dataType: { type: 'int32', id: 2 },
      segment: { type: 'Segment', id: 3 },
      floatData: { rule: 'repeated', type: 'float', id: 4, options: { packed: true } },
      int32Data: { rule: 'repeated', type: 'int32', id: 5, options: { packed: true } },
      stringData: { rule: 'repeated', type: 'bytes', id: 6 },
      int64Data: { rule: 'repeated', type: 'int64', id: 7, options: { packed: true } },
      name: { type: 'string', id: 8 },
      docString: { type: 'string', id: 12 },
      rawData: { type: 'bytes', id: 9 },
      externalData: stringEntries(13),
      dataLocation: { type: 'DataLocation', id: 14 },
      doubleData: { rule: 'repeated', type: 'double', id: 10, options: { packed: true } },
      uint64Data: { rule: 'repeated', type: 'uint64', id: 11, options: { packed: true } },
      metadataProps: stringEntries(16),
    },
    nested: {
      Segment: {
        fields: {
          begin: { type: 'int64', id: 1 },
          end: { type: 'int64', id: 2 },
        },
      },
      DataLocation: { values: { DEFAULT: 0, EXTERNAL: 1 } },
    },
  },
  SparseTensorProto: {
    fields: {
      values: { type: 'TensorProto', id: 1 },
      indices: { type: 'TensorProto', id: 2 },
      dims: { rule: 'repeated', type: 'int64', id: 3 },
    },
  },
  TensorShapeProto: {
    fields: {
      dim: { rule: 'repeated', type: 'Dimension', id: 1 },
    },
    nested: {
      Dimension: {
        oneofs: { value: { oneof: ['dimValue', 'dimParam'] } },
        fields: {
          dimValue: { type: 'int64', id: 1 },
          dimParam: { type: 'string', id: 2 },
          denotation: { type: 'string', id: 3 },
        },
      },
    },
  },
  TypeProto: {
    oneofs: {
      value: {
        oneof: ['tensorType', 'sequenceType', 'mapType', 'optionalType', 'sparseTensorType'],
      },
    },
    fields: {
      tensorType: { type: 'Tensor', id: 1 },
      sequenceType: { type: 'Sequence', id: 4 },
      mapType: { type: 'Map', id: 5 },
      optionalType: { type: 'Optional', id: 9 },
      sparseTensorType: { type: 'SparseTensor', id: 8 },
      denotation: { type: 'string', id: 6 },
    },
    nested: {
      Tensor: {
        fields: {
          elemType: { type: 'int32', id: 1 },
          shape: { type: 'TensorShapeProto', id: 2 },
        },
      },
      Sequence: { fields: { elemType: { type: 'TypeProto', id: 1 } } },
      Map: {
        fields: {
          keyType: { type: 'int32', id: 1 },
          valueType: { type: 'TypeProto', id: 2 },
        },
      },
      Optional: { fields: { elemType: { type: 'TypeProto', id: 1 } } },
      SparseTensor: {
        fields: {
          elemType: { type: 'int32', id: 1 },
          shape: { type: 'TensorShapeProto', id: 2 },
        },
      },
    },
  },
  OperatorSetIdProto: {
    fields: {
      domain: { type: 'string', id: 1 },
      version: { type: 'int64', id: 2 },
    },
  },
};

/**
 * protobufjs treats JSON-described types as proto3 unless told otherwise, which
 * would pack `dims`/`ints` and drop fields set to ''/0 (an INT attribute `axis = 0`
 * would be written without its value). onnx.proto is proto2: say so on every type.
 */
export const ONNX_DESCRIPTOR: INamespace = {
  nested: {
    onnx: {
      nested: Object.fromEntries(
        Object.entries(MESSAGES).map(([name, message]) => [name, { ...message, edition: 'proto2' }]),
      ),
    },
  },
};
