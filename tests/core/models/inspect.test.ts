import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectModel } from '../../../electron/core/models/inspect.js';
import {
  AttributeType,
  DataLocation,
  DataType,
  encodeModel,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from '../../../electron/core/models/onnx-proto.js';

const bundled = (name: string) => readFileSync(new URL(`../../../models/${name}.onnx`, import.meta.url));

const tensorValue = (name: string, elemType: number, dims: (number | string | undefined)[]): ValueInfoProto => ({
  name,
  type: {
    tensorType: {
      elemType,
      shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : dim ? { dimParam: dim } : {})) },
    },
  },
});
const node = (opType: string, input: string[], output: string[], extra: Partial<NodeProto> = {}): NodeProto => ({
  opType,
  input,
  output,
  ...extra,
});
const table = (name: string, dims: number[]): TensorProto => ({
  name,
  dims,
  dataType: DataType.FLOAT,
  rawData: new Uint8Array(4 * dims.reduce((a, b) => a * b, 1)),
});
const model = (graph: GraphProto, extra: Partial<ModelProto> = {}): Uint8Array =>
  encodeModel({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], graph, ...extra });

describe('inspectModel on the bundled models', () => {
  it.each([
    {
      name: 'mlp',
      inputs: [{ name: 'input', dtype: 'float32', shape: ['batch', 256] }],
      outputs: [{ name: 'output', dtype: 'float32', shape: ['batch', 128] }],
      opCounts: { Gemm: 2, Relu: 1, MatMul: 1, Add: 2, Constant: 3, Div: 1, Erf: 1, Mul: 2 },
      parameterCount: 853_632,
      indexBounds: {},
      dims: 'batch=512',
    },
    {
      name: 'cnn',
      inputs: [{ name: 'image', dtype: 'float32', shape: ['batch', 3, 'height', 'width'] }],
      outputs: [{ name: 'logits', dtype: 'float32', shape: ['batch', 10] }],
      opCounts: {
        Conv: 5,
        BatchNormalization: 5,
        Relu: 5,
        Add: 1,
        MaxPool: 1,
        GlobalAveragePool: 1,
        Flatten: 1,
        Gemm: 1,
      },
      parameterCount: 95_986,
      indexBounds: {},
      dims: 'batch=1,height=224,width=224',
    },
    {
      name: 'embedding',
      inputs: [{ name: 'ids', dtype: 'int64', shape: ['batch', 'sequence'] }],
      outputs: [{ name: 'features', dtype: 'float32', shape: ['batch', 16] }],
      opCounts: { Gather: 1, ReduceMean: 1, MatMul: 1, Add: 1 },
      parameterCount: 513_040,
      indexBounds: { ids: 8000 },
      dims: 'batch=32,sequence=512',
    },
  ])('describes $name: interface, ops, parameters, index bounds', (expected) => {
    const graph = inspectModel(bundled(expected.name));
    expect(graph.irVersion).toBe(8);
    expect(graph.producer).toBe('modeldyno-models 1');
    expect(graph.opsets).toEqual([{ domain: '', version: 17 }]);
    expect(graph.inputs).toEqual(expected.inputs);
    expect(graph.outputs).toEqual(expected.outputs);
    expect(graph.opCounts).toEqual(expected.opCounts);
    expect(graph.nodeCount).toBe(Object.values(expected.opCounts).reduce((a, b) => a + b, 0));
    expect(graph.parameterCount).toBe(expected.parameterCount);
    expect(graph.parameterBytes).toBe(4 * expected.parameterCount);
    expect(graph.indexBounds).toEqual(expected.indexBounds);
    expect(graph.metadata['modeldyno.dims']).toBe(expected.dims);
    expect(graph.externalData).toBe(false);
    expect(graph.externalDataFiles).toEqual([]);
  });

  it('describes the decoder in the Optimum layout, ids bounded by vocabulary and positions', () => {
    const graph = inspectModel(bundled('decoder'));
    const past = ['batch_size', 4, 'past_sequence_length', 32];
    expect(graph.inputs).toEqual([
      { name: 'input_ids', dtype: 'int64', shape: ['batch_size', 'sequence_length'] },
      { name: 'attention_mask', dtype: 'int64', shape: ['batch_size', 'total_sequence_length'] },
      { name: 'position_ids', dtype: 'int64', shape: ['batch_size', 'sequence_length'] },
      { name: 'past_key_values.0.key', dtype: 'float32', shape: past },
      { name: 'past_key_values.0.value', dtype: 'float32', shape: past },
      { name: 'past_key_values.1.key', dtype: 'float32', shape: past },
      { name: 'past_key_values.1.value', dtype: 'float32', shape: past },
    ]);
    expect(graph.outputs.map((output) => output.name)).toEqual([
      'logits',
      'present.0.key',
      'present.0.value',
      'present.1.key',
      'present.1.value',
    ]);
    expect(graph.outputs[1]?.shape).toEqual(['batch_size', 4, 'total_sequence_length', 32]);
    expect(graph.opCounts).toMatchObject({
      Gather: 4,
      LayerNormalization: 5,
      Softmax: 2,
      Concat: 4,
      Erf: 2,
      MatMul: 13,
    });
    expect(graph.parameterCount).toBe(685_568);
    expect(graph.indexBounds).toEqual({ input_ids: 2000, position_ids: 256 });
    expect(graph.metadata['modeldyno.dims']).toBe(
      'batch_size=1,sequence_length=32,past_sequence_length=0,total_sequence_length=32',
    );
  });
});

describe('inspectModel on hand-built graphs', () => {
  it('counts externally stored weights and lists their files once each, unvalidated', () => {
    const external = (name: string, location: string, dims: number[]): TensorProto => ({
      name,
      dims,
      dataType: DataType.FLOAT16,
      dataLocation: DataLocation.EXTERNAL,
      externalData: [
        { key: 'location', value: location },
        { key: 'offset', value: '0' },
      ],
    });
    const graph = inspectModel(
      model({
        initializer: [
          external('a', 'weights.bin', [10, 10]),
          external('b', '../other.bin', [5]),
          external('c', 'weights.bin', [3]),
        ],
        node: [node('Add', ['a', 'a'], ['y'])],
        output: [tensorValue('y', DataType.FLOAT16, [10, 10])],
      }),
    );
    expect(graph.externalData).toBe(true);
    expect(graph.externalDataFiles).toEqual(['weights.bin', '../other.bin']);
    expect(graph.parameterCount).toBe(108);
    expect(graph.parameterBytes).toBe(216);
  });

  it('sizes packed 4-bit, string and sparse initializers', () => {
    const graph = inspectModel(
      model({
        initializer: [
          { name: 'q', dims: [5], dataType: DataType.INT4, rawData: new Uint8Array(3) },
          { name: 's', dims: [2], dataType: DataType.STRING, stringData: [Uint8Array.of(1, 2, 3), Uint8Array.of(4)] },
        ],
        sparseInitializer: [
          {
            dims: [100, 10],
            values: { name: 'sp', dims: [4], dataType: DataType.FLOAT, floatData: [1, 2, 3, 4] },
            indices: { dims: [4], dataType: DataType.INT64, int64Data: [0, 5, 9, 20] },
          },
        ],
      }),
    );
    expect(graph.parameterCount).toBe(5 + 2 + 1000);
    expect(graph.parameterBytes).toBe(3 + 4 + 4000);
  });

  it('leaves out graph inputs that are initializers, as IR 3 exporters listed them', () => {
    const graph = inspectModel(
      model({
        input: [tensorValue('x', DataType.FLOAT, ['n', 4]), tensorValue('w', DataType.FLOAT, [4, 4])],
        initializer: [table('w', [4, 4])],
        node: [node('MatMul', ['x', 'w'], ['y'])],
        output: [tensorValue('y', DataType.FLOAT, ['n', 4])],
      }),
    );
    expect(graph.inputs.map((input) => input.name)).toEqual(['x']);
  });

  it('counts nodes inside If and Loop bodies and prefixes ops outside the default domain', () => {
    const branch = (op: string): GraphProto => ({
      node: [node(op, ['x'], ['z'])],
      output: [tensorValue('z', DataType.FLOAT, [])],
    });
    const loopBody: GraphProto = {
      node: [
        node('Add', ['x', 'x'], ['s']),
        node('If', ['c'], ['t'], { attribute: [{ name: 'then_branch', type: AttributeType.GRAPH, g: branch('Neg') }] }),
      ],
    };
    const graph = inspectModel(
      model(
        {
          node: [
            node('If', ['c'], ['y'], {
              attribute: [
                { name: 'then_branch', type: AttributeType.GRAPH, g: branch('Relu') },
                { name: 'else_branch', type: AttributeType.GRAPH, g: branch('Sigmoid') },
              ],
            }),
            node('Loop', ['m', 'c'], ['l'], { attribute: [{ name: 'body', type: AttributeType.GRAPH, g: loopBody }] }),
            node('MatMulNBits', ['x', 'q'], ['w'], { domain: 'com.microsoft' }),
            node('Relu', ['x'], ['r'], { domain: 'ai.onnx' }),
          ],
        },
        {
          opsetImport: [
            { domain: '', version: 17 },
            { domain: 'com.microsoft', version: 1 },
          ],
        },
      ),
    );
    expect(graph.opCounts).toEqual({
      If: 2,
      Relu: 2,
      Sigmoid: 1,
      Loop: 1,
      Add: 1,
      Neg: 1,
      'com.microsoft.MatMulNBits': 1,
    });
    expect(graph.nodeCount).toBe(9);
    expect(graph.opsets).toEqual([
      { domain: '', version: 17 },
      { domain: 'com.microsoft', version: 1 },
    ]);
  });

  it('bounds ids that reach a Gather through Cast and Unsqueeze, taking the smallest table', () => {
    const graph = inspectModel(
      model({
        input: [
          tensorValue('ids', DataType.INT32, ['b', 's']),
          tensorValue('other', DataType.INT64, ['b']),
          tensorValue('free', DataType.INT64, ['b']),
          tensorValue('x', DataType.FLOAT, [10, 3]),
        ],
        initializer: [table('big', [500, 8]), table('small', [300, 4]), table('wide', [2, 70])],
        node: [
          node('Cast', ['ids'], ['ids64'], { attribute: [{ name: 'to', type: AttributeType.INT, i: DataType.INT64 }] }),
          node('Unsqueeze', ['ids64', 'axes'], ['ids3']),
          node('Gather', ['big', 'ids3'], ['e1']),
          node('Gather', ['small', 'ids'], ['e2']),
          node('Gather', ['wide', 'other'], ['e3'], { attribute: [{ name: 'axis', type: AttributeType.INT, i: -1 }] }),
          node('Gather', ['x', 'free'], ['e4']),
        ],
      }),
    );
    expect(graph.indexBounds).toEqual({ ids: 300, other: 70 });
  });

  it('reports element types, symbolic, fixed and open dims, and non-tensor values', () => {
    const graph = inspectModel(
      model(
        {
          input: [
            tensorValue('half', DataType.FLOAT16, ['n', 3, undefined]),
            tensorValue('flag', DataType.BOOL, []),
            tensorValue('complex', DataType.COMPLEX64, [2]),
            { name: 'seq', type: { sequenceType: { elemType: { tensorType: { elemType: DataType.FLOAT } } } } },
            { name: 'maybe', type: { optionalType: { elemType: tensorValue('', DataType.INT8, [4]).type } } },
          ],
        },
        { producerName: 'pytorch', producerVersion: '' },
      ),
    );
    expect(graph.producer).toBe('pytorch');
    expect(graph.inputs).toEqual([
      { name: 'half', dtype: 'float16', shape: ['n', 3, null] },
      { name: 'flag', dtype: 'bool', shape: [] },
      { name: 'complex', dtype: 'unknown', shape: [2] },
      { name: 'seq', dtype: 'unknown', shape: [] },
      { name: 'maybe', dtype: 'int8', shape: [4] },
    ]);
  });
});
