import { describe, expect, it } from 'vitest';
import {
  AttributeType,
  DataType,
  decodeModel,
  decodeTensor,
  encodeModel,
  encodeTensor,
  type ModelProto,
} from '../../../electron/core/models/onnx-proto.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function modelWithWeights(weights: Float32Array): ModelProto {
  return {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'g',
      node: [
        { opType: 'Identity', input: ['w'], output: ['y'], attribute: [{ name: 'a', type: AttributeType.INT, i: 3 }] },
      ],
      initializer: [
        { name: 'w', dims: [weights.length], dataType: DataType.FLOAT, rawData: new Uint8Array(weights.buffer) },
      ],
      output: [{ name: 'y', type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: [{ dimParam: 'n' }] } } } }],
    },
    metadataProps: [{ key: 'k', value: 'v' }],
  };
}

describe('the ONNX protobuf layer', () => {
  it('writes model fields with the field numbers of upstream onnx.proto', () => {
    expect(hex(encodeModel({ irVersion: 8 }))).toBe('0808');
    expect(hex(encodeModel({ opsetImport: [{ domain: '', version: 17 }] }))).toBe('42040a001011');
    expect(hex(encodeModel({ producerName: 'p', producerVersion: 'v' }))).toBe('1201701a0176');
    expect(hex(encodeModel({ graph: { name: 'g' } }))).toBe('3a03120167');
    expect(hex(encodeModel({ metadataProps: [{ key: 'k', value: 'v' }] }))).toBe('72060a016b120176');
  });

  it('writes tensor dims unpacked and typed data packed, as proto2 onnx.proto declares', () => {
    expect(hex(encodeTensor({ dims: [2, 3], dataType: DataType.FLOAT }))).toBe('080208031001');
    expect(hex(encodeTensor({ floatData: [1] }))).toBe('22040000803f');
    expect(hex(encodeTensor({ name: 'w', rawData: Uint8Array.of(7) }))).toBe('420177' + '4a0107');
    expect(hex(encodeTensor({ dataLocation: 1, externalData: [{ key: 'location', value: 'x' }] }))).toBe(
      '6a0d0a086c6f636174696f6e120178' + '7001',
    );
  });

  it('round-trips a model, int64 fields as numbers', () => {
    const model = modelWithWeights(Float32Array.of(1, 2, 3));
    const decoded = decodeModel(encodeModel(model));
    expect(decoded.irVersion).toBe(8);
    expect(decoded.opsetImport).toEqual([{ domain: '', version: 17 }]);
    expect(decoded.graph?.node?.[0]?.attribute?.[0]).toMatchObject({ name: 'a', type: AttributeType.INT, i: 3 });
    expect(decoded.graph?.output?.[0]?.type?.tensorType?.shape?.dim).toEqual([{ dimParam: 'n' }]);
    expect(decoded.metadataProps).toEqual([{ key: 'k', value: 'v' }]);
    expect(decodeTensor(encodeTensor({ dims: [3_000_000_000, 2] })).dims).toEqual([3_000_000_000, 2]);
  });

  it.each([
    ['a Uint8Array', (bytes: Uint8Array) => new Uint8Array(bytes)],
    ['a Node Buffer', (bytes: Uint8Array) => Buffer.from(bytes)],
  ])('decodes raw_data as a view into %s, not a copy', (_, wrap) => {
    const bytes = wrap(encodeModel(modelWithWeights(Float32Array.of(1.5, -2, 4))));
    const rawData = decodeModel(bytes).graph?.initializer?.[0]?.rawData;
    expect(rawData?.buffer).toBe(bytes.buffer);
    expect(Array.from(new Float32Array(Uint8Array.from(rawData ?? []).buffer))).toEqual([1.5, -2, 4]);
  });

  it('throws on truncated bytes', () => {
    const bytes = encodeModel(modelWithWeights(new Float32Array(64)));
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 10))).toThrow();
  });
});
