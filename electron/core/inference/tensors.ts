/**
 * Synthesises input tensors from resolved input shapes. Values are seeded so that runs
 * are repeatable; integer inputs that index an embedding stay inside its table, masks are
 * ones and position ids count up from the past length, as a real caller would feed them.
 */
import * as ort from 'onnxruntime-node';
import { DynoError } from '../../shared/errors.js';
import type { TensorInfo } from '../../shared/model.js';
import { gb } from './memory-cap.js';

/** mulberry32: small, fast and good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface InputContext {
  /** Exclusive upper bound for integer inputs that feed a Gather, by input name. */
  indexBounds: Record<string, number>;
  /** Past length for position ids of a decoder with a KV cache. */
  pastLength: number;
  seed: number;
  /** Inputs that would not fit under the session's memory cap are refused before allocating. */
  memoryCapBytes?: number;
}

export function makeInputs(inputs: TensorInfo[], context: InputContext): Record<string, ort.Tensor> {
  checkInputSizes(inputs, context.memoryCapBytes);
  const random = seededRandom(context.seed);
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of inputs) feeds[input.name] = makeTensor(input, context, random);
  return feeds;
}

/** Bytes per element of each dtype makeTensor writes; anything else counts as one. */
const ELEMENT_BYTES: Partial<Record<TensorInfo['dtype'], number>> = {
  float64: 8,
  int64: 8,
  uint64: 8,
  float32: 4,
  int32: 4,
  uint32: 4,
  float16: 2,
  int16: 2,
  uint16: 2,
};
/** The longest typed array V8 makes (2³² − 1 elements on 64-bit builds). */
const MAX_ELEMENTS = 2 ** 32 - 1;

/**
 * A declared dim of 1e12 would otherwise end in V8's "Invalid typed array length", or in
 * an allocation that takes the worker down: name the input and the fix instead.
 */
function checkInputSizes(inputs: TensorInfo[], capBytes: number | undefined): void {
  for (const input of inputs) {
    const dims = input.shape.map((d) => (typeof d === 'number' ? d : 1));
    const count = dims.reduce((a, b) => a * b, 1);
    const bytes = count * (ELEMENT_BYTES[input.dtype] ?? 1);
    const what = `Input "${input.name}" of shape [${dims.join(', ')}] (${input.dtype}) needs ${gb(bytes)}`;
    const fix = 'Set smaller sizes with --dim NAME=VALUE (or INPUT[AXIS]=VALUE), or check the dims the model declares';
    if (capBytes !== undefined && bytes > capBytes)
      throw new DynoError(
        'out-of-memory',
        `${what}, more than the memory cap of ${gb(capBytes)}. ${fix}, or raise the cap with --memory-cap SIZE.`,
      );
    if (count > MAX_ELEMENTS)
      throw new DynoError('input-invalid', `${what}: more than ${MAX_ELEMENTS} elements in one tensor. ${fix}.`);
  }
}

function makeTensor(input: TensorInfo, context: InputContext, random: () => number): ort.Tensor {
  const dims = input.shape.map((d) => (typeof d === 'number' ? d : 1));
  const count = dims.reduce((a, b) => a * b, 1);
  const ints = () => integerValues(input.name, dims, count, context, random);
  switch (input.dtype) {
    case 'float32':
      return new ort.Tensor(
        'float32',
        Float32Array.from({ length: count }, () => random() * 2 - 1),
        dims,
      );
    case 'float64':
      return new ort.Tensor(
        'float64',
        Float64Array.from({ length: count }, () => random() * 2 - 1),
        dims,
      );
    case 'float16':
      return new ort.Tensor(
        'float16',
        Uint16Array.from({ length: count }, () => toHalf(random() * 2 - 1)),
        dims,
      );
    case 'int64':
      return new ort.Tensor('int64', BigInt64Array.from(ints(), BigInt), dims);
    case 'uint64':
      return new ort.Tensor('uint64', BigUint64Array.from(ints(), BigInt), dims);
    case 'int32':
      return new ort.Tensor('int32', Int32Array.from(ints()), dims);
    case 'uint32':
      return new ort.Tensor('uint32', Uint32Array.from(ints()), dims);
    case 'int16':
      return new ort.Tensor('int16', Int16Array.from(ints()), dims);
    case 'uint16':
      return new ort.Tensor('uint16', Uint16Array.from(ints()), dims);
    case 'int8':
      return new ort.Tensor('int8', Int8Array.from(ints()), dims);
    case 'uint8':
      return new ort.Tensor('uint8', Uint8Array.from(ints()), dims);
    case 'bool':
      return new ort.Tensor(
        'bool',
        Uint8Array.from({ length: count }, () => (random() < 0.5 ? 0 : 1)),
        dims,
      );
    case 'int4':
    case 'uint4': {
      // Two 4-bit values per byte; any bit pattern is a valid pair of values.
      const packed = Array.from({ length: Math.ceil(count / 2) }, () => Math.floor(random() * 256));
      return input.dtype === 'int4'
        ? new ort.Tensor(
            'int4',
            Int8Array.from(packed, (b) => (b << 24) >> 24),
            dims,
          )
        : new ort.Tensor('uint4', Uint8Array.from(packed), dims);
    }
    case 'string':
      return new ort.Tensor(
        'string',
        Array.from({ length: count }, () => 'modeldyno'),
        dims,
      );
    default:
      throw new DynoError(
        'model-unsupported',
        `Input "${input.name}" has element type ${input.dtype}, which ModelDyno cannot synthesise yet.`,
      );
  }
}

function integerValues(
  name: string,
  dims: number[],
  count: number,
  context: InputContext,
  random: () => number,
): number[] {
  if (/mask/i.test(name)) return new Array<number>(count).fill(1);
  if (/position/i.test(name)) {
    const row = dims[dims.length - 1] ?? 1;
    return Array.from({ length: count }, (_, i) => context.pastLength + (i % row));
  }
  const bound = context.indexBounds[name];
  if (bound !== undefined && bound > 0) return Array.from({ length: count }, () => Math.floor(random() * bound));
  if (/type|segment/i.test(name)) return new Array<number>(count).fill(0);
  // An integer input of unknown meaning: small values are valid for most uses.
  return Array.from({ length: count }, () => Math.floor(random() * 2));
}

/** IEEE 754 half precision bits of a number in [-1, 1) (no overflow handling needed). */
function toHalf(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  if (exponent <= 0) return sign;
  return sign | (exponent << 10) | ((bits >>> 13) & 0x3ff);
}
