/** Initializer contents, described lazily so a model's size is known before its bytes. */
import type { TensorProto } from '../../electron/core/models/onnx-proto.js';
import { DataType } from '../../electron/core/models/onnx-proto.js';
import { fillNormal, fillUniform, seedFor } from './prng.js';

export type Init =
  | { kind: 'normal'; std: number; mean?: number }
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'constant'; value: number };

export const normal = (std: number, mean = 0): Init => ({ kind: 'normal', std, mean });
export const uniform = (low: number, high: number): Init => ({ kind: 'uniform', low, high });
export const constant = (value: number): Init => ({ kind: 'constant', value });
export const zeros = (): Init => constant(0);
export const ones = (): Init => constant(1);

/** A float32 weight: name, shape and how to fill it. */
export interface WeightSpec {
  name: string;
  dims: readonly number[];
  init: Init;
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((count, dim) => count * dim, 1);
}

/** The weight's values; the same seed and name always give the same values. */
export function materialise(spec: WeightSpec, modelSeed: number): Float32Array {
  const values = new Float32Array(elementCount(spec.dims));
  const seed = seedFor(modelSeed, spec.name);
  const { init } = spec;
  if (init.kind === 'normal') fillNormal(values, seed, init.std, init.mean);
  else if (init.kind === 'uniform') fillUniform(values, seed, init.low, init.high);
  else values.fill(init.value);
  return values;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** raw_data must be little-endian; views of typed arrays are only that on LE hosts. */
export function bytesOf(values: Float32Array | BigInt64Array): Uint8Array {
  if (!LITTLE_ENDIAN) throw new Error('model generation needs a little-endian host');
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

export function floatTensor(name: string, dims: readonly number[], values: Float32Array): TensorProto {
  return { name, dims: [...dims], dataType: DataType.FLOAT, rawData: bytesOf(values) };
}

export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): TensorProto {
  const data = BigInt64Array.from(values, (value) => BigInt(value));
  return { name, dims: [...dims], dataType: DataType.INT64, rawData: bytesOf(data) };
}
