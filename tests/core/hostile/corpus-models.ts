/**
 * Builders of hostile and broken model files, written into a fresh folder at test time.
 * Each takes the folder and returns the path to profile; what it must end in is in the
 * table of corpus.test.ts.
 */
import { linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  GraphProto,
  ModelProto,
  NodeProto,
  TensorProto,
  ValueInfoProto,
} from '../../../electron/core/models/onnx-proto.js';
import {
  AttributeType,
  DataLocation,
  DataType,
  encodeAttribute,
  encodeGraph,
  encodeModel,
  encodeNode,
  encodeTensor,
} from '../../../electron/core/models/onnx-proto.js';
import { Xoshiro128 } from '../../../models/builder/prng.js';
import { modelPath } from '../../helpers/paths.js';

export type Builder = (dir: string) => string;

const mlp = () => readFileSync(modelPath('mlp.onnx'));

const write = (dir: string, name: string, bytes: Uint8Array | string): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

const tensorType = (elemType: number, dims: readonly number[]): ValueInfoProto['type'] => ({
  tensorType: { elemType, shape: { dim: dims.map((d) => ({ dimValue: d })) } },
});

const value = (name: string, dims: readonly number[], elemType: number = DataType.FLOAT): ValueInfoProto => ({
  name,
  type: tensorType(elemType, dims),
});

function model(graph: GraphProto, opset = 17): ModelProto {
  return { irVersion: 8, producerName: 'modeldyno-hostile', opsetImport: [{ domain: '', version: opset }], graph };
}

/** x[1,4] + W → y: the smallest graph with one weight. */
function addGraph(weight: TensorProto, nodes: NodeProto[] = []): GraphProto {
  return {
    name: 'hostile',
    node: [...nodes, { opType: 'Add', input: ['x', weight.name ?? 'w'], output: ['y'], name: 'add' }],
    initializer: nodes.length === 0 ? [weight] : [],
    input: [value('x', [1, 4])],
    output: [value('y', [1, 4])],
  };
}

const FOUR_FLOATS = new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer);

function externalWeight(location: string, length = FOUR_FLOATS.length, name = 'w'): TensorProto {
  return {
    name,
    dims: [1, 4],
    dataType: DataType.FLOAT,
    dataLocation: DataLocation.EXTERNAL,
    externalData: [
      { key: 'location', value: location },
      { key: 'offset', value: '0' },
      { key: 'length', value: String(length) },
    ],
  };
}

/** The model in `<dir>/model/`, its weight at `location` relative to that folder. */
function externalModel(dir: string, location: string, viaConstant = false): string {
  const folder = join(dir, 'model');
  mkdirSync(folder, { recursive: true });
  const weight = externalWeight(location);
  const constant: NodeProto = {
    opType: 'Constant',
    output: ['w'],
    name: 'const',
    attribute: [{ name: 'value', type: AttributeType.TENSOR, t: weight }],
  };
  return write(folder, 'model.onnx', encodeModel(model(addGraph(weight, viaConstant ? [constant] : []))));
}

/** A secret beside the model folder, for links and `../` to reach. */
function secret(dir: string): string {
  return write(dir, 'secret.bin', FOUR_FLOATS);
}

export const empty: Builder = (dir) => write(dir, 'empty.onnx', new Uint8Array(0));

export const textFile: Builder = (dir) => write(dir, 'readme.onnx', 'This is not a model.\n'.repeat(50));

/** mlp.onnx cut after `fraction` of its bytes. */
export const truncated =
  (fraction: number): Builder =>
  (dir) => {
    const bytes = mlp();
    return write(dir, 'truncated.onnx', bytes.subarray(0, Math.max(1, Math.floor(bytes.length * fraction))));
  };

/**
 * mlp.onnx with `flips` bits flipped at seeded positions among its first `within` bytes
 * (the whole file by default; most of it is weights, where a flip changes only a value).
 */
export const bitFlipped =
  (seed: number, flips: number, within?: number): Builder =>
  (dir) => {
    const bytes = Uint8Array.from(mlp());
    const random = new Xoshiro128(seed);
    for (let i = 0; i < flips; i++) {
      const position = Math.floor(random.nextUniform() * Math.min(within ?? bytes.length, bytes.length));
      bytes[position]! ^= 1 << Math.floor(random.nextUniform() * 8);
    }
    return write(dir, `flipped-${seed}.onnx`, bytes);
  };

/** An ONNX TensorProto (an `input_0.pb` of the ONNX test data): protobuf, but not a model. */
export const tensorNotModel: Builder = (dir) => {
  const tensor: TensorProto = { name: 'input_0', dims: [1, 4], dataType: DataType.FLOAT, rawData: FOUR_FLOATS };
  return write(dir, 'input_0.pb', encodeTensor(tensor));
};

export const unknownOp: Builder = (dir) => {
  const graph: GraphProto = {
    name: 'unknown-op',
    node: [{ opType: 'FrobnicateTensor', input: ['x'], output: ['y'], name: 'frob' }],
    input: [value('x', [1, 4])],
    output: [value('y', [1, 4])],
  };
  return write(dir, 'unknown-op.onnx', encodeModel(model(graph)));
};

export const futureOpset: Builder = (dir) => {
  const graph: GraphProto = {
    name: 'future-opset',
    node: [{ opType: 'Relu', input: ['x'], output: ['y'], name: 'relu' }],
    input: [value('x', [1, 4])],
    output: [value('y', [1, 4])],
  };
  return write(dir, 'future-opset.onnx', encodeModel(model(graph, 999)));
};

/** An input declared [1, 1e12]: 4 TB of float32 for one run. */
export const hugeDims: Builder = (dir) => {
  const graph: GraphProto = {
    name: 'huge-dims',
    node: [{ opType: 'Relu', input: ['x'], output: ['y'], name: 'relu' }],
    input: [value('x', [1, 1e12])],
    output: [value('y', [1, 1e12])],
  };
  return write(dir, 'huge-dims.onnx', encodeModel(model(graph)));
};

/** A few hundred bytes asking ConstantOfShape for `elements` float32 values. */
export const constantOfShapeBomb =
  (elements: number): Builder =>
  (dir) => {
    const shape: TensorProto = {
      name: 'shape',
      dims: [1],
      dataType: DataType.INT64,
      rawData: new Uint8Array(BigInt64Array.from([BigInt(elements)]).buffer),
    };
    const one: TensorProto = { name: 'one', dims: [1], dataType: DataType.FLOAT, rawData: FOUR_FLOATS.subarray(0, 4) };
    const graph: GraphProto = {
      name: 'bomb',
      node: [
        {
          opType: 'ConstantOfShape',
          input: ['shape'],
          output: ['big'],
          name: 'bomb',
          attribute: [{ name: 'value', type: AttributeType.TENSOR, t: one }],
        },
        { opType: 'ReduceSum', input: ['big'], output: ['sum'], name: 'sum' },
        { opType: 'Add', input: ['x', 'sum'], output: ['y'], name: 'add' },
      ],
      initializer: [shape],
      input: [value('x', [1])],
      output: [value('y', [1])],
    };
    return write(dir, 'bomb.onnx', encodeModel(model(graph)));
  };

/** A length-delimited protobuf field: how bytes nested past protobufjs' depth limit are spliced. */
function field(number: number, bytes: Uint8Array): Uint8Array {
  const head: number[] = [(number << 3) | 2];
  for (let rest = bytes.length; ; rest = Math.floor(rest / 128)) {
    head.push(rest > 127 ? (rest % 128) | 128 : rest);
    if (rest <= 127) break;
  }
  return Buffer.concat([Uint8Array.from(head), bytes]);
}

/**
 * `levels` Ifs, each then-branch holding the next (the else-branch returns x, so the file
 * grows linearly). protobufjs refuses to encode past 100 nested messages, so the levels are
 * spliced as bytes: GraphProto.node = 1, NodeProto.attribute = 5, AttributeProto.g = 6.
 */
export const nestedIf =
  (levels: number): Builder =>
  (dir) => {
    const leaf = (out: string): GraphProto => ({
      name: 'leaf',
      node: [{ opType: 'Identity', input: ['x'], output: [out], name: `leaf_${out}` }],
      output: [value(out, [1])],
    });
    let body = encodeGraph(leaf('out0'));
    for (let level = 1; level <= levels; level++) {
      const out = `out${level}`;
      const thenBranch = Buffer.concat([
        encodeAttribute({ name: 'then_branch', type: AttributeType.GRAPH }),
        field(6, body),
      ]);
      const elseBranch = encodeAttribute({ name: 'else_branch', type: AttributeType.GRAPH, g: leaf(out) });
      const node = Buffer.concat([
        encodeNode({ opType: 'If', input: ['cond'], output: [out], name: `if${level}` }),
        field(5, elseBranch),
        field(5, thenBranch),
      ]);
      const io = levels === level ? { input: [value('cond', [], DataType.BOOL), value('x', [1])] } : {};
      body = Buffer.concat([encodeGraph({ name: `level${level}`, output: [value(out, [1])], ...io }), field(1, node)]);
    }
    const head = encodeModel({ ...model({ name: 'unused' }), graph: undefined });
    return write(dir, 'nested-if.onnx', Buffer.concat([head, field(7, body)]));
  };

export const externalParent: Builder = (dir) => {
  secret(dir);
  return externalModel(dir, '../secret.bin');
};

export const externalAbsolute: Builder = (dir) => externalModel(dir, secret(dir));

export const externalSymlink: Builder = (dir) => {
  const path = externalModel(dir, 'weights.bin');
  symlinkSync(secret(dir), join(dir, 'model', 'weights.bin'));
  return path;
};

export const externalHardLink: Builder = (dir) => {
  const path = externalModel(dir, 'weights.bin');
  linkSync(secret(dir), join(dir, 'model', 'weights.bin'));
  return path;
};

export const externalMissing: Builder = (dir) => externalModel(dir, 'weights.bin');

export const externalShort: Builder = (dir) => {
  const path = externalModel(dir, 'weights.bin');
  write(join(dir, 'model'), 'weights.bin', FOUR_FLOATS.subarray(0, 10));
  return path;
};

/** ORT's tag for "offset is a pointer into this process": arbitrary memory, if honoured. */
export const externalMemoryAddress: Builder = (dir) => externalModel(dir, '*/_ORT_MEM_ADDR_/*');

/** The escape hidden in a Constant node's tensor rather than an initializer. */
export const externalViaConstant: Builder = (dir) => {
  secret(dir);
  return externalModel(dir, '../secret.bin', true);
};

/** The control: external data done right, which must still profile. */
export const externalInside: Builder = (dir) => {
  const path = externalModel(dir, 'weights.bin');
  write(join(dir, 'model'), 'weights.bin', FOUR_FLOATS);
  return path;
};
